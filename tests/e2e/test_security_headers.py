"""The Content-Security-Policy holds in a real browser (issue 11, L7): no page type of the site
makes Chromium refuse anything, for visitors, participants and the admin."""

import pytest

from .test_board import fresh_thread, login

PUBLIC_PAGES = [
    "/",
    "/ausgaben/2025/",
    "/themen/",
    "/themen/geteilte-infrastrukturen/",
    "/themen/letzte-aenderungen/",
    "/fragen/",
    "/suche/?q=Digitalisierung",
    "/impressum/",
    "/konto/login/",
    "/konto/signup/",
    "/en/",
    "/gibt-es-nicht/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_raise_no_csp_violation(site, path):
    site.goto(path)
    site.page.keyboard.press("Tab")  # focus styles and scripts that react to it

    assert site.csp_violations == []


def test_thread_page_and_ask_form_raise_no_csp_violation_for_a_participant(site):
    thread, _answer = fresh_thread()
    login(site, "ben@kooperationsraum.test", "demo-teilnahme")

    site.goto(thread.get_absolute_url())
    site.page.fill("textarea[name=body]", "**Vorschau** mit [Link](https://example.org)")
    site.goto("/fragen/neu/")
    site.page.fill("input[name=title]", "Wie teilen kleine Häuser ihre Scanner")
    site.page.wait_for_load_state("networkidle")

    assert site.csp_violations == []


def test_admin_works_under_its_policy(site):
    login(site, "redaktion@kooperationsraum.test", "demo-redaktion")

    site.goto("/admin/")
    site.goto("/admin/pages/")

    assert site.page.locator("main, #main").first.is_visible()
    assert site.csp_violations == []


def test_a_violation_is_reported(site):
    """The check is real: an inline script is refused and shows up."""
    site.goto("/")
    site.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.x = 1'; document.body.append(s); }"
    )
    site.page.wait_for_timeout(200)

    assert any("script-src" in text for text in site.csp_violations)
