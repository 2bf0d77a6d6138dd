"""Which address an anonymous page is kept under (home/page_cache.py): two different addresses
never share an entry."""


def test_a_bar_in_the_path_is_not_a_bar_in_the_query(client, site):
    # "/fragen/" asked with the query string "|" and "/fragen/|" asked without one are two
    # addresses: the second is no page (404), whatever the first stored.
    listing = site.urls["question list"]
    assert client.get(listing + "?|").status_code == 200
    assert client.get(listing + "?|").status_code == 200  # served from its entry

    assert client.get(listing + "|").status_code == 404
