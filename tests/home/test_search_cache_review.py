"""Review (helper r) of the anonymous search cache (6954c2d): what a moderator hides is gone from
the next anonymous search; German and English searches, and headers a client chooses
(Accept-Language, X-Forwarded-Host), never share an entry."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from board import services
from tests.crowd import build_site
from tests.factories import make_moderator


@pytest.fixture
def site(db, settings, django_capture_on_commit_callbacks):
    """The crowd site, indexed through the project's route (signal -> on_commit -> task)."""
    from wagtail.search.backends import get_search_backend

    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 600, "MAX_AGE": 10}
    backend = get_search_backend()
    if hasattr(backend, "store"):
        backend.store.reset()  # Whoosh keeps its files across tests
    with django_capture_on_commit_callbacks(execute=True):
        return build_site()


def test_a_hidden_question_leaves_the_cached_anonymous_search_at_once(client, site, change):
    url = reverse("search")
    address = f'href="{site.thread.get_absolute_url()}"'
    client.get(url, {"q": "Scanner"})
    assert address in client.get(url, {"q": "Scanner"}).text  # served from the cache
    moderator = make_moderator(email="mod@example.org")

    change(
        lambda: services.hide_post(
            post=site.thread.posts.get(parent=None), moderator=moderator, reason="Spam"
        )
    )

    assert address not in client.get(url, {"q": "Scanner"}).text


def test_language_and_client_headers_never_share_an_entry(site):
    german_url = reverse("search")
    with translation.override("en"):
        english_url = reverse("search")
    assert german_url != english_url

    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(german_url, {"q": "Scanner"})
    german = Client().get(german_url, {"q": "Scanner"})
    assert english.content == german.content  # the path decides the language, not the header
    assert '<html lang="de"' in german.text

    Client().get(english_url, {"q": "Scanner"})
    assert '<html lang="en"' in Client().get(english_url, {"q": "Scanner"}).text
    assert '<html lang="de"' in Client().get(german_url, {"q": "Scanner"}).text

    forwarded = Client(HTTP_X_FORWARDED_HOST="evil.example").get(german_url, {"q": "Scanner"})
    assert b"evil.example" not in forwarded.content
