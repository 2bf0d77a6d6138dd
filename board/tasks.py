"""Background tasks of the board (django_tasks): e-mail notifications.

The services only *enqueue* (after the transaction commits, see ``board.notifications``); the
worker reads the current state of the database and sends. Arguments are plain ids so the task
serialises for ``django_tasks_db``.
"""

from django_tasks import task


@task()
def send_board_notification(event, object_id):
    """Send the e-mails of one board event ("reply", "accepted", "answered_after", "question")."""
    from . import notifications

    return notifications.deliver(event, object_id)
