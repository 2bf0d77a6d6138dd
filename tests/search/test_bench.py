"""Smoke test of the search benchmark (``bench/search.py``) at a tiny size."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_and_prints_figures_for_both_backends():
    result = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, "bench/search.py", "--n", "300", "--inserts", "3", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    # 0: every target met, 1: some missed (timings depend on the machine); anything else crashed.
    assert result.returncode in (0, 1), result.stderr
    lines = result.stdout.splitlines()
    assert "Search benchmark: 300 contributions" in result.stdout
    for label in ("full build", "index one contribution (median)", "query p95, all"):
        row = next(line for line in lines if line.startswith(label))
        assert row.rstrip().endswith("x")  # the Whoosh/FTS5 ratio
    assert sum(line.strip().startswith(("PASS", "FAIL")) for line in lines) == 4
