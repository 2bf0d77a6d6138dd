"""Content built once for a run of tests that read it, yet isolated per test: `SharedWorld`.

A world is built inside a database transaction that stays open; each test that uses it runs in
a savepoint of that transaction (pytest-django's usual per-test transaction) and so sees the
world as built, whatever the tests before it changed. When the next test does not use the
world, the transaction is rolled back and the search index emptied, so no other test ever sees
it; a later test that needs it builds it again. At most one world is open at a time.

A world is the value of a session-scoped fixture (`fixture`); a test uses it when that fixture
is among its fixtures, directly or through another fixture. Transactional tests cannot use one.
Subclasses implement `_load`. What no transaction rolls back (the Whoosh index) the world's
function-scoped fixture restores before each test.
"""

import pytest

_worlds = {}  # fixture name -> the world made by that session fixture


class SharedWorld:
    fixture = None  # the name of the session fixture whose value the world is

    def __init__(self, blocker):
        self._blocker = blocker
        self._atomic = None

    @property
    def active(self):
        return self._atomic is not None

    @classmethod
    def used_by(cls, item):
        return cls.fixture in getattr(item, "fixturenames", ())

    @classmethod
    def session(cls, blocker):
        """The session fixture's body: build, yield, discard."""
        world = cls(blocker)
        _worlds[cls.fixture] = world
        for other in _worlds.values():
            if other is not world:
                other.discard()
        world.build()
        try:
            yield world
        finally:
            world.discard()
            del _worlds[cls.fixture]

    def build(self):
        from django.core import mail
        from django.db import transaction

        with self._blocker.unblock():
            self._atomic = transaction.atomic()
            self._atomic.__enter__()
            try:
                self._load()
            except BaseException:
                self.discard()
                raise
            finally:
                mail.outbox = []

    def _load(self):
        raise NotImplementedError

    def discard(self):
        """Roll the world back and empty the search index."""
        from django.db import transaction

        if self._atomic is None:
            return
        atomic, self._atomic = self._atomic, None
        with self._blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            reset_search_index()


def reset_search_index():
    from django.conf import settings

    if settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backends.whoosh":
        from wagtail.search.backends import get_search_backend

        get_search_backend().store.reset()


def refuse_transactional(item, fixture):
    """A world lives in a transaction: a transactional test that uses it is a usage error."""
    if fixture not in getattr(item, "fixturenames", ()):
        return
    for mark in item.iter_markers("django_db"):
        if mark.kwargs.get("transaction") or mark.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: {fixture} lives in a transaction; "
                "a transactional test cannot use it"
            )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Build a world again for a test that needs it after it was discarded (another world that
    is open is discarded first)."""
    for world in list(_worlds.values()):
        if world.active and not type(world).used_by(item):
            world.discard()
    for world in list(_worlds.values()):
        if not world.active and type(world).used_by(item):
            world.build()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last of a run of a world's tests (its own transaction is rolled back by now)."""
    yield
    for world in list(_worlds.values()):
        if world.active and (nextitem is None or not type(world).used_by(nextitem)):
            world.discard()
