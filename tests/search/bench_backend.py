"""Rough performance check: build, single-document index and query latency on synthetic posts.

    .venv/bin/python tests/search/bench_backend.py [N]

Uses the throw-away configuration of ``eval_german.py``; compares query latency with SQLite FTS5.
"""

import random
import statistics
import sys
import tempfile
import time
from datetime import date
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

VOCABULARY = (
    "Digitalisierung Sammlung Sammlungsdaten Museum Museen Archiv Bibliothek Förderung "
    "Förderprogramm Antrag Lizenz Normdaten GND IIIF OCR KI Erschließung Metadaten Kooperation "
    "Verbund Nachhaltigkeit Infrastruktur Workshop Tagung Frage Antwort Projekt Objekt Bild "
    "Foto Scan Qualität Kosten Personal Zeit Daten Schnittstelle Portal Publikation Rechte "
    "und der die das mit für von zu im auf bei einer eine wir unsere Sie ist sind wird werden "
    "gemeinsam digital offen kleine große neue historische regionale"
)
WORDS = VOCABULARY.split()


def main(n):
    from tests.search.eval_german import setup_django

    with tempfile.TemporaryDirectory() as workdir:
        setup_django(workdir)
        from django.conf import settings
        from django.core.management import call_command

        from modelsearch.test.testapp.models import Book

        rng = random.Random(1)
        Book.objects.bulk_create(
            Book(
                title=" ".join(rng.choices(WORDS, k=6)),
                summary=" ".join(rng.choices(WORDS, k=120)) + f" Beitrag{i}",
                publication_date=date(2025, 1, 1),
                number_of_pages=i % 500,
            )
            for i in range(n)
        )
        for name in ("whoosh", "sqlite_fts5"):
            started = time.perf_counter()
            call_command(
                "rebuild_modelsearch_index", backend_name=name, stdout=StringIO(), verbosity=0
            )
            print(f"{name}: rebuild of {n} docs {time.perf_counter() - started:.1f} s")

        from search.backends.whoosh import WhooshSearchBackend

        backend = WhooshSearchBackend(settings.MODELSEARCH_BACKENDS["whoosh"])
        books = list(Book.objects.order_by("?")[:50])
        durations = []
        for book in books:
            book.summary += " geändert"
            started = time.perf_counter()
            backend.add(book)
            durations.append(time.perf_counter() - started)
        print(f"whoosh: single-document index median {statistics.median(durations) * 1000:.1f} ms")

        queries = [
            "Förderung",
            "Sammlung Museum",
            "KI",
            "Digitalisirung",
            "GND Normdaten",
            "Wie bekomme ich Förderung für die Digitalisierung?",
            "Beitrag123",
        ]
        for name in ("whoosh", "sqlite_fts5"):
            times = []
            for _ in range(5):
                for q in queries:
                    started = time.perf_counter()
                    results = Book.objects.filter(number_of_pages__gte=0).search(q, backend=name)
                    list(results[:10])
                    times.append(time.perf_counter() - started)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(
                f"{name}: query median {statistics.median(times) * 1000:.1f} ms, "
                f"p95 {p95 * 1000:.1f} ms"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
