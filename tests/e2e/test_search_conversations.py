"""One hit per conversation, in a real browser: a search for a question's title lists the
question once, above the replies whose own text matches; a reply that matches only through its
question's title is not listed (issue 12, item 1)."""

import uuid

from board import services


def user(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def _word():
    """A made-up word of letters only, so this test's question is the only one with it."""
    return "Falzprobe" + "".join(chr(ord("a") + int(c, 16)) for c in uuid.uuid4().hex[:8])


def test_search_for_a_question_title_shows_the_thread_once_above_its_replies(site):
    from home.models import EventPage

    word = _word()
    edition = EventPage.objects.get(slug="2025", locale__language_code="de")
    thread = services.ask_question(
        edition=edition,
        author=user("anna@kooperationsraum.test"),
        title=f"Wie gelingt die {word}?",
        body="Wir suchen Erfahrungen aus anderen Häusern.",
    )
    first = services.post_reply(
        thread=thread,
        author=user("ben@kooperationsraum.test"),
        body=f"Die {word} gelingt mit Geduld.",
    )
    second = services.post_reply(
        thread=thread,
        author=user("anna@kooperationsraum.test"),
        body=f"Bei uns gelingt die {word} nur mit Licht.",
    )
    chatter = services.post_reply(
        thread=thread, author=user("ben@kooperationsraum.test"), body="Gute Frage!"
    )

    site.goto(f"/suche/?q=Wie+gelingt+die+{word}")

    # The result list (a question's related results, if any, follow in a section of their own).
    listed = ".search-results > .search-results__list"
    links = site.page.locator(f"{listed} .search-result__title a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    kinds = [
        k.strip() for k in site.page.locator(f"{listed} .search-result__kind").all_text_contents()
    ]
    reply_urls = {first.get_absolute_url(), second.get_absolute_url()}
    assert links.count(thread.get_absolute_url()) == 1
    assert links[0] == thread.get_absolute_url()
    assert kinds[0] == "Frage"
    # The conversation shows its best matching reply; the other one follows as its own result.
    conversation = site.page.locator(".search-result").first
    assert conversation.locator(".search-result__replies").text_content().strip() == "3 Antworten"
    assert conversation.locator(".search-result__reply").get_attribute("href") in reply_urls
    assert set(links[1:]) <= reply_urls
    assert len(links) == 2
    assert kinds[1:] == ["Antwort"]
    assert chatter.get_absolute_url() not in links
    assert site.foreign_hosts() == set()
