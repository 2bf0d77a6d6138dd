"""The search page's offer of the other language's pages ("N pages in German contain all the
words") counts only pages a visitor of that language could open: never a draft, a page behind
a login or a password, or words that are only in a page's unpublished changes."""

import re

from wagtail.models import PageViewRestriction

from tests.factories import TopicPageFactory

ENGLISH_SEARCH = "/en/search/"
GERMAN_SEARCH = "/suche/"


def other_language_offer(response):
    match = re.search(r'class="search-note search-other-language">(.*?)</p>', response.text, re.S)
    return " ".join(match.group(1).split()) if match else None


def test_the_offer_counts_no_draft_and_no_restricted_page(client, corpus):
    # "Zwergpinguin" is in the German corpus's draft and login-only pages alone.
    response = client.get(ENGLISH_SEARCH, {"q": "Zwergpinguin"})

    assert response.status_code == 200
    assert other_language_offer(response) is None


def test_the_offer_counts_no_password_protected_page(client, corpus, indexing):
    with indexing():
        page = TopicPageFactory(
            parent=corpus["topic"].get_parent(),
            title="Passwortgeschützt Blaumeise",
            slug="blaumeise",
            summary="Blaumeise",
        )
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

    response = client.get(ENGLISH_SEARCH, {"q": "Blaumeise"})

    assert other_language_offer(response) is None


def test_the_offer_counts_no_words_of_unpublished_changes(client, corpus, indexing):
    with indexing():
        topic = corpus["topic"]
        topic.summary = "Rotkehlchen im Entwurf"
        topic.save_revision()  # a draft of the live page, not published

    response = client.get(ENGLISH_SEARCH, {"q": "Rotkehlchen"})

    assert other_language_offer(response) is None


def test_the_offer_counts_no_unpublished_translation(client, corpus, indexing):
    with indexing():
        english = corpus["topic"].copy_for_translation(corpus["en"], copy_parents=True)
        english.title = "Kingfisher funding"
        english.slug = "kingfisher"
        english.save_revision()  # the translation is not published

    response = client.get(GERMAN_SEARCH, {"q": "Kingfisher"})

    assert other_language_offer(response) is None


def test_the_offer_names_only_languages_the_site_serves(client, corpus, indexing):
    # A locale left from a language the site no longer serves (Wagtail keeps its pages):
    # its pages have no search page to link to.
    from wagtail.models import Locale

    with indexing():
        french = Locale.objects.create(language_code="fr")
        TopicPageFactory(
            parent=corpus["topic"].get_parent(),
            title="Martin-pêcheur",
            slug="martin-pecheur",
            summary="Martinpecheur",
            locale=french,
        )

    response = client.get(GERMAN_SEARCH, {"q": "Martinpecheur"})

    assert response.status_code == 200
    assert other_language_offer(response) is None
