"""The anonymous search cache stores a search only under its canonical query string: a URL with
junk or repeated parameters is answered but not stored, so junk cannot fill the cache."""

from django.urls import reverse

import pytest

from tests.crowd import build_site
from tests.factories import TopicPageFactory
from wiki.models import TopicIndexPage


@pytest.fixture
def stored(db, settings, django_capture_on_commit_callbacks, page_entries):
    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 600, "MAX_AGE": 10}
    with django_capture_on_commit_callbacks(execute=True):
        build_site()
    return page_entries


def test_a_junk_parameter_is_answered_but_not_stored(client, stored):
    url = reverse("search")
    plain = client.get(url + "?q=Scanner")
    assert plain.status_code == 200
    assert len(stored) == 1

    for junk in ("?q=Scanner&x=1", "?q=Scanner&q=Scanner", "?x=2&q=Scanner", "?q=Scanner&typ=zz"):
        response = client.get(url + junk)
        assert response.status_code == 200
        assert "Scanner" in response.text
    assert len(stored) == 1


def test_canonical_searches_with_sort_facets_and_page_are_stored(
    client, stored, django_capture_on_commit_callbacks
):
    index = TopicIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):  # a second page of results
        for n in range(10):
            TopicPageFactory(parent=index, title=f"Scanner im Verbund {n}", slug=f"verbund-{n}")
    url = reverse("search")
    response = client.get(url + "?q=Scanner&sortierung=neueste&seite=2")
    assert "Seite 2 von 2" in response.text
    assert len(stored) == 1


def test_a_page_number_beyond_the_results_is_answered_but_not_stored(client, stored):
    # The search shows its last page for any larger number: each number would add a copy.
    url = reverse("search")
    for number in ("999", "999999"):
        response = client.get(url + "?q=Scanner&seite=" + number)
        assert response.status_code == 200
        assert "Scanner" in response.text
    assert stored == []
