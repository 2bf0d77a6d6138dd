"""'Weitere Treffer zu Ihrer Frage' on the search page (issue 12): a question whose full matches
do not fill the first page gets, below them, related results from one more search with any of
its words, expanded by pseudo-relevance feedback; nothing else does."""

import re

from wagtail.models import PageViewRestriction

import pytest

from board.models import Visibility
from search import services
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
    ask,
    make_site_home,
)

from .conftest import whoosh_only
from .test_page import result_urls

SEARCH_URL = "/suche/"
QUESTION = "Wo findet die Tagung statt?"
HEADING = "Weitere Treffer zu Ihrer Frage"


@pytest.fixture
def site(indexing):
    with indexing():
        home = make_site_home()
        edition = EventPageFactory(
            parent=EventIndexPageFactory(parent=home), title="Jahrestreffen", slug="treffen"
        )
        topics = TopicIndexPageFactory(parent=home)
        anna = UserFactory(display_name="Anna Archiv")
        made = {
            "edition": edition,
            "venue": ask(
                edition, anna, title="Die Tagung findet im Zuse-Institut statt", body="Berlin."
            ),
            "program": ask(edition, anna, title="Programm der Tagung", body="Vorträge."),
            "place": ask(edition, anna, title="Anreise zum Zuse-Institut", body="Mit der U3."),
            "other": ask(edition, anna, title="Scanner für Glasplatten", body="Welche?"),
            "hidden": ask(
                edition, anna, title="Zuse-Institut Zugang versteckt", body="Zuse-Institut."
            ),
            "draft": TopicPageFactory(
                parent=topics,
                title="Zuse-Institut Lageplan",
                slug="lageplan",
                summary="Zuse-Institut",
                live=False,
            ),
            "private": TopicPageFactory(
                parent=topics, title="Zuse-Institut intern", slug="intern", summary="Zuse-Institut"
            ),
        }
        made["hidden"].visibility = Visibility.HIDDEN
        made["hidden"].save()
        PageViewRestriction.objects.create(
            page=made["private"], restriction_type=PageViewRestriction.LOGIN
        )
    return made


def url(obj):
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else obj.url


def sections(response):
    """``(full matches, related results)``: the result links above and below the heading."""
    related = response.text.partition('id="search-related-heading"')[2]
    links = re.findall(r'<h3 class="search-result__title"><a href="([^"]+)"', related)
    return result_urls(response), links


@pytest.fixture
def searches(monkeypatch):
    """The index searches the search page runs (``search_documents`` calls): whether each was
    expanded by feedback (only the related results' search is)."""
    calls = []
    original = services.documents

    class Counting:
        def __init__(self, reader):
            self.reader = reader

        def __getattr__(self, name):
            return getattr(self.reader, name)

        def search_documents(self, *args, **kwargs):
            calls.append(bool(kwargs.get("feedback")))
            return self.reader.search_documents(*args, **kwargs)

    monkeypatch.setattr(services, "documents", lambda backend: Counting(original(backend)))
    return calls


@whoosh_only
def test_a_question_with_a_weak_full_match_shows_related_results_below_it(client, site):
    response = client.get(SEARCH_URL, {"q": QUESTION})

    full, related = sections(response)
    assert full == [url(site["venue"])]
    assert HEADING in response.text
    # "Tagung" alone, and the place the full match names, found by its words only (so is the
    # edition, held at the Zuse-Institut).
    assert related[0] == url(site["program"])
    assert set(related) == {url(site["program"]), url(site["place"]), url(site["edition"])}
    # The count is the full matches'.
    assert "1 Treffer für" in response.text


def test_related_results_never_show_what_a_visitor_may_not_see(client, site):
    response = client.get(SEARCH_URL, {"q": QUESTION})

    full, related = sections(response)
    for key in ("hidden", "draft", "private"):
        assert url(site[key]) not in full + related, key
    assert "versteckt" not in response.text
    assert "Lageplan" not in response.text


def test_a_query_that_is_no_question_shows_no_related_results_and_searches_once(
    client, site, searches
):
    response = client.get(SEARCH_URL, {"q": "Tagung findet statt"})

    assert sections(response) == ([url(site["venue"])], [])
    assert HEADING not in response.text
    assert searches and not any(searches)
    plain = len(searches)

    searches.clear()
    client.get(SEARCH_URL, {"q": QUESTION})
    # A question: one more search, for the related results.
    assert searches.count(True) == 1
    assert len(searches) == plain + 1


def test_later_pages_and_a_question_without_full_match_get_no_related_results(
    client, site, searches
):
    # No result has all the words: the results with some of them are the list itself.
    response = client.get(SEARCH_URL, {"q": "Wo findet die Tagung in Dahlem statt?"})
    assert "Kein Treffer enthält alle Wörter" in response.text
    assert HEADING not in response.text
    assert searches and not any(searches)  # no search for related results


def test_the_english_page_shows_the_english_heading(client, site):
    response = client.get("/en/search/", {"q": QUESTION})

    assert "More results related to your question" in response.text
    assert HEADING not in response.text
    assert sections(response)[1]
