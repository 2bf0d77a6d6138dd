"""django-tasks-db's ``db_worker`` with heartbeats and recovery of tasks whose worker died.

It replaces django_tasks_db's command of the same name (``home`` comes before ``django_tasks_db``
in ``INSTALLED_APPS``) and takes the same options. Before it claims its first task it records
its heartbeat and requeues the tasks of dead workers; a thread keeps both going while it runs;
it removes its heartbeat when it stops. A task interrupted by stopping the worker (a second
SIGTERM) goes back to the queue instead of being recorded as failed. See ``home/taskqueue.py``.
"""

from django_tasks_db.management.commands import db_worker

from home import taskqueue


class Worker(db_worker.Worker):
    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        # A second Ctrl+C or SIGTERM stops the worker in the middle of a task with SystemExit,
        # which django-tasks-db records as the task's failure: the task did not fail, its
        # worker was stopped, so it goes back to the queue like the task of a dead worker.
        taskqueue.requeue_interrupted(db_task_result)

    def run(self):
        taskqueue.beat(self.worker_id, started=True)
        taskqueue.recover_stuck_tasks()
        heartbeat = taskqueue.Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            return super().run()
        finally:
            heartbeat.stop()
            try:
                taskqueue.forget(self.worker_id)
            except Exception:  # noqa: BLE001 - the row then simply goes stale
                db_worker.logger.warning("Could not remove the worker's heartbeat", exc_info=True)


class Command(db_worker.Command):
    help = db_worker.Command.help + " (with heartbeats and recovery of tasks of dead workers)"

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = Worker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
