"""Report failed and stuck background tasks; exit with 1 if there are any (for monitoring).

    python manage.py task_health [--hours 24]

Lists tasks that failed in the last ``--hours``, tasks left RUNNING by a worker that is gone,
tasks waiting longer than ``TASK_STALE_AFTER`` past their time (no worker running?), and the
live workers. See home/taskqueue.py.
"""

from django.core.management.base import BaseCommand, CommandError

from home import taskqueue


def describe(result):
    args = result.args_kwargs.get("args", []) if isinstance(result.args_kwargs, dict) else []
    return f"{result.id} {result.task_path}{tuple(args)!r}"


class Command(BaseCommand):
    help = (
        "Meldet fehlgeschlagene und hängende Hintergrundaufgaben "
        "(Exit-Code 1, wenn es welche gibt)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=24,
            help="Fehlgeschlagene Aufgaben der letzten so vielen Stunden (Standard 24).",
        )

    def handle(self, *, hours, **options):
        report = taskqueue.health(hours=hours)
        self.stdout.write(f"Aktive Worker: {len(report.workers)}")
        for worker in report.workers:
            self.stdout.write(
                f"  {worker.worker_id} auf {worker.hostname} (PID {worker.pid}), "
                f"zuletzt gemeldet {worker.last_seen:%Y-%m-%d %H:%M:%S}"
            )
        sections = (
            (f"Fehlgeschlagen (letzte {hours} h)", report.failed, "finished_at"),
            ("Hängend (Worker nicht mehr erreichbar)", report.stuck, "started_at"),
            ("Wartend über die Zeit (läuft ein Worker?)", report.waiting, "enqueued_at"),
        )
        for title, results, when in sections:
            self.stdout.write(f"{title}: {len(results)}")
            for result in results:
                line = f"  {describe(result)} ({getattr(result, when):%Y-%m-%d %H:%M:%S})"
                if result.exception_class_path:
                    line += f" {result.exception_class_path}"
                self.stdout.write(line)
        if not report.ok:
            raise CommandError("Es gibt fehlgeschlagene oder hängende Hintergrundaufgaben.")
        self.stdout.write("Alles in Ordnung.")
