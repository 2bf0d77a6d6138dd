"""The live phase in real browsers (issue 10, "Must show"): a participant joins with the event
code and asks; the wall and an anonymous reader's question list show the question within five
seconds without a reload; a moderator marks it answered from the wall with the keyboard and the
participant's page shows that; axe-core finds nothing on the wall and the join page."""

import uuid

from django.utils import timezone

import pytest

from tests.e2e.conftest import SitePage
from tests.e2e.test_board import login, user

LIVE_WAIT_MS = 5000


def live_edition():
    from home.models import EventPage

    return EventPage.objects.get(date=timezone.localdate(), locale__language_code="de")


def event_code():
    from board import live

    return live.live_phase_for(live_edition()).event_code


def projector_wall(query=""):
    """The wall as the projector in the hall opens it (its secret link shows the code)."""
    from board import live

    edition = live_edition()
    key = live.projector_key(live.live_phase_for(edition))
    return f"/fragen/wand/{edition.year}/?projektor={key}{query}"


def join(site, name):
    site.goto("/fragen/mitmachen/")
    site.page.fill("#id_code", event_code())
    site.page.fill("#id_display_name", name)
    site.page.check("#id_privacy_accepted")
    site.page.get_by_role("button", name="Mitmachen").click()
    site.page.wait_for_load_state("networkidle")


def test_question_from_quick_join_appears_live_and_is_answered_from_the_wall(browser, live_site):
    year = live_edition().year
    title = f"Live-Frage aus dem Saal {uuid.uuid4().hex[:6]}"
    participant = SitePage(browser, live_site)
    reader = SitePage(browser, live_site)
    wall = SitePage(browser, live_site, viewport={"width": 1920, "height": 1080})
    try:
        login(wall, "moderation@kooperationsraum.test", "demo-moderation")
        wall.goto(f"/fragen/wand/{year}/")
        reader.goto(f"/fragen/?ausgabe={year}")

        join(participant, "Saal Gast")
        assert "Willkommen, Saal Gast!" in participant.page.locator(".messages").inner_text()
        participant.goto(f"/fragen/neu/?ausgabe={year}")
        participant.page.fill("#id_title", title)
        participant.page.fill("#id_body", "Gefragt mit dem Veranstaltungscode.")
        participant.page.get_by_role("button", name="Frage veröffentlichen").click()
        participant.page.wait_for_load_state("networkidle")
        assert participant.page.locator("h1").inner_text() == title

        # No reload: the wall and the reader's list pick the question up by themselves.
        wall.page.locator(".wall__title", has_text=title).wait_for(timeout=LIVE_WAIT_MS)
        reader.page.locator(".thread-item__title", has_text=title).wait_for(timeout=LIVE_WAIT_MS)

        item = wall.page.locator("[data-key-item]", has_text=title)
        item.focus()
        wall.page.keyboard.press("b")
        wall.page.wait_for_load_state("networkidle")
        expect_gone = wall.page.locator(".wall__title", has_text=title)
        expect_gone.wait_for(state="detached", timeout=LIVE_WAIT_MS)

        participant.page.locator(".question .badge--answered", has_text="Beantwortet").wait_for(
            timeout=LIVE_WAIT_MS
        )
        assert participant.foreign_hosts() == set()
        assert wall.foreign_hosts() == set()
    finally:
        for tab in (participant, reader, wall):
            tab.context.close()


def test_own_vote_state_stays_after_a_live_update(browser, live_site):
    """Polls are answered from one rendering for all participants; the person's own parts
    (here: the vote they gave) come with it and are put in by live.js."""
    from board import services

    thread = services.ask_question(
        edition=live_edition(),
        author=user("anna@kooperationsraum.test"),
        title=f"Live-Abstimmung {uuid.uuid4().hex[:6]}",
        body="Eine Frage, deren Antworten im Saal bewertet werden.",
    )
    answer = services.post_reply(
        thread=thread,
        author=user("clara@kooperationsraum.test"),
        body="Eine Antwort zum Abstimmen.",
    )
    voter = SitePage(browser, live_site)
    try:
        login(voter, "ben@kooperationsraum.test", "demo-teilnahme")
        voter.goto(thread.get_absolute_url())
        button = voter.page.locator(f"#beitrag-{answer.pk} .vote-button")
        button.click()
        voter.page.locator(f'#beitrag-{answer.pk} .vote-button[aria-pressed="true"]').wait_for(
            timeout=LIVE_WAIT_MS
        )

        # Another participant replies: the open page updates without a reload.
        services.post_reply(
            thread=thread,
            author=user("clara@kooperationsraum.test"),
            body="Noch eine Antwort im Saal.",
        )
        voter.page.locator(".post__body", has_text="Noch eine Antwort im Saal.").wait_for(
            timeout=LIVE_WAIT_MS
        )

        assert button.get_attribute("aria-pressed") == "true"
        assert "Stimme zurücknehmen" in button.inner_text()
        assert voter.page.locator('.vote-button[aria-pressed="true"]').count() == 1
    finally:
        voter.context.close()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 720}, {"width": 1920, "height": 1080}]
)
@pytest.mark.parametrize("mode", ["hell", "dunkel"])
def test_wall_is_accessible_and_fits_the_projector(browser, live_site, viewport, mode):
    wall = SitePage(browser, live_site, viewport=viewport)
    try:
        wall.goto(projector_wall(f"&modus={mode}"))

        assert wall.axe_violations() == []
        overflow = wall.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow == 0
        assert wall.page.locator(".wall__qr svg").is_visible()
        assert wall.page.locator(".wall__code").inner_text() == event_code()
    finally:
        wall.context.close()


def test_wall_for_moderators_is_accessible(browser, live_site):
    wall = SitePage(browser, live_site, viewport={"width": 1280, "height": 720})
    try:
        login(wall, "moderation@kooperationsraum.test", "demo-moderation")
        wall.goto(f"/fragen/wand/{live_edition().year}/")

        assert wall.page.locator(".wall__actions button").count() > 0
        assert wall.axe_violations() == []
    finally:
        wall.context.close()


def test_join_page_is_accessible_also_with_errors(site):
    site.goto("/fragen/mitmachen/")
    assert site.axe_violations() == []

    site.page.get_by_role("button", name="Mitmachen").click()
    site.page.wait_for_load_state("networkidle")

    assert "Bitte geben Sie den Veranstaltungscode ein." in site.page.content()
    assert site.axe_violations() == []


def test_live_updates_pause_in_a_background_tab(browser, live_site):
    reader = SitePage(browser, live_site)
    polls = []
    reader.page.on(
        "request", lambda request: polls.append(1) if request.headers.get("x-live-poll") else None
    )
    try:
        reader.goto(f"/fragen/?ausgabe={live_edition().year}")
        reader.page.evaluate(
            """() => {
                Object.defineProperty(
                    document, "visibilityState", {value: "hidden", configurable: true}
                );
                document.dispatchEvent(new Event("visibilitychange"));
            }"""
        )
        reader.page.wait_for_timeout(500)
        count = len(polls)
        reader.page.wait_for_timeout(4000)

        assert len(polls) == count
    finally:
        reader.context.close()
