"""Server time of the thread page at 10, 100 and 300 replies.

Usage: .venv/bin/python bench/board.py [--repeat N]

Builds a throw-away SQLite database (test settings, migrations on), creates one thread per size
with nested replies, then renders the thread page through Django's test client and reports the
median and best time and the number of queries. Nothing touches the development database.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# Not this script's directory: bench/markdown.py would shadow the markdown package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = (10, 100, 300)


def build(size, edition, users):
    from board import services
    from board.markdown import HTML_VERSION, render_markdown
    from board.models import Post

    thread = services.ask_question(
        edition=edition,
        author=users[0],
        title=f"Benchmark-Frage mit {size} Antworten",
        body="Eine **Frage** mit [Link](https://example.org).",
    )
    root = thread.posts.get()
    parents = [root]
    for n in range(size):
        parent = parents[n % len(parents)]
        body = f"Antwort {n}: *Markdown* mit `Code` und https://example.org/{n}"
        post = Post.objects.create(
            thread=thread,
            parent=parent,
            depth=parent.depth + 1,
            author=users[n % len(users)],
            body=body,
            body_html=render_markdown(body),
            html_version=HTML_VERSION,
            created_at=timezone.now(),
        )
        if post.depth < services.MAX_DEPTH:
            parents = (parents + [post])[-8:]
    services.recount_thread(thread=thread)
    return thread


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    setup_test_environment()
    from django.test.utils import get_runner  # noqa: F401 - test settings are active

    call_command("migrate", verbosity=0)
    call_command("ensure_search_index", verbosity=0)  # the new posts are indexed, as on the site
    from home.models import EventPage
    from tests.factories import EventIndexPageFactory, EventPageFactory, UserFactory, make_site_home

    home = make_site_home()
    edition = EventPageFactory(parent=EventIndexPageFactory(parent=home), slug="2025")
    users = [UserFactory() for _ in range(5)]
    assert EventPage.objects.count() == 1

    client = Client()
    client.force_login(users[1])
    print(f"{'Antworten':>10} {'Median ms':>10} {'Bestzeit ms':>12} {'Abfragen':>9}")
    for size in SIZES:
        thread = build(size, edition, users)
        url = thread.get_absolute_url()
        client.get(url)  # warm-up (template loading, caches)
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"{size:>10} {statistics.median(timings):>10.1f} {min(timings):>12.1f} "
            f"{len(queries):>9}"
        )


if __name__ == "__main__":
    main()
