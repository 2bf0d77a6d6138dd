"""A missing index is never recreated empty by a write, and operators see its state (issue 11,
M5): the write fails loudly, `manage.py check` warns, the admin dashboard says so, and
`ensure_search_index` (called by `make run`) builds it."""

import io
import logging
import shutil

from django.core.management import call_command

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from board.models import Thread
from search import health
from search.backends.whoosh import IndexMissing
from tests.factories import StandardPageFactory, UserFactory, make_site_home

from .conftest import whoosh_only

pytestmark = [whoosh_only, pytest.mark.django_db]


@pytest.fixture
def own_index(settings, tmp_path):
    """The default backend on an index directory of this test's own, built from the database."""
    backends = {**settings.WAGTAILSEARCH_BACKENDS}
    backends["default"] = {**backends["default"], "PATH": str(tmp_path / "index")}
    settings.WAGTAILSEARCH_BACKENDS = backends
    return get_search_backend()


def _build():
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_write_to_a_missing_index_fails_loudly_and_creates_nothing(
    own_index, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        home = make_site_home()
        StandardPageFactory(parent=home, title="Lizenzen", slug="lizenzen")
    _build()
    shutil.rmtree(own_index.store.path)  # the index directory is lost

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=home, title="Leitlinien", slug="leitlinien")

    assert own_index.store.current_dir() is None  # not recreated empty
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("update_index" in message for message in errors), errors
    with pytest.raises(IndexMissing):
        own_index.add(Page.objects.get(slug="lizenzen").specific)


def test_the_first_write_of_an_empty_site_creates_the_index(own_index):
    Page.objects.exclude(depth=1).delete()
    root = Page.objects.get(depth=1)

    own_index.add(root)  # nothing else to index: an index with this one document is right

    assert own_index.store.current_dir() is not None
    assert [p.pk for p in own_index.search("Root", Page.objects.all())] == [root.pk]


def test_check_warns_about_a_missing_index(own_index):
    make_site_home()

    messages = health.check_search_index()

    assert [m.id for m in messages] == ["search.W001"]
    assert "fehlt" in messages[0].msg
    err = io.StringIO()
    call_command("check", stdout=io.StringIO(), stderr=err)
    assert "search.W001" in err.getvalue()


def test_check_warns_about_an_index_out_of_step_with_the_database(own_index):
    home = make_site_home()
    page = StandardPageFactory(parent=home, title="Lizenzen", slug="lizenzen")
    _build()
    assert health.check_search_index() == []

    own_index.delete_by_pk(Page, page.pk)  # the index lost a document

    messages = health.check_search_index()
    assert [m.id for m in messages] == ["search.W003"]
    pages = Page.objects.count()
    assert f"Seiten: {pages - 1} im Index, {pages} in der Datenbank" in messages[0].msg


def test_ensure_search_index_builds_a_missing_index(own_index):
    home = make_site_home()
    StandardPageFactory(parent=home, title="Leitlinien für Kooperationen", slug="leitlinien")
    assert own_index.store.current_dir() is None

    call_command("ensure_search_index", stdout=io.StringIO())

    found = own_index.search("Leitlinien", Page.objects.all())
    assert [p.title for p in found] == ["Leitlinien für Kooperationen"]
    assert health.check_search_index() == []


@pytest.mark.parametrize(
    ("role", "sees"), [("superuser", True), ("Redaktion", True), ("Moderation", False)]
)
def test_the_dashboard_shows_the_index_state_to_superusers_and_editors(
    client, own_index, role, sees
):
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    from home.roles import ensure_roles

    ensure_roles()
    make_site_home()
    cache.delete(health.CACHE_KEY)
    user = UserFactory(is_superuser=role == "superuser", is_staff=role == "superuser")
    if role != "superuser":
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    response = client.get("/admin/")

    assert response.status_code == 200
    text = response.content.decode()
    assert ("Der Suchindex fehlt, obwohl die Datenbank Inhalte hat" in text) is sees
    assert Thread.objects.count() == 0
