"""Retrieval quality of the Whoosh backend on the German test collections, next to SQLite FTS5
and PostgreSQL's ``german`` full-text search.

Run from the project root::

    .venv/bin/python tests/search/eval_german.py [--collection project|independent|both]
                                                 [--verbose] [--json] [--pg-url URL | --no-pg]

``project`` is the project's own collection (``german_collection.py``), ``independent`` the one
written by someone who had not read the analyser (``eval_collection_independent.py``); ``both``
reports them one after the other (JSON: ``{"project": ..., "independent": ...}``).

It sets up its own throw-away Django configuration (modelsearch's test app, a temporary SQLite
database and index), so it needs neither the project's settings nor its apps. Each document
becomes a ``Book`` (title + summary); each query is run through ``Book.objects.search(query)``
with each backend's default operator, and recall@10 and MRR are reported per backend, overall
and per kind of query.

PostgreSQL: modelsearch's database backend with ``SEARCH_CONFIG = "german"`` (the scale path in
the README), evaluated in a child process of this script whose default database is ``--pg-url``
(default: the database ``kr_q`` on 127.0.0.1, dropped and made anew); ``--no-pg`` leaves it out,
and it is left out with a note when the server cannot be reached.
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BACKENDS = {
    "whoosh": "search.backends.whoosh",
    "sqlite_fts5": "modelsearch.backends.database.sqlite.sqlite",
}
PG_URL = "postgres://postgres@127.0.0.1:5432/kr_q"
PG_NAME = "postgres_german"


def setup_django(workdir, pg_url=None):
    import django
    from django.conf import settings

    if pg_url:
        # The child process: modelsearch's database backend chooses PostgreSQL by the default
        # database, so this process has only that backend.
        import dj_database_url

        BACKENDS.clear()
        BACKENDS[PG_NAME] = "modelsearch.backends.database"
        databases = {"default": dj_database_url.parse(pg_url)}
        search_backends = {
            PG_NAME: {"BACKEND": BACKENDS[PG_NAME], "SEARCH_CONFIG": "german"},
        }
    else:
        databases = {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": os.path.join(workdir, "db.sqlite3"),
            }
        }
        search_backends = {
            "whoosh": {
                "BACKEND": BACKENDS["whoosh"],
                "PATH": os.path.join(workdir, "index"),
                "LANGUAGE": "de",
            },
            "sqlite_fts5": {"BACKEND": BACKENDS["sqlite_fts5"]},
        }
    settings.configure(
        INSTALLED_APPS=[
            "modelsearch.test.testapp",
            "modelsearch",
            "taggit",
            "django.contrib.contenttypes",
            "django.contrib.auth",
        ],
        DATABASES=databases,
        MODELSEARCH_BACKENDS=search_backends,
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        SECRET_KEY="evaluation-only",  # noqa: S106
    )
    django.setup()

    from django.core.management import call_command

    # modelsearch's PostgreSQL migrations print; stdout carries the JSON report.
    with contextlib.redirect_stdout(sys.stderr):
        call_command("migrate", verbosity=0)


COLLECTIONS = ("project", "independent")


def collection(name):
    """``(documents {key: (title, body)}, queries [(query, kind, relevant keys)])``."""
    if name == "project":
        from tests.search.german_collection import DOCUMENTS, QUERIES

        return DOCUMENTS, QUERIES
    from tests.search.eval_collection_independent import DOCUMENTS, QUERIES

    return (
        {doc["id"]: (doc["title"], doc["body"]) for doc in DOCUMENTS},
        [(q["query"], q["kind"], q["relevant"]) for q in QUERIES],
    )


def load_collection(name="project"):
    from io import StringIO

    from django.core.management import call_command

    from modelsearch.test.testapp.models import Book

    documents, _queries = collection(name)
    Book.objects.all().delete()
    ids = {}
    for key, (title, body) in documents.items():
        book = Book.objects.create(
            title=title, summary=body, publication_date=date(2025, 11, 13), number_of_pages=1
        )
        ids[book.pk] = key
    for name in BACKENDS:
        call_command("rebuild_modelsearch_index", backend_name=name, stdout=StringIO())
    return ids


def evaluate(backend_name, ids, verbose=False, operator=None, name="project"):
    from modelsearch.test.testapp.models import Book

    _documents, queries = collection(name)
    per_kind = {}
    rows = []
    for query, kind, relevant in queries:
        results = list(Book.objects.search(query, backend=backend_name, operator=operator)[:10])
        ranked = [ids[book.pk] for book in results]
        recall = len(set(ranked) & set(relevant)) / len(relevant)
        rr = next((1 / (i + 1) for i, key in enumerate(ranked) if key in relevant), 0.0)
        rows.append((query, kind, recall, rr, ranked[:5]))
        per_kind.setdefault(kind, []).append((recall, rr))
    summary = {
        "recall@10": sum(r[2] for r in rows) / len(rows),
        "mrr": sum(r[3] for r in rows) / len(rows),
        "kinds": {
            kind: {
                "recall@10": sum(v[0] for v in values) / len(values),
                "mrr": sum(v[1] for v in values) / len(values),
                "n": len(values),
            }
            for kind, values in per_kind.items()
        },
    }
    if verbose:
        for query, kind, recall, rr, top in rows:
            print(f"  [{kind:15}] R={recall:.2f} RR={rr:.2f}  {query!r} -> {top}")
    return summary


def run(name, verbose=False):
    """The report of one collection: ``{backend: summary}``."""
    ids = load_collection(name)
    report = {}
    for backend in BACKENDS:
        if verbose:
            print(backend)
        report[backend] = evaluate(backend, ids, verbose=verbose, name=name)
    # The database backends' default operator is "and"; show their "or" result too, for fairness.
    for backend in ("sqlite_fts5", PG_NAME):
        if backend in BACKENDS:
            report[f"{backend} (or)"] = evaluate(
                backend, ids, verbose=verbose, operator="or", name=name
            )
    return report


def recreate_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def postgres_reports(names, pg_url, verbose):
    """``{collection: {backend: summary}}`` from a child process on PostgreSQL, or ``{}``."""
    try:
        recreate_database(pg_url)
    except Exception as exc:  # noqa: BLE001 - no server: reported, the rest still runs
        print(f"PostgreSQL left out ({pg_url}): {exc}", file=sys.stderr)
        return {}
    command = [sys.executable, __file__, "--engine-pg", pg_url, "--json"]
    command += ["--collection", names[0] if len(names) == 1 else "both"]
    if verbose:
        command.append("--verbose")
    result = subprocess.run(  # noqa: S603 - this script, our arguments
        command, capture_output=True, text=True, check=True
    )
    if verbose:
        print(result.stderr, file=sys.stderr)
    report = json.loads(result.stdout)
    return report if len(names) > 1 else {names[0]: report}


def print_report(report):
    for name, summary in report.items():
        print(f"{name:12} recall@10={summary['recall@10']:.3f}  MRR={summary['mrr']:.3f}")
        for kind, values in sorted(summary["kinds"].items()):
            print(
                f"    {kind:15} recall@10={values['recall@10']:.3f}  "
                f"MRR={values['mrr']:.3f}  (n={values['n']})"
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collection", choices=(*COLLECTIONS, "both"), default="project")
    parser.add_argument("--verbose", action="store_true", help="show every query")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL database ({PG_URL})")
    parser.add_argument("--no-pg", action="store_true", help="leave PostgreSQL out")
    parser.add_argument("--engine-pg", metavar="URL", help=argparse.SUPPRESS)  # the child
    args = parser.parse_args(argv)
    names = COLLECTIONS if args.collection == "both" else (args.collection,)
    postgres = {}
    if not args.no_pg and not args.engine_pg:
        postgres = postgres_reports(names, args.pg_url, args.verbose and not args.json)
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir, pg_url=args.engine_pg)
        reports = {}
        for name in names:
            if not args.json and len(names) > 1:
                print(f"== {name} collection")
            reports[name] = run(name, verbose=args.verbose and not args.json)
            reports[name].update(postgres.get(name, {}))
            if not args.json:
                print_report(reports[name])
    report = reports if len(names) > 1 else reports[names[0]]
    if args.json:
        print(json.dumps(report, indent=2))
    return report


if __name__ == "__main__":
    main()
