"""Fixtures of the page-cache tests: a small site with the page cache on, and committed changes."""

import pytest

from tests.crowd import build_site


@pytest.fixture
def site(db, settings):
    """The crowd site with the page cache on (tests may override ``site``)."""
    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 600, "MAX_AGE": 10}
    return build_site()


@pytest.fixture
def change(django_capture_on_commit_callbacks):
    """Run a change as its own committed transaction (version keys bump on commit)."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run
