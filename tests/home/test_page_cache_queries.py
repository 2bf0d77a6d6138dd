"""The anonymous page cache stores a page only under its canonical query string (review r,
finding 1): each cached view names the parameters that made its page, and a request whose query
string is anything but their encoding (an unknown parameter, a repeated or empty one, another
order, a value that changed nothing) is answered as before but adds no entry, so made-up query
strings cannot fill the cache. The thread page's and the search's own checks:
test_page_cache_addresses.py and test_search_cache_keys.py."""

from urllib.parse import quote_plus

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

# Query strings no page of the site writes.
JUNK = ("?utm_source=mastodon", "?a=1&a=2", "?x=", "?&", "?seite=1&seite=1")


@pytest.fixture
def stored(site, page_entries):
    return page_entries


def served_from_the_cache(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code == 200 and not captured.captured_queries


def assert_answered_but_not_stored(client, stored, url, text):
    before = len(stored)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    assert len(stored) == before, url


def assert_stored(client, stored, url, text):
    before = len(stored)
    response = client.get(url)
    assert response.status_code == 200, url
    assert text in response.content.decode(), url
    assert len(stored) == before + 1, url
    assert served_from_the_cache(client, url), url


# Every cached page without parameters of its own, with a text it shows.
PLAIN_PAGES = {
    "home": "Konferenz 2025",
    "edition": "Konferenz 2025",
    "topic index": "Scanner teilen 0",
    "topic": "Scanner teilen 0",
    "standard page": "Impressum",
    "tag page": "Scanner teilen 0",
    "recent changes": "Scanner teilen 0",
    "recent changes feed": "Scanner teilen 0",
    "thread feed": "Antwort 0",
    "edition feed": "Scanner",
    "board tag feed": "Scanner",
}


@pytest.mark.parametrize("name", PLAIN_PAGES)
def test_a_page_without_parameters_is_stored_only_without_a_query_string(
    client, site, stored, name
):
    url, text = site.urls[name], PLAIN_PAGES[name]
    for junk in JUNK:
        assert_answered_but_not_stored(client, stored, url + junk, text)

    assert_stored(client, stored, url, text)


def test_the_question_list_is_stored_only_under_its_own_filters(client, site, stored):
    url = site.urls["question list"]
    title = site.thread.title
    junk = (
        *JUNK,
        "?ausgabe=1999",  # no such edition: the list of all questions
        "?ausgabe=02025",
        "?ausgabe=2025&ausgabe=2025",
        "?phase=",
        "?phase=irgendwann",
        "?sortierung=aktivitaet",  # the default
        "?sortierung=neu&ausgabe=2025",  # not the order of the page's own links
        "?schlagwort=DIGITALISIERUNG",  # matches, but is not the tag's name
        "?schlagwort=digitalisierung+",
        f"?thema={site.topic.pk}&thema={site.topic.pk}",
        "?seite=01",
        "?seite=last",
    )
    for query in junk:
        assert_answered_but_not_stored(client, stored, url + query, title)
    # A filter that matches nothing is answered (an empty list) and not stored either.
    for query in ("?schlagwort=gibt-es-nicht", "?thema=999999"):
        before = len(stored)
        response = client.get(url + query)
        assert response.status_code == 200
        assert title not in response.content.decode()
        assert len(stored) == before, query

    own = (
        "",
        "?ausgabe=2025",
        "?schlagwort=digitalisierung",
        f"?thema={site.topic.pk}",
        "?seite=1",
        "?ausgabe=2025&phase=nachlese&sortierung=neu&unbeantwortet=1&schlagwort=digitalisierung",
    )
    for query in own:
        assert_stored(client, stored, url + query, title)


def test_a_tag_with_a_space_is_stored_under_the_address_its_links_give(
    client, site, stored, change
):
    change(lambda: site.thread.tags.add("offene daten"))
    thread_page = client.get(site.urls["thread"]).content.decode()
    link = site.urls["question list"] + "?schlagwort=" + quote_plus("offene daten")
    assert f'href="{link}"' in thread_page

    assert_stored(client, stored, link, site.thread.title)
    assert_answered_but_not_stored(
        client, stored, site.urls["question list"] + "?schlagwort=offene%20daten", "offene daten"
    )


def test_the_topic_index_is_stored_only_under_a_tag_it_shows(client, site, stored):
    url = site.urls["topic index"]
    for query in (*JUNK, "?tag=", "?tag=digitalisierung&tag=digitalisierung"):
        assert_answered_but_not_stored(client, stored, url + query, "Scanner teilen 0")
    # A tag no topic carries (the filter takes the slug as it is): no topics, and no entry.
    for query in ("?tag=gibt-es-nicht", "?tag=Digitalisierung"):
        assert_answered_but_not_stored(client, stored, url + query, "Themen")

    assert_stored(client, stored, url + "?tag=digitalisierung", "Scanner teilen 0")
    # The index's sub-pages (tag page, recent changes) take no parameter, this one neither.
    for name in ("tag page", "recent changes"):
        assert_answered_but_not_stored(
            client, stored, site.urls[name] + "?tag=digitalisierung", "Scanner teilen 0"
        )


def test_the_moderation_log_is_stored_only_under_its_own_parameters(client, site, stored):
    url = reverse("board:moderation_log")
    for query in (*JUNK, "?ausgabe=1999", "?ausgabe=2025&x=1", "?ausgabe="):
        assert_answered_but_not_stored(client, stored, url + query, "Konferenz 2025")

    for query in ("", "?ausgabe=2025"):
        assert_stored(client, stored, url + query, "Konferenz 2025")


def test_the_thread_page_keeps_its_own_parameters_in_their_order(client, site, stored):
    url = site.urls["thread"]
    for query in ("?seite=1&ansicht=flach", "?seite=7", "?ansicht=flach&ansicht=flach"):
        assert_answered_but_not_stored(client, stored, url + query, "Antwort 0")

    for query in ("?ansicht=flach&seite=1", "?seite=1"):
        assert_stored(client, stored, url + query, "Antwort 0")
