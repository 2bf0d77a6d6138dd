"""Time of the search on hostile and expensive input, and of a reply while the index is locked.

Usage: .venv/bin/python bench/search_bounds.py [--repeat N]

Builds a throw-away SQLite database and Whoosh index (test settings, migrations on) with a small
site (editions, topic pages, questions and replies), then times, best of N:

* every input of ``tests/search/hard_queries.py``'s ``BAD_INPUT`` on the search page, the
  autocomplete and "Ähnliche Fragen" together, and every ``EXPENSIVE_QUERIES`` on the search
  page (bound: 3 s each);
* a typo lookup (``near_words``) whose search deadline has already passed (bound: 0.5 s);
* a reply posted while another writer holds the index lock, with ``LOCK_TIMEOUT`` 0.5 s: the
  reply is saved and the visitor redirected once the index write gives up (bound: 3 s).

The tests check that these are answered correctly (tests/search/test_page.py,
test_fast_paths_match_whoosh.py, test_writes.py); this script checks how long they take. It
prints wall and CPU time per case, slowest first, and exits with 1 if a case exceeds its bound
(wall time: the lock case waits without using the CPU). Nothing touches the development database.
"""

import argparse
import os
import sys
import time
from pathlib import Path

# Not this script's directory: bench/markdown_bounds.py's old name shadowed the markdown package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("KOOPERATIONSRAUM_TEST_LOCK_TIMEOUT", "0.5")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

SEARCH_URL = "/suche/"
PAGE_BOUND = 3.0
DEADLINE_BOUND = 0.5
LOCKED_REPLY_BOUND = 3.0


def build_site():
    """A small site like the search tests' corpus, indexed; returns (thread, author)."""
    import datetime

    from wagtail.search.backends import get_search_backend

    from board import limits
    from tests.factories import (
        EventIndexPageFactory,
        EventPageFactory,
        TopicIndexPageFactory,
        TopicPageFactory,
        UserFactory,
        ask,
        make_site_home,
        reply,
    )

    get_search_backend().store.ensure()
    home = make_site_home()
    events = EventIndexPageFactory(parent=home)
    edition = EventPageFactory(
        parent=events, title="Konferenz 2025", slug="2025", date=datetime.date(2025, 11, 13)
    )
    topics = TopicIndexPageFactory(parent=home)
    for n in range(20):
        TopicPageFactory(
            parent=topics,
            title=f"Kooperation und Förderung {n}",
            slug=f"thema-{n}",
            summary="Förderprogramme für Kooperation, offene Daten und Digitalisierung.",
        )
    anna = UserFactory(display_name="Anna Archiv")
    ben = UserFactory(display_name="Ben Bibliothek")
    with limits.exempt():
        for n in range(60):
            thread = ask(
                edition,
                anna,
                title=f"Wie gelingt Kooperation bei der Digitalisierung, Teil {n}?",
                body="Wir suchen Partner für offene Daten, Scanner und Normdaten.",
            )
            reply(thread, ben, body="Fragen Sie die Landesstelle nach **Kooperation**.")
    call_command("update_index", verbosity=0)
    return thread, ben


def timed(repeat, function):
    """(wall, cpu) seconds of ``function``, best of ``repeat``."""
    best = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        run = (time.perf_counter() - wall, time.process_time() - cpu)
        best = run if best is None or run[0] < best[0] else best
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from wagtail.search.backends import get_search_backend

    from search.backends.whoosh.scoring import search_deadline
    from tests.search.hard_queries import BAD_INPUT, EXPENSIVE_QUERIES

    thread, author = build_site()
    client = Client()
    client.get(SEARCH_URL, {"q": "Kooperation"})  # warm-up (templates, index readers)

    def answered(response):
        assert response.status_code == 200, response.status_code

    rows = []  # (label, wall, cpu, bound)

    def bad(text):
        answered(client.get(SEARCH_URL, {"q": text}))
        answered(client.get(reverse("search_autocomplete"), {"q": text}))
        answered(client.get(reverse("search_similar"), {"q": text, "ausgabe": text[:5]}))

    for text in BAD_INPUT:
        rows.append((f"bad input {text[:30]!r}", *timed(args.repeat, lambda t=text: bad(t))))
        rows[-1] += (PAGE_BOUND,)
    for text in EXPENSIVE_QUERIES:
        wall, cpu = timed(args.repeat, lambda t=text: answered(client.get(SEARCH_URL, {"q": t})))
        rows.append((f"expensive query {text[:30]!r}", wall, cpu, PAGE_BOUND))

    backend = get_search_backend()
    with backend.store.searcher() as searcher:
        reader = searcher.reader()

        def late_lookup():
            with search_deadline(time.monotonic() - 1):
                backend.near_words(reader, "Kooperatin")

        rows.append(("typo lookup past its deadline", *timed(args.repeat, late_lookup)))
        rows[-1] += (DEADLINE_BOUND,)

    writer_client = Client()
    writer_client.force_login(author)
    store = backend.store
    replies = []

    def locked_reply():
        holder = store.open(store.ensure()).writer()
        try:
            response = writer_client.post(
                f"/fragen/{thread.pk}/antworten/",
                {"body": f"Antwort während der Sperre {len(replies)}."},
            )
        finally:
            holder.cancel()
        assert response.status_code == 302, response.status_code
        replies.append(response)

    import logging

    logging.disable(logging.ERROR)  # the failed index writes are logged as errors, as expected
    rows.append(
        ("reply while the index lock is held", *timed(args.repeat, locked_reply))
        + (LOCKED_REPLY_BOUND,)
    )
    logging.disable(logging.NOTSET)

    rows.sort(key=lambda row: -row[1])
    print(f"{'case':50} {'wall s':>8} {'CPU s':>8} {'bound s':>8}")
    failed = 0
    for label, wall, cpu, bound in rows:
        over = wall > bound
        failed += over
        print(f"{label:50} {wall:>8.3f} {cpu:>8.3f} {bound:>8.1f}{'  OVER' if over else ''}")
    print(f"\n{len(rows)} cases, {failed} over their bound (best of {args.repeat}).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
