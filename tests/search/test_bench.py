"""Smoke test of the search benchmark (``bench/search.py``) at a tiny size, on SQLite only."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_and_prints_figures_for_both_backends():
    command = [sys.executable, "bench/search.py", "--n", "300", "--inserts", "2", "--rounds", "1"]
    command += ["--backends", "whoosh", "fts5", "--queries", "Förderung", "OCR Qualität"]
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )

    # 0: every target met, 1: some missed (timings depend on the machine); anything else crashed.
    assert result.returncode in (0, 1), result.stderr
    lines = result.stdout.splitlines()
    assert "Search benchmark: 300 contributions" in result.stdout
    assert any(line.startswith("uptime:") for line in lines)
    for label in ("full build", "one post: create + index (median)", "query p95, all posts"):
        row = next(line for line in lines if line.startswith(label))
        assert row.count(" ms") + row.count(" s") == 2  # Whoosh and FTS5
    assert next(line for line in lines if line.startswith("search page p95"))
    # The page and one-post targets; the query target needs PostgreSQL.
    assert sum(line.strip().startswith(("PASS", "FAIL")) for line in lines) == 2
