"""A post's edit history (issue 15, item 4): visible to its author and, once the post was edited,
to everyone who may read it (visitors too); hidden posts only to moderators; the author of an
anonymous post is never revealed; a word diff between versions; reached from "bearbeitet"."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from board import history, services
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db


def as_user(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def text(response):
    main = response.text.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def edited(thread, root, anna):
    services.edit_post(post=root, editor=anna, body="Frage **fett** und neu", version=1)
    root.refresh_from_db()
    return root


def test_everyone_who_may_read_an_edited_post_sees_its_history(edited, anna, ben, moderator):
    url = reverse("board:history", args=[edited.pk])

    for user in (None, ben, anna, moderator):
        response = as_user(user).get(url)
        assert response.status_code == 200, user
        assert "Version 2" in text(response) and "Version 1" in text(response)


def test_unedited_post_history_is_its_authors_only(root, anna, ben):
    url = reverse("board:history", args=[root.pk])

    assert as_user(anna).get(url).status_code == 200
    assert "Dieser Beitrag wurde nicht bearbeitet." in text(as_user(anna).get(url))
    assert as_user(ben).get(url).status_code == 404
    assert as_user(None).get(url).status_code == 404


def test_hidden_post_history_is_for_moderators_only(edited, anna, ben, moderator):
    services.hide_post(post=edited, moderator=moderator, reason="Spam")
    url = reverse("board:history", args=[edited.pk])

    assert as_user(moderator).get(url).status_code == 200
    for user in (None, ben, anna):
        assert as_user(user).get(url).status_code == 404


def test_history_shows_who_when_and_a_word_diff(edited, anna):
    response = as_user(None).get(reverse("board:history", args=[edited.pk]))

    html = response.text
    assert '<ins><span class="visually-hidden">[hinzugefügt: </span> und neu<span' in html
    assert "bearbeitet von Anna Archiv" in text(response)
    assert "geschrieben von Anna Archiv" in text(response)
    # newest first, the current version marked
    assert text(response).index("Version 2 aktuell") < text(response).index("Version 1")


def test_title_change_of_a_question_is_diffed(thread, root, anna):
    services.edit_post(
        post=root, editor=anna, body=root.body, version=1, title="Wie teilen große Häuser Scanner?"
    )

    html = as_user(None).get(reverse("board:history", args=[root.pk])).text

    assert re.search(r"<del>.*?kleine.*?</del>", html)
    assert re.search(r"<ins>.*?große.*?</ins>", html)


def test_anonymous_authors_stay_anonymous_except_to_moderators(edition, anna, ben, moderator):
    thread = ask(edition, anna, title="Eine anonyme Frage zur Geschichte", is_anonymous=True)
    root = thread.posts.get()
    services.edit_post(post=root, editor=anna, body="Neu formuliert.", version=1)
    url = reverse("board:history", args=[root.pk])

    for user in (None, ben):
        page = text(as_user(user).get(url))
        assert "Anna" not in page
        assert "geschrieben von anonym" in page and "bearbeitet von anonym" in page
    assert "Moderation sieht: Anna Archiv" in text(as_user(moderator).get(url))


def test_an_edit_by_the_moderation_is_signed_moderation(root, ben, moderator):
    services.edit_post(post=root, editor=moderator, body="Von der Moderation gekürzt.", version=1)
    url = reverse("board:history", args=[root.pk])

    assert "bearbeitet von Moderation" in text(as_user(ben).get(url))
    assert "Moritz Moderation" not in text(as_user(ben).get(url))
    assert "bearbeitet von Moritz Moderation (Moderation)" in text(as_user(moderator).get(url))


def test_diff_escapes_what_it_shows():
    html = history.diff_html("<b>alt</b>", "<script>neu</script>")

    assert "<script" not in html and "<b>" not in html
    assert "&lt;" in html and "&gt;" in html and "script" in html


def test_edited_marker_links_to_the_history(client, thread, edited, ben):
    reply(thread, ben, body="Eine unbearbeitete Antwort.")

    html = client.get(thread.get_absolute_url()).text

    url = reverse("board:history", args=[edited.pk])
    assert re.search(rf'<a class="post__edited" href="{url}"[^>]*>bearbeitet', html)
    assert html.count('class="post__edited"') == 1


def test_english_history(edited):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("board:history", args=[edited.pk])

    response = as_user(None).get(url)

    assert url.startswith("/en/questions/post/")
    assert "edited by Anna Archiv" in text(response)
    assert "bearbeitet" not in text(response)


def test_what_the_moderation_edited_out_stays_with_the_moderation(
    thread, root, anna, ben, moderator
):
    """Review (helper r): a moderator edits a post to take out what must not be published (a
    phone number, an insult); the versions before that edit are not shown to anybody else,
    nor is the diff that would show the removed words."""
    services.edit_post(
        post=root, editor=anna, body="Rufen Sie mich an: 0170 1234567, Anna", version=1
    )
    services.edit_post(
        post=root,
        editor=moderator,
        body="Rufen Sie mich an: [entfernt]",
        version=2,
        title="Wie teilen Häuser ihre Scanner?",
    )
    services.edit_post(post=root, editor=anna, body="Rufen Sie mich an: [entfernt]!", version=3)
    url = reverse("board:history", args=[root.pk])

    for user in (None, ben, anna):
        response = as_user(user).get(url)
        assert response.status_code == 200
        page = text(response)
        assert "0170" not in response.text and "kleine Häuser" not in response.text
        assert "Version 4" in page and "Version 3" in page and "Version 2" not in page
        assert "4 Versionen" in page
        assert "von Anna Archiv" in page  # the author, although version 1 is not shown
        assert "Frühere Versionen hat die Moderation zurückgehalten." in page
    moderators_page = as_user(moderator).get(url).text
    assert "0170 1234567" in moderators_page and "kleine Häuser" in moderators_page
    assert "zurückgehalten" not in moderators_page
