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
        *(query for query in JUNK if query != "?&"),  # "?&": the form's spelling of no filter
        "?ausgabe=1999",  # no such edition: the list of all questions
        "?ausgabe=02025",
        "?ausgabe=2025&ausgabe=2025",
        "?phase=irgendwann",
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
    # The space written "%20": the same filter, redirected to the address its links give.
    response = client.get(site.urls["question list"] + "?schlagwort=offene%20daten")
    assert response.status_code == 302
    assert response["Location"] == link


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


def assert_no_page(client, stored, url):
    before = len(stored)
    for _ in range(2):
        assert client.get(url).status_code == 404, url
    assert len(stored) == before, url


def test_a_tag_no_public_question_or_topic_carries_has_no_addresses(client, site, stored, change):
    # A tag nobody uses, a tag only a hidden question carries, a board tag no topic carries
    # (one tag table): the board's feed, the wiki's tag page and its feed are no pages.
    hidden = site.threads[0]
    change(lambda: hidden.tags.add("nur-verborgen"))
    change(lambda: type(hidden).objects.filter(pk=hidden.pk).update(visibility="hidden"))
    index = site.topic_index
    for tag in ("gibt-es-nicht", "nur-verborgen"):
        assert_no_page(client, stored, reverse("board:tag_feed", args=[tag]))
    for tag in ("gibt-es-nicht", "frage-0"):
        for name in ("tag", "tag_feed"):
            assert_no_page(client, stored, index.url + index.reverse_subpage(name, args=[tag]))


def test_a_known_tag_feed_is_stored_under_its_name_as_written(client, site, stored):
    url = site.urls["board tag feed"]
    assert_stored(client, stored, url, "Scanner")
    # Another spelling redirects to it (no entry of its own), made-up paths are no pages.
    before = len(stored)
    response = client.get(reverse("board:tag_feed", args=["DIGITALISIERUNG"]))
    assert response.status_code == 301
    assert response["Location"] == url
    assert len(stored) == before
    assert_no_page(client, stored, url.replace("digitalisierung", "digitalisierung/x"))


def test_a_feed_asked_with_another_spelling_of_its_number_is_answered_but_not_stored(
    client, site, stored
):
    pk = site.thread.pk
    for url, text in (
        (reverse("board:edition_feed", args=[2025]).replace("2025", "02025"), "Scanner"),
        (reverse("board:thread_feed", args=[pk]).replace(f"/{pk}/", f"/00{pk}/"), "Antwort 0"),
        (site.urls["thread"].replace(f"/{pk}-", f"/0{pk}-"), "Antwort 0"),
    ):
        assert_answered_but_not_stored(client, stored, url, text)
    assert_no_page(client, stored, reverse("board:thread_feed", args=[pk + 1000]))
    assert_no_page(client, stored, reverse("board:edition_feed", args=[1999]))


# What the question list's filter form sends (every field, empty ones and the default sort
# too) -> the list's own address for the same filter.
FORM_QUERIES = {
    "?ausgabe=&phase=&status=&sortierung=aktivitaet": "",
    "?ausgabe=2025&phase=&status=&sortierung=aktivitaet": "?ausgabe=2025",
    "?ausgabe=2025&phase=nachlese&status=&sortierung=neu&unbeantwortet=1": (
        "?ausgabe=2025&phase=nachlese&sortierung=neu&unbeantwortet=1"
    ),
    "?ausgabe=&phase=&status=&sortierung=aktivitaet&schlagwort=digitalisierung": (
        "?schlagwort=digitalisierung"
    ),
    "?sortierung=neu&ausgabe=2025": "?ausgabe=2025&sortierung=neu",  # another order
    "?phase=": "",
    "?&": "",
}


@pytest.mark.parametrize("query", FORM_QUERIES)
def test_the_filter_forms_query_redirects_to_the_lists_own_address(client, site, stored, query):
    url = site.urls["question list"]
    before = len(stored)
    response = client.get(url + query)
    assert response.status_code == 302
    assert response["Location"] == url + FORM_QUERIES[query]
    assert len(stored) == before

    assert_stored(client, stored, response["Location"], site.thread.title)
    # The form's query again: the same redirect, and the list behind it from the cache.
    assert client.get(url + query)["Location"] == response["Location"]
    assert served_from_the_cache(client, response["Location"])


def test_the_question_list_redirects_nothing_but_the_forms_spelling(client, site, stored):
    url = site.urls["question list"]
    kept = (
        "",  # its own addresses: no loop
        "?ausgabe=2025",
        "?ausgabe=2025&phase=nachlese&sortierung=neu&unbeantwortet=1&schlagwort=digitalisierung",
        # A value that did not take effect as given is not exchanged for another filter.
        "?ausgabe=1999&phase=&sortierung=aktivitaet",
        "?ausgabe=02025&phase=",
        "?phase=irgendwann&status=",
        "?schlagwort=DIGITALISIERUNG&phase=",
        "?schlagwort=gibt-es-nicht&phase=",
        "?thema=999999&phase=",
        "?seite=&phase=",
        # An unknown parameter: answered, not stored, as before.
        "?phase=&utm_source=mastodon",
        "?phase=&x=",
    )
    for query in kept:
        response = client.get(url + query)
        assert response.status_code == 200, query
