"""Cost of live updates: 300 open pages polling every 3 seconds (issue 10, item 3).

Usage: .venv/bin/python bench/live.py [--repeat N] [--pages 300] [--interval 3]
       .venv/bin/python bench/live.py --change-cost [--signed-in 300] [--visitors 300]
           [--changes 4] [--before-sample 60]

Builds a throw-away SQLite database (test settings, migrations on) with one live edition and 30
questions, then measures through Django's test client (the whole middleware stack, no network):

- a bare Django view through the same middleware (the floor any request pays),
- a poll answered 304 from the version keys, anonymous and signed in,
- the full question list (what a signed-in poll costs when something changed),
- a visitor's poll after a change, answered from the copy the first visitor's poll rendered.

``--change-cost`` measures what one change (a reply, a vote) costs all open pages: signed-in
participants and visitors, half on the edition's question list and half on a thread page with
20 replies, each polling once after the change (with a change every 2 s and a poll every 3 s
nearly every poll finds one). It counts CPU-seconds (``time.process_time``, client and server in
one process) per change with shared renderings (now) and with signed-in pages rendering per
person (before; ``polling.SHARE_SIGNED_IN = False``, measured on ``--before-sample`` pages and
scaled to all, as each costs the same).

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


def change_cost(args):
    """CPU-seconds per change for all open pages, shared renderings against per person."""
    import logging
    import random

    logging.disable(logging.ERROR)  # the search index task has no index here: not measured

    from board import limits, polling, services
    from tests.factories import (
        EventIndexPageFactory,
        EventPageFactory,
        UserFactory,
        ask,
        make_moderator,
        make_site_home,
        reply,
    )

    home = make_site_home()
    edition = EventPageFactory(
        parent=EventIndexPageFactory(parent=home), slug="live", date=timezone.localdate()
    )
    people = [UserFactory() for _ in range(max(args.signed_in, 10))]
    moderator = make_moderator()
    with limits.exempt():
        for number in range(30):
            ask(edition, people[number % 10], title=f"Live-Frage Nummer {number} im Saal")
        hot = ask(edition, people[0], title="Die Frage, über die der Saal spricht")
        posts = [reply(hot, people[1 + n % 9], f"Antwort {n} aus dem Saal") for n in range(20)]
    urls = [f"/fragen/?ausgabe={edition.year}", hot.get_absolute_url()]
    wall = f"/fragen/wand/{edition.year}/"

    def open_pages(count, *, signed_in):
        pages = []
        for number in range(count):
            client = Client()
            if signed_in:
                client.force_login(people[number % len(people)])
            url = urls[number % 2]
            pages.append([client, url, client.get(url, **POLL)["ETag"]])
        return pages

    signed = open_pages(args.signed_in, signed_in=True)
    visitors = open_pages(args.visitors, signed_in=False)
    projector = Client()
    projector.force_login(moderator)
    signed.append([projector, wall, projector.get(wall, **POLL)["ETag"]])
    voters = iter(people[10:] * 10)
    rng = random.Random(10)

    def change(number):
        with limits.exempt():
            if number % 2:
                services.vote(post=rng.choice(posts), user=next(voters))
            else:
                reply(hot, rng.choice(people[1:10]), f"Neue Antwort {number} im Saal")

    def poll_all(pages):
        start = time.process_time()
        statuses = []
        for page in pages:
            client, url, etag = page
            response = client.get(url, HTTP_IF_NONE_MATCH=etag, **POLL)
            statuses.append(response.status_code)
            page[2] = response.get("ETag", etag)
        return time.process_time() - start, statuses

    results = {}
    for mode, shared in (("after", True), ("before", False)):
        polling.SHARE_SIGNED_IN = shared
        sample = signed if shared else signed[: args.before_sample]
        scale = len(signed) / len(sample)
        costs = []
        for number in range(args.changes):
            change(number + (100 if shared else 200))
            signed_cost, statuses = poll_all(sample)
            visitor_cost, more = poll_all(visitors)
            assert set(statuses + more) == {200}, set(statuses + more)
            costs.append((signed_cost * scale, visitor_cost))
        results[mode] = (
            statistics.median(cost for cost, _v in costs),
            statistics.median(v for _c, v in costs),
        )
    polling.SHARE_SIGNED_IN = True

    print(
        f"{args.signed_in} signed-in pages (+ the wall, signed in as a moderator) and "
        f"{args.visitors} visitors' pages, half on the question list, half on a thread page "
        f"with 20+ replies; median of {args.changes} changes (a reply or a vote)"
    )
    print(f"{'':<34} {'signed in':>10} {'visitors':>10} {'total':>10}")
    for mode, label in (
        ("before", "CPU-s per change, per person"),
        ("after", "CPU-s per change, shared"),
    ):
        signed_cost, visitor_cost = results[mode]
        print(
            f"{label:<34} {signed_cost:>10.2f} {visitor_cost:>10.2f} "
            f"{signed_cost + visitor_cost:>10.2f}"
        )
    before = sum(results["before"])
    after = sum(results["after"])
    print(f"ratio before/after: {before / after:.1f}")
    print(
        f"one change every 2 s on 2 cores (4 CPU-s per 2 s): before {before / 4:.0%}, "
        f"after {after / 4:.0%} of the machine"
    )
    if args.before_sample < args.signed_in:
        print(
            f"(before: {args.before_sample} signed-in pages measured, scaled to {args.signed_in})"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--interval", type=float, default=3.0)
    parser.add_argument("--change-cost", action="store_true")
    parser.add_argument("--signed-in", type=int, default=300)
    parser.add_argument("--visitors", type=int, default=300)
    parser.add_argument("--changes", type=int, default=4)
    parser.add_argument("--before-sample", type=int, default=60)
    args = parser.parse_args()

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if args.change_cost:
        from config import urls as site_urls

        with override_settings(ROOT_URLCONF=site_urls):
            change_cost(args)
        return
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
