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
            # Marks the test database as used, so pytest-django creates it (never the real one).
            item.add_marker(pytest.mark.django_db)
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

    def __init__(self, browser, base_url):
        self.base_url = base_url
        self.context = browser.new_context(accept_downloads=True, locale="de-DE")
        self.page = self.context.new_page()
        self.requested_hosts = set()
        self.page.on("request", lambda request: self.requested_hosts.add(self._host(request.url)))

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
