"""Pages under a conference crowd: throughput against a bare Django view, and the live phase.

Usage: .venv/bin/python bench/pages.py [--db sqlite|postgres] [--seconds 3] [--rounds 2]
                                       [--live-seconds 120] [--readers 300] [--skip-live]
                                       [--only-signed-in] [--keep DIR]

A benchmark, not a test (README, "Caching"). It builds a throw-away site in a temporary
directory (production settings, the demo data from ``load_demo_data --no-logins``, SQLite there
or the PostgreSQL database ``kr_c_bench``, Redis database 7 as the shared cache; ``--pg-database``,
``--redis``), serves it with gunicorn (5 sync workers, ``--workers``, 127.0.0.1:8300, ``--port``)
and a bare Django view returning a fixed 20 kB page (bench/bare.py) the same way (the next port),
and then:

1. measures each page type with wrk (2 threads, 16 connections), alternating with the bare view
   (bare, page, bare, page, ...), and prints requests/s of both and the ratio; anonymous pages
   come from the page cache (warmed by one request before each run of the page), plus a
   signed-in participant's thread page, which is never cached;
2. runs the live-phase scenario: ``--readers`` anonymous participants (threads of this
   script, 1-4 s between pages) read the question list and thread pages for
   ``--live-seconds``, while signed-in participants post a reply every 2 s and vote 5 times a
   second; it prints errors, median and p95 latency of the readers and of the writes, and how
   long each new reply took to appear on the thread page for an anonymous reader.

Targets: cached pages >= 50 % of the bare view, signed-in thread page >= 5 %, live phase 0
errors, p95 <= 500 ms, a reply visible within 2 s. Only 127.0.0.1; every server is stopped at
the end. Note the machine's load average printed with the figures.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
WRK = "/usr/bin/wrk"
HOST = "127.0.0.1"
SITE_PORT = 8300
BARE_PORT = 8301
PG_DATABASE = "kr_c_bench"
REDIS_URL = "redis://127.0.0.1:6379/7"
WRITERS = 12
VOTERS = 30

SETUP = r"""
import datetime, json
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from allauth.account.models import EmailAddress
from accounts.models import User
from board.models import Post, Thread, Visibility
from wiki.models import TopicIndexPage, TopicPage

def session_for(email, name):
    user, _ = User.objects.get_or_create(email=email, defaults={"display_name": name})
    user.date_joined = timezone.now() - datetime.timedelta(days=3)
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value

threads = list(Thread.objects.filter(visibility=Visibility.PUBLISHED, merged_into=None,
                                     is_locked=False, edition__slug="2025",
                                     edition__locale__language_code="de").order_by("pk")[:8])
topic = TopicPage.objects.live().public().filter(locale__language_code="de").first()
index = TopicIndexPage.objects.live().filter(locale__language_code="de").first()
tag = topic.tags.first()
posts = list(
    Post.objects.filter(thread__in=threads, visibility=Visibility.PUBLISHED)
    .values_list("pk", flat=True)
)
pages = {
    "home": "/",
    "topic page": topic.url,
    "edition page": "/ausgaben/2025/",
    "question list": reverse("board:index"),
    "thread page": threads[0].get_absolute_url(),
    "tag page": index.url + index.reverse_subpage("tag", args=[tag.slug]),
    "recent changes": index.url + index.reverse_subpage("recent_changes"),
    "thread feed": reverse("board:thread_feed", args=[threads[0].pk]),
    "search": reverse("search") + "?q=Scanner",
}
print("JSON" + json.dumps({
    "pages": pages,
    "threads": [[t.pk, t.get_absolute_url(), reverse("board:reply", args=[t.pk])] for t in threads],
    "posts": [[pk, reverse("board:vote", args=[pk])] for pk in posts],
    "participant": session_for("bench-reader@kooperationsraum.test", "Bench Leserin"),
    "writers": [
        session_for(f"bench-w{n}@kooperationsraum.test", f"Bench Schreiber {n}")
        for n in range(%(writers)d)
    ],
    "voters": [
        session_for(f"bench-v{n}@kooperationsraum.test", f"Bench Wähler {n}")
        for n in range(%(voters)d)
    ],
}))
"""


def load():
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def site_env(db, tmp):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    secret = tmp / "secret-key"  # kept with the site: its sessions stay valid (--keep)
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secret.read_text(),
        DJANGO_ALLOWED_HOSTS=f"{HOST},localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_VAR_DIR=str(tmp / "var"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        SEARCH_INDEX_DIR=str(tmp / "index"),
        REDIS_URL=REDIS_URL,
        WAGTAILADMIN_BASE_URL=f"http://{HOST}:{SITE_PORT}",
        DATABASE_URL=f"postgres://postgres@{HOST}:5432/{PG_DATABASE}"
        if db == "postgres"
        else f"sqlite:///{tmp / 'db.sqlite3'}",
    )
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout


def reset_postgres():
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {PG_DATABASE}")


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def prepare(db, env):
    if db == "postgres":
        reset_postgres()
    flush_redis()
    print(f"[{db}] migrate, collectstatic, load_demo_data --no-logins ({load()})", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_data", "--no-logins")
    code = SETUP % {"writers": WRITERS, "voters": VOTERS}
    out = manage(env, "shell", "-c", code, capture=True)
    return json.loads(out.split("JSON", 1)[1])


def start(args, env, port, workers=5):
    process = subprocess.Popen(  # noqa: S603
        [
            GUNICORN,
            *args,
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            get(port, "/")
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"gunicorn on port {port} did not start")


def get(port, path, headers=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def post(port, path, fields, cookie, headers=None):
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                **(headers or {}),
            },
        )
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def wrk(port, path, seconds, headers=()):
    command = [WRK, "-t2", "-c16", f"-d{seconds}s", "--timeout", "5s"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(  # noqa: S603
        [*command, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(bad.group(1)) if bad else 0


def throughput(data, seconds, rounds, only_signed_in=False):
    cookie = f"Cookie: sessionid={data['participant']}"
    cases = [] if only_signed_in else [(name, path, ()) for name, path in data["pages"].items()]
    cases.append(("thread page, signed in", data["pages"]["thread page"], (cookie,)))
    served = {}
    for name, path, headers in cases:  # warm the cache, and see whether the page comes from it
        for _ in range(2):
            status, answer, _body = get(SITE_PORT, path, dict(h.split(": ", 1) for h in headers))
        served[name] = "cached" if "ETag" in answer else f"uncached ({status})"
    rows = []
    for name, path, headers in cases:
        page_rates, bare_rates, bad = [], [], 0
        for _ in range(rounds):
            bare_rates.append(wrk(BARE_PORT, "/", seconds)[0])
            # Warmed again just before: search results are kept for 60 s only, and an entry that
            # expired during the earlier pages' runs was rendered again by every worker at once
            # at the start of the page's run (a search costs 170-900 ms), which is not a hit.
            get(SITE_PORT, path, dict(h.split(": ", 1) for h in headers))
            rate, errors = wrk(SITE_PORT, path, seconds, headers)
            get(SITE_PORT, "/")  # wait until the requests wrk left queued are answered
            page_rates.append(rate)
            bad += errors
        page, bare = statistics.median(page_rates), statistics.median(bare_rates)
        rows.append((name, page, bare, page / bare, bad, load()))
        print(
            f"  {name:<24} {page:8.0f} req/s   bare {bare:8.0f} req/s   "
            f"{100 * page / bare:6.1f} %   {served[name]}, non-2xx {bad}   ({load()})",
            flush=True,
        )
    return rows


class Writers:
    """Signed-in participants: a reply every 2 s, 5 votes a second; probes reply visibility."""

    def __init__(self, data):
        self.data = data
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.write_latency = []
        self.statuses = {}
        self.visible_after = []
        self.never_visible = 0
        self.tokens = {}

    def cookie(self, session):
        token = self.tokens.get(session)
        if token is None:
            alphabet = string.ascii_letters + string.digits  # Django's CSRF alphabet
            token = "".join(secrets.choice(alphabet) for _ in range(32))
            self.tokens[session] = token
        return f"sessionid={session}; csrftoken={token}", token

    def count(self, kind, status, started):
        with self.lock:
            self.statuses[(kind, status)] = self.statuses.get((kind, status), 0) + 1
            self.write_latency.append(time.monotonic() - started)

    def reply_loop(self):
        n = 0
        while not self.stop.wait(0 if n == 0 else 2.0 - (time.monotonic() - self.tick) % 2.0):
            self.tick = time.monotonic()
            thread_pk, thread_url, reply_url = self.data["threads"][n % len(self.data["threads"])]
            cookie, token = self.cookie(self.data["writers"][n % len(self.data["writers"])])
            marker = f"live-{uuid.uuid4().hex[:12]}"
            started = time.monotonic()
            try:
                status = post(
                    SITE_PORT,
                    reply_url,
                    {"csrfmiddlewaretoken": token, "body": f"Antwort im Saal {marker}"},
                    cookie,
                )
            except OSError:
                status = "error"
            self.count("reply", status, started)
            if status in (200, 302, 303):
                threading.Thread(target=self.probe, args=(thread_url, marker), daemon=True).start()
            n += 1

    def probe(self, url, marker):
        started = time.monotonic()
        while time.monotonic() - started < 10:
            try:
                _status, _headers, body = get(SITE_PORT, url)
            except OSError:
                body = b""
            if marker.encode() in body:
                with self.lock:
                    self.visible_after.append(time.monotonic() - started)
                return
            time.sleep(0.05)
        with self.lock:
            self.never_visible += 1

    def vote_loop(self, offset):
        voted = set()
        n = offset
        while not self.stop.wait(0.4):  # two loops: 5 votes a second together
            post_pk, vote_url = random.choice(self.data["posts"])  # noqa: S311
            session = self.data["voters"][n % len(self.data["voters"])]
            cookie, token = self.cookie(session)
            key = (session, post_pk)
            fields = {"csrfmiddlewaretoken": token}
            if key in voted:
                fields["action"] = "unvote"
            started = time.monotonic()
            try:
                status = post(
                    SITE_PORT, vote_url, fields, cookie, headers={"Accept": "application/json"}
                )
            except OSError:
                status = "error"
            self.count("vote", status, started)
            if status == 200:
                voted.symmetric_difference_update({key})
            n += 2

    def run(self):
        self.tick = time.monotonic()
        loops = [threading.Thread(target=self.reply_loop, daemon=True)]
        loops += [threading.Thread(target=self.vote_loop, args=(i,), daemon=True) for i in (0, 1)]
        for loop in loops:
            loop.start()
        return loops


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


class Readers:
    """Anonymous participants: each opens the question list (a third of the time) or a thread
    page, reads for 1-4 s and opens the next, as a browser would (a new connection each time:
    gunicorn's sync workers close it after the response). Timed here, in threads: wrk's latency
    with a Lua ``delay()`` counts part of the delay (the bare view, which answers in under a
    millisecond, showed a median of 680 ms that way)."""

    def __init__(self, paths, count):
        self.paths = paths
        self.count = count
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.latency = []
        self.errors = {}

    def read(self, seed):
        rng = random.Random(seed)  # noqa: S311
        self.stop.wait(rng.uniform(0, 4))  # not all at once
        while not self.stop.is_set():
            path = self.paths[0] if rng.randrange(3) == 0 else rng.choice(self.paths[1:])
            started = time.monotonic()
            try:
                conn = http.client.HTTPConnection(HOST, SITE_PORT, timeout=5)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                outcome = None if response.status == 200 else f"status {response.status}"
            except TimeoutError:
                outcome = "timeout"
            except OSError as error:
                outcome = type(error).__name__
            with self.lock:
                if outcome is None:
                    self.latency.append(time.monotonic() - started)
                else:
                    self.errors[outcome] = self.errors.get(outcome, 0) + 1
            self.stop.wait(rng.uniform(1, 4))

    def run(self, seconds):
        threads = [
            threading.Thread(target=self.read, args=(n,), daemon=True) for n in range(self.count)
        ]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        self.stop.set()
        for thread in threads:
            thread.join(timeout=10)


def live(data, seconds, readers):
    paths = [data["pages"]["question list"]] + [url for _pk, url, _r in data["threads"]]
    crowd = Readers(paths, readers)
    writers = Writers(data)
    loops = writers.run()
    started_load = load()
    crowd.run(seconds)
    writers.stop.set()
    for loop in loops:
        loop.join(timeout=15)
    time.sleep(3)  # the last probes
    read_errors = sum(crowd.errors.values())
    write_errors = sum(
        n for (kind, status), n in writers.statuses.items() if status not in (200, 302, 303)
    )
    answered = len(crowd.latency)
    errors = ", ".join(f"{kind} {n}" for kind, n in sorted(crowd.errors.items())) or "none"
    print(
        f"  readers: {readers} anonymous for {seconds} s, {answered + read_errors} requests "
        f"({(answered + read_errors) / seconds:.0f}/s), errors {read_errors} ({errors})"
    )
    print(
        f"  readers' latency: median {1000 * percentile(crowd.latency, 50):.0f} ms, "
        f"p95 {1000 * percentile(crowd.latency, 95):.0f} ms, "
        f"p99 {1000 * percentile(crowd.latency, 99):.0f} ms, "
        f"max {1000 * max(crowd.latency, default=float('nan')):.0f} ms"
    )
    statuses = ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(writers.statuses.items(), key=str))
    print(
        f"  writes: {statuses}; errors {write_errors}; latency median "
        f"{1000 * percentile(writers.write_latency, 50):.0f} ms, "
        f"p95 {1000 * percentile(writers.write_latency, 95):.0f} ms"
    )
    seen = writers.visible_after
    print(
        f"  new reply visible to an anonymous reader after: median "
        f"{1000 * percentile(seen, 50):.0f} ms, p95 {1000 * percentile(seen, 95):.0f} ms, "
        f"max {1000 * max(seen, default=float('nan')):.0f} ms, "
        f"never (10 s) {writers.never_visible} of {len(seen) + writers.never_visible}"
    )
    print(f"  ({started_load} at the start, {load()} at the end)", flush=True)


def main():
    global SITE_PORT, BARE_PORT, REDIS_URL, PG_DATABASE  # noqa: PLW0603 - one run, one site
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seconds", type=int, default=3, help="per wrk run (default 3)")
    parser.add_argument("--rounds", type=int, default=2, help="alternations per page (2)")
    parser.add_argument("--live-seconds", type=int, default=120)
    parser.add_argument("--readers", type=int, default=300)
    parser.add_argument(
        "--workers",
        type=int,
        default=5,
        help="gunicorn sync workers of both servers (5: 2 x cores + 1, gunicorn's advice)",
    )
    parser.add_argument("--skip-live", action="store_true")
    parser.add_argument(
        "--only-signed-in",
        action="store_true",
        help="measure only the signed-in participant's thread page (not the anonymous pages)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=SITE_PORT,
        help=f"the site's port, the bare view's is the next ({SITE_PORT})",
    )
    parser.add_argument("--redis", default=REDIS_URL, help=f"the shared cache ({REDIS_URL})")
    parser.add_argument(
        "--pg-database", default=PG_DATABASE, help=f"PostgreSQL database, reset ({PG_DATABASE})"
    )
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="build the site in DIR and keep it; a later run with the same DIR reuses it "
        "(for profiling; the database and Redis are not reset then)",
    )
    options = parser.parse_args()
    if not options.skip_pages and not Path(WRK).exists():
        parser.error(f"{WRK} is missing: install Debian's wrk (apt-get install wrk)")
    SITE_PORT, BARE_PORT = options.port, options.port + 1
    REDIS_URL, PG_DATABASE = options.redis, options.pg_database

    with tempfile.TemporaryDirectory(prefix="kr-bench-pages-") as tmp:
        workdir = Path(options.keep or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        env = site_env(options.db, workdir)
        prepared = workdir / f"prepared-{options.db}.json"
        if options.keep and prepared.exists():
            data = json.loads(prepared.read_text())
            flush_redis()  # the other database's site may have filled the same Redis database
        else:
            data = prepare(options.db, env)
            if options.keep:
                prepared.write_text(json.dumps(data))
        servers = []
        try:
            workers = options.workers
            servers.append(start(["config.wsgi:application"], env, SITE_PORT, workers))
            servers.append(
                start(["--chdir", str(ROOT / "bench"), "bare:application"], env, BARE_PORT, workers)
            )
            print(
                f"[{options.db}] gunicorn, {workers} sync workers each; wrk 2 threads, "
                "16 connections, "
                f"{options.seconds} s x {options.rounds}, alternating with the bare view"
            )
            if not options.skip_pages:
                throughput(data, options.seconds, options.rounds, options.only_signed_in)
            if not options.skip_live:
                print(
                    f"[{options.db}] live phase: {options.readers} readers, a reply every 2 s, "
                    f"5 votes/s, {options.live_seconds} s",
                    flush=True,
                )
                live(data, options.live_seconds, options.readers)
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                server.wait(timeout=20)


if __name__ == "__main__":
    main()
