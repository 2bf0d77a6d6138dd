"""A worker killed during a task: real ``manage.py db_worker`` processes (issue 11, M3).

Each test copies pytest's SQLite test database to a file (or uses pytest-django's PostgreSQL
test database, with ``DATABASE_URL``), enqueues on the ``database`` tasks backend of the test
settings, starts ``manage.py db_worker --backend database`` as a subprocess, SIGKILLs it while
the task blocks, starts a second worker and reads the outcome from the shared database. Marked
``slow`` (about half a minute each); they run in CI with the rest of the suite.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

import pytest
from django_tasks_db.models import DBTaskResult

from board import notifications
from board.tasks import send_board_notification

from . import worker_tasks

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90


class Shared:
    """The database and work directory the worker processes share with this test."""

    def __init__(self, tmp_path):
        self.workdir = tmp_path / "work"
        self.workdir.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "KOOPERATIONSRAUM_TEST_WORKDIR": str(self.workdir),
            "KOOPERATIONSRAUM_TEST_INDEX_DIR": str(tmp_path / "index"),
            "KOOPERATIONSRAUM_TEST_EMAIL_BACKEND": "tests.home.worker_tasks.BlockingEmailBackend",
            "TASK_WORKER_HEARTBEAT": "0.2",
            "TASK_WORKER_TIMEOUT": "2",
            "TASK_MAX_ATTEMPTS": "3",
            "PYTHONUNBUFFERED": "1",
        }
        self.sqlite = None
        if connection.vendor == "sqlite":
            self.sqlite = tmp_path / "db.sqlite3"
            self.env["KOOPERATIONSRAUM_TEST_SQLITE"] = str(self.sqlite)
        else:
            self.env["KOOPERATIONSRAUM_TEST_DB_NAME"] = connection.settings_dict["NAME"]
        self.workers = []

    def share(self):
        """Hand what this test wrote to the workers (SQLite: a file copy of the test database)."""
        if self.sqlite is not None:
            connection.ensure_connection()
            target = sqlite3.connect(self.sqlite)
            connection.connection.backup(target)
            target.close()

    def query(self, sql, params=()):
        """Rows of ``sql`` (``%s`` placeholders) from the database the workers use."""
        if self.sqlite is not None:
            with sqlite3.connect(self.sqlite, timeout=30) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def task(self, pk):
        status, worker_ids, exception = self.query(
            "SELECT status, worker_ids, exception_class_path "  # noqa: S608 - a model's table
            f"FROM {DBTaskResult._meta.db_table} WHERE id = %s",
            [pk.replace("-", "") if self.sqlite else pk],
        )[0]
        if isinstance(worker_ids, str):
            worker_ids = json.loads(worker_ids)
        return status, worker_ids, exception

    def start_worker(self, worker_id):
        log = open(self.workdir.parent / f"{worker_id}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603 - this interpreter and manage.py
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--backend",
                "database",
                "--worker-id",
                worker_id,
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append((process, log))
        return process

    def wait_for(self, condition, what):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if condition():
                return
            for process, _ in self.workers:
                if process.poll() not in (None, -signal.SIGKILL, 0):
                    code = process.returncode
                    raise AssertionError(f"a worker exited with {code}: {self.logs()}")
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}: {self.logs()}")

    def kill(self, process):
        process.send_signal(signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL

    def logs(self):
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.workdir.parent.glob("*.log"))
        )

    def close(self):
        for process, log in self.workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(10)
            log.close()


@pytest.fixture
def shared(tmp_path):
    shared = Shared(tmp_path)
    yield shared
    shared.close()


def files(shared, pattern):
    return sorted(path.name for path in shared.workdir.glob(pattern))


def test_a_task_whose_worker_was_killed_runs_again_and_completes_once(shared):
    result = worker_tasks.block_on_first_attempt.using(backend="database").enqueue("probe")
    shared.share()

    first = shared.start_worker("worker-eins")
    shared.wait_for(lambda: files(shared, "probe-started-*"), "the first attempt")
    shared.kill(first)
    assert shared.task(result.id)[0] == "RUNNING"  # what django-tasks-db leaves behind

    shared.start_worker("worker-zwei")
    shared.wait_for(lambda: shared.task(result.id)[0] == "SUCCESSFUL", "the second attempt")

    status, worker_ids, _ = shared.task(result.id)
    assert worker_ids == ["worker-eins", "worker-zwei"]
    assert files(shared, "probe-started-*") == ["probe-started-1", "probe-started-2"]
    assert files(shared, "probe-done-*") == ["probe-done-2"]  # completed exactly once
    print(shared.logs())


def test_a_notification_whose_worker_was_killed_mails_everyone_exactly_once(shared):
    answer, followers = worker_tasks.followed_answer(3)
    result = send_board_notification.using(backend="database").enqueue(
        notifications.REPLY, answer.pk
    )
    shared.share()

    first = shared.start_worker("mailer-eins")
    shared.wait_for(lambda: (shared.workdir / "blocked").exists(), "the first e-mail")
    shared.kill(first)
    shared.start_worker("mailer-zwei")
    shared.wait_for(lambda: shared.task(result.id)[0] == "SUCCESSFUL", "the second attempt")

    mails = [(shared.workdir / name).read_text() for name in files(shared, "mail-*.eml")]
    recipients = sorted(
        line.split(": ", 1)[1]
        for mail in mails
        for line in mail.splitlines()
        if line.startswith("To: ")
    )
    assert recipients == sorted(user.email for user in followers)  # each once, none lost
    receipts = shared.query("SELECT key, user_id FROM board_notificationreceipt")
    assert sorted(receipts) == sorted((f"reply:{answer.pk}", user.pk) for user in followers)
    assert shared.task(result.id)[1] == ["mailer-eins", "mailer-zwei"]
    print(shared.logs())


def test_a_task_that_kills_every_worker_fails_after_the_last_attempt(shared):
    result = worker_tasks.always_blocks.using(backend="database").enqueue("gift")
    shared.share()

    for attempt in range(1, 4):
        worker = shared.start_worker(f"opfer-{attempt}")
        shared.wait_for(lambda n=attempt: files(shared, f"gift-started-{n}"), f"attempt {attempt}")
        shared.kill(worker)
    shared.start_worker("aufraeumer")
    shared.wait_for(lambda: shared.task(result.id)[0] == "FAILED", "the task to fail")

    status, worker_ids, exception = shared.task(result.id)
    assert worker_ids == ["opfer-1", "opfer-2", "opfer-3"]
    assert exception == "home.taskqueue.WorkerLost"
    assert files(shared, "gift-started-*") == ["gift-started-1", "gift-started-2", "gift-started-3"]
