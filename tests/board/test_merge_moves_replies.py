"""Merging a duplicate question moves its replies to the target (issue 14, item 7), as Discourse
and Stack Exchange do: with their tree and authors, counted on the target's page and in the
lists, readable only where their reader could read them, in the search index under the target,
without notifying anyone again; the accepted answer carries over only to a target without one."""

from django.core import mail
from django.urls import reverse

from modelsearch.query import PlainText
from wagtail.search.backends import get_search_backend

import pytest

from board import services
from board.models import ModerationLogEntry, Post, Thread, Visibility
from board.views.moderation import merge_message
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(thread, ben):
    reply(thread, ben, body="Wir teilen den Scanner über einen Kalender.")
    return thread


@pytest.fixture
def duplicate(edition, ben, clara, anna):
    """A duplicate with a reply, a reply to that reply, and a hidden reply."""
    duplicate = ask(edition, clara, title="Scanner gemeinsam nutzen, wie geht das?")
    first = reply(duplicate, ben, body="Ein Drehteller für Buchscanner hilft beim Teilen.")
    reply(duplicate, anna, body="Und ein Transportkoffer für den Drehteller.", parent=first)
    return duplicate


def merge(source, target, moderator):
    return services.merge_threads(
        source=source, target=target, moderator=moderator, reason="Gleiche Frage"
    )


def bodies(posts):
    return sorted(post.body for post in posts)


def test_replies_move_with_their_tree_and_authors(target, duplicate, moderator, ben, anna):
    first = duplicate.posts.get(body__startswith="Ein Drehteller")
    second = duplicate.posts.get(body__startswith="Und ein Transportkoffer")
    target_root = target.posts.get(parent__isnull=True)

    result = merge(duplicate, target, moderator)

    first.refresh_from_db()
    second.refresh_from_db()
    assert result.moved_replies == 2
    assert (first.thread_id, first.parent_id, first.depth, first.author) == (
        target.pk,
        target_root.pk,
        1,
        ben,
    )
    assert (second.thread_id, second.parent_id, second.depth, second.author) == (
        target.pk,
        first.pk,
        2,
        anna,
    )
    # The duplicate keeps its question text, nothing else.
    assert list(duplicate.posts.values_list("parent", flat=True)) == [None]


def test_target_counts_the_moved_replies_on_its_page_and_in_the_list(
    client, target, duplicate, moderator
):
    merge(duplicate, target, moderator)

    target.refresh_from_db()
    duplicate.refresh_from_db()
    page = client.get(target.get_absolute_url()).content.decode()
    listing = client.get(reverse("board:index")).content.decode()

    assert (target.reply_count, duplicate.reply_count) == (3, 0)
    assert "3 Antworten</h2>" in page
    item = listing[listing.index(target.get_absolute_url()) - 600 :]
    assert "<strong>3</strong> Antworten" in item[: item.index("</li>")]
    assert duplicate.get_absolute_url() not in listing


def test_moved_replies_show_on_the_target_and_leave_the_duplicate(
    client, target, duplicate, moderator, clara
):
    hidden = reply(duplicate, clara, body="Private Telefonnummer von Frau M.")
    services.hide_post(post=hidden, moderator=moderator, reason="Persönliche Daten")

    merge(duplicate, target, moderator)

    target_page = client.get(target.get_absolute_url()).content.decode()
    duplicate_page = client.get(duplicate.get_absolute_url()).content.decode()
    assert "Ein Drehteller für Buchscanner hilft beim Teilen." in target_page
    assert "Und ein Transportkoffer für den Drehteller." in target_page
    assert "Private Telefonnummer" not in target_page  # hidden stays hidden
    assert "Ein Drehteller" not in duplicate_page
    assert target.get_absolute_url() in duplicate_page  # the duplicate points to the target
    assert bodies(Post.objects.visible_to(None).filter(thread=target, parent__isnull=False)) == [
        "Ein Drehteller für Buchscanner hilft beim Teilen.",
        "Und ein Transportkoffer für den Drehteller.",
        "Wir teilen den Scanner über einen Kalender.",
    ]
    assert not Post.objects.visible_to(None).filter(thread=duplicate, parent__isnull=False)


def test_moved_replies_take_votes_at_the_target(target, duplicate, moderator, clara):
    moved = duplicate.posts.get(body__startswith="Ein Drehteller")

    merge(duplicate, target, moderator)
    services.vote(post=moved, user=clara)

    moved.refresh_from_db()
    assert moved.vote_count == 1


def test_moved_reply_permalink_leads_to_the_target(client, target, duplicate, moderator):
    moved = duplicate.posts.get(body__startswith="Ein Drehteller")

    merge(duplicate, target, moderator)

    response = client.get(reverse("board:post", args=[moved.pk]))
    assert response.status_code == 302
    assert response.url == f"{target.get_absolute_url()}#beitrag-{moved.pk}"


def test_cached_post_cards_of_moved_replies_reply_to_the_target(
    client, target, duplicate, moderator, anna
):
    moved = duplicate.posts.get(body__startswith="Ein Drehteller")
    client.force_login(anna)
    client.get(duplicate.get_absolute_url())  # the cards are cached as they were

    merge(duplicate, target, moderator)

    html = client.get(target.get_absolute_url()).content.decode()
    assert reverse("board:reply", args=[target.pk]) + f"?auf={moved.pk}" in html
    assert reverse("board:reply", args=[duplicate.pk]) + f"?auf={moved.pk}" not in html


def test_replies_of_a_hidden_duplicate_arrive_waiting_for_approval(
    client, edition, target, moderator, ben, clara
):
    duplicate = ask(edition, clara, title="Scanner teilen: eine versteckte Frage")
    moved = reply(duplicate, ben, body="Eine Antwort unter einer ausgeblendeten Frage.")
    services.hide_post(
        post=duplicate.posts.get(parent__isnull=True), moderator=moderator, reason="Spam"
    )

    merge(duplicate, target, moderator)

    moved.refresh_from_db()
    assert moved.visibility == Visibility.PENDING
    assert moved not in Post.objects.visible_to(None)
    assert moved in Post.objects.visible_to(ben)  # its author sees it, as any pending post
    assert "ausgeblendeten Frage" not in client.get(target.get_absolute_url()).content.decode()
    target.refresh_from_db()
    assert target.reply_count == 1


def test_accepted_answer_carries_over_to_a_target_without_one(
    target, duplicate, moderator, clara, django_capture_on_commit_callbacks
):
    accepted = duplicate.posts.get(body__startswith="Ein Drehteller")
    services.accept_answer(thread=duplicate, post=accepted, user=clara)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = merge(duplicate, target, moderator)

    target.refresh_from_db()
    duplicate.refresh_from_db()
    assert result.accepted_post == accepted
    assert (target.accepted_post, target.status) == (accepted, Thread.Status.ANSWERED)
    assert (duplicate.accepted_post, duplicate.status) == (None, Thread.Status.CLOSED)
    assert mail.outbox == []  # no "answer accepted" (nor any other) e-mail again


def test_accepted_answer_stays_an_ordinary_reply_where_the_target_has_one(
    target, duplicate, moderator, anna, clara
):
    own = target.posts.get(body__startswith="Wir teilen")
    services.accept_answer(thread=target, post=own, user=anna)
    services.accept_answer(
        thread=duplicate, post=duplicate.posts.get(body__startswith="Ein Drehteller"), user=clara
    )

    result = merge(duplicate, target, moderator)

    target.refresh_from_db()
    assert result.accepted_post is None
    assert target.accepted_post == own
    assert "akzeptierte Antwort" not in merge_message(result)


def test_merge_unpins_the_duplicate(target, duplicate, moderator):
    services.pin_thread(thread=duplicate, moderator=moderator, reason="")

    merge(duplicate, target, moderator)

    duplicate.refresh_from_db()
    assert (duplicate.is_pinned, duplicate.is_locked) == (False, True)


def test_merge_notifies_nobody_again(
    target, duplicate, moderator, anna, ben, clara, django_capture_on_commit_callbacks
):
    services.subscribe(user=anna, thread=target)
    services.subscribe(user=ben, thread=duplicate)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        merge(duplicate, target, moderator)

    assert mail.outbox == []


def test_moved_replies_are_found_under_the_target(
    edition, anna, ben, clara, moderator, settings, django_capture_on_commit_callbacks
):
    if settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backends.whoosh":
        get_search_backend().store.reset()
    # Written inside the block, so each object reaches the index through the task route.
    with django_capture_on_commit_callbacks(execute=True):
        target = ask(edition, anna, title="Wie teilen kleine Häuser ihre Scanner?")
        duplicate = ask(edition, clara, title="Scanner gemeinsam nutzen, wie geht das?")
        first = reply(duplicate, ben, body="Ein Drehteller für Buchscanner hilft beim Teilen.")
        reply(duplicate, anna, body="Und ein Transportkoffer für den Drehteller.", parent=first)

    with django_capture_on_commit_callbacks(execute=True):
        merge(duplicate, target, moderator)

    def found(thread):
        return bodies(
            get_search_backend().search(PlainText("Drehteller"), Post.objects.filter(thread=thread))
        )

    assert found(target) == [
        "Ein Drehteller für Buchscanner hilft beim Teilen.",
        "Und ein Transportkoffer für den Drehteller.",
    ]
    assert found(duplicate) == []


def test_merge_is_logged_once_and_a_second_merge_changes_nothing(
    edition, target, duplicate, moderator, anna
):
    first = merge(duplicate, target, moderator)
    other = ask(edition, anna, title="Eine ganz andere Frage zum Scanner")

    again = merge(duplicate, target, moderator)  # the form sent twice

    entries = ModerationLogEntry.objects.filter(action=ModerationLogEntry.Action.MERGED)
    assert [(e.thread, e.target_thread, e.reason) for e in entries] == [
        (duplicate, target, "Gleiche Frage")
    ]
    assert (first.moved_replies, again.moved_replies) == (2, 0)
    target.refresh_from_db()
    assert target.reply_count == 3
    with pytest.raises(services.BoardError, match="bereits"):
        merge(duplicate, other, moderator)


def test_admin_merge_says_what_moved(client, target, duplicate, moderator, clara):
    services.accept_answer(
        thread=duplicate, post=duplicate.posts.get(body__startswith="Ein Drehteller"), user=clara
    )
    client.force_login(moderator)

    response = client.post(
        reverse("board_admin:thread_action", args=[duplicate.pk, "merge"]),
        {"target": str(target.pk), "reason": "Gleiche Frage"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        f"Die Frage wurde mit „{target.title}“ zusammengeführt. 2 Antworten wurden dorthin "
        "verschoben. Die Zielfrage hatte keine akzeptierte Antwort: die akzeptierte Antwort "
        "der doppelten Frage gilt jetzt dort."
    ]
