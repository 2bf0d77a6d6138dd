"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

They run in a pytest process of their own (`make test` runs them after the other tests), so the
demo site that they load once per session never leaks into the other tests' database.
"""

import io
import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# thread (fixtures) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    reason = None
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        reason = f"Chromium not found at {CHROMIUM}: install Debian's package `chromium`."
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright is not installed: run `make test`, which installs it."
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def live_site(django_db_setup, django_db_blocker):
    """The demo site behind a live server thread, loaded once for the whole browser session.

    pytest-django's `live_server` would flush the database after every test; browser tests
    only read and add, so one shared site keeps them fast. Yields the base URL.
    """
    from django.core.management import call_command
    from django.db import connections
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    with django_db_blocker.unblock():
        call_command("load_demo_data", stdout=io.StringIO())
        shared = {}
        for connection in connections.all():
            if connection.vendor == "sqlite" and connection.is_in_memory_db():
                connection.inc_thread_sharing()
                shared[connection.alias] = connection
        server = LiveServerThread(
            "localhost", _StaticFilesHandler, connections_override=shared, port=0
        )
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
        try:
            yield f"http://localhost:{server.port}"
        finally:
            server.terminate()
            for connection in shared.values():
                connection.dec_thread_sharing()
            connections.close_all()  # see `committed_database`


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_modify_db_settings,
):
    """The test database (never the real one), created once for the browser session.

    pytest-django's own `django_db_setup` only creates the databases of tests marked
    `django_db`, and that mark wraps each test in a transaction (or flushes after it). Browser
    tests need neither: see `committed_database`.
    """
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        databases = setup_databases(
            verbosity=verbosity, interactive=False, keepdb=django_db_keepdb, aliases={"default"}
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=verbosity)


@pytest.fixture(autouse=True)
def committed_database(django_db_setup, django_db_blocker):
    """Browser tests use the test database without a test transaction: every write commits.

    The live server answers the browser on a connection of its own (on PostgreSQL; SQLite in
    memory shares the test thread's), so whatever a test writes through the ORM to set up a
    scene must be committed before the browser asks for it, and what the browser changed must be
    readable from the test. Nothing is rolled back or flushed, on either database: each test
    makes its own rows (fresh titles, see `test_board.fresh_thread`) and relies on no other
    test's, so the order of the tests does not matter.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        yield
        # Playwright keeps an event loop running in this thread, so Django keeps this thread's
        # connection in a context variable that the database teardown at the end of the session
        # no longer sees; close it here, or PostgreSQL refuses to drop the test database.
        connections.close_all()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class SitePage:
    """A browser tab that records every request, to prove none leaves the site."""

    def __init__(self, browser, base_url, viewport=None):
        self.base_url = base_url
        options = {"viewport": viewport} if viewport else {}
        self.context = browser.new_context(accept_downloads=True, locale="de-DE", **options)
        self.page = self.context.new_page()
        self.requested_hosts = set()
        self.page.on("request", lambda request: self.requested_hosts.add(self._host(request.url)))
        # What the browser refused because of the Content-Security-Policy (config/middleware.py).
        self.csp_violations = []
        self.page.on(
            "console",
            lambda message: (
                self.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    @staticmethod
    def _host(url):
        parts = urlsplit(url)
        return parts.netloc if parts.scheme in ("http", "https", "ws", "wss") else parts.scheme

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def foreign_hosts(self):
        own = urlsplit(self.base_url).netloc
        return {host for host in self.requested_hosts if host not in (own, "data", "blob")}

    def axe_violations(self):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(
            self.page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                "resultTypes": ["violations"],
            },
        )
        return [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}x, e.g. "
            f"{violation['nodes'][0]['target']})"
            for violation in results.response["violations"]
        ]


@pytest.fixture
def site(browser, live_site):
    tab = SitePage(browser, live_site)
    yield tab
    tab.context.close()
