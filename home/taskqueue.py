"""Durable background tasks on ``django_tasks_db`` (issue 11, M3).

django-tasks-db 0.13 claims a task by setting it RUNNING and appending the worker's id to
``worker_ids``; it has no heartbeat, lease or timeout, so a worker that dies during a task (a
SIGKILL, the out-of-memory killer, a lost server) leaves the task RUNNING for ever. This module
adds what is missing, without changing django-tasks-db's tables:

- **Heartbeats.** ``manage.py db_worker`` (``home/management/commands/db_worker.py``, which
  replaces django-tasks-db's command of the same name) keeps a ``home.TaskWorker`` row with its
  id, refreshed every ``TASK_WORKER_HEARTBEAT`` seconds by a thread (so also while a long task
  runs) and deleted when it stops. Any number of workers, each with its own id.
- **Recovery.** Every worker, when it starts and then every half ``TASK_WORKER_TIMEOUT``, looks
  for RUNNING tasks whose last worker has not been heard of for ``TASK_WORKER_TIMEOUT`` seconds
  (and that started longer ago than that). Such a task goes back to READY, so any worker runs it
  again; after ``TASK_MAX_ATTEMPTS`` claims (the length of ``worker_ids``) it is marked FAILED
  instead (``WorkerLost``), so a task that kills its worker every time does not loop for ever.
  The change is a compare-and-set on (id, RUNNING, started_at), so two workers recovering at once
  requeue a task once, on SQLite and PostgreSQL alike.
- **Idempotent tasks.** A recovered task runs again from the start. The project's tasks allow
  that: the search index task makes the index agree with the database (``search/tasks.py``) and
  a notification records each e-mail sent in the same transaction (``board.NotificationReceipt``).
- **Health.** :func:`health` lists failed tasks, stuck ones and whether a worker is alive, for
  ``manage.py task_health`` (non-zero exit on a problem) and the admin dashboard panel.
"""

import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

WORKER_LOST = "home.taskqueue.WorkerLost"


class WorkerLost(Exception):
    """The worker running a task stopped answering ``TASK_MAX_ATTEMPTS`` times."""


def heartbeat_interval():
    return float(getattr(settings, "TASK_WORKER_HEARTBEAT", 10))


def worker_timeout():
    return float(getattr(settings, "TASK_WORKER_TIMEOUT", 60))


def max_attempts():
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 3))


def stale_after():
    """Seconds a READY task may wait past its time before it counts as stuck (no worker)."""
    return float(getattr(settings, "TASK_STALE_AFTER", 600))


# --- heartbeats --------------------------------------------------------------------------------


def beat(worker_id, *, started=False):
    """Record that ``worker_id`` is alive (``started``: it has just started)."""
    from .models import TaskWorker

    now = timezone.now()
    defaults = {"last_seen": now, "hostname": socket.gethostname()[:255], "pid": os.getpid()}
    if started:
        defaults["started_at"] = now
    TaskWorker.objects.update_or_create(worker_id=worker_id, defaults=defaults)


def forget(worker_id):
    from .models import TaskWorker

    TaskWorker.objects.filter(worker_id=worker_id).delete()


def live_worker_ids(now=None):
    from .models import TaskWorker

    cutoff = (now or timezone.now()) - timedelta(seconds=worker_timeout())
    return set(TaskWorker.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True))


class Heartbeat(threading.Thread):
    """Beats for a worker every ``heartbeat_interval()`` and recovers other workers' tasks every
    half ``worker_timeout()``, on a database connection of its own, until ``stop()``."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self._stop_event = threading.Event()

    def run(self):
        last_recovery = 0.0
        try:
            while not self._stop_event.is_set():
                try:
                    close_old_connections()
                    beat(self.worker_id)
                    now = timezone.now().timestamp()
                    if now - last_recovery >= worker_timeout() / 2:
                        recover_stuck_tasks()
                        last_recovery = now
                except Exception:  # noqa: BLE001 - a locked database now and then; next beat
                    logger.warning("Task worker heartbeat failed", exc_info=True)
                self._stop_event.wait(heartbeat_interval())
        finally:
            connections.close_all()

    def stop(self):
        self._stop_event.set()
        self.join(timeout=heartbeat_interval() + 10)


# --- recovery ----------------------------------------------------------------------------------


def recover_stuck_tasks(*, now=None):
    """Requeue (or fail, after ``max_attempts()``) tasks whose worker died; returns
    ``(requeued, failed)``."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=worker_timeout())
    alive = live_worker_ids(now)
    requeued = failed = 0
    running = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
    for result in running.only("id", "started_at", "worker_ids", "task_path"):
        worker_ids = result.worker_ids or []
        if worker_ids and worker_ids[-1] in alive:
            continue  # a long task of a live worker
        unchanged = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        if len(worker_ids) >= max_attempts():
            changed = unchanged.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=WORKER_LOST,
                traceback=(
                    f"{WORKER_LOST}: the worker running this task stopped answering "
                    f"{len(worker_ids)} times (workers {', '.join(worker_ids)}); not retried."
                ),
            )
            failed += changed
            if changed:
                logger.error(
                    "Task %s (%s) failed: its worker died %d times",
                    result.pk,
                    result.task_path,
                    len(worker_ids),
                )
        else:
            changed = unchanged.update(status=TaskResultStatus.READY, started_at=None)
            requeued += changed
            if changed:
                logger.warning(
                    "Task %s (%s) requeued: worker %s died during attempt %d",
                    result.pk,
                    result.task_path,
                    worker_ids[-1] if worker_ids else "?",
                    len(worker_ids),
                )
    return requeued, failed


INTERRUPTIONS = ("builtins.SystemExit", "builtins.KeyboardInterrupt")


def requeue_interrupted(result):
    """Put a task that "failed" because its worker was stopped (SystemExit, KeyboardInterrupt)
    back into the queue, unless it had ``max_attempts()`` already; returns whether it did."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if result.status != TaskResultStatus.FAILED or result.exception_class_path not in INTERRUPTIONS:
        return False
    if len(result.worker_ids or []) >= max_attempts():
        return False
    changed = DBTaskResult.objects.filter(
        pk=result.pk, status=TaskResultStatus.FAILED, finished_at=result.finished_at
    ).update(
        status=TaskResultStatus.READY,
        started_at=None,
        finished_at=None,
        exception_class_path="",
        traceback="",
    )
    if changed:
        logger.warning("Task %s (%s) requeued: its worker was stopped", result.pk, result.task_path)
    return bool(changed)


# --- health ------------------------------------------------------------------------------------


@dataclass
class Health:
    failed: list = field(default_factory=list)
    stuck: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    workers: list = field(default_factory=list)

    @property
    def ok(self):
        return not (self.failed or self.stuck or self.waiting)


def health(*, hours=24, now=None, limit=50):
    """Failed tasks of the last ``hours``, RUNNING tasks whose worker is gone, READY tasks
    waiting longer than ``stale_after()`` past their time, and the live workers."""
    from django.db.models import Q

    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    from .models import TaskWorker

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=worker_timeout())
    alive = live_worker_ids(now)
    failed = list(
        DBTaskResult.objects.failed()
        .filter(finished_at__gte=now - timedelta(hours=hours))
        .order_by("-finished_at")[:limit]
    )
    stuck = [
        result
        for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        if not result.worker_ids or result.worker_ids[-1] not in alive
    ][:limit]
    late = now - timedelta(seconds=stale_after())
    waiting = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        .filter(
            Q(run_after__lt=late) | Q(run_after=get_date_max(), enqueued_at__lt=late),
        )
        .order_by("enqueued_at")[:limit]
    )
    workers = list(TaskWorker.objects.filter(worker_id__in=alive).order_by("started_at"))
    return Health(failed=failed, stuck=stuck, waiting=waiting, workers=workers)
