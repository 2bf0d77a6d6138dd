"""The site shell in a real browser: German and English pages, calendar file, accessibility."""

import pytest
from icalendar import Calendar

PAGES = [
    ("/", "de", "Kooperationsraum"),
    ("/ausgaben/2025/", "de", "Konferenz 2025: Kooperationen"),
    ("/impressum/", "de", "Impressum"),
    ("/en/", "en", "Kooperationsraum"),
    ("/en/editions/2025/", "en", "Conference 2025: Cooperation"),
    ("/en/legal-notice/", "en", "Legal notice"),
]


@pytest.mark.parametrize(("path", "language", "heading"), PAGES)
def test_page_loads_in_its_language_accessibly_and_only_from_the_site(
    site, path, language, heading
):
    response = site.goto(path)

    assert response.status == 200
    assert site.page.locator("html").get_attribute("lang") == language
    assert site.page.locator("h1").first.inner_text() == heading
    assert site.axe_violations() == []
    assert site.foreign_hosts() == set()


def test_ics_download_contains_the_edition(site):
    site.goto("/ausgaben/2025/")

    with site.page.expect_download() as download_info:
        site.page.get_by_role("link", name="Termin in den Kalender (.ics)").click()
    download = download_info.value

    assert download.suggested_filename == "konferenz-2025.ics"
    with open(download.path(), "rb") as calendar_file:
        calendar = Calendar.from_ical(calendar_file.read())
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart").date().isoformat() == "2025-11-13"
    assert "Zuse-Institut Berlin" in str(entry["location"])


def test_language_switch_leads_to_the_translation(site):
    site.goto("/ausgaben/2025/")

    site.page.get_by_role("link", name="English").click()
    site.page.wait_for_load_state()

    assert site.page.url.endswith("/en/editions/2025/")
    assert site.page.locator("h1").inner_text() == "Conference 2025: Cooperation"


def test_skip_link_moves_focus_to_main(site):
    site.goto("/")

    site.page.keyboard.press("Tab")
    focused = site.page.evaluate("document.activeElement.textContent.trim()")
    site.page.keyboard.press("Enter")

    assert focused == "Zum Inhalt springen"
    assert site.page.evaluate("document.activeElement.id") == "main"


def test_unknown_page_is_a_german_404_without_violations(site):
    response = site.goto("/gibt-es-nicht/")

    assert response.status == 404
    assert site.page.locator("h1").inner_text() == "Seite nicht gefunden"
    assert site.axe_violations() == []


def test_axe_check_reports_a_real_violation(site):
    """Guards the guard: the accessibility check must fail on a broken page."""
    site.goto("/")
    site.page.set_content('<html><body><img src="/static/img/favicon.svg"></body></html>')

    violations = site.axe_violations()

    assert any(violation.startswith("image-alt") for violation in violations)
    assert any(violation.startswith("html-has-lang") for violation in violations)
