"""The route from a save or delete to the index: signal handlers and the index task."""

import logging

from django.db.models.signals import post_delete, post_save

from modelsearch import signal_handlers as modelsearch_handlers
from modelsearch.query import PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from board.models import Post, Thread
from search import signal_handlers, tasks
from tests.factories import TopicIndexPageFactory, TopicPageFactory, make_site_home
from wiki.models import TopicPage

from .conftest import whoosh_only


def found(model, text):
    return list(get_search_backend().search(PlainText(text), model.objects.all()))


def disconnect(signal, model, receiver=None, *, dispatch_uid=None):
    """Whether ``receiver`` (or the one connected under ``dispatch_uid``) was connected to
    ``signal`` for ``model``: ``Signal.disconnect`` answers that, and removes it."""
    return signal.disconnect(receiver, sender=model, dispatch_uid=dispatch_uid)


@pytest.fixture
def reregister():
    """The route as the app sets it up again after a test that took handlers off (idempotent)."""
    yield
    signal_handlers.register()


@pytest.mark.parametrize("model", [Thread, Post, Page, TopicPage])
def test_modelsearch_handlers_are_replaced_by_the_task_route(model, reregister):
    assert not disconnect(post_save, model, modelsearch_handlers.post_save_signal_handler)
    assert not disconnect(post_delete, model, modelsearch_handlers.post_delete_signal_handler)
    uid = signal_handlers.DISPATCH_UID
    assert disconnect(post_save, model, dispatch_uid=uid)
    assert disconnect(post_delete, model, dispatch_uid=uid)


def test_register_is_idempotent_and_disconnects_late_modelsearch_handlers(reregister):
    post_save.connect(modelsearch_handlers.post_save_signal_handler, sender=Thread)

    signal_handlers.register()
    signal_handlers.register()

    assert not disconnect(post_save, Thread, modelsearch_handlers.post_save_signal_handler)
    uid = signal_handlers.DISPATCH_UID
    assert disconnect(post_save, Thread, dispatch_uid=uid)  # connected once:
    assert not disconnect(post_save, Thread, dispatch_uid=uid)  # nothing left after one


def test_nothing_is_enqueued_before_the_commit(db, django_capture_on_commit_callbacks, clean_index):
    with django_capture_on_commit_callbacks(execute=True):
        home = make_site_home()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        home.title = "Zwischenstand"
        home.save()
        home.save()  # the same object twice in one transaction: one task
    assert len(callbacks) == 1  # waiting for the commit
    assert found(Page, "Zwischenstand") == []  # nothing written yet

    callbacks[0]()
    assert [page.pk for page in found(Page, "Zwischenstand")] == [home.pk]


@pytest.fixture
def topics(db, django_capture_on_commit_callbacks, clean_index):
    with django_capture_on_commit_callbacks(execute=True):
        return TopicIndexPageFactory(parent=make_site_home())


def test_page_publish_edit_unpublish_and_delete_reach_the_index(
    topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        topic = TopicPageFactory(parent=topics, title="Ringbuchscanner", summary="Alt")
    assert found(TopicPage, "Ringbuchscanner") == [topic]

    with django_capture_on_commit_callbacks(execute=True):
        topic.summary = "Buchtunnel"
        topic.save_revision().publish()
    assert found(TopicPage, "Buchtunnel") == [topic]

    with django_capture_on_commit_callbacks(execute=True):
        topic.unpublish()
    # Drafts stay in the index for the admin search; the public search filters on `live`.
    assert found(TopicPage, "Buchtunnel") == [topic]
    assert (
        list(get_search_backend().search(PlainText("Buchtunnel"), TopicPage.objects.live())) == []
    )

    with django_capture_on_commit_callbacks(execute=True):
        topic.delete()
    assert found(TopicPage, "Buchtunnel") == []


@whoosh_only
def test_delete_removes_the_document_from_the_index_files(
    topics, django_capture_on_commit_callbacks
):
    from whoosh import query as wq

    with django_capture_on_commit_callbacks(execute=True):
        topic = TopicPageFactory(parent=topics, title="Spurlos")
        pk = topic.pk
    with django_capture_on_commit_callbacks(execute=True):
        topic.delete()

    with get_search_backend().store.searcher() as searcher:
        assert list(searcher.docs_for_query(wq.Term("id", f"wagtailcore.page:{pk}"))) == []


@whoosh_only
def test_writes_leave_merging_to_a_task_of_its_own(
    topics, django_capture_on_commit_callbacks, monkeypatch
):
    from search.backends.whoosh import MERGE_FACTOR, WhooshSearchBackend

    merged = []
    merge = WhooshSearchBackend.merge_segments
    monkeypatch.setattr(
        WhooshSearchBackend, "merge_segments", lambda backend: merged.append(merge(backend))
    )
    store = get_search_backend().store

    def segments():
        with store.searcher() as searcher:
            return len(searcher.reader().leaf_readers())

    pages, counts = [], []
    for n in range(2 * MERGE_FACTOR):
        with django_capture_on_commit_callbacks(execute=True):
            pages.append(TopicPageFactory(parent=topics, title=f"Sammelmappe {n}"))
        counts.append(segments())

    # Every page is searchable right after its own task; the writes asked for merges, each
    # ran as a task of its own, and the segments stay fewer than one per write.
    assert {page.pk for page in found(TopicPage, "Sammelmappe")} == {page.pk for page in pages}
    assert merged and all(count >= MERGE_FACTOR for count in merged)
    assert max(counts) <= MERGE_FACTOR
    monkeypatch.undo()
    assert tasks.merge_search_index.call() == 0  # nothing left to merge


def test_task_reads_the_current_state_and_is_idempotent(topics):
    topic = TopicPageFactory(parent=topics, title="Zustandsprobe")  # not indexed (no commit)

    assert found(TopicPage, "Zustandsprobe") == []
    tasks.update_search_index.call("wiki.topicpage", str(topic.pk))
    tasks.update_search_index.call("wagtailcore.page", str(topic.pk))  # any label of the tree
    assert found(TopicPage, "Zustandsprobe") == [topic]

    pk = topic.pk
    Page.objects.filter(pk=pk).delete()
    assert tasks.sync_object("wiki.topicpage", str(pk)) == {"default": "removed"}
    assert tasks.sync_object("wiki.topicpage", str(pk)) == {"default": "removed"}
    assert found(TopicPage, "Zustandsprobe") == []


def test_task_for_an_unknown_model_does_nothing(db):
    assert tasks.sync_object("nowhere.model", "1") == {}


def test_task_failure_is_logged_recorded_as_failed_and_never_raised(topics, monkeypatch, caplog):
    from search.backends.whoosh import IndexLocked, WhooshSearchBackend

    def locked(self, obj):
        raise IndexLocked("held by another writer")

    monkeypatch.setattr(WhooshSearchBackend, "add", locked, raising=False)
    monkeypatch.setattr("modelsearch.backends.base.BaseSearchBackend.add", locked, raising=False)
    topic = TopicPageFactory(parent=topics, title="Gesperrt")

    with caplog.at_level(logging.ERROR, logger="search.tasks"):
        result = tasks.update_search_index.enqueue("wiki.topicpage", str(topic.pk))

    # The request that enqueued it goes on; the task's last attempt is recorded as failed.
    assert result.status.name == "FAILED"
    assert result.errors[0].exception_class_path == "search.tasks.IndexUpdateFailed"
    assert "IndexLocked" in result.errors[0].traceback
    assert any("update_index" in record.getMessage() for record in caplog.records)
