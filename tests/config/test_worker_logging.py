"""The task worker's log output follows DJANGO_LOG_LEVEL (default WARNING), although
django_tasks_db's ``db_worker`` sets its loggers to INFO (a line for every task otherwise)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow  # a Python process per test

SCRIPT = """
import logging
import django
django.setup()
from django_tasks_db.management.commands.db_worker import Command
Command().configure_logging(verbosity=1)  # what `manage.py db_worker` does first
logging.getLogger("django_tasks").info("TASK-INFO")
logging.getLogger("django_tasks_db").info("WORKER-INFO")
logging.getLogger("django_tasks_db").warning("WORKER-WARNING")
"""


def run_worker_logging(level):
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("DJANGO_LOG_LEVEL")
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    if level is not None:
        env["DJANGO_LOG_LEVEL"] = level
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout + result.stderr


@pytest.mark.parametrize("level", [None, "WARNING"])
def test_worker_prints_no_info_lines_by_default(level):
    output = run_worker_logging(level)

    assert "WORKER-WARNING" in output
    assert "TASK-INFO" not in output
    assert "WORKER-INFO" not in output


def test_worker_prints_info_lines_when_asked():
    output = run_worker_logging("info")

    assert "TASK-INFO" in output
    assert "WORKER-INFO" in output
