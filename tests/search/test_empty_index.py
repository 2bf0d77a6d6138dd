"""A freshly created, empty index answers every kind of request with nothing, never an error."""

from wagtail.models import Page

import pytest

from board.models import Thread
from search import services

from .conftest import whoosh_only

pytestmark = [whoosh_only, pytest.mark.django_db]


@pytest.fixture
def empty_backend(tmp_path):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default", PATH=str(tmp_path / "index"))
    backend.store.reset()
    return backend


@pytest.mark.parametrize("model", [Page, Thread])
@pytest.mark.parametrize("order_by_relevance", [True, False])
def test_search_count_and_scores_on_an_empty_index(empty_backend, model, order_by_relevance):
    results = empty_backend.search(
        "Förderung", model.objects.all(), order_by_relevance=order_by_relevance
    )

    assert list(results) == []
    assert results.count() == 0
    assert list(results.annotate_score("_score")[:10]) == []
    assert list(empty_backend.search('"offene Daten"', model.objects.filter(pk__gt=0))) == []


def test_facet_autocomplete_and_suggest_on_an_empty_index(empty_backend):
    assert empty_backend.search("Förderung", Page.objects.all()).facet("live") == {}
    assert list(empty_backend.autocomplete("För", Page.objects.all())) == []
    assert empty_backend.suggest("Foerdrung") is None


def test_search_page_on_an_empty_index(client, clean_index):
    response = client.get("/suche/", {"q": "Förderung"})

    assert response.status_code == 200
    assert services.search_site("Förderung").total == 0
    assert client.get("/suche/", {"q": "Förderung", "jahr": "2025"}).status_code == 200
