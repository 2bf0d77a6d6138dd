"""Index writes under concurrency, with real processes (marked ``search_writes``; about 30 s).

Each test starts child processes (tests/search/write_worker.py, multiprocessing "spawn") that
set Django up with the test settings against one shared database -- a copy of the SQLite test
database, or pytest-django's PostgreSQL test database when ``DATABASE_URL`` names one -- and one
shared Whoosh index directory. Every child writes to the index through the production route
(save -> commit -> on-commit handler -> task), so each is an index writer of its own: harder
than production, where a single ``db_worker`` writes.
"""

import multiprocessing
import queue as queue_module
import sqlite3

from django.db import connection, transaction
from django.utils import timezone

import pytest

from board.models import Thread

from . import write_worker
from .conftest import whoosh_only

pytestmark = [pytest.mark.slow, pytest.mark.search_writes, whoosh_only]

CONTEXT = multiprocessing.get_context("spawn")


class Children:
    """Start children on the shared database and index; collect what they report."""

    def __init__(self, env):
        self.env = env
        self.queue = CONTEXT.Queue()
        self.processes = []

    def start(self, role, *args, env=None):
        process = CONTEXT.Process(
            target=getattr(write_worker, role),
            args=({**self.env, **(env or {})}, self.queue, *args),
            name=role,
        )
        process.start()
        self.processes.append(process)
        return process

    def run(self, role, *args, env=None, timeout=120):
        process = self.start(role, *args, env=env)
        result = self.get(timeout)
        process.join(timeout)
        assert process.exitcode == 0, f"{role} exited with {process.exitcode}"
        return result

    def get(self, timeout=120):
        try:
            return self.queue.get(timeout=timeout)
        except queue_module.Empty:
            codes = {p.name: p.exitcode for p in self.processes}
            raise AssertionError(f"no report from the children (exit codes {codes})") from None

    def close(self):
        for process in self.processes:
            process.join(5)
            if process.is_alive():
                process.kill()


@pytest.fixture
def children(request, tmp_path, django_db_serialized_rollback, transactional_db, django_db_blocker):
    """Children sharing a database and an index directory (fresh for each test)."""
    env = {"KOOPERATIONSRAUM_TEST_INDEX_DIR": str(tmp_path / "index")}
    if connection.vendor == "sqlite":
        # The test database lives in this process's memory: children get a file copy of it.
        path = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        env["KOOPERATIONSRAUM_TEST_SQLITE"] = str(path)
    else:
        # Children commit to pytest-django's test database; `transactional_db` with serialised
        # rollback empties and restores it afterwards.
        env["KOOPERATIONSRAUM_TEST_DB_NAME"] = connection.settings_dict["NAME"]
    kids = Children(env)
    yield kids
    kids.close()


def indexed_threads(children):
    """The question primary keys in the shared index, read in this process."""
    from wagtail.search.backends import get_search_backend

    from whoosh import query as wq

    backend = get_search_backend("default", PATH=children.env["KOOPERATIONSRAUM_TEST_INDEX_DIR"])
    with backend.store.searcher() as searcher:
        pks = searcher.reader().column_reader("pk")
        return [int(pks[n]) for n in searcher.docs_for_query(wq.Term("ct", "board.thread"))]


def test_four_processes_saving_at_once_leave_exactly_the_database_in_the_index(children):
    # Arrange
    children.run("setup")
    barrier = CONTEXT.Barrier(4)

    # Act: 4 x 200 saves at once (creates, changes, deletes, rolled-back creates).
    for worker in range(4):
        children.start("save_many", worker, 200, barrier)
    reports = [children.get(timeout=180) for _ in range(4)]
    state = children.run("verify")

    # Assert
    assert sorted(report["worker"] for report in reports) == [0, 1, 2, 3]
    assert len(state["db"]) == 4 * 140  # 160 created per process, 20 deleted again
    assert state["indexed"] == state["db"]  # each row once, no deleted row, no duplicate
    assert state["found"] == state["public"]
    assert len(state["amended"]) == 4 * 20  # changed titles are indexed in their new form
    assert state["phantoms"] == 0  # rolled-back questions never reached the index


def test_a_writer_killed_mid_commit_leaves_a_readable_index(children):
    started = children.run("setup", 10)
    before = started["threads"]

    for point in ("before-toc", "toc-rename", "cleanup"):
        process = children.start("killed_writer", point)
        assert children.get() == {"point": point}
        process.join(60)
        assert process.exitcode == -9, f"{point}: the writer was not killed ({process.exitcode})"
        # The index stays readable (the next writer is the next killed child).
        assert set(before) <= set(indexed_threads(children)), point

    # Still writable, the killed writers' questions are in the database, and a rebuild brings
    # the index up to date with them.
    state = children.run("verify", True)
    assert len(state["db"]) == 13
    assert state["indexed"] == state["db"]
    assert state["found"] == state["public"]


def test_a_delete_waits_for_the_lock_held_by_another_process_and_succeeds(children):
    started = children.run("setup", 3)
    victim = started["threads"][0]
    ready, releasing = CONTEXT.Event(), CONTEXT.Event()

    children.start("hold_lock", 2.0, ready, releasing)
    children.start("delete_waiting", victim, ready, releasing)
    reports = [children.get(), children.get()]
    state = children.run("verify")

    deleted = next(report for report in reports if "deleted" in report)
    assert deleted["after_release"]  # it waited for the lock
    assert victim not in state["db"]
    assert victim not in state["indexed"]
    assert state["indexed"] == state["db"]


def test_a_request_never_fails_while_the_lock_is_held_too_long(children):
    started = children.run("setup", 1)
    thread = started["threads"][0]
    ready, releasing, done = CONTEXT.Event(), CONTEXT.Event(), CONTEXT.Event()

    # The lock is held until the request has its response (at most two minutes).
    children.start("hold_lock", 120.0, ready, releasing, done)
    children.start(
        "request_while_locked",
        thread,
        ready,
        done,
        env={"KOOPERATIONSRAUM_TEST_LOCK_TIMEOUT": "0.5"},
    )
    reports = [children.get(timeout=180), children.get(timeout=180)]
    request = next(report for report in reports if "status" in report)
    holder = next(report for report in reports if "held" in report)

    # The request was answered while the lock was still held (its writer gave up after
    # LOCK_TIMEOUT; how long that takes is measured by bench/search_bounds.py). The reply is
    # saved and the visitor redirected; the index write failed, was logged, and (with a tasks
    # backend that can defer, as in production) would be retried.
    assert holder["ended_by_event"]
    assert request["status"] == 302
    assert request["posts"] == 1
    assert any("IndexLocked" in line and line.startswith("ERROR") for line in request["log"])


def test_a_rolled_back_transaction_leaves_no_phantom_document(
    django_capture_on_commit_callbacks, clean_index, monkeypatch
):
    from modelsearch.query import PlainText
    from wagtail.search.backends import get_search_backend

    from search import tasks
    from tests.factories import EventPageFactory, make_site_home

    with django_capture_on_commit_callbacks(execute=True):
        edition = EventPageFactory(parent=make_site_home())
    enqueued = []
    index_task = tasks.update_search_index

    class Recording:
        def enqueue(self, label, pk):
            enqueued.append((label, pk))
            return index_task.enqueue(label, pk)

    monkeypatch.setattr(tasks, "update_search_index", Recording())
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        kept = Thread.objects.create(
            edition=edition, title="Bleibt", phase="vorab", last_activity_at=timezone.now()
        )
        try:
            with transaction.atomic():
                Thread.objects.create(
                    edition=edition,
                    title="Phantomfrage",
                    phase="vorab",
                    last_activity_at=timezone.now(),
                )
                raise RuntimeError("roll back the savepoint")
        except RuntimeError:
            pass
        kept.title = "Bleibt geändert"
        kept.save()  # the same object twice: one task

    backend = get_search_backend()
    assert enqueued == [("board.thread", str(kept.pk))]  # one index task
    assert list(backend.search(PlainText("Phantomfrage"), Thread.objects.all())) == []
    assert list(backend.search(PlainText("geändert"), Thread.objects.all())) == [kept]
