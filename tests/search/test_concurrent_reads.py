"""Searches keep working while another process commits (issue 11, M4).

A commit writes a new table of contents (``_MAIN_<gen>.toc``) and removes the old one; a reader
that listed the directory just before must not give up (``IndexUnavailable``, a 503 on the
search page) but open the new one.
"""

import multiprocessing
import time

import pytest

from . import write_worker
from .conftest import whoosh_only

pytestmark = [pytest.mark.slow, pytest.mark.search_writes, whoosh_only]

CONTEXT = multiprocessing.get_context("spawn")


def test_searchers_open_while_another_process_commits_never_fail(tmp_path, monkeypatch):
    from wagtail.search.backends import get_search_backend

    from whoosh import query as wq
    from whoosh.index import TOC

    from search.backends.whoosh import IndexUnavailable

    # Widen the window between listing the directory and opening the newest TOC it found
    # (without this, about 1 of 100 searches fails during bursts; with it, 1 of 10 did).
    latest_generation = TOC._latest_generation.__func__

    calls = []

    def slow_latest_generation(cls, storage, indexname):
        generation = latest_generation(cls, storage, indexname)
        calls.append(generation)
        if len(calls) % 2:  # every other listing: a retry is not slowed down as well
            time.sleep(0.01)
        return generation

    monkeypatch.setattr(TOC, "_latest_generation", classmethod(slow_latest_generation))

    path = tmp_path / "index"
    backend = get_search_backend("default", PATH=str(path))
    backend.store.ensure()
    queue, ready = CONTEXT.Queue(), CONTEXT.Event()
    env = {"KOOPERATIONSRAUM_TEST_INDEX_DIR": str(path)}
    writer = CONTEXT.Process(target=write_worker.commit_burst, args=(env, queue, 300, ready))
    writer.start()
    assert ready.wait(60)

    opened, failures = 0, []
    while writer.is_alive():
        try:
            with backend.store.searcher() as searcher:  # a new searcher after every commit
                searcher.doc_count()
            opened += 1
        except IndexUnavailable as exc:
            failures.append(repr(exc))
    writer.join(60)

    assert writer.exitcode == 0
    assert queue.get(timeout=10) == {"commits": 300}
    with backend.store.searcher() as searcher:  # the child wrote to this index
        assert len(list(searcher.docs_for_query(wq.Term("ct", "board.thread")))) == 7
    # The searches really overlapped the commits: they opened many of its generations. (How
    # many searches fit into the burst depends on the machine's speed and load.)
    assert opened > 0
    assert len(set(calls)) > 20
    assert failures == []


def test_a_vanished_table_of_contents_is_retried(tmp_path, monkeypatch):
    from wagtail.search.backends import get_search_backend

    from whoosh import index as windex

    backend = get_search_backend("default", PATH=str(tmp_path / "index"))
    backend.store.ensure()
    open_dir = windex.open_dir
    calls = []

    def racing_open_dir(directory, *args, **kwargs):
        calls.append(directory)
        if len(calls) == 1:  # as if a commit removed the listed TOC before it was opened
            raise FileNotFoundError(2, "No such file or directory", "_MAIN_1.toc")
        return open_dir(directory, *args, **kwargs)

    monkeypatch.setattr(windex, "open_dir", racing_open_dir)

    with backend.store.searcher() as searcher:
        assert searcher.doc_count() == 0
    assert len(calls) == 2


def test_a_process_that_only_writes_records_each_long_word_once(tmp_path):
    from wagtail.search.backends import get_search_backend

    store = get_search_backend("default", PATH=str(tmp_path / "index")).store
    directory = store.ensure()
    for n in range(20):  # as a task worker writes: its searcher is never refreshed
        text = f"Schreibprobe {n}"
        doc = {"id": f"board.thread:{n % 7}", "pk": str(n % 7), "ct": "board.thread"}
        store.write(directory, docs=[{**doc, "x_title": text, "s_title": text, "rev": text}])

    with store.searcher() as searcher:
        assert searcher.doc_count() == 7 + 1  # seven questions, one vocabulary document
