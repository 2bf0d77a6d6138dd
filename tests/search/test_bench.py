"""The search benchmark (``bench/search.py``) still runs: at a tiny size, on SQLite only.

Its figures and targets are for a quiet machine and 100 000 contributions; here it runs with
``--no-targets``, so any exit status but 0 means the script failed.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_benchmark_runs_and_prints_figures_for_both_backends():
    command = [sys.executable, "bench/search.py", "--n", "300", "--inserts", "2", "--rounds", "1"]
    command += ["--backends", "whoosh", "fts5", "--queries", "Förderung", "OCR Qualität"]
    command += ["--no-targets"]
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "Search benchmark: 300 contributions" in result.stdout
    assert any(line.startswith("uptime:") for line in lines)
    for label in ("full build", "one post: create + index (median)", "query p95, all posts"):
        row = next(line for line in lines if line.startswith(label))
        assert row.count(" ms") + row.count(" s") == 2  # Whoosh and FTS5
    assert next(line for line in lines if line.startswith("search page p95"))
    assert not [line for line in lines if line.strip().startswith(("PASS", "FAIL"))]
