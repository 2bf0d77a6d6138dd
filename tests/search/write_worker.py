"""Child processes of tests/search/test_writes.py (started with multiprocessing's "spawn").

Each child sets up Django with the test settings against the database and index directory that
the parent names in ``env`` (a copy of the SQLite test database, or the PostgreSQL test
database), then plays one role. Index writes take the production route: a save commits, the
on-commit handler enqueues the task, and the tasks backend (``ImmediateBackend`` in the test
settings) runs it in this process, so every child is an index writer of its own.
"""

import logging
import os
import signal
import time

TITLE = "Schreibprobe"


def _setup(env):
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()


def _edition():
    from home.models import EventPage

    return EventPage.objects.get(slug="schreibprobe")


def _thread(title, **kwargs):
    from django.utils import timezone

    from board.models import Thread

    return Thread.objects.create(
        edition=_edition(),
        title=title,
        phase="vorab",
        last_activity_at=timezone.now(),
        **kwargs,
    )


def setup(env, queue, threads=0):
    """Create the edition (and ``threads`` questions) the other roles write to."""
    _setup(env)
    import datetime

    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from home.models import EventPage
    from tests.factories import UserFactory

    # As `update_index` does on deployment: the index exists before writers race for it.
    get_search_backend().store.ensure()
    root = Page.get_first_root_node()
    edition = root.add_child(
        instance=EventPage(
            title="Schreibprobe",
            slug="schreibprobe",
            theme="Tests",
            date=datetime.date(2025, 11, 13),
            venue_name="Zuse-Institut Berlin",
            venue_address="Takustraße 7",
        )
    )
    UserFactory(email="schreiber@example.org", display_name="Schreiberin")
    from board.models import Post

    pks = []
    for i in range(threads):
        thread = _thread(f"{TITLE} vorab {i}")
        Post.objects.create(thread=thread, body=f"Frage {i}", depth=0)
        pks.append(thread.pk)
    queue.put({"edition": edition.pk, "threads": pks})


def save_many(env, queue, worker, count, barrier):
    """Create, change and delete questions; some inside a transaction that rolls back."""
    _setup(env)
    from django.db import transaction

    from board.models import Visibility

    _edition()  # warm up (connection, imports) before the race starts
    barrier.wait(timeout=60)
    started = time.monotonic()
    # `count` saves: creations, with every tenth changing the previous question's visibility or
    # title instead, every tenth creation deleted again, and a rolled-back creation now and then.
    previous = None
    for i in range(count):
        step = i % 10
        if step == 5:
            previous.visibility = Visibility.HIDDEN
            previous.save()
        elif step == 7:
            previous.title = f"{TITLE} {worker} {i} Nachtrag"
            previous.save()
        else:
            previous = _thread(f"{TITLE} {worker} {i}")
        if step == 3:
            previous.delete()
        elif step == 9:
            try:
                with transaction.atomic():
                    _thread(f"Phantom {worker} {i}")
                    raise RuntimeError("roll back")
            except RuntimeError:
                pass
    queue.put({"worker": worker, "seconds": time.monotonic() - started})


def verify(env, queue, rebuild=False):
    """Report what the database holds and what the index holds (and finds) for questions."""
    _setup(env)
    from django.core.management import call_command

    from modelsearch.query import PlainText
    from wagtail.search.backends import get_search_backend

    from whoosh import query as wq

    from board.models import Thread

    if rebuild:
        call_command("update_index", verbosity=0)
    backend = get_search_backend()
    with backend.store.searcher() as searcher:
        docnums = searcher.docs_for_query(wq.Term("ct", "board.thread"))
        pks = searcher.reader().column_reader("pk")
        indexed = sorted(int(pks[docnum]) for docnum in docnums)
    found = backend.search(PlainText(TITLE), Thread.objects.public())
    queue.put(
        {
            "db": sorted(Thread.objects.values_list("pk", flat=True)),
            "public": sorted(Thread.objects.public().values_list("pk", flat=True)),
            "indexed": indexed,
            "found": sorted(thread.pk for thread in found),
            "amended": sorted(
                t.pk for t in backend.search(PlainText("Nachtrag"), Thread.objects.all())
            ),
            "phantoms": len(list(backend.search(PlainText("Phantom"), Thread.objects.all()))),
        }
    )


def killed_writer(env, queue, point):
    """Save a question and SIGKILL this process in the middle of the index commit."""
    _setup(env)
    from whoosh import writing
    from whoosh.filedb import filestore

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "before-toc":
        # Segment files are written, the table of contents (the commit point) is not.
        writing.SegmentWriter._commit_toc = die
    elif point == "toc-rename":
        # The new table of contents is written to a temporary file, not yet renamed.
        filestore.FileStorage.rename_file = die
    elif point == "cleanup":
        # Committed, but the files the commit replaced are not yet removed.
        import whoosh.index

        whoosh.index.clean_files = die
    queue.put({"point": point})
    _thread(f"{TITLE} getötet {point}")
    # Not reached: the commit kills the process.
    queue.put({"survived": point})


def hold_lock(env, queue, seconds, ready, releasing, until=None):
    """Hold the index write lock, as a slow writer would: for ``seconds``, or until the event
    ``until`` is set (at most ``seconds``). ``releasing`` is set just before the lock is let go.
    Reports whether ``until`` ended the hold."""
    _setup(env)
    from wagtail.search.backends import get_search_backend

    store = get_search_backend().store
    ix = store.open(store.ensure())
    writer = ix.writer()
    ready.set()
    if until is None:
        time.sleep(seconds)
    else:
        until.wait(timeout=seconds)
    ended_by_event = until is not None and until.is_set()
    releasing.set()
    writer.cancel()
    queue.put({"held": seconds, "ended_by_event": ended_by_event})


def delete_waiting(env, queue, pk, ready, releasing):
    """Delete a question while another process holds the lock; report whether the lock holder
    had begun to let go when the delete returned (it waited for the lock)."""
    _setup(env)
    from board.models import Thread

    ready.wait(timeout=60)
    Thread.objects.get(pk=pk).delete()
    queue.put({"deleted": pk, "after_release": releasing.is_set()})


def request_while_locked(env, queue, pk, ready, done):
    """A web request that changes an indexed object while the lock stays held too long; sets
    ``done`` when it has its response."""
    _setup(env)
    from django.test import Client

    from accounts.models import User
    from board.models import Post

    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(f"{record.levelname} {record.name}: {record.getMessage()}")

    logging.getLogger("search").addHandler(Collect(level=logging.WARNING))
    client = Client()
    client.force_login(User.objects.get(email="schreiber@example.org"))
    ready.wait(timeout=60)
    response = client.post(
        f"/fragen/{pk}/antworten/", {"body": "Antwort während der Sperre, Sperrvermerk."}
    )
    done.set()
    queue.put(
        {
            "status": response.status_code,
            "posts": Post.objects.filter(body__contains="Sperrvermerk").count(),
            "log": records,
        }
    )


def commit_burst(env, queue, commits, ready):
    """Commit ``commits`` small changes to the index as fast as possible (no database): each
    commit writes a new table of contents and removes the old one."""
    _setup(env)
    from wagtail.search.backends import get_search_backend

    store = get_search_backend().store
    directory = store.ensure()
    ready.set()
    for n in range(commits):
        text = f"Schreibprobe {n}"
        doc = {"id": f"board.thread:{n % 7}", "pk": str(n % 7), "ct": "board.thread"}
        store.write(directory, docs=[{**doc, "x_title": text, "s_title": text, "rev": text}])
    queue.put({"commits": commits})
