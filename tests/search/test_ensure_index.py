"""`manage.py ensure_search_index` (called by `make run`) rebuilds only an unusable index."""

import io
import json
import os

from django.core.management import call_command

from wagtail.search.backends import get_search_backend

import pytest

from search.backends.whoosh import INDEX_FORMAT, IndexUnavailable
from tests.factories import StandardPageFactory, make_site_home
from tests.search.conftest import whoosh_only

pytestmark = [whoosh_only, pytest.mark.django_db]


@pytest.fixture
def own_index_path(settings, tmp_path):
    """The default backend on an index directory of this test's own, not built yet."""
    backends = {**settings.WAGTAILSEARCH_BACKENDS}
    backends["default"] = {**backends["default"], "PATH": str(tmp_path / "index")}
    settings.WAGTAILSEARCH_BACKENDS = backends


def _run():
    out = io.StringIO()
    call_command("ensure_search_index", stdout=out)
    return out.getvalue()


def _titles():
    backend = get_search_backend()
    from wagtail.models import Page

    return {page.title for page in backend.search("Leitlinien", Page)}


def test_an_index_of_an_older_format_is_rebuilt(clean_index):
    home = make_site_home()
    StandardPageFactory(parent=home, title="Leitlinien für Kooperationen", slug="leitlinien")
    store = get_search_backend().store
    meta_path = os.path.join(store.current_dir(), "meta.json")
    with open(meta_path, "w", encoding="utf-8") as fh:
        json.dump({"format": INDEX_FORMAT - 1, "language": store.language}, fh)
    with pytest.raises(IndexUnavailable):
        _titles()

    output = _run()

    assert "Suchindex wird neu aufgebaut" in output
    assert _titles() == {"Leitlinien für Kooperationen"}


def test_a_current_index_is_left_alone(clean_index):
    store = get_search_backend().store
    before = store.current_dir()

    output = _run()

    assert "Suchindex ist aktuell." in output
    assert store.current_dir() == before


def test_a_fresh_database_gets_its_index_without_a_warning(own_index_path):
    # `make run` right after the first `migrate`: Wagtail's root and welcome pages, no index.
    store = get_search_backend().store
    assert store.current_dir() is None
    out, err = io.StringIO(), io.StringIO()

    call_command("ensure_search_index", skip_checks=False, stdout=out, stderr=err)

    assert out.getvalue() == "Suchindex wird angelegt.\n"
    assert err.getvalue() == ""  # no search.W001 before the index is built
    assert store.current_dir() is not None


def test_an_index_out_of_step_is_left_alone_and_reported(own_index_path):
    home = make_site_home()
    page = StandardPageFactory(parent=home, title="Leitlinien für Kooperationen", slug="leitlinien")
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    backend = get_search_backend()
    backend.delete_by_pk(type(page), page.pk)  # the index lost a document
    out, err = io.StringIO(), io.StringIO()

    call_command("ensure_search_index", skip_checks=False, stdout=out, stderr=err)

    assert out.getvalue() == "Suchindex ist aktuell.\n"
    assert "search.W003" in err.getvalue()  # the search checks run after the command's work
