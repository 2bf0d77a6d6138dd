"""Search benchmark: this project's Whoosh backend next to modelsearch's SQLite FTS5 backend.

Run from the project root (it takes several minutes at the default size)::

    .venv/bin/python bench/search.py [--n 100000] [--inserts 50] [--rounds 3] [--queries "a" "b"]

It generates ``N`` synthetic German contributions (deterministic; the vocabulary of the German test
collection in ``tests/search/german_collection.py`` plus generated compounds, inflections,
acronyms, hyphenated words and numbers), stores them in a throw-away SQLite database, and measures
for both backends on the same data, in one run:

* the full index build (what ``rebuild_modelsearch_index`` does: rebuilder, chunks of 1000 objects
  read from the database, swap);
* the median time to index one new contribution (``backend.add(obj)``, over ``--inserts`` new rows);
* median and 95th percentile of the query time over a fixed set of one- to three-word queries,
  each query fetching the first page of ten results and the total count, as a search page does;
  once on all contributions and once on a filtered queryset (only visible ones).

It prints a table, the Whoosh/FTS5 ratios and the targets (at 100 000 contributions on two cores:
query p95 at most 3x FTS5's, single-contribution indexing median at most 30 ms, full build at
most 150 s). The exit status is 0 when every target is met, 1 otherwise.

The Whoosh backend builds with ``BUILD_PROCS`` worker processes (``--build-procs``, default 2);
the build's CPU time counts them. FTS5 queries are stopped after ``--query-cap`` seconds (default
10) and counted as taking that long; such figures are printed with ">=" (a lower bound) and the
queries are listed. modelsearch's SQLite backend orders by relevance through a correlated
subquery that runs the FTS ``MATCH`` once more for every matching row, so a frequent word takes
time quadratic in its hits: seconds at 10 000 contributions, minutes at 100 000.

``--backends whoosh`` measures only this backend (no ratios), ``--profile PREFIX`` writes cProfile
statistics of its build, single writes and queries to ``PREFIX-<phase>.prof``.

It needs neither the project's settings nor its apps: only Django, modelsearch and Whoosh.
"""

import argparse
import contextlib
import itertools
import os
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WHOOSH = "search.backends.whoosh"
FTS5 = "modelsearch.backends.database.sqlite.sqlite"

TARGET_QUERY_P95_RATIO = 3.0
TARGET_SINGLE_MS = 30.0
TARGET_BUILD_S = 150.0
TARGET_N = 100_000

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


# -- synthetic contributions ------------------------------------------------------------------


class Generator:
    """Deterministic German-like text from the test collection's vocabulary."""

    def __init__(self, seed=20251113):
        from tests.search.german_collection import DOCUMENTS

        self.rng = random.Random(seed)
        words = []
        for title, body in DOCUMENTS.values():
            words.extend(re.findall(r"\w+(?:-\w+)*", f"{title} {body}"))
        vocabulary = sorted(set(words))
        nouns = [w for w in vocabulary if w[:1].isupper() and len(w) >= 5 and w.isalpha()]
        # Compounds ("Sammlungs" + "daten") and inflected forms widen the vocabulary the way a
        # few years of posts would.
        compounds = set()
        while len(compounds) < 4000:
            a, b = self.rng.sample(nouns, 2)
            compounds.add(a + self.rng.choice(LINKS) + b.lower())
        inflected = [w + e for w in nouns for e in ("n", "en", "s")]
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

    def contribution(self):
        rng = self.rng
        title = " ".join(self.word() for _ in range(rng.randint(3, 8)))
        length = min(400, max(8, int(rng.lognormvariate(3.9, 0.6))))  # median ~50 words
        sentences = []
        while length > 0:
            k = min(length, rng.randint(6, 16))
            sentences.append(self.sentence(k))
            length -= k
        return title[:1].upper() + title[1:], " ".join(sentences), rng.random() < 0.9


def _frequencies(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# -- Django ------------------------------------------------------------------------------------


def setup_django(workdir, build_procs=1):
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["modelsearch", "django.contrib.contenttypes"],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.path.join(workdir, "db.sqlite3"),
            }
        },
        MODELSEARCH_BACKENDS={
            "whoosh": {
                "BACKEND": WHOOSH,
                "PATH": os.path.join(workdir, "index"),
                "LANGUAGE": "de",
                "BUILD_PROCS": build_procs,
            },
            "sqlite_fts5": {"BACKEND": FTS5},
        },
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        SECRET_KEY="benchmark-only",  # noqa: S106
    )
    django.setup()

    from django.core.management import call_command
    from django.db import connection, models

    from modelsearch import index

    class Contribution(index.Indexed, models.Model):
        """A board contribution, reduced to what search sees."""

        title = models.CharField(max_length=255)
        body = models.TextField()
        author = models.CharField(max_length=100)
        visible = models.BooleanField(default=True)

        search_fields = [
            index.SearchField("title", boost=2.0),
            index.SearchField("body"),
            index.AutocompleteField("title"),
            index.FilterField("visible"),
        ]

        class Meta:
            app_label = "searchbench"

        def __str__(self):
            return self.title

    call_command("migrate", verbosity=0)
    with connection.schema_editor() as editor:
        editor.create_model(Contribution)
    return Contribution


# -- measurements ----------------------------------------------------------------------------


def progress(message):
    print(message, file=sys.stderr, flush=True)


def create_contributions(model, n, generator, batch=5000):
    started = time.perf_counter()
    for offset in range(0, n, batch):
        rows = []
        for i in range(offset, min(n, offset + batch)):
            title, body, visible = generator.contribution()
            rows.append(model(title=title, body=body, author=f"Person {i % 997}", visible=visible))
        model.objects.bulk_create(rows)
        progress(f"  generated {min(n, offset + batch):>7} / {n}")
    return time.perf_counter() - started


def build(backend, model, chunk_size=1000):
    """Rebuild ``backend``'s index as ``rebuild_modelsearch_index`` does; return seconds."""
    from django.db import transaction

    started = time.perf_counter()
    cpu_started = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes (BUILD_PROCS)
    children_started = children.ru_utime + children.ru_stime
    index = backend.get_index_for_model(model)
    rebuilder = backend.rebuilder_class(index)
    index = rebuilder.start()
    index.add_model(model)
    queryset = model.get_indexed_objects().order_by("pk")
    total = queryset.count()
    done = 0
    with transaction.atomic():
        while True:
            chunk = list(queryset[done : done + chunk_size])
            if not chunk:
                break
            index.add_items(model, chunk)
            done += len(chunk)
            if done % (chunk_size * 10) == 0 or done == total:
                elapsed = time.perf_counter() - started
                progress(f"  {done:>7} / {total} indexed, {elapsed:.1f} s")
    rebuilder.finish()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = children.ru_utime + children.ru_stime - children_started
    return time.perf_counter() - started, time.process_time() - cpu_started + children_cpu


def new_contributions(model, generator, count):
    """Create ``count`` new contributions (indexed one by one afterwards)."""
    objects = []
    for _ in range(count):
        title, body, visible = generator.contribution()
        objects.append(model.objects.create(title=title, body=body, author="Neu", visible=visible))
    return objects


def single_inserts(backend, objects):
    """Seconds ``backend.add(obj)`` takes for each of ``objects``."""
    durations = []
    cpu = []
    for obj in objects:
        started, cpu_started = time.perf_counter(), time.process_time()
        backend.add(obj)
        durations.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    progress(
        f"    CPU time median {statistics.median(cpu) * 1000:.1f} ms, max {max(cpu) * 1000:.1f} ms"
    )
    return durations


@contextlib.contextmanager
def sqlite_deadline(seconds):
    """Interrupt any SQLite statement of this connection once ``seconds`` have passed."""
    from django.db import connection

    if not seconds:
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    deadline = time.perf_counter() + seconds
    raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 20_000)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)


def query_times(backend, model, queries, rounds, filtered, cap=None):
    """Time each query ``rounds`` times (after one warm-up round); returns ``(times, capped)``.

    With ``cap`` (seconds), a query still running after ``cap`` seconds is interrupted and
    counted as taking ``cap`` seconds (a lower bound); it is not run again in later rounds, which
    count it at ``cap`` too. ``capped`` is the set of such queries.
    """
    from django.db import OperationalError

    queryset = model.objects.filter(visible=True) if filtered else model.objects.all()
    times = []
    capped = set()
    for round_ in range(rounds + 1):
        for query in queries:
            if query in capped:
                elapsed = cap
            else:
                started = time.perf_counter()
                try:
                    with sqlite_deadline(cap):
                        results = backend.search(query, queryset)
                        list(results[:10])
                        results.count()
                    elapsed = time.perf_counter() - started
                except OperationalError as exc:
                    if "interrupted" not in str(exc):
                        raise
                    capped.add(query)
                    elapsed = cap
                    progress(f"    {query!r}: stopped after {cap:.0f} s")
            if round_:  # the first round warms caches and is not counted
                times.append(elapsed)
    return times, capped


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


# -- report ----------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=TARGET_N, help="contributions (default 100000)")
    parser.add_argument("--inserts", type=int, default=50, help="single-contribution inserts")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the queries")
    parser.add_argument("--queries", nargs="+", default=QUERIES, help="queries to time")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: temp)")
    parser.add_argument(
        "--build-procs",
        type=int,
        default=2,
        help="the Whoosh backend's BUILD_PROCS (worker processes of a rebuild; default 2)",
    )
    parser.add_argument(
        "--query-cap",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="stop an FTS5 query after this long and count it as this long (0: no cap)",
    )
    parser.add_argument(
        "--backends",
        nargs="+",
        choices=("whoosh", "sqlite_fts5"),
        default=["whoosh", "sqlite_fts5"],
        help="measure only these backends (ratios and targets need both)",
    )
    parser.add_argument(
        "--profile",
        metavar="PREFIX",
        help="write cProfile statistics of each Whoosh phase to PREFIX-<phase>.prof",
    )
    args = parser.parse_args(argv)

    workdir = args.keep or tempfile.mkdtemp(prefix="search-bench-")
    os.makedirs(workdir, exist_ok=True)
    try:
        return run(args, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args, workdir):
    model = setup_django(workdir, args.build_procs)
    from modelsearch.backends import get_search_backend

    backends = {name: get_search_backend(name) for name in args.backends}
    generator = Generator()
    progress(f"Generating {args.n} contributions ({os.cpu_count()} CPUs) ...")
    create_contributions(model, args.n, generator)

    def measured(name, phase, function, *fargs):
        """Run ``function``; with ``--profile``, under cProfile for the Whoosh backend."""
        if not args.profile or name != "whoosh":
            return function(*fargs)
        import cProfile

        profiler = cProfile.Profile()
        try:
            return profiler.runcall(function, *fargs)
        finally:
            profiler.dump_stats(f"{args.profile}-{phase}.prof")

    rows = {name: {} for name in backends}
    for name, backend in backends.items():
        progress(f"Building the {name} index ...")
        rows[name]["build"], rows[name]["build_cpu"] = measured(
            name, "build", build, backend, model
        )
        wall, cpu = rows[name]["build"], rows[name]["build_cpu"]
        progress(f"  {name}: build {wall:.1f} s (CPU {cpu:.1f} s)")

    progress(f"Indexing {args.inserts} new contributions one by one ...")
    objects = new_contributions(model, generator, args.inserts)
    for name, backend in backends.items():
        durations = measured(name, "single", single_inserts, backend, objects)
        rows[name]["single"] = statistics.median(durations)
        progress(f"  {name}: single-contribution median {rows[name]['single'] * 1000:.1f} ms")

    for filtered in (False, True):
        label = "filtered" if filtered else "all"
        progress(f"Timing {len(args.queries)} queries x {args.rounds} rounds ({label}) ...")
        for name, backend in backends.items():
            cap = args.query_cap if name == "sqlite_fts5" else None
            times, capped = measured(
                name,
                f"query-{label}",
                query_times,
                backend,
                model,
                args.queries,
                args.rounds,
                filtered,
                cap,
            )
            row = rows[name]
            row[f"q50_{label}"] = statistics.median(times)
            row[f"q95_{label}"] = percentile(times, 95)
            row.setdefault("capped", {})[label] = capped
            for key in (f"q50_{label}", f"q95_{label}"):
                if capped and row[key] >= cap:
                    row.setdefault("lower_bounds", set()).add(key)
            progress(
                f"  {name}: query median {row[f'q50_{label}'] * 1000:.1f} ms, "
                f"p95 {row[f'q95_{label}'] * 1000:.1f} ms"
                + (f" ({len(capped)} queries stopped at {cap:.0f} s)" if capped else "")
            )

    if len(backends) < 2:
        return 0
    return report(args, rows)


def report(args, rows):
    w, f = rows["whoosh"], rows["sqlite_fts5"]
    lines = [
        ("full build", "build", 1.0, "s"),
        ("full build, CPU time (all processes)", "build_cpu", 1.0, "s"),
        ("index one contribution (median)", "single", 1000.0, "ms"),
        ("query median, all", "q50_all", 1000.0, "ms"),
        ("query p95, all", "q95_all", 1000.0, "ms"),
        ("query median, filtered", "q50_filtered", 1000.0, "ms"),
        ("query p95, filtered", "q95_filtered", 1000.0, "ms"),
    ]
    print(
        f"\nSearch benchmark: {args.n} contributions, {os.cpu_count()} CPUs, "
        f"Whoosh BUILD_PROCS={args.build_procs}"
    )
    print(f"{'':34}{'Whoosh':>12}{'SQLite FTS5':>14}{'ratio':>9}")
    bounds = f.get("lower_bounds", set())
    for label, key, scale, unit in lines:
        ratio = w[key] / f[key] if f[key] else float("inf")
        # ">=": FTS5's figure includes queries stopped at the cap, so the real one is higher
        # (and the ratio lower).
        mark, ratio_mark = (">=", "<=") if key in bounds else ("", "")
        print(
            f"{label:34}{w[key] * scale:>9.1f} {unit:<2}{mark:>3}{f[key] * scale:>8.1f} {unit:<2}"
            f"{ratio_mark:>3}{ratio:>5.2f}x"
        )
    for label, capped in f.get("capped", {}).items():
        if capped:
            print(
                f"FTS5 queries ({label}) stopped at the {args.query_cap:.0f} s cap and counted as "
                f"{args.query_cap:.0f} s: {', '.join(sorted(capped))}"
            )
    checks = [
        ("query p95 (all) <= 3x FTS5", w["q95_all"] <= TARGET_QUERY_P95_RATIO * f["q95_all"]),
        (
            "query p95 (filtered) <= 3x FTS5",
            w["q95_filtered"] <= TARGET_QUERY_P95_RATIO * f["q95_filtered"],
        ),
        (f"single-contribution median <= {TARGET_SINGLE_MS:.0f} ms", w["single"] * 1000 <= 30),
        (f"full build <= {TARGET_BUILD_S:.0f} s", w["build"] <= TARGET_BUILD_S),
    ]
    scale_note = "" if args.n == TARGET_N else f" (targets apply to {TARGET_N}; this run: {args.n})"
    print(f"\nTargets{scale_note}:")
    for label, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
