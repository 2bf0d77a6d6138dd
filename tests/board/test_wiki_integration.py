"""The board on topic pages: the question lists, the follow button and the
"Aus der Community" block (which never shows hidden or merged content)."""

from django.urls import reverse

import pytest

from board import services
from board.blocks import CommunityAnswerBlock
from tests.factories import TopicIndexPageFactory, TopicPageFactory, ask, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(edition):
    index = TopicIndexPageFactory(parent=edition.get_parent().get_parent())
    return TopicPageFactory(parent=index, title="Digitalisierung")


@pytest.fixture
def answered(edition, topic, anna, ben):
    thread = ask(edition, anna, title="Welcher Scanner für Glasplatten?", topic=topic)
    answer = reply(thread, ben, body="Ein **Aufsichtscanner** mit Durchlichteinheit.")
    services.accept_answer(thread=thread, post=answer, user=anna)
    thread.refresh_from_db()
    return thread


def test_topic_page_lists_open_and_answered_questions(
    client, edition, topic, answered, anna, ben, moderator
):
    open_thread = ask(edition, ben, title="Wer leiht uns einen Buchscanner?", topic=topic)
    hidden = ask(edition, ben, title="Ausgeblendete Frage zum Thema", topic=topic)
    services.hide_post(
        post=hidden.posts.get(parent__isnull=True), moderator=moderator, reason="Spam"
    )
    ask(edition, anna, title="Frage zu einem anderen Thema")

    response = client.get(topic.url)

    html = response.content.decode()
    assert response.status_code == 200
    section = html.split('id="topic--questions-heading"', 1)[1]
    assert section.index("Offene Fragen") < section.index(open_thread.title)
    assert section.index("Beantwortete Fragen") < section.index(answered.title)
    assert "Ausgeblendete Frage" not in html
    assert "anderen Thema" not in html
    assert f"?thema={topic.pk}" in section


def test_topic_page_follow_button(client, topic, ben):
    client.force_login(ben)

    html = client.get(topic.url).content.decode()

    assert f'action="{reverse("board:follow", args=["thema", topic.pk])}"' in html
    assert "folgen (neue Fragen per E-Mail)" in html


def test_edition_page_has_follow_button_and_feed(client, edition, ben):
    client.force_login(ben)
    services.subscribe(user=ben, edition=edition)

    html = client.get(edition.url).content.decode()

    assert "nicht mehr folgen" in html
    assert reverse("board:edition_feed", args=[2025]) in html


def test_topic_page_questions_query_count(
    client, edition, topic, anna, django_assert_max_num_queries
):
    ask(edition, anna, topic=topic, tags=["Scanner"])
    with django_assert_max_num_queries(200) as one:
        client.get(topic.url)
    for number in range(6):
        ask(edition, anna, title=f"Weitere Frage zum Thema {number}", topic=topic, tags=["A", "B"])

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(topic.url)


def _render(thread, intro=""):
    block = CommunityAnswerBlock()
    value = block.to_python({"thread": thread.pk, "intro": intro})
    return block.render(value)


def test_community_block_quotes_accepted_answer_and_links_back(answered):
    html = _render(answered, intro="Aus der Nachlese")

    assert "Welcher Scanner für Glasplatten?" in html
    assert "Ein Aufsichtscanner mit Durchlichteinheit." in html
    assert "Akzeptierte Antwort von Ben Bibliothek" in html
    assert f'href="{answered.get_absolute_url()}"' in html
    assert "Aus der Nachlese" in html


def test_community_block_hidden_thread_renders_neutral_note(answered, moderator):
    services.hide_post(
        post=answered.posts.get(parent__isnull=True), moderator=moderator, reason="x"
    )

    html = _render(answered)

    assert "nicht mehr verfügbar" in html
    assert "Glasplatten" not in html
    assert "Aufsichtscanner" not in html


def test_community_block_hidden_answer_renders_neutral_note(answered, moderator):
    services.hide_post(post=answered.accepted_post, moderator=moderator, reason="x")

    html = _render(answered)

    assert "nicht mehr verfügbar" in html
    assert "Aufsichtscanner" not in html


def test_community_block_merged_thread_renders_neutral_note(edition, answered, anna, moderator):
    target = ask(edition, anna, title="Die ursprüngliche Frage zu Scannern")
    services.merge_threads(source=answered, target=target, moderator=moderator, reason="doppelt")

    html = _render(answered)

    assert "nicht mehr verfügbar" in html
    assert "Aufsichtscanner" not in html


def test_community_block_rejects_open_question(edition, anna):
    from wagtail.blocks import StructBlockValidationError

    thread = ask(edition, anna)
    block = CommunityAnswerBlock()

    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"thread": thread.pk, "intro": ""}))


def test_community_block_on_topic_page(client, topic, answered):
    topic.body = [("community_answer", {"thread": answered, "intro": ""})]
    topic.save_revision().publish()

    html = client.get(topic.url).content.decode()

    assert "Ein Aufsichtscanner mit Durchlichteinheit." in html


def test_chooser_offers_only_answered_public_threads(client, edition, answered, anna, moderator):
    ask(edition, anna, title="Noch offene Frage im Chooser")
    client.force_login(moderator)

    response = client.get(reverse("board_answered_thread_chooser:choose"))

    html = response.json()["html"]
    assert "Welcher Scanner für Glasplatten?" in html
    assert "Noch offene Frage im Chooser" not in html


def test_topic_questions_limits_each_list(edition, topic, answered, anna):
    from board.templatetags.board_tags import topic_questions

    for number in range(3):
        ask(edition, anna, title=f"Offene Frage Nummer {number}", topic=topic)

    context = topic_questions({}, topic, count=2)

    assert [t.title for t in context["open_threads"]] == [
        "Offene Frage Nummer 2",
        "Offene Frage Nummer 1",
    ]
    assert [t.title for t in context["answered_threads"]] == [answered.title]
