"""The demo site, built once per test process for the tests that read it: the `demo_site` fixture.

Building the demo (`manage.py load_demo_data`) takes half a minute or more; a dozen tests check
it. They request `demo_site` instead of loading it themselves: a shared world
(tests/shared_world.py), built in a transaction that stays open while they run, each of them
in a savepoint of it; no other test ever sees the demo.

The tests that use the demo live in tests/demo/, run first (tests/conftest.py) and, with
pytest-xdist, form one group (`--dist loadgroup`, `DemoGroupScheduling`), so one worker builds the
demo once. If they were interleaved with other tests, the demo would be built again when needed:
slower, never wrong.

What happens while the demo is built (e-mails sent, board notifications enqueued, on-commit
tasks run, Wagtail's moderation mail handlers connected) is recorded on the fixture's value, for
the tests that check the build itself.
"""

import io

import pytest

from .shared_world import SharedWorld, refuse_transactional, reset_search_index

FIXTURE = "demo_site"
GROUP = "demo_site"
DIRECTORY = "tests/demo/"  # where the tests that use it live: one xdist group

# The board's limits while the demo is built: one post per account and ten minutes. The demo's
# accounts are minutes old and write dozens of posts; the builder exempts itself.
BUILD_RATE_LIMITS = {
    "post": "1/10m/account,1/10m/ip,1/10m/young",
    "vote": "1/10m/account,1/10m/ip,1/10m/young",
    "flag": "1/10m/account,1/10m/ip,1/10m/young",
}


class DemoSite(SharedWorld):
    """The demo site in the test database, and what building it did."""

    fixture = FIXTURE

    def __init__(self, blocker):
        super().__init__(blocker)
        self.output = ""  # what load_demo_data printed
        self.mail = []  # e-mails sent while building
        self.notifications = []  # board notification tasks enqueued while building
        self.moderation_receivers = (0, 0)  # workflow_submitted receivers before, after
        self.rate_limits = BUILD_RATE_LIMITS

    def _load(self):
        from django.core import mail
        from django.core.management import call_command
        from django.test import TestCase, override_settings

        from wagtail.signals import workflow_submitted

        from board import tasks

        notifications = []

        class Recorder:
            def enqueue(self, *args, **kwargs):
                notifications.append((args, kwargs))

        reset_search_index()
        mail.outbox = []
        receivers = len(workflow_submitted.receivers)
        real = tasks.send_board_notification
        tasks.send_board_notification = Recorder()
        out = io.StringIO()
        try:
            with (
                override_settings(BOARD_RATE_LIMITS=BUILD_RATE_LIMITS),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                call_command("load_demo_data", "--no-logins", stdout=out)
        finally:
            tasks.send_board_notification = real
        self.output = out.getvalue()
        self.mail = list(mail.outbox)
        self.notifications = notifications
        self.moderation_receivers = (receivers, len(workflow_submitted.receivers))


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site as `load_demo_data` builds it (see the module's docstring)."""
    yield from DemoSite.session(django_db_blocker)


def uses_demo(item):
    return DemoSite.used_by(item)


def pytest_itemcollected(item):
    """The demo's tests live in tests/demo/ (their xdist group, see `DemoGroupScheduling`) and
    run in its transaction."""
    if not uses_demo(item):
        return
    if not item.nodeid.startswith(DIRECTORY):
        raise pytest.UsageError(
            f"{item.nodeid}: a test that uses the demo site belongs in {DIRECTORY} "
            "(the tests there run on one xdist worker, which builds the demo once)"
        )
    refuse_transactional(item, FIXTURE)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadgroup` (pyproject.toml), the tests in tests/demo/ form one group."""
    if config.getvalue("dist") == "loadgroup":
        return DemoGroupScheduling(config, log)
    return None


try:
    from xdist.scheduler import LoadGroupScheduling
except ImportError:  # pytest-xdist not installed: one process, nothing to schedule
    pass
else:

    class DemoGroupScheduling(LoadGroupScheduling):
        """xdist's `loadgroup` scheduling with the tests in tests/demo/ as one group.

        The controller only sees node ids. xdist gives a test marked `xdist_group` the node id
        suffix `@<group>` by assigning `item._nodeid`, which pytest 9 no longer reads (a node's
        id lives elsewhere now), so marked tests ended up on both workers and each built the
        demo. A group by directory needs no suffix; other `xdist_group` marks still work should
        xdist add the suffix again."""

        def _split_scope(self, nodeid):
            if nodeid.startswith(DIRECTORY):
                return GROUP
            return super()._split_scope(nodeid)
