"""A participant's own page, the edit history and 'Ähnliche Fragen' in a real browser (issue 15,
items 4 and 5): typed title → similar questions right at the field, announced, reachable with Tab,
the focus left where it was; unsubscribing without JavaScript; the "bearbeitet" marker leads to
the history; axe-core finds nothing on the new pages."""

import pytest

from tests.e2e.conftest import SitePage
from tests.e2e.test_board import login, user
from tests.e2e.test_visual import PARTICIPANT, participant_scene

TITLE = "Welche OCR Software nehmen wir für Fraktur?"


def hidden_similar_thread():
    """A question like the typed one that the moderation hid: it must never be suggested."""
    from board import services
    from board.models import Thread
    from home.models import EventPage

    title = "Welche OCR Software für Fraktur ist versteckt?"
    thread = Thread.objects.filter(title=title).first()
    if thread is None:
        edition = EventPage.objects.get(slug="2025", locale__language_code="de")
        thread = services.ask_question(
            edition=edition,
            author=user("ben@kooperationsraum.test"),
            title=title,
            body="Versteckt.",
        )
        services.hide_post(
            post=thread.posts.get(),
            moderator=user("moderation@kooperationsraum.test"),
            reason="Browsertest",
        )
    return thread


def box(locator):
    return locator.bounding_box()


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 900}, {"width": 390, "height": 844}], ids=["1366", "390"]
)
def test_similar_questions_appear_at_the_title_field(browser, live_site, viewport):
    hidden = hidden_similar_thread()
    site = SitePage(browser, live_site, viewport=viewport)
    try:
        login(site, "anna@kooperationsraum.test", "demo-teilnahme")
        site.goto("/fragen/neu/?ausgabe=2025")
        page = site.page
        title = page.locator("#id_title")
        title.click()
        title.press_sequentially(TITLE, delay=20)
        links = page.locator("#similar-questions a")
        links.first.wait_for(timeout=10000)

        # Suggested while typing, the focus still in the title field.
        assert page.evaluate("document.activeElement.id") == "id_title"
        hrefs = links.evaluate_all("links => links.map(link => link.getAttribute('href'))")
        assert len(hrefs) >= 1
        assert hidden.get_absolute_url() not in hrefs
        titles = links.all_inner_texts()
        assert "Welche OCR-Software eignet sich für Fraktur?" in titles
        status = page.locator("#similar-questions-status")
        assert status.get_attribute("aria-live") == "polite"
        assert status.inner_text().endswith("unter dem Titelfeld")

        # Next to the field: beside it on a wide screen, right below it on a phone; above the text.
        field, listing = box(title), box(page.locator("#similar-questions"))
        body = box(page.locator("#id_body"))
        if viewport["width"] >= 1280:
            assert listing["x"] >= field["x"] + field["width"]
            assert listing["y"] < field["y"] + field["height"]
        else:
            assert field["y"] + field["height"] <= listing["y"] < body["y"]
        assert listing["x"] + listing["width"] <= viewport["width"]

        # Reachable with the keyboard: Tab from the title goes into the list.
        title.press("Tab")
        assert page.evaluate("document.activeElement.closest('#similar-questions') !== null")
        assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[0]
        assert site.axe_violations() == []
        assert site.foreign_hosts() == set()
    finally:
        site.context.close()


def test_own_pages_and_history_are_accessible(site):
    _greta, thread = participant_scene()
    login(site, PARTICIPANT["email"], PARTICIPANT["password"])

    for path in (
        "/fragen/meine/",
        "/fragen/meine/antworten/",
        "/fragen/meine/abonnements/",
        "/fragen/meine/stimmen/",
    ):
        response = site.goto(path)
        assert response.status == 200, path
        assert site.page.locator("h1").inner_text() == "Ihre Beiträge"
        assert site.axe_violations() == [], path

    site.goto(thread.get_absolute_url())
    site.page.locator(".post--question a.post__edited").click()
    site.page.wait_for_load_state("networkidle")
    assert site.page.locator("h1").inner_text() == "Versionen eines Beitrags"
    assert site.page.locator(".history-version").count() == 3
    assert site.axe_violations() == []
    assert site.foreign_hosts() == set()


def test_header_leads_to_the_own_page(site):
    login(site, "anna@kooperationsraum.test", "demo-teilnahme")
    site.goto("/")

    site.page.get_by_role("navigation", name="Konto und Sprache").get_by_role(
        "link", name="Meine Beiträge"
    ).click()
    site.page.wait_for_load_state("networkidle")

    assert site.page.url.endswith("/fragen/meine/")


def test_visitor_sees_the_history_of_an_edited_post(site):
    _greta, thread = participant_scene()

    site.goto(thread.get_absolute_url())
    site.page.locator(".post--question a.post__edited").click()
    site.page.wait_for_load_state("networkidle")

    assert site.page.locator("h1").inner_text() == "Versionen eines Beitrags"
    assert site.page.locator(".history-diff ins").first.is_visible()
    assert site.axe_violations() == []


def test_unsubscribe_works_without_javascript(browser, live_site):
    from board import services
    from tests.e2e.test_board import fresh_thread

    thread, _answer = fresh_thread(asker="ben@kooperationsraum.test", with_reply_by=None)
    services.subscribe(user=user("clara@kooperationsraum.test"), thread=thread)
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    site = SitePage.__new__(SitePage)
    site.base_url, site.context = live_site, context
    site.page = context.new_page()
    site.requested_hosts = set()
    try:
        login(site, "clara@kooperationsraum.test", "demo-teilnahme")
        site.goto("/fragen/meine/abonnements/")
        item = site.page.locator(".mine-item", has_text=thread.title)
        item.get_by_role("button", name="Abbestellen").click()
        site.page.wait_for_load_state("networkidle")

        assert site.page.get_by_text("Das Abonnement ist beendet.").is_visible()
        assert site.page.locator(".mine-item", has_text=thread.title).count() == 0
        assert (
            not user("clara@kooperationsraum.test")
            .board_subscriptions.filter(thread=thread)
            .exists()
        )
    finally:
        context.close()
