"""Fixtures of the page-cache tests: a small site with the page cache on, and committed changes."""

import pytest

from home import page_cache
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


@pytest.fixture
def page_entries(monkeypatch):
    """The page-cache keys written from now on (a list that grows)."""
    keys = []
    real_set = page_cache.cache.set

    def recording_set(key, *args, **kwargs):
        if key.startswith(page_cache.KEY_PREFIX):
            keys.append(key)
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", recording_set)
    return keys
