import pytest

from .factories import make_site_home

# The demo site, built once per test process for the tests that request `demo_site`.
pytest_plugins = ["tests.shared_world", "tests.demo_site"]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The longest jobs first, so that with pytest-xdist no worker starts one near the end while
    the other waits: the demo site's tests (one group: the demo is built once), then the tests
    marked `slow` (real processes), then the rest, each in the order collected."""
    from .demo_site import uses_demo

    def rank(item):
        return 0 if uses_demo(item) else 1 if item.get_closest_marker("slow") else 2

    items.sort(key=rank)


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, as `load_demo_data` sets it up."""
    return make_site_home()


@pytest.fixture(autouse=True)
def german_by_default():
    """Each test starts in German, as a visitor without a language prefix does."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits (board, allauth) count in the cache; each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enforce_limits():
    """Use in tests of the abuse limits; every other test runs without the board's limits."""
    return True


@pytest.fixture(autouse=True)
def board_limits_off_unless_enforced(request):
    """Tests create many posts quickly; the limits themselves are tested in test_limits.py."""
    if "enforce_limits" in request.fixturenames:
        yield
        return
    from board import limits

    with limits.exempt():
        yield


@pytest.fixture(autouse=True, scope="session")
def search_index_exists():
    """The test settings' Whoosh index exists, as `update_index`/`make run` leave it: writes
    never create a missing index while the database has content (Wagtail's root page)."""
    from django.conf import settings

    if settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backends.whoosh":
        from wagtail.search.backends import get_search_backend

        get_search_backend().store.ensure()
    yield
