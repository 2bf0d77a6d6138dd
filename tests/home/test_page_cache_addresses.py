"""Which address an anonymous page is kept under (home/page_cache.py): two different addresses
never share an entry, and a thread page asked with a query string of more than its own
parameters is answered but adds no entry (a crowd of made-up query strings fills no cache)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


def test_a_bar_in_the_path_is_not_a_bar_in_the_query(client, site):
    # "/fragen/" asked with the query string "|" and "/fragen/|" asked without one are two
    # addresses: the second is no page (404), whatever the first stored.
    listing = site.urls["question list"]
    assert client.get(listing + "?|").status_code == 200
    assert client.get(listing + "?|").status_code == 200  # served from its entry

    assert client.get(listing + "|").status_code == 404


def test_a_thread_page_with_a_made_up_query_string_is_answered_but_not_kept(client, site):
    url = site.urls["thread"]
    for junk in ("?utm_source=mastodon", "?seite=2&seite=3", "?ansicht=quer", "?x=1"):
        first = client.get(url + junk)
        again, queries = queries_of(client, url + junk)
        assert first.status_code == again.status_code == 200
        assert queries > 0, junk  # rendered again: nothing was kept for it

    # The page's own parameters are kept as before.
    for own in ("", "?ansicht=flach", "?seite=1"):
        client.get(url + own)
        again, queries = queries_of(client, url + own)
        assert again.status_code == 200
        assert queries == 0, own
