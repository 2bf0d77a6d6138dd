"""The Chefredaktion's dashboard panel: topic pages due for review by "Zuletzt geprüft"."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from wiki.services import topics_due_for_review


@pytest.fixture
def topics(make_topic):
    today = timezone.localdate()
    return {
        "never": make_topic(title="Nie geprüft", last_reviewed=None),
        "old": make_topic(title="Lange her", last_reviewed=today - datetime.timedelta(days=400)),
        "older": make_topic(title="Noch länger her", last_reviewed=datetime.date(2020, 1, 1)),
        "fresh": make_topic(
            title="Frisch geprüft", last_reviewed=today - datetime.timedelta(days=30)
        ),
        "draft": make_topic(title="Entwurf", live=False, last_reviewed=None),
    }


@pytest.mark.django_db
def test_due_topics_never_reviewed_first_then_oldest(topics):
    due = [topic.title for topic in topics_due_for_review()]

    assert due == ["Nie geprüft", "Noch länger her", "Lange her"]


@pytest.mark.django_db
def test_chefredaktion_sees_the_panel(client, topics, chief_editor):
    client.force_login(chief_editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Themenseiten zur Prüfung fällig" in html
    assert "3 veröffentlichte Themenseiten wurden seit über einem Jahr" in html
    assert html.index("Nie geprüft") < html.index("Noch länger her") < html.index("Lange her")
    assert "Frisch geprüft" not in html
    assert '<time datetime="2020-01-01">' in html


@pytest.mark.django_db
def test_redaktion_does_not_see_the_panel(client, topics, editor):
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Themenseiten zur Prüfung fällig" not in html


@pytest.mark.django_db
def test_panel_queries_do_not_grow_with_the_topics(
    client, make_topic, chief_editor, django_assert_max_num_queries
):
    client.force_login(chief_editor)
    make_topic(last_reviewed=None)
    with django_assert_max_num_queries(80) as one:
        client.get(reverse("wagtailadmin_home"))
    for _ in range(8):
        make_topic(last_reviewed=None)

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("wagtailadmin_home"))
