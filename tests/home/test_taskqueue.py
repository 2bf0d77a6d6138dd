"""Task durability in one process (issue 11, M3): recovery of tasks whose worker died, the
health report, ``manage.py task_health``, the dashboard panel and idempotent notifications.
tests/home/test_task_durability.py does the same with real, killed worker processes."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from board import notifications
from board.models import NotificationReceipt
from home import taskqueue
from home.models import TaskWorker
from tests.factories import UserFactory, make_moderator

from .worker_tasks import followed_answer

pytestmark = pytest.mark.django_db

TASK = "tests.home.worker_tasks.block_on_first_attempt"


@pytest.fixture(autouse=True)
def short_timeouts(settings):
    settings.TASK_WORKER_TIMEOUT = 60
    settings.TASK_MAX_ATTEMPTS = 3
    settings.TASK_STALE_AFTER = 600


def running(*worker_ids, started_ago=120):
    return DBTaskResult.objects.create(
        args_kwargs={"args": ["x"], "kwargs": {}},
        task_path=TASK,
        backend_name="database",
        status="RUNNING",
        started_at=timezone.now() - timedelta(seconds=started_ago),
        worker_ids=list(worker_ids),
    )


def heard_of(worker_id, seconds_ago):
    TaskWorker.objects.create(
        worker_id=worker_id, last_seen=timezone.now() - timedelta(seconds=seconds_ago)
    )


def test_a_task_of_a_dead_worker_goes_back_to_the_queue():
    heard_of("tot", 300)
    task = running("tot")

    assert taskqueue.recover_stuck_tasks() == (1, 0)

    task.refresh_from_db()
    assert (task.status, task.started_at, task.worker_ids) == ("READY", None, ["tot"])
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()
    assert taskqueue.recover_stuck_tasks() == (0, 0)  # requeued once


def test_a_task_of_a_worker_without_heartbeat_row_is_recovered_too():
    task = running("unbekannt")  # e.g. run by django-tasks-db's own worker before this change

    assert taskqueue.recover_stuck_tasks() == (1, 0)
    task.refresh_from_db()
    assert task.status == "READY"


def test_a_long_task_of_a_live_worker_is_left_alone():
    heard_of("lebt", 5)
    task = running("tot", "lebt", started_ago=3600)

    assert taskqueue.recover_stuck_tasks() == (0, 0)
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_a_task_that_just_started_is_left_alone():
    task = running("neu", started_ago=5)  # no heartbeat row yet, but started a moment ago

    assert taskqueue.recover_stuck_tasks() == (0, 0)
    task.refresh_from_db()
    assert task.status == "RUNNING"


def test_a_task_whose_workers_died_at_every_attempt_fails():
    task = running("eins", "zwei", "drei")

    assert taskqueue.recover_stuck_tasks() == (0, 1)

    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.finished_at is not None
    assert task.exception_class_path == taskqueue.WORKER_LOST
    assert task.task_result.errors[0].exception_class_path == taskqueue.WORKER_LOST


def test_heartbeats_of_several_workers():
    taskqueue.beat("a", started=True)
    taskqueue.beat("b", started=True)
    heard_of("c", 3600)

    assert taskqueue.live_worker_ids() == {"a", "b"}
    taskqueue.forget("a")
    assert taskqueue.live_worker_ids() == {"b"}


def run_in_worker(task_path, worker_ids=()):
    from home.management.commands.db_worker import Worker

    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=task_path,
        backend_name="database",
        worker_ids=list(worker_ids),
    )
    result.claim("dieser")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="database",
        startup_delay=False,
        max_tasks=None,
        worker_id="dieser",
        excluded_queue_names=[],
    ).run_task(result)
    result.refresh_from_db()
    return result


def test_a_task_interrupted_by_stopping_the_worker_goes_back_to_the_queue():
    result = run_in_worker("tests.home.worker_tasks.stopped_worker")

    assert (result.status, result.started_at, result.exception_class_path) == ("READY", None, "")


def test_an_interrupted_task_on_its_last_attempt_stays_failed():
    result = run_in_worker("tests.home.worker_tasks.stopped_worker", worker_ids=["a", "b"])

    assert (result.status, result.exception_class_path) == ("FAILED", "builtins.SystemExit")


# --- health ----------------------------------------------------------------------------------


def failed_task(hours_ago=1):
    return DBTaskResult.objects.create(
        args_kwargs={"args": ["wiki.topicpage", "7"], "kwargs": {}},
        task_path="search.tasks.update_search_index",
        backend_name="default",
        status="FAILED",
        finished_at=timezone.now() - timedelta(hours=hours_ago),
        exception_class_path="search.tasks.IndexUpdateFailed",
        traceback="IndexLocked",
    )


def test_health_lists_failed_stuck_and_overdue_tasks():
    failed = failed_task()
    failed_task(hours_ago=48)  # older than the report's window
    stuck = running("tot")
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path=TASK, backend_name="database"
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - timedelta(hours=1)
    )
    DBTaskResult.objects.create(  # waiting, but not for long
        args_kwargs={"args": [], "kwargs": {}}, task_path=TASK, backend_name="database"
    )
    taskqueue.beat("lebt")

    report = taskqueue.health(hours=24)

    assert [r.pk for r in report.failed] == [failed.pk]
    assert [r.pk for r in report.stuck] == [stuck.pk]
    assert [r.pk for r in report.waiting] == [waiting.pk]
    assert [w.worker_id for w in report.workers] == ["lebt"]
    assert not report.ok


def test_task_health_command_exits_non_zero_on_a_failed_task():
    failed_task()
    out = StringIO()

    with pytest.raises(CommandError, match="fehlgeschlagene oder hängende"):
        call_command("task_health", stdout=out)

    assert "Fehlgeschlagen (letzte 24 h): 1" in out.getvalue()
    assert "search.tasks.IndexUpdateFailed" in out.getvalue()


def test_task_health_command_passes_when_all_is_well():
    taskqueue.beat("lebt")
    out = StringIO()

    call_command("task_health", stdout=out)

    assert "Aktive Worker: 1" in out.getvalue()
    assert out.getvalue().strip().endswith("Alles in Ordnung.")


def test_dashboard_panel_shows_failed_tasks_to_superusers_and_moderators(client):
    failed_task()
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    moderator = make_moderator(email="mod@example.org")

    pages = []
    for user in (admin, moderator):
        client.force_login(user)
        pages.append(client.get(reverse("wagtailadmin_home")).content.decode())

    for html in pages:
        assert "Hintergrundaufgaben" in html
        assert "1 fehlgeschlagene Aufgabe (letzte 24 Stunden)" in html
        assert "search.tasks.update_search_index" in html


def test_dashboard_panel_is_not_shown_to_the_editors(client):
    from home.roles import EDITORS, ensure_roles

    failed_task()
    editor = UserFactory(email="red@example.org")
    editor.groups.add(ensure_roles()[EDITORS])
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Hintergrundaufgaben" not in html


# --- idempotent notifications ----------------------------------------------------------------


@pytest.fixture
def answered(db):
    return followed_answer(2)


def test_a_notification_delivered_twice_mails_each_person_once(answered):
    answer, followers = answered

    assert notifications.deliver(notifications.REPLY, answer.pk) == 2
    assert notifications.deliver(notifications.REPLY, answer.pk) == 0  # a rerun of the task

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in followers)
    assert NotificationReceipt.objects.filter(key=f"reply:{answer.pk}").count() == 2


def test_a_failed_send_records_nothing_and_is_sent_on_the_next_attempt(answered, monkeypatch):
    answer, followers = answered
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise ConnectionError("Mailserver nicht erreichbar")

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", refuse)
        with pytest.raises(ConnectionError):
            notifications.deliver(notifications.REPLY, answer.pk)
    assert NotificationReceipt.objects.count() == 0

    assert notifications.deliver(notifications.REPLY, answer.pk) == 2
    assert len(mail.outbox) == 2
