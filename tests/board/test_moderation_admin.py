"""Small things in the board's admin: what pin and lock confirm, hiding and dismissing from the
review queue, the post list, the move form's topics, a merged duplicate's pin."""

from django.urls import reverse

import pytest

from board import services
from board.forms import MoveForm
from board.models import Flag, Post
from tests.factories import TopicIndexPageFactory, TopicPageFactory, ask, reply

pytestmark = pytest.mark.django_db


def thread_action(client, thread, action):
    return client.post(
        reverse("board_admin:thread_action", args=[thread.pk, action]), {"reason": ""}, follow=True
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_pin_and_lock_confirm_what_they_did(client, thread, moderator):
    client.force_login(moderator)

    pinned = thread_action(client, thread, "pin")
    locked = thread_action(client, thread, "lock")

    assert messages_of(pinned) == ["Die Frage ist jetzt angeheftet."]
    assert messages_of(locked) == ["Die Frage ist gesperrt: Es kann nicht mehr geantwortet werden."]


def test_review_queue_hides_and_dismisses_flagged_posts(client, thread, ben, clara, moderator):
    spam = reply(thread, ben, body="Billige Uhren hier.")
    harmless = reply(thread, clara, body="Eine ehrliche Antwort.")
    for post in (spam, harmless):
        services.flag_post(post=post, reporter=thread.posts.first().author, reason=Flag.Reason.SPAM)
    client.force_login(moderator)
    queue = reverse("board_admin:queue")

    html = client.get(queue).content.decode()
    hide = client.post(
        reverse("board_admin:post_action", args=[spam.pk, "hide"]),
        {"reason": "Werbung", "next": queue},
    )
    dismiss = client.post(
        reverse("board_admin:post_action", args=[harmless.pk, "dismiss"]), {"next": queue}
    )

    assert reverse("board_admin:post_action", args=[spam.pk, "hide"]) in html
    assert reverse("board_admin:post_action", args=[harmless.pk, "dismiss"]) in html
    assert (hide.url, dismiss.url) == (queue, queue)
    assert Post.objects.get(pk=spam.pk).is_hidden
    assert not Post.objects.get(pk=harmless.pk).is_hidden
    assert not Flag.objects.filter(post=harmless, resolution="").exists()


def test_post_list_shows_newest_first_and_yes_no(client, thread, ben, moderator):
    reply(thread, ben, body="Die jüngste Antwort.")
    client.force_login(moderator)

    response = client.get(reverse("board_post:index"))

    posts = list(response.context["object_list"])
    assert posts[0].body == "Die jüngste Antwort."
    assert [p.created_at for p in posts] == sorted((p.created_at for p in posts), reverse=True)
    html = response.content.decode()
    assert ">False<" not in html and ">True<" not in html


def test_move_form_offers_only_live_public_topics(edition, moderator):
    index = TopicIndexPageFactory(parent=edition.get_parent().get_parent())
    live = TopicPageFactory(parent=index, title="Veröffentlicht")
    TopicPageFactory(parent=index, title="Entwurf", live=False)

    form = MoveForm(moderator=moderator)

    assert list(form.fields["topic"].queryset) == [live]


def test_merged_duplicate_is_no_longer_pinned(edition, anna, ben, moderator):
    target = ask(edition, anna, title="Wie teilen kleine Häuser ihre Scanner?")
    duplicate = ask(edition, ben, title="Scanner gemeinsam nutzen, wie geht das?")
    services.pin_thread(thread=duplicate, moderator=moderator, pinned=True, reason="")

    services.merge_threads(source=duplicate, target=target, moderator=moderator, reason="doppelt")

    duplicate.refresh_from_db()
    assert not duplicate.is_pinned
