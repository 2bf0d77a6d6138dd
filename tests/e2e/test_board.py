"""The board in a real browser: asking, replying to a reply, voting, accepting, flagging and
hiding by the moderation, and axe-core on the board's pages."""

import uuid

import pytest

from board import services
from board.models import Post, Thread


def user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def login(site, email, password):
    site.goto("/konto/login/")
    site.page.fill("input[name=login]", email)
    site.page.fill("input[name=password]", password)
    site.page.locator("input[name=password]").press("Enter")
    site.page.wait_for_load_state("networkidle")
    assert "/konto/login/" not in site.page.url, "login failed"


def fresh_thread(asker="anna@kooperationsraum.test", with_reply_by="ben@kooperationsraum.test"):
    """A question of its own for each test (the demo site is shared by all browser tests)."""
    from home.models import EventPage

    edition = EventPage.objects.get(slug="2025", locale__language_code="de")
    thread = services.ask_question(
        edition=edition,
        author=user(asker),
        title=f"Browsertest-Frage {uuid.uuid4().hex[:8]}",
        body="Eine Frage für den Browsertest.",
    )
    answer = None
    if with_reply_by:
        answer = services.post_reply(
            thread=thread, author=user(with_reply_by), body="Eine erste Antwort."
        )
    return thread, answer


def test_participant_asks_a_question(site):
    login(site, "anna@kooperationsraum.test", "demo-teilnahme")
    site.goto("/fragen/neu/?ausgabe=2025")

    site.page.fill("#id_title", "Wie archivieren wir Social-Media-Kanäle?")
    site.page.fill("#id_body", "Mit **welchen** Werkzeugen?")
    site.page.get_by_role("button", name="Frage veröffentlichen").click()
    site.page.wait_for_load_state("networkidle")

    assert site.page.locator("h1").inner_text() == "Wie archivieren wir Social-Media-Kanäle?"
    assert site.page.locator(".post--question strong").inner_text() == "welchen"
    assert site.foreign_hosts() == set()


def test_participant_replies_to_a_reply(site):
    thread, answer = fresh_thread()
    login(site, "clara@kooperationsraum.test", "demo-teilnahme")
    site.goto(thread.get_absolute_url())

    site.page.locator(f"#beitrag-{answer.pk} .post__actions a", has_text="Antworten").click()
    site.page.wait_for_load_state("networkidle")
    site.page.fill("#id_body", "Eine Antwort auf die Antwort.")
    site.page.get_by_role("button", name="Antwort senden").click()
    site.page.wait_for_load_state("networkidle")

    nested = site.page.locator(f"#beitrag-{answer.pk} .post-tree--nested .post__body")
    assert nested.inner_text().strip() == "Eine Antwort auf die Antwort."
    assert Post.objects.get(body="Eine Antwort auf die Antwort.").parent_id == answer.pk


def test_participant_votes_without_reload(site):
    thread, _answer = fresh_thread()
    login(site, "ben@kooperationsraum.test", "demo-teilnahme")
    site.goto(thread.get_absolute_url())
    failed = []
    site.page.on("response", lambda response: response.ok or failed.append(response.url))
    site.page.evaluate("window.sameDocument = true")  # gone if the page reloads
    question = site.page.locator(".post--question")

    question.get_by_role("button", name="Hilfreich").click()
    question.locator("[data-vote-count]").filter(has_text="1").wait_for()

    assert site.page.evaluate("window.sameDocument === true"), "the vote reloaded the page"
    assert failed == []
    button = question.locator(".vote-button")
    assert button.get_attribute("aria-pressed") == "true"
    assert button.inner_text().strip() == "▲ Stimme zurücknehmen"
    thread.refresh_from_db()
    assert thread.vote_count == 1


def test_asker_accepts_an_answer(site):
    thread, answer = fresh_thread()
    login(site, "anna@kooperationsraum.test", "demo-teilnahme")
    site.goto(thread.get_absolute_url())

    site.page.locator(f"#beitrag-{answer.pk}").get_by_role(
        "button", name="Als Antwort akzeptieren"
    ).click()
    site.page.wait_for_load_state("networkidle")

    assert site.page.locator(f"#beitrag-{answer.pk} .badge--answered").inner_text() == (
        "Akzeptierte Antwort"
    )
    thread.refresh_from_db()
    assert (thread.status, thread.accepted_post_id) == (Thread.Status.ANSWERED, answer.pk)


def test_participant_flags_and_moderator_hides_in_admin(site, browser, live_site):
    from tests.e2e.conftest import SitePage

    thread, answer = fresh_thread(with_reply_by="clara@kooperationsraum.test")
    login(site, "ben@kooperationsraum.test", "demo-teilnahme")
    site.goto(thread.get_absolute_url())
    site.page.locator(f"#beitrag-{answer.pk} .post__actions a", has_text="Melden").click()
    site.page.wait_for_load_state("networkidle")
    site.page.get_by_label("Werbung oder Spam").check()
    site.page.get_by_role("button", name="Meldung senden").click()
    site.page.wait_for_load_state("networkidle")
    assert "Danke für Ihre Meldung" in site.page.locator(".messages").inner_text()

    moderator = SitePage(browser, live_site)
    try:
        login(moderator, "moderation@kooperationsraum.test", "demo-moderation")
        moderator.goto(f"/admin/moderation/beitrag/{answer.pk}/")
        moderator.page.fill("#hide-reason", "Werbung")
        moderator.page.get_by_role("button", name="Ausblenden", exact=True).click()
        moderator.page.wait_for_load_state("networkidle")
    finally:
        moderator.context.close()

    site.goto(thread.get_absolute_url())
    hidden = site.page.locator(f"#beitrag-{answer.pk} .post__hidden").inner_text()
    assert "Grund: Werbung" in hidden
    answer.refresh_from_db()
    assert answer.is_hidden


@pytest.mark.parametrize("path", ["/fragen/", "/fragen/?ausgabe=2025&sortierung=stimmen"])
def test_thread_list_is_accessible(site, path):
    site.goto(path)

    assert site.page.locator("h1").first.is_visible()
    assert site.axe_violations() == []


def test_thread_page_is_accessible(site):
    thread = Thread.objects.public().order_by("-reply_count").first()
    login(site, "ben@kooperationsraum.test", "demo-teilnahme")
    site.goto(thread.get_absolute_url())

    assert site.page.locator("h1").inner_text() == thread.title
    assert site.axe_violations() == []


def test_question_form_with_errors_is_accessible_and_keeps_text(site):
    login(site, "anna@kooperationsraum.test", "demo-teilnahme")
    site.goto("/fragen/neu/")

    site.page.fill("#id_body", "Mein Text bleibt erhalten.")
    site.page.get_by_role("button", name="Frage veröffentlichen").click()
    site.page.wait_for_load_state("networkidle")

    assert (
        "Bitte formulieren Sie Ihre Frage."
        in site.page.locator(".field__errors").first.inner_text()
    )
    assert site.page.input_value("#id_body") == "Mein Text bleibt erhalten."
    assert site.axe_violations() == []
