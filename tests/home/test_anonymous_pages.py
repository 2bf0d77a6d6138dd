"""Anonymous pages set no cookie and render no CSRF token (issue 9): they can be cached."""

import pytest

from tests.crowd import build_site


@pytest.fixture
def site(db):
    return build_site()


def test_anonymous_responses_of_every_page_type_carry_no_cookie(client, site):
    for name, url in site.urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert not response.cookies, (name, list(response.cookies))
        assert "Set-Cookie" not in response, name
        assert b"csrfmiddlewaretoken" not in response.content, name


def test_the_flat_view_of_a_visitor_sets_no_cookie(client, site):
    response = client.get(site.urls["thread"], {"ansicht": "flach"})

    assert response.status_code == 200
    assert not response.cookies


def test_signed_in_participants_still_get_their_forms(client, site):
    client.force_login(site.ben)

    thread = client.get(site.urls["thread"])
    edition = client.get(site.urls["edition"])

    assert b"csrfmiddlewaretoken" in thread.content
    assert b"csrfmiddlewaretoken" in edition.content
