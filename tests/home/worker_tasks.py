"""Test-only tasks and an e-mail backend for the worker processes of test_task_durability.py.

They coordinate with the test through files in a directory the test names (``KOOPERATIONSRAUM_
TEST_WORKDIR``): a task or a sent e-mail leaves a file there, and the first attempt blocks until
the test kills its worker.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

from django_tasks import task


def followed_answer(followers):
    """A reply to a question that ``followers`` people follow, with no e-mail sent yet:
    ``(reply, [followers])``."""
    from board import notifications
    from board.models import Subscription
    from tests.factories import EventPageFactory, UserFactory, ask, make_site_home, reply

    with notifications.muted():  # nothing is sent here; the test's deliveries will
        edition = EventPageFactory(parent=make_site_home())
        asker = UserFactory(email="fragt@example.org")
        thread = ask(edition, asker, title="Wer hat einen Buchscanner?", body="Frage")
        users = [UserFactory(email=f"folgt{i}@example.org") for i in range(followers)]
        for user in users:
            Subscription.objects.create(user=user, thread=thread)
        answer = reply(thread, asker, "Die Antwort, auf die alle warten.")
    return answer, users


def _workdir():
    return Path(os.environ["KOOPERATIONSRAUM_TEST_WORKDIR"])


def _block_forever():
    while True:  # the test SIGKILLs the worker here
        time.sleep(0.05)


@task()
def block_on_first_attempt(name):
    """Leave ``started-<n>``; block on the first attempt, leave ``done-<n>`` on the others."""
    workdir = _workdir()
    attempt = len(list(workdir.glob(f"{name}-started-*"))) + 1
    (workdir / f"{name}-started-{attempt}").touch()
    if attempt == 1:
        _block_forever()
    (workdir / f"{name}-done-{attempt}").touch()
    return attempt


@task()
def always_blocks(name):
    """A task whose every attempt kills its worker (the test does the killing)."""
    workdir = _workdir()
    attempt = len(list(workdir.glob(f"{name}-started-*"))) + 1
    (workdir / f"{name}-started-{attempt}").touch()
    _block_forever()


@task()
def stopped_worker():
    """What a task sees when its worker gets a second SIGTERM (django-tasks-db: sys.exit(1))."""
    raise SystemExit(1)


class BlockingEmailBackend(BaseEmailBackend):
    """Writes each message to ``mail-<n>.eml``; the first worker blocks before its second one
    (after the first e-mail was sent and its receipt committed)."""

    def send_messages(self, messages):
        workdir = _workdir()
        for message in messages:
            if len(list(workdir.glob("mail-*.eml"))) == 1 and not (workdir / "blocked").exists():
                (workdir / "blocked").touch()
                _block_forever()
            number = len(list(workdir.glob("mail-*.eml"))) + 1
            (workdir / f"mail-{number}.eml").write_bytes(message.message().as_bytes())
        return len(messages)
