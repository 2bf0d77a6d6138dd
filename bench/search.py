"""Search benchmark: the Whoosh backend, modelsearch's database backend on PostgreSQL (and SQLite
FTS5 for reference), and the search page itself, on one generated board.

Run from the project root (the default size takes several minutes; see "Parts" below)::

    .venv/bin/python bench/search.py [--n 100000 | --quick] [--backends whoosh postgres fts5]
                                     [--parts setup build single queries page] [--keep DIR]
                                     [--rounds 3] [--inserts 30] [--profile-page FILE]

The board: ``--n`` contributions (posts; ``--quick``: 5 000) grouped into threads (one question
text and 0-8 replies each, about four posts a thread), on five editions, with tags and 40 topic
pages. The text is deterministic German-like text from the vocabulary of the German test
collection (``tests/search/german_collection.py``) plus generated compounds, inflected forms,
acronyms, hyphenated words and numbers; about 5 % of threads and posts are not public (pending
or hidden). Everything is made with ``bulk_create`` in the project's own models (test settings,
migrations applied), in the PostgreSQL database ``kr_q_bench`` (``--pg-url``) or, for FTS5, in
a SQLite file. The same generator and seed give every database the same corpus. The database is
analysed (``ANALYZE``) after the setup and after each build, as autovacuum would do on a site.

Measured for each backend, in one run:

* ``build``: ``manage.py update_index`` for that backend (modelsearch's rebuild, chunks of 1000
  objects; the Whoosh backend with ``BUILD_PROCS`` worker processes, ``--build-procs``), wall and
  CPU time of all processes;
* ``single``: one new reply, created and written to the index as the site does it: the post is
  saved in a transaction, the commit enqueues ``search.tasks.update_search_index`` (the test
  settings' immediate task backend runs it at once), which writes it to that backend; median,
  p95 and max over ``--inserts`` replies, until the index task has committed the reply (the next
  search finds it). A Whoosh write that leaves a tier of small segments full enqueues
  ``search.tasks.merge_search_index``, a task of its own (in production it runs after the
  post's task, on the same worker); the immediate backend runs it inside the same commit, so
  its time is measured apart: merge tasks, their time per post and the longest;
* ``queries``: ``backend.search(query, queryset)``, first page of ten and the total count, over
  the 30 queries below, on all posts and on the published ones (a filter), median and p95;
* ``page``: ``GET /suche/?q=…`` through Django's test client as an anonymous visitor, with the
  site's backend set to that one: the view with its facets, highlighting and template, every
  query of the list, and the same queries with the facet ``typ`` (first value offered) selected.
  The cache is off (``DummyCache``, no page cache), so every request searches.

Each timed phase runs one untimed warm-up round first. ``--profile-page FILE`` profiles the
Whoosh page requests with pyinstrument and writes ``FILE`` (text) and ``FILE.html``;
``--profile-single FILE`` the single posts (``FILE.<backend>`` and ``FILE.<backend>.html``).

Parts: ``--keep DIR`` keeps the work directory (the Whoosh index, the results so far in
``DIR/results.json``) and the PostgreSQL database, so a long run can be split into several
shorter ones, e.g. ``--parts setup build`` and then ``--parts single queries page`` with the same
``--keep``; the table shows every figure measured so far. FTS5 runs in a child process of its own
(``modelsearch.backends.database`` chooses by the default database). FTS5's and PostgreSQL's
queries are stopped after ``--query-cap`` seconds (default 5; PostgreSQL through
``statement_timeout``) and counted as that long (">="): modelsearch's SQLite backend orders by a
correlated subquery that runs the FTS ``MATCH`` again for every matching row, and on PostgreSQL a
two-word query on the published posts ran for minutes at 100 000 (2026-12-04).

Targets at 100 000 contributions on two cores: search page p95 <= 250 ms, Whoosh query p95 <=
0.5x PostgreSQL's, one post (create + index write) <= 30 ms. The exit status is 0 when every
target that was measured is met, 1 otherwise. ``--no-targets`` leaves the targets out: the exit
status is then 0 unless the run failed (tests/search/test_bench.py runs it so, at a tiny size).
"""

import argparse
import contextlib
import itertools
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Not this script's directory on the path: bench/markdown_bounds.py and friends stay out.
_HERE = Path(__file__).resolve().parent
ROOT = _HERE.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PG_URL = "postgres://postgres@127.0.0.1:5432/kr_q_bench"
DATABASE_BACKEND = "modelsearch.backends.database"
TARGET_N = 100_000
QUICK_N = 5_000
TARGET_PAGE_P95_MS = 250.0
TARGET_QUERY_RATIO = 0.5
TARGET_SINGLE_MS = 30.0
PARTS = ("setup", "build", "single", "queries", "page")

QUERIES = [
    "Förderung",
    "Digitalisierung",
    "Sammlung",
    "Museum",
    "KI",
    "GND",
    "Archiv",
    "Lizenz",
    "Metadaten",
    "Erschließung",
    "Foerderung",
    "Digitalisirung",
    "Normdaten",
    "IIIF",
    "Langzeitarchivierung",
    "Förderung Digitalisierung",
    "Sammlung Museum",
    "GND Normdaten",
    "Creative Commons",
    "Bibliothek Handschriften",
    "OCR Qualität",
    "Forschungsdaten Infrastruktur",
    "Nachnutzung Digitalisate",
    "KI-gestützte Erschließung",
    "Förderantrag für Museen",
    "Lizenz für Digitalisate",
    "Provenienzforschung koloniale Kontexte",
    "barrierefreie digitale Angebote",
    "Tagung Programm Workshop",
    "Qualität der Texterkennung",
]

ACRONYMS = ["KI", "GND", "IIIF", "OCR", "HTR", "DFG", "DDB", "NFDI", "LOD", "3D", "CC", "API"]
LINKS = ["", "", "s", "en", "n"]
EDITION_YEARS = (2021, 2022, 2023, 2024, 2025)
TOPIC_PAGES = 40
TAGS = 60


# -- synthetic text ----------------------------------------------------------------------------


class Generator:
    """Deterministic German-like text from the test collection's vocabulary."""

    def __init__(self, seed=20251113):
        from tests.search.german_collection import DOCUMENTS

        self.rng = random.Random(seed)
        words = []
        for title, body in DOCUMENTS.values():
            words.extend(re.findall(r"\w+(?:-\w+)*", f"{title} {body}"))
        vocabulary = sorted(set(words))
        self.nouns = [w for w in vocabulary if w[:1].isupper() and len(w) >= 5 and w.isalpha()]
        # Compounds ("Sammlungs" + "daten") and inflected forms widen the vocabulary the way a
        # few years of posts would.
        compounds = set()
        while len(compounds) < 4000:
            a, b = self.rng.sample(self.nouns, 2)
            compounds.add(a + self.rng.choice(LINKS) + b.lower())
        inflected = [w + e for w in self.nouns for e in ("n", "en", "s")]
        self.common = [w for w, _ in _frequencies(words)]  # Zipf-like: most frequent first
        self.rare = sorted(compounds) + inflected
        self.cum_weights = list(
            itertools.accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(self.common)))
        )

    def word(self):
        rng = self.rng
        r = rng.random()
        if r < 0.80:
            return rng.choices(self.common, cum_weights=self.cum_weights)[0]
        if r < 0.93:
            return rng.choice(self.rare)
        if r < 0.97:
            acronym = rng.choice(ACRONYMS)
            return acronym if rng.random() < 0.6 else f"{acronym}-{rng.choice(self.common)}"
        return str(rng.randint(1, 99_999))

    def sentence(self, k):
        words = [self.word() for _ in range(k)]
        words[0] = words[0][:1].upper() + words[0][1:]
        return " ".join(words) + self.rng.choice([".", ".", ".", "?", "!"])

    def title(self):
        title = " ".join(self.word() for _ in range(self.rng.randint(3, 8)))
        return (title[:1].upper() + title[1:])[:200]

    def body(self):
        length = min(400, max(8, int(self.rng.lognormvariate(3.9, 0.6))))  # median ~50 words
        sentences = []
        while length > 0:
            k = min(length, self.rng.randint(6, 16))
            sentences.append(self.sentence(k))
            length -= k
        return " ".join(sentences)


def _frequencies(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def progress(message):
    print(message, file=sys.stderr, flush=True)


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


# -- Django ------------------------------------------------------------------------------------


def recreate_postgres_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(args, workdir):
    """Configure the project's test settings for the bench database and index; django.setup()."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DJANGO_VAR_DIR"] = str(workdir)
    os.environ["KOOPERATIONSRAUM_TEST_INDEX_DIR"] = str(workdir / "index")
    os.environ["SEARCH_BUILD_PROCS"] = str(args.build_procs)
    os.environ.pop("SEARCH_BACKEND", None)
    os.environ["DJANGO_SEARCH_CACHE_TIMEOUT"] = "0"  # no cached result pages either
    os.environ.pop("KOOPERATIONSRAUM_TEST_DB_NAME", None)
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = args.pg_url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
        os.environ["KOOPERATIONSRAUM_TEST_SQLITE"] = str(workdir / "db.sqlite3")
    import django

    django.setup()
    from django.conf import settings

    (workdir / "index").mkdir(parents=True, exist_ok=True)
    whoosh = dict(settings.WAGTAILSEARCH_BACKENDS["default"])
    database = {"BACKEND": DATABASE_BACKEND, "SEARCH_CONFIG": "german"}
    return {"whoosh": whoosh, "postgres": database, "fts5": database}


@contextlib.contextmanager
def site_backend(conf):
    """The site's only search backend is ``conf`` (what the view and the index task use)."""
    from django.test import override_settings

    with override_settings(
        WAGTAILSEARCH_BACKENDS={"default": dict(conf)},
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
    ):
        yield


# -- the board -------------------------------------------------------------------------------


def create_site(n, generator):
    """Migrate, then pages, users, threads and posts by bulk_create; returns seconds."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils.html import escape
    from django.utils.text import slugify

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    progress(f"  migrated, {time.perf_counter() - started:.1f} s")

    from taggit.models import Tag

    from accounts.models import User
    from board.markdown import HTML_VERSION
    from board.models import Post, Thread, ThreadTag, Visibility
    from home.models import EventPage
    from tests.factories import (
        EventIndexPageFactory,
        EventPageFactory,
        TopicIndexPageFactory,
        TopicPageFactory,
        make_site_home,
    )

    rng = generator.rng
    with transaction.atomic():
        home = make_site_home()
        events = EventIndexPageFactory(parent=home)
        editions = [
            EventPageFactory(
                parent=events, title=f"Konferenz {year}", slug=str(year), date=f"{year}-11-13"
            )
            for year in EDITION_YEARS
        ]
        topics = TopicIndexPageFactory(parent=home)
        for i in range(TOPIC_PAGES):
            TopicPageFactory(
                parent=topics,
                title=generator.title()[:80],
                slug=f"thema-{i}",
                summary=generator.body()[:500],
            )
        users = User.objects.bulk_create(
            User(email=f"person{i}@kooperationsraum.test", display_name=f"Person {i}")
            for i in range(200)
        )
        tags = Tag.objects.bulk_create(
            Tag(name=name, slug=slugify(name)[:100] or f"tag-{i}")
            for i, name in enumerate(rng.sample(generator.nouns, TAGS))
        )
    progress(f"  pages and users, {time.perf_counter() - started:.1f} s")

    phases = [p for p, _label in EventPage.Phase.choices]
    statuses = [s for s, _label in Thread.Status.choices]
    made = 0
    while made < n:
        with transaction.atomic():
            threads, bodies, replies = [], [], []
            while made < n and len(threads) < 2000:
                k = min(n - made - 1, rng.choice((0, 1, 2, 2, 3, 3, 4, 5, 6, 8)))
                title = generator.title()
                r = rng.random()
                visibility = (
                    Visibility.PUBLISHED
                    if r < 0.94
                    else (Visibility.PENDING if r < 0.97 else Visibility.HIDDEN)
                )
                threads.append(
                    Thread(
                        edition=rng.choice(editions),
                        title=title,
                        slug=slugify(title)[:80].strip("-") or "frage",
                        phase=rng.choice(phases),
                        status=rng.choice(statuses),
                        visibility=visibility,
                        author=rng.choice(users),
                        reply_count=k,
                        last_activity_at=f"2025-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
                        "T12:00:00Z",
                    )
                )
                bodies.append([generator.body() for _ in range(k + 1)])
                made += k + 1
            Thread.objects.bulk_create(threads)
            ThreadTag.objects.bulk_create(
                ThreadTag(content_object_id=thread.pk, tag=tag)
                for thread in threads
                for tag in rng.sample(tags, rng.choice((0, 1, 1, 2, 3)))
            )

            def post(thread, body, parent=None, visibility=None):
                r = rng.random()
                return Post(
                    thread=thread,
                    parent=parent,
                    depth=0 if parent is None else 1,
                    author=rng.choice(users),
                    body=body,
                    body_html=f"<p>{escape(body)}</p>",
                    html_version=HTML_VERSION,
                    visibility=visibility
                    or (Visibility.PUBLISHED if r < 0.95 else rng.choice(list(Visibility)[::2])),
                )

            roots = Post.objects.bulk_create(
                post(thread, texts[0], visibility=thread.visibility)
                for thread, texts in zip(threads, bodies, strict=True)
            )
            for root, thread, texts in zip(roots, threads, bodies, strict=True):
                replies.extend(post(thread, body, parent=root) for body in texts[1:])
            Post.objects.bulk_create(replies, batch_size=2000)
        progress(f"  {made:>7} / {n} contributions, {time.perf_counter() - started:.1f} s")
    return time.perf_counter() - started


# -- measurements ----------------------------------------------------------------------------


def build(name, conf):
    """``update_index`` for this backend alone; returns (wall, CPU of all processes)."""
    from django.core.management import call_command

    started, cpu_started = time.perf_counter(), time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_started = children.ru_utime + children.ru_stime
    with site_backend(conf):
        call_command("update_index", backend_name="default", chunk_size=1000, stdout=sys.stderr)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = children.ru_utime + children.ru_stime - children_started
    return time.perf_counter() - started, time.process_time() - cpu_started + children_cpu


@contextlib.contextmanager
def timed_merges():
    """Record ``(seconds, segments merged)`` of each Whoosh merge task run meanwhile."""
    from unittest import mock

    from search.backends.whoosh import WhooshSearchBackend

    merges = []
    merge = WhooshSearchBackend.merge_segments

    def timed(backend):
        started = time.perf_counter()
        merged = merge(backend)
        merges.append((time.perf_counter() - started, merged))
        return merged

    with mock.patch.object(WhooshSearchBackend, "merge_segments", timed):
        yield merges


def single_posts(conf, generator, count, profile=None):
    """``(searchable, merges)``: the seconds each of ``count`` new replies takes to be saved,
    committed and written to the index (until the index task has committed it: searchable),
    and ``(seconds, segments)`` of each merge task the writes asked for. Merges run as tasks
    of their own after the post's: with the tests' immediate task backend inside the same
    commit, so their time is taken out of the post's here and reported apart.

    ``profile``: profile the timed replies with pyinstrument into ``profile`` (text) and
    ``profile.html``."""
    from django.db import transaction

    from board.markdown import HTML_VERSION, render_markdown
    from board.models import Post, Thread, Visibility

    threads = list(
        Thread.objects.filter(visibility=Visibility.PUBLISHED).order_by("pk")[: count + 1]
    )
    roots = {p.thread_id: p for p in Post.objects.filter(thread__in=threads, depth=0)}
    times, merges = [], []
    profiler = None
    with site_backend(conf), timed_merges() as merge_times:
        for i in range(count + 1):  # the first one warms up
            if i == 1 and profile:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.0005)
                profiler.start()
            thread = threads[i]
            body = generator.body()
            merged_before = len(merge_times)
            started = time.perf_counter()
            with transaction.atomic():
                Post.objects.create(
                    thread=thread,
                    parent=roots[thread.pk],
                    depth=1,
                    author_id=roots[thread.pk].author_id,
                    body=body,
                    body_html=render_markdown(body),
                    html_version=HTML_VERSION,
                )
            elapsed = time.perf_counter() - started
            if i:
                merged = merge_times[merged_before:]
                times.append(elapsed - sum(seconds for seconds, _segments in merged))
                merges.extend(merged)
        if profiler is not None:
            profiler.stop()
            Path(profile).write_text(profiler.output_text(unicode=True, color=False))
            Path(f"{profile}.html").write_text(profiler.output_html())
            profiler.last_session.save(f"{profile}.pyisession")
            progress(f"  pyinstrument profile: {profile} and {profile}.html")
    return times, merges


def analyze():
    """Give the database's planner statistics (``ANALYZE``), as autovacuum would on a site:
    the bench's server may run without it, and bulk-loaded tables without statistics got
    plans hundreds of times slower (a search page's ten rows by key: 166 ms)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@contextlib.contextmanager
def deadline(seconds):
    """Stop any statement of this connection once ``seconds`` have passed (SQLite: a progress
    handler; PostgreSQL: ``statement_timeout``)."""
    from django.db import connection

    if not seconds:
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = %s", [int(seconds * 1000)])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        return
    raw = connection.connection
    stop = time.perf_counter() + seconds
    raw.set_progress_handler(lambda: int(time.perf_counter() > stop), 20_000)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


def query_times(conf, queries, rounds, filtered, cap=None):
    """Each query ``rounds`` times after a warm-up round: ``(times, capped queries)``."""
    from django.db import OperationalError

    from modelsearch.backends import get_search_backend

    from board.models import Post, Visibility

    queryset = Post.objects.filter(visibility=Visibility.PUBLISHED) if filtered else Post.objects
    times, capped = [], set()
    with site_backend(conf):
        backend = get_search_backend()
        for round_ in range(rounds + 1):
            for query in queries:
                if query in capped:
                    elapsed = cap
                else:
                    started = time.perf_counter()
                    try:
                        with deadline(cap):
                            results = backend.search(query, queryset.all())
                            list(results[:10])
                            results.count()
                        elapsed = time.perf_counter() - started
                    except OperationalError as exc:
                        if "interrupted" not in str(exc) and "statement timeout" not in str(exc):
                            raise
                        capped.add(query)
                        elapsed = cap
                        progress(f"    {query!r}: stopped after {cap:.0f} s")
                if round_:
                    times.append(elapsed)
    return times, capped


def page_times(conf, queries, rounds, profile=None):
    """``GET /suche/?q=…`` as an anonymous visitor: ``(plain times, with a facet selected)``."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    url = reverse("search")
    facet_urls = {}
    plain, faceted = [], []
    profiler = None
    with site_backend(conf):
        for round_ in range(rounds + 1):
            if round_ == 1 and profile:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.001)
                profiler.start()
            for query in queries:
                started = time.perf_counter()
                response = client.get(url, {"q": query})
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise RuntimeError(f"GET {url}?q={query}: status {response.status_code}")
                if round_ == 0:
                    # The first value of the facet 'typ' that the page offers, if any.
                    found = re.search(r'href="(\?[^"]*?typ=[^"]*)"', response.content.decode())
                    if found:
                        facet_urls[query] = url + found.group(1).replace("&amp;", "&")
                else:
                    plain.append(elapsed)
                if query in facet_urls:
                    started = time.perf_counter()
                    response = client.get(facet_urls[query])
                    elapsed = time.perf_counter() - started
                    if response.status_code != 200:
                        raise RuntimeError(f"{facet_urls[query]}: status {response.status_code}")
                    if round_:
                        faceted.append(elapsed)
        if profiler is not None:
            profiler.stop()
            Path(profile).write_text(profiler.output_text(unicode=True, color=False))
            Path(f"{profile}.html").write_text(profiler.output_html())
            progress(f"  pyinstrument profile: {profile} and {profile}.html")
    return plain, faceted


def measure(args, workdir, names):
    """Run the selected parts for ``names`` (backends on this process's database)."""
    confs = setup_django(args, workdir)
    from django.db import connection

    results_file = workdir / f"results-{args.db}.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}

    def save():
        results_file.write_text(json.dumps(results, indent=1))

    generator = Generator()
    if "setup" in args.parts:
        progress(f"Generating {args.n} contributions in {connection.vendor} ...")
        # No index writes while the board is made: the build part indexes it all.
        with site_backend({**confs["whoosh"], "AUTO_UPDATE": False}):
            results["meta"] = {"n": args.n, "setup_s": create_site(args.n, generator)}
        analyze()
        for name in names:
            results.pop(name, None)
        save()
    elif results.get("meta", {}).get("n") != args.n:
        raise SystemExit(f"{workdir}: no corpus of {args.n} contributions; run --parts setup")
    from board.models import Post, Thread

    progress(f"  {Post.objects.count()} posts in {Thread.objects.count()} threads")
    for name in names:
        row = results.setdefault(name, {})
        conf = confs[name]
        if "build" in args.parts:
            progress(f"Building the {name} index ...")
            row["build"], row["build_cpu"] = build(name, conf)
            analyze()
            progress(f"  {name}: build {row['build']:.1f} s (CPU {row['build_cpu']:.1f} s)")
            save()
        if "single" in args.parts:
            progress(f"{name}: {args.inserts} new replies, one at a time ...")
            profile = args.profile_single and f"{args.profile_single}.{name}"
            times, merges = single_posts(conf, generator, args.inserts, profile)
            row["single50"], row["single95"] = statistics.median(times), percentile(times, 95)
            row["single_max"] = max(times)
            row["merges"] = len(merges)
            row["merge_per_post"] = sum(seconds for seconds, _n in merges) / len(times)
            row["merge_max"] = max((seconds for seconds, _n in merges), default=0.0)
            progress(
                f"  median {row['single50'] * 1000:.1f} ms, p95 {row['single95'] * 1000:.1f} ms, "
                f"max {row['single_max'] * 1000:.1f} ms; {len(merges)} merge tasks "
                f"(segments: {', '.join(str(n) for _s, n in merges) or '-'}), "
                f"max {row['merge_max'] * 1000:.1f} ms"
            )
            save()
        if "queries" in args.parts:
            cap = args.query_cap if name in ("fts5", "postgres") else None
            for label, filtered in (("all", False), ("published", True)):
                progress(f"{name}: {len(args.queries)} queries x {args.rounds} ({label}) ...")
                times, capped = query_times(conf, args.queries, args.rounds, filtered, cap)
                row[f"q50_{label}"] = statistics.median(times)
                row[f"q95_{label}"] = percentile(times, 95)
                row[f"capped_{label}"] = sorted(capped)
                progress(
                    f"  median {row[f'q50_{label}'] * 1000:.1f} ms, "
                    f"p95 {row[f'q95_{label}'] * 1000:.1f} ms"
                )
                save()
        if "page" in args.parts and name != "fts5":
            progress(f"{name}: the search page, {len(args.queries)} queries x {args.rounds} ...")
            profile = args.profile_page if name == "whoosh" else None
            try:
                plain, faceted = page_times(conf, args.queries, args.rounds, profile)
            except RuntimeError as exc:
                # The page may need what only the Whoosh backend offers (search_documents).
                row["page_error"] = str(exc)
                progress(f"  the page failed on {name}: {exc}")
                save()
                continue
            row["page50"], row["page95"] = statistics.median(plain), percentile(plain, 95)
            row["page_max"] = max(plain)
            if faceted:
                row["facet50"], row["facet95"] = statistics.median(faceted), percentile(faceted, 95)
            progress(f"  median {row['page50'] * 1000:.1f} ms, p95 {row['page95'] * 1000:.1f} ms")
            save()
    return results


# -- report ----------------------------------------------------------------------------------

ROWS = [
    ("full build", "build", 1.0, "s"),
    ("full build, CPU time (all processes)", "build_cpu", 1.0, "s"),
    ("one post: create + index (median)", "single50", 1000.0, "ms"),
    ("one post: create + index (p95)", "single95", 1000.0, "ms"),
    ("one post: create + index (max)", "single_max", 1000.0, "ms"),
    ("merge tasks after the posts", "merges", 1.0, ""),
    ("merge tasks, time per post (mean)", "merge_per_post", 1000.0, "ms"),
    ("merge task, longest", "merge_max", 1000.0, "ms"),
    ("query median, all posts", "q50_all", 1000.0, "ms"),
    ("query p95, all posts", "q95_all", 1000.0, "ms"),
    ("query median, published posts", "q50_published", 1000.0, "ms"),
    ("query p95, published posts", "q95_published", 1000.0, "ms"),
    ("search page median", "page50", 1000.0, "ms"),
    ("search page p95", "page95", 1000.0, "ms"),
    ("search page max", "page_max", 1000.0, "ms"),
    ("search page + facet median", "facet50", 1000.0, "ms"),
    ("search page + facet p95", "facet95", 1000.0, "ms"),
]
COLUMNS = {"whoosh": "Whoosh", "postgres": "PostgreSQL", "fts5": "SQLite FTS5"}


def report(args, rows):
    names = [name for name in COLUMNS if name in rows]
    load = subprocess.run(  # noqa: S603
        ["/usr/bin/uptime"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(
        f"\nSearch benchmark: {args.n} contributions, {os.cpu_count()} CPUs, "
        f"Whoosh BUILD_PROCS={args.build_procs}, {args.rounds} rounds"
    )
    print(f"uptime: {load}")
    header = f"{'':38}" + "".join(f"{COLUMNS[name]:>14}" for name in names)
    if "whoosh" in rows and "postgres" in rows:
        header += f"{'W/PG':>8}"
    print(header)
    for label, key, scale, unit in ROWS:
        if not any(key in rows[name] for name in names):
            continue
        line = f"{label:38}"
        for name in names:
            value = rows[name].get(key)
            capped = (
                name == "fts5"
                and key.startswith("q")
                and rows[name].get("capped_" + key.split("_", 1)[-1])
            )
            mark = ">=" if capped and value >= args.query_cap else ""
            line += f"{mark:>3}{value * scale:>8.1f} {unit:<2}" if value is not None else " " * 14
        w, p = rows.get("whoosh", {}).get(key), rows.get("postgres", {}).get(key)
        if w is not None and p:
            line += f"{w / p:>7.2f}x"
        print(line)
    for name in names:
        if rows[name].get("page_error"):
            print(f"The search page on {COLUMNS[name]}: {rows[name]['page_error']}")
    for name in ("postgres", "fts5"):
        for label in ("all", "published"):
            capped = rows.get(name, {}).get(f"capped_{label}")
            if capped:
                print(
                    f"{COLUMNS[name]} queries ({label}) stopped at the {args.query_cap:.0f} s cap "
                    f"and counted as {args.query_cap:.0f} s: {', '.join(capped)}"
                )
    if args.no_targets:
        return 0
    w, p = rows.get("whoosh", {}), rows.get("postgres", {})
    checks = []
    if "page95" in w:
        checks.append(
            (f"search page p95 <= {TARGET_PAGE_P95_MS:.0f} ms", w["page95"] * 1000 <= 250)
        )
    for label in ("all", "published"):
        key = f"q95_{label}"
        if key in w and key in p:
            checks.append(
                (
                    f"Whoosh query p95 ({label}) <= {TARGET_QUERY_RATIO}x PostgreSQL's",
                    w[key] <= TARGET_QUERY_RATIO * p[key],
                )
            )
    for key, label in (("single50", "median"), ("single95", "p95")):
        if key in w:
            met = w[key] * 1000 <= TARGET_SINGLE_MS
            checks.append((f"one post {label} <= {TARGET_SINGLE_MS:.0f} ms", met))
    scale = "" if args.n == TARGET_N else f" (they apply to {TARGET_N}; this run: {args.n})"
    print(f"\nTargets{scale}:")
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


# -- main ------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=TARGET_N, help="contributions (100000)")
    parser.add_argument("--quick", action="store_true", help=f"--n {QUICK_N}, for quick runs")
    parser.add_argument("--inserts", type=int, default=30, help="new posts, one at a time")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the queries")
    parser.add_argument("--queries", nargs="+", default=QUERIES, help="queries to time")
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=tuple(COLUMNS),
        default=["whoosh", "postgres", "fts5"],
        help="backends to measure (default all three)",
    )
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: temp)")
    parser.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL database ({PG_URL})")
    parser.add_argument("--build-procs", type=int, default=2, help="Whoosh BUILD_PROCS (2)")
    parser.add_argument(
        "--query-cap",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="stop an FTS5 query after this long and count it as this long (0: no cap)",
    )
    parser.add_argument("--profile-page", metavar="FILE", help="pyinstrument profile of the page")
    parser.add_argument(
        "--profile-single",
        metavar="FILE",
        help="pyinstrument profile of the single posts (FILE.<backend>, FILE.<backend>.html)",
    )
    parser.add_argument(
        "--no-targets",
        action="store_true",
        help="print the figures without the targets; exit status 0 unless the run failed",
    )
    parser.add_argument("--db", choices=("postgres", "sqlite"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.n = QUICK_N
    return args


def main(argv=None):
    args = parse_args(argv)
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="search-bench-")).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if args.db:  # a child process: one database, the given backends, results in a file
            measure(args, workdir, args.backends)
            return 0
        children = []
        if "postgres" in args.backends or args.backends == ["whoosh"]:
            children.append(("postgres", [n for n in args.backends if n != "fts5"]))
        if "fts5" in args.backends:
            # Whoosh goes beside FTS5 on SQLite only when PostgreSQL is not measured.
            alone = "whoosh" in args.backends and "postgres" not in args.backends
            children.append(("sqlite", ["whoosh", "fts5"] if alone else ["fts5"]))
        rows = {}
        for db, names in children:
            if "setup" in args.parts:
                if db == "postgres":
                    recreate_postgres_database(args.pg_url)
                else:
                    (workdir / "db.sqlite3").unlink(missing_ok=True)
            subprocess.run(_child_command(args, db, names, workdir), check=True)  # noqa: S603
            for name, row in json.loads((workdir / f"results-{db}.json").read_text()).items():
                if name in names:
                    rows[name] = row
        return report(args, rows)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def _child_command(args, db, names, workdir):
    """This script for one database: the same options, those backends, the same directory."""
    command = [sys.executable, __file__, "--db", db, "--keep", str(workdir), "--n", str(args.n)]
    command += ["--inserts", str(args.inserts), "--rounds", str(args.rounds)]
    command += ["--build-procs", str(args.build_procs), "--query-cap", str(args.query_cap)]
    command += ["--pg-url", args.pg_url, "--backends", *names, "--parts", *args.parts]
    command += ["--queries", *args.queries]
    if args.profile_page:
        command += ["--profile-page", args.profile_page]
    if args.profile_single:
        command += ["--profile-single", args.profile_single]
    return command


if __name__ == "__main__":
    sys.exit(main())
