"""modelsearch's own backend suite (``BackendTests``) passes on this backend, on every change.

The suite runs in a process of its own with modelsearch's test settings (see
:mod:`tests.search.modelsearch_suite`); about a minute.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import whoosh_only

pytestmark = [pytest.mark.slow, whoosh_only]

ROOT = Path(__file__).resolve().parents[2]
SUITE = "tests.search.modelsearch_suite"


def test_modelsearchs_backend_suite_passes():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"{SUITE}.settings",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "django",
            "test",
            "--noinput",
            "tests.search.modelsearch_suite.suite",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = result.stdout + result.stderr
    ran = re.search(r"Ran (\d+) tests?", output)
    assert result.returncode == 0, output[-4000:]
    assert ran is not None and int(ran.group(1)) >= 120, output[-2000:]
    assert "skipped" not in output.splitlines()[-1], output[-2000:]
