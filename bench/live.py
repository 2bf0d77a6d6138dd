"""Cost of live updates: 300 open pages polling every 3 seconds (issue 10, item 3).

Usage: .venv/bin/python bench/live.py [--repeat N] [--pages 300] [--interval 3]

Builds a throw-away SQLite database (test settings, migrations on) with one live edition and 30
questions, then measures through Django's test client (the whole middleware stack, no network):

- a bare Django view through the same middleware (the floor any request pays),
- a poll answered 304 from the version keys, anonymous and signed in,
- the full question list (what a signed-in poll costs when something changed),
- a visitor's poll after a change, answered from the copy the first visitor's poll rendered.

It prints the server time per request, the ratio to the bare view, and the share of one CPU
core that 300 pages polling every 3 seconds take while nothing changes, plus the cost of one
change (every open page renders once). Timings are in-process: gunicorn adds its own parsing
and socket time per request on top, the same for every row.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# Not this folder on the path: a script here must never shadow an installed package.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402

POLL = {"HTTP_X_LIVE_POLL": "1"}


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare)]


def measure(client, url, repeat, **headers):
    client.get(url, **headers)  # warm-up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, **headers)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return statistics.median(timings), response.status_code, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--interval", type=float, default=3.0)
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from board import limits
    from tests.factories import (
        EventIndexPageFactory,
        EventPageFactory,
        UserFactory,
        ask,
        make_site_home,
    )

    home = make_site_home()
    edition = EventPageFactory(
        parent=EventIndexPageFactory(parent=home), slug="live", date=timezone.localdate()
    )
    users = [UserFactory() for _ in range(5)]
    with limits.exempt():
        for number in range(30):
            ask(edition, users[number % 5], title=f"Live-Frage Nummer {number} im Saal")

    from config import urls as site_urls

    bench_urls = type("BenchUrls", (), {"urlpatterns": urlpatterns + site_urls.urlpatterns})
    list_url = f"/fragen/?ausgabe={edition.year}"
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(users[1])
    rows = []
    with override_settings(ROOT_URLCONF=bench_urls):
        rows.append(("Bare Django view", *measure(anonymous, "/bench/bare/", args.repeat)))
        etag = anonymous.get(list_url, **POLL)["ETag"]
        rows.append(
            (
                "Poll 304, anonymous",
                *measure(anonymous, list_url, args.repeat, HTTP_IF_NONE_MATCH=etag, **POLL),
            )
        )
        etag = signed_in.get(list_url, **POLL)["ETag"]
        rows.append(
            (
                "Poll 304, signed in",
                *measure(signed_in, list_url, args.repeat, HTTP_IF_NONE_MATCH=etag, **POLL),
            )
        )
        rows.append(
            ("Full list (a change)", *measure(anonymous, list_url, max(20, args.repeat // 10)))
        )
        old = anonymous.get(list_url, **POLL)["ETag"]
        with limits.exempt():
            ask(edition, users[0], title="Eine neue Frage nach dem Messen")
        Client().get(list_url, HTTP_IF_NONE_MATCH=old, **POLL)  # the first visitor renders
        rows.append(
            (
                "After a change, visitor",
                *measure(Client(), list_url, args.repeat, HTTP_IF_NONE_MATCH=old, **POLL),
            )
        )

    floor = rows[0][1]
    print(f"{'Request':<24} {'Median ms':>10} {'× bare':>8} {'Status':>7} {'Queries':>8}")
    for name, median, status, queries in rows:
        print(f"{name:<24} {median:>10.2f} {median / floor:>8.1f} {status:>7} {queries:>8}")
    per_second = args.pages / args.interval
    print()
    print(f"{args.pages} open pages, one poll every {args.interval:g} s: {per_second:.0f} polls/s")
    for name, median, _status, _queries in rows[1:3]:
        print(f"  {name}: {per_second * median / 1000:.0%} of one core while nothing changes")
    full, shared = rows[3][1], rows[4][1]
    print(
        f"  one change, all signed in: {args.pages} renders × {full:.1f} ms = "
        f"{args.pages * full / 1000:.1f} core-seconds"
    )
    print(
        f"  one change, all visitors: 1 render + {args.pages - 1} shared copies × {shared:.2f} ms"
        f" = {(full + (args.pages - 1) * shared) / 1000:.2f} core-seconds"
    )


if __name__ == "__main__":
    main()
