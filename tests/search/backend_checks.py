"""Robustness checks of the Whoosh backend, in a throw-away Django configuration.

Run from the project root (``tests/search/test_backend.py`` runs it in a subprocess)::

    .venv/bin/python tests/search/backend_checks.py

Each check raises ``AssertionError`` on failure; the script prints one line per check.
"""

import os
import sys
import tempfile
import threading
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHECKS = []


def check(func):
    CHECKS.append(func)
    return func


def backend(**options):
    from django.conf import settings

    from search.backends.whoosh import WhooshSearchBackend

    params = dict(settings.MODELSEARCH_BACKENDS["whoosh"])
    params.update(options)
    return WhooshSearchBackend(params)


def rebuild():
    from django.core.management import call_command

    call_command("rebuild_modelsearch_index", backend_name="whoosh", stdout=StringIO())


def make_book(title, summary=""):
    from modelsearch.test.testapp.models import Book

    return Book.objects.create(
        title=title, summary=summary, publication_date=date(2025, 11, 13), number_of_pages=1
    )


@check
def test_bad_input_never_raises():
    from modelsearch.test.testapp.models import Book

    b = backend()
    inputs = [
        "x" * 10_000,
        "Förderung " * 2_000,
        '"',
        "'",
        '"unclosed phrase',
        "(",
        ")]}",
        "*",
        "?",
        "title:Förderung",
        "AND OR NOT",
        "NOT",
        "\x00\x01\x1b[31m\x7f",
        "\u200b\ufeff",
        "-",
        "--KI--",
        "ß",
        "🙂",
    ]
    for text in inputs:
        list(b.search(text, Book)[:10])
        b.search(text, Book).count()
        list(b.search(text, Book, operator="and")[:10])
        list(b.autocomplete(text, Book)[:10])
        b.highlight("Ein Text über Förderung <b>und</b> KI.", text)
        b.suggest(text)


@check
def test_acronyms_and_hyphens_are_found():
    from modelsearch.test.testapp.models import Book

    b = backend()
    titles = {r.title for r in b.search("KI", Book)}
    assert "KI-gestützte Erschließung von Fotobeständen" in titles, titles
    titles = [r.title for r in b.search("IIIF", Book)]
    assert titles and all("IIIF" in t or "Manifest" in t for t in titles), titles


@check
def test_umlaut_ranks_exact_spelling_first():
    from modelsearch.test.testapp.models import Book

    titles = [r.title for r in backend().search("Förderung", Book)]
    assert titles.index("Förderung durch die DFG") < titles.index(
        "Forderungen des Museumsverbands"
    ), titles


@check
def test_snippet_escapes_and_marks():
    html = backend().highlight(
        "<script>alert(1)</script> Die Förderung der Digitalisierung & mehr", "foerderung"
    )
    assert "<script>" not in html, html
    assert "&lt;script&gt;" in html, html
    assert "<mark>Förderung</mark>" in html, html
    assert "&amp;" in html, html


@check
def test_results_snippet_and_suggestion():
    from modelsearch.test.testapp.models import Book

    results = backend().search("Digitalisirung", Book)
    first = results[0]
    assert "<mark>" in results.snippet(first), results.snippet(first)
    assert results.suggestion() == "digitalisierung", results.suggestion()
    assert backend().suggest("Förderung") is None


@check
def test_missing_index_raises_index_unavailable_and_rebuild_repairs():
    from modelsearch.test.testapp.models import Book

    from search.backends.whoosh import IndexUnavailable

    with tempfile.TemporaryDirectory() as empty:
        b = backend(PATH=os.path.join(empty, "nothing-here"))
        try:
            list(b.search("Förderung", Book))
        except IndexUnavailable:
            pass
        else:
            raise AssertionError("a missing index must raise IndexUnavailable")


@check
def test_corrupt_index_raises_index_unavailable_and_rebuild_repairs():
    from modelsearch.test.testapp.models import Book

    from search.backends.whoosh import IndexUnavailable

    b = backend()
    current = b.store.current_dir()
    for name in os.listdir(current):
        if name.endswith(".toc"):
            with open(os.path.join(current, name), "wb") as fh:
                fh.write(b"\x00garbage")
    # A new thread: no searcher cached for the (now corrupt) files.
    errors = []

    def search():
        try:
            list(b.search("Förderung", Book))
        except IndexUnavailable as exc:
            errors.append(exc)

    thread = threading.Thread(target=search)
    thread.start()
    thread.join()
    assert errors, "a corrupt index must raise IndexUnavailable"
    rebuild()
    assert backend().search("Förderung", Book).count() >= 1


@check
def test_writer_waits_for_lock_then_times_out():
    from search.backends.whoosh import IndexLocked

    b = backend(LOCK_TIMEOUT=5)
    waiting, giving_up = make_book("Wartet auf die Sperre"), make_book("Gibt auf")
    ix = b.store.open(b.store.current_dir())
    holder = ix.writer()
    releasing = threading.Event()

    def release():
        releasing.set()
        holder.cancel()

    threading.Timer(0.5, release).start()
    b.add(waiting)
    assert releasing.is_set(), "the writer did not wait for the lock"

    holder = ix.writer()
    try:
        backend(LOCK_TIMEOUT=0.3).add(giving_up)
    except IndexLocked:
        pass
    else:
        raise AssertionError("a writer must give up with IndexLocked after LOCK_TIMEOUT")
    finally:
        holder.cancel()


@check
def test_rebuild_keeps_searching_and_replays_changes():
    from modelsearch.test.testapp.models import Book

    b = backend()
    before = b.search("Förderung", Book).count()
    rebuilder = b.rebuilder_class(b.get_index_for_model(Book))
    new_index = rebuilder.start()
    new_index.add_model(Book)
    new_index.add_items(Book, list(Book.objects.all()))
    # During the rebuild, searches use the live index and changes go to it (and the journal).
    assert b.search("Förderung", Book).count() == before, "live index changed during rebuild"
    late = make_book("Zwischendurch angelegt: Förderung für Nachzügler")
    b.add(late)
    assert b.search("Nachzügler", Book).count() == 1, "change not in the live index"
    rebuilder.finish()
    found = [r.title for r in b.search("Nachzügler", Book)]
    assert len(found) == 1, ("change lost by the rebuild", found)
    after = b.search("Förderung", Book).count()
    assert after == before + 1, (before, after)


@check
def test_killed_rebuild_leaves_live_index_readable():
    from modelsearch.test.testapp.models import Book

    b = backend()
    before = b.search("Förderung", Book).count()
    rebuilder = b.rebuilder_class(b.get_index_for_model(Book))
    index = rebuilder.start()
    index.add_items(Book, list(Book.objects.all()[:3]))
    index.build_writer().cancel()  # as if the process died: no finish()
    during = b.search("Förderung", Book).count()
    assert during == before, (before, during)
    rebuild()
    after = b.search("Förderung", Book).count()
    assert after == before, (before, after)


@check
def test_single_documents_are_added_and_deleted():
    # How long one document takes (target: 30 ms median) is measured by bench/search.py.
    from modelsearch.test.testapp.models import Book

    b = backend()
    books = [make_book(f"Testdokument {i}", "Digitalisierung im Verbund " * 20) for i in range(30)]
    for book in books:
        b.add(book)
    found = b.search("Testdokument", Book).count()
    assert found == 30, found
    for book in books[:15]:
        b.delete(book)
    for book in books[15:]:
        b.delete_by_pk(Book, book.pk)
    found = b.search("Testdokument", Book).count()
    assert found == 0, found


def main():
    from tests.search.eval_german import load_collection, setup_django

    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        load_collection()
        failed = 0
        for func in CHECKS:
            try:
                func()
            except Exception as exc:  # noqa: BLE001 - report every failing check
                failed += 1
                print(f"FAIL {func.__name__}: {exc!r}")
            else:
                print(f"ok   {func.__name__}")
    return failed


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
