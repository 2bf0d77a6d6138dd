"""Questions and replies remember the language they were written in; where that differs from the
page's language their title and text carry ``lang`` (WCAG 3.1.2). Reply links name the post's
author, not its number."""

import re

from django.urls import reverse
from django.utils import translation

import pytest

from board.models import Post, Thread
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db


def _english(url_name, **kwargs):
    with translation.override("en"):
        return reverse(url_name, **kwargs)


def _english_thread_url(thread):
    with translation.override("en"):
        return thread.get_absolute_url()


def _h1(html):
    return re.search(r"<h1[^>]*>", html).group(0)


def _bodies(html):
    return re.findall(r'<div class="post__body prose"[^>]*>', html)


def test_a_question_asked_on_a_german_page_is_german(thread, root):
    assert thread.language == "de"
    assert root.language == "de"


def test_posts_written_under_en_are_english(client, edition, thread, ben):
    client.force_login(ben)
    response = client.post(
        _english("board:reply", kwargs={"pk": thread.pk}), {"body": "An answer in English."}
    )
    assert response.status_code == 302
    assert Post.objects.get(body="An answer in English.").language == "en"

    with translation.override("en"):
        english = ask(edition, ben, title="How do small archives share a scanner?")
    assert english.language == "en"
    assert english.posts.get().language == "en"


def test_german_thread_on_an_english_page_is_marked_german(client, thread, root, ben):
    reply(thread, ben, "Eine deutsche Antwort.")

    html = client.get(_english_thread_url(thread)).content.decode()

    assert _h1(html) == '<h1 lang="de">'
    assert _bodies(html) == ['<div class="post__body prose" lang="de">'] * 2


def test_english_thread_on_an_english_page_has_no_lang(client, edition, ben, clara):
    with translation.override("en"):
        thread = ask(edition, ben, title="How do small archives share a scanner?", body="Text")
        reply(thread, clara, "An answer.")

    html = client.get(_english_thread_url(thread)).content.decode()

    assert _h1(html) == "<h1>"
    assert _bodies(html) == ['<div class="post__body prose">'] * 2


def test_english_reply_on_a_german_page_is_marked_english(client, thread, root, ben):
    with translation.override("en"):
        reply(thread, ben, "An answer in English.")

    html = client.get(thread.get_absolute_url()).content.decode()

    assert _h1(html) == "<h1>"
    assert _bodies(html) == [
        '<div class="post__body prose">',
        '<div class="post__body prose" lang="en">',
    ]


def test_question_lists_mark_titles_in_another_language(client, edition, thread, ben):
    with translation.override("en"):
        ask(edition, ben, title="How do small archives share a scanner?")

    german = client.get(reverse("board:index")).content.decode()
    english = client.get(_english("board:index")).content.decode()

    assert '<h3 class="thread-item__title" lang="de"><a' in english
    assert english.count('class="thread-item__title">') == 1  # the English question
    assert '<h3 class="thread-item__title" lang="en"><a' in german
    assert german.count('class="thread-item__title">') == 1  # the German question


def test_existing_rows_default_to_german(thread):
    assert Thread._meta.get_field("language").default == "de"
    assert Post._meta.get_field("language").default == "de"


# --- reply links name the author ----------------------------------------------------------------


def _reply_names(html):
    return re.findall(
        r'class="post__action" href="[^"]*\?auf=\d+">Antworten'
        r'<span class="visually-hidden"> ([^<]*)</span>',
        html,
    )


def test_reply_links_name_the_author_not_the_number(client, edition, anna, ben, clara):
    thread = ask(edition, anna, title="Wer teilt einen Scanner?", body="Frage")
    answer = reply(thread, ben, "Antwort")
    gone = reply(thread, clara, "Bald ohne Konto")
    clara.delete()
    client.force_login(ben)

    html = client.get(thread.get_absolute_url()).content.decode()

    assert _reply_names(html) == [
        "auf die Frage von Anna Archiv",
        "auf den Beitrag von Ben Bibliothek",
        "auf den Beitrag von gelöschtes Konto",
    ]
    assert f"Beitrag {answer.pk}" not in html
    assert f"Beitrag {gone.pk}" not in html
    assert 'aria-label="Beitrag von Ben Bibliothek, ' in html


def test_anonymous_question_is_not_named_in_its_reply_link(client, edition, anna, ben, moderator):
    thread = ask(edition, anna, title="Anonym gefragt", body="Frage", is_anonymous=True)
    client.force_login(moderator)

    html = client.get(thread.get_absolute_url()).content.decode()

    assert _reply_names(html) == ["auf die anonyme Frage"]
    assert "Frage von Anna" not in html


def test_reply_links_are_english_on_english_pages(client, thread, root, ben):
    reply(thread, ben, "Antwort")
    client.force_login(ben)

    html = client.get(_english_thread_url(thread)).content.decode()

    assert '<span class="visually-hidden"> to the question by Anna Archiv</span>' in html
    assert 'aria-label="Post by Ben Bibliothek, ' in html
