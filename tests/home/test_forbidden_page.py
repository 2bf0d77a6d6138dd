"""The 403 page in the site's layout, German and English (issue 11): a participant opening
another's post history got Django's bare English "403 Forbidden"."""

import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    UserFactory,
    ask,
    make_site_home,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def others_post(db):
    home = make_site_home()
    edition = EventPageFactory(parent=EventIndexPageFactory(parent=home), slug="2025")
    thread = ask(edition, UserFactory(display_name="Anna"), title="Wie teilen kleine Häuser?")
    return thread.posts.get()


def test_403_in_german_in_the_site_layout(client, others_post):
    client.force_login(UserFactory())

    response = client.get(reverse("board:edit", args=[others_post.pk]))

    text = text_of(response)
    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["403.html", "base.html"]
    assert "Kein Zugriff" in text
    assert "Diese Seite dürfen Sie nicht aufrufen." in text
    assert "Zum Inhalt springen" in text  # the site's layout
    assert "Forbidden" not in text


def test_403_in_english(client, others_post):
    client.force_login(UserFactory())
    with translation.override("en"):
        url = reverse("board:edit", args=[others_post.pk])

    response = client.get(url)

    text = text_of(response)
    assert url.startswith("/en/")
    assert response.status_code == 403
    assert "No access" in text
    assert "You may not open this page." in text
    assert "Kein Zugriff" not in text


def test_csrf_failure_uses_the_site_layout(others_post):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())

    response = client.post(reverse("board:vote", args=[others_post.pk]))

    text = text_of(response)
    assert response.status_code == 403
    assert "Kein Zugriff" in text
    assert "Sicherheitsprüfung (CSRF)" in text
    assert "Zum Inhalt springen" in text
