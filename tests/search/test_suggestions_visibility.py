"""'Meinten Sie …?' and autocomplete offer only words and titles the visitor may find (issue 11,
M1; issue 12, item 4): never from a hidden or pending post, a hidden question, a never-published
page, a password-protected, login- or group-restricted page, or a restricted edition."""

import re

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from board.models import Visibility
from tests.factories import EventPageFactory, TopicPageFactory, ask, reply

from .conftest import whoosh_only

pytestmark = [whoosh_only]

SEARCH_URL = "/suche/"

# One word per place it must not leak from, each found nowhere else, and a typo of it.
SECRETS = {
    "hidden post": ("Quastenflosser", "Quastenflosse"),
    "pending post": ("Pfeilschwanzkrebs", "Pfeilschwanzkrabs"),
    "hidden question": ("Nacktmulle", "Nacktmule"),
    "draft page": ("Schnabeltier", "Schnabeltir"),
    "password page": ("Gürteltier", "Gurteltier"),
    "login page": ("Kugelfisch", "Kugelfich"),
    "group page": ("Seeanemone", "Seeanemonr"),
    "restricted edition": ("Wandelröschen", "Wandelroeschn"),
}


@pytest.fixture
def secrets(corpus, indexing):
    topics = corpus["topic"].get_parent()
    anna = corpus["anna"]
    with indexing():
        thread = corpus["thread"]
        hidden = reply(thread, anna, body=f"Ein {SECRETS['hidden post'][0]} im Depot.")
        hidden.visibility = Visibility.HIDDEN
        hidden.save()
        pending = reply(thread, anna, body=f"Der {SECRETS['pending post'][0]} wartet.")
        pending.visibility = Visibility.PENDING
        pending.save()
        question = ask(corpus["e2025"], anna, title=f"{SECRETS['hidden question'][0]} im Archiv")
        question.visibility = Visibility.HIDDEN
        question.save()
        pages = {}
        for kind in ("draft page", "password page", "login page", "group page"):
            word = SECRETS[kind][0]
            pages[kind] = TopicPageFactory(
                parent=topics,
                title=f"{word} Sammlung",
                slug=kind.replace(" ", "-"),
                summary=f"Über den {word}.",
                live=kind != "draft page",
            )
        PageViewRestriction.objects.create(
            page=pages["password page"],
            restriction_type=PageViewRestriction.PASSWORD,
            password="geheim",  # noqa: S106 - test data
        )
        PageViewRestriction.objects.create(
            page=pages["login page"], restriction_type=PageViewRestriction.LOGIN
        )
        restriction = PageViewRestriction.objects.create(
            page=pages["group page"], restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.create(name="Intern"))
        edition = EventPageFactory(
            parent=corpus["e2025"].get_parent(), title="Geschlossene Tagung", slug="geschlossen"
        )
        PageViewRestriction.objects.create(page=edition, restriction_type=PageViewRestriction.LOGIN)
        ask(edition, anna, title=f"{SECRETS['restricted edition'][0]} in der Vitrine")
    return corpus


def _suggestion(client, text):
    response = client.get(SEARCH_URL, {"q": text})
    assert response.status_code == 200
    return response.text


def test_did_you_mean_never_offers_a_word_the_visitor_cannot_find(client, secrets):
    leaked = {}
    for kind, (word, typo) in SECRETS.items():
        text = _suggestion(client, typo)
        if "Meinten Sie" in text or word in text:
            leaked[kind] = word

    assert leaked == {}


def test_autocomplete_never_offers_a_title_the_visitor_cannot_find(client, secrets):
    leaked = {}
    for kind, (word, _typo) in SECRETS.items():
        response = client.get(reverse("search_autocomplete"), {"q": word[:6]})
        assert response.status_code == 200
        if word in response.content.decode():
            leaked[kind] = word

    assert leaked == {}


def test_did_you_mean_still_offers_visible_words(client, secrets):
    assert "Meinten Sie" in _suggestion(client, "Landesstele")


def test_did_you_mean_prefers_a_visible_word_to_a_more_frequent_invisible_one(
    client, corpus, indexing
):
    # "Zwergpinguin" is in a draft, a restricted page, a hidden question and a pending post;
    # one published reply says "Zwergpinguine": only that may be offered for "Zwergpingiun".
    with indexing():
        reply(corpus["thread"], corpus["ben"], body="Zwergpinguine gibt es im Zoo.")

    text = _suggestion(client, "Zwergpinguinn")

    offered = re.search(
        r'Meinten Sie <a href="[^"]+" class="search-suggestion__link">(.*?)</a>', text
    )
    assert offered is not None
    assert offered.group(1) == "Zwergpinguine"
