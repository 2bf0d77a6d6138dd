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


PHONE = {"width": 390, "height": 844}

# The outermost elements that reach past the right edge of the window, to name the culprits when a
# page scrolls sideways (an element clipped inside a hidden one, like the honeypot, is listed too).
STICKING_OUT = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const element of document.body.querySelectorAll("*")) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1 && !out.some(e => e.contains(element))) {
            out.push(element);
        }
    }
    return out.map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ` +
                        `(right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


def on_a_phone(browser, live_site, path):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    page.goto(live_site + path)
    page.wait_for_load_state("networkidle")
    return context, page


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ausgaben/2025/",
        "/themen/",
        "/themen/geteilte-infrastrukturen/",  # has a four-column table
        "/fragen/",
        "/suche/?q=F%C3%B6rderung",
        "/konto/signup/",
        "/en/topics/shared-infrastructures/",
    ],
)
def test_page_fits_a_phone_screen(browser, live_site, path):
    context, page = on_a_phone(browser, live_site, path)
    try:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        sticking_out = page.evaluate(STICKING_OUT)
    finally:
        context.close()

    assert scroll_width <= PHONE["width"], sticking_out


def test_thread_with_nested_replies_fits_a_phone_screen(browser, live_site):
    from board.models import Thread

    thread = Thread.objects.public().order_by("-reply_count").first()
    context, page = on_a_phone(browser, live_site, thread.get_absolute_url())
    try:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"], page.evaluate(STICKING_OUT)
    finally:
        context.close()


def test_phone_check_reports_a_wide_element(browser, live_site):
    """Guards the guard: an element wider than the screen is reported."""
    context, page = on_a_phone(browser, live_site, "/")
    try:
        page.set_content('<body><div class="breit">x</div></body>')
        # Through the CSSOM: the site's Content-Security-Policy refuses style attributes.
        page.evaluate("document.querySelector('.breit').style.width = '600px'")
        assert page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
        assert page.evaluate(STICKING_OUT) == ["div.breit (right edge 608 px)"]
    finally:
        context.close()
