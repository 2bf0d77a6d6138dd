"""One definition of who sees what (``Thread.objects.visible_to``, ``Post.objects.visible_to``,
``editions_visible_to``): the places that used to decide for themselves now agree with it."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from board import services
from board.models import (
    ModerationLogEntry,
    Post,
    Thread,
    Visibility,
    board_editions,
    editions_visible_to,
)
from search.services import post_queryset, thread_queryset
from tests.factories import EventPageFactory, ask, reply


def _restricted(edition, year, restriction_type, **kwargs):
    page = EventPageFactory(
        parent=edition.get_parent(),
        title=f"Konferenz {year}",
        slug=str(year),
        date=datetime.date(year, 11, 9),
    )
    PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, **kwargs)
    return page


@pytest.fixture
def restricted_edition(edition):
    """A live edition behind a page password (2023)."""
    return _restricted(edition, 2023, "password", password="x")


@pytest.fixture
def private_edition(edition):
    """A live edition only a group may see (2022)."""
    return _restricted(edition, 2022, "groups")


@pytest.fixture
def hidden_edition_thread(restricted_edition, moderator):
    """A published question in the password-protected edition (asked by a moderator, who may)."""
    return ask(restricted_edition, moderator, title="Geheime Frage zum Passwortschutz")


def test_pending_question_permalink_redirects_its_asker(client, edition, anna, moderator):
    """The asker of a question waiting for approval: the thread page answered 200, the
    permalink of the same question 404. Both ask the one definition now."""
    edition.pre_moderation = True
    edition.save()
    thread = ask(edition, anna, title="Wartet noch auf Freigabe")
    assert thread.visibility == Visibility.PENDING
    root = thread.posts.get(parent__isnull=True)
    client.force_login(anna)
    assert client.get(thread.get_absolute_url()).status_code == 200
    response = client.get(root.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].endswith(f"{thread.get_absolute_url()}#{root.anchor}")
    # Nobody else: 404 on both.
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert client.get(root.get_absolute_url()).status_code == 404


def test_editions_visible_to(edition, restricted_edition, private_edition, anna, moderator):
    assert set(editions_visible_to(None)) == {edition}
    assert set(editions_visible_to(anna)) == {edition}
    assert set(editions_visible_to(moderator)) == {edition, restricted_edition, private_edition}
    assert list(board_editions(anna)) == [edition]


def test_a_restriction_on_an_ancestor_counts(edition, anna):
    index = edition.get_parent()
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    assert not editions_visible_to(anna).exists()
    assert not editions_visible_to(None).exists()


def test_threads_of_a_restricted_edition_are_invisible(
    client, thread, hidden_edition_thread, anna, moderator
):
    for user in (None, AnonymousUser(), anna):
        assert set(Thread.objects.visible_to(user)) == {thread}
        assert hidden_edition_thread.posts.get().pk not in set(
            Post.objects.visible_to(user).values_list("pk", flat=True)
        )
    assert set(Thread.objects.visible_to(moderator)) == {thread, hidden_edition_thread}
    client.force_login(anna)
    assert client.get(hidden_edition_thread.get_absolute_url()).status_code == 404
    root = hidden_edition_thread.posts.get()
    assert client.get(root.get_absolute_url()).status_code == 404
    assert client.post(reverse("board:vote", args=[root.pk])).status_code == 404
    assert client.post(reverse("board:subscribe", args=[hidden_edition_thread.pk])).status_code == (
        404
    )


def test_restricted_edition_appears_nowhere_on_the_board(
    client, thread, hidden_edition_thread, restricted_edition, anna
):
    """L4: no title of a password-protected edition in the filter, the ask form, a feed or the
    moderation log, and no question from it in lists, feeds or search."""
    ModerationLogEntry.objects.create(
        edition=restricted_edition,
        action=ModerationLogEntry.Action.LOCKED,
        thread=hidden_edition_thread,
        reason="Geheimer Grund",
    )
    client.force_login(anna)
    index = client.get(reverse("board:index")).content.decode()
    assert "Konferenz 2023" not in index
    assert "Geheime Frage" not in index
    filtered = client.get(reverse("board:index") + "?ausgabe=2023")
    assert filtered.context["filters"]["edition"] is None
    ask_page = client.get(reverse("board:ask")).content.decode()
    assert "Konferenz 2023" not in ask_page
    log = client.get(reverse("board:moderation_log")).content.decode()
    assert "Geheimer Grund" not in log
    assert "Konferenz 2023" not in log
    assert client.get(reverse("board:edition_feed", args=[2023])).status_code == 404
    thread_feed = reverse("board:thread_feed", args=[hidden_edition_thread.pk])
    assert client.get(thread_feed).status_code == 404
    assert hidden_edition_thread not in thread_queryset()
    assert not post_queryset().filter(thread=hidden_edition_thread).exists()


def test_participants_cannot_ask_or_follow_in_a_restricted_edition(
    client, edition, restricted_edition, anna
):
    client.force_login(anna)
    response = client.post(
        reverse("board:ask"),
        {
            "title": "Darf ich hier fragen?",
            "body": "Ein Text zur Frage.",
            "edition": restricted_edition.pk,
        },
    )
    assert response.status_code == 200
    assert "edition" in response.context["form"].errors
    assert not Thread.objects.filter(edition=restricted_edition).exists()
    follow = client.post(reverse("board:follow_edition", args=[restricted_edition.pk]))
    assert follow.status_code == 404
    assert not anna.board_subscriptions.exists()


def test_moderation_log_never_names_a_thread_the_reader_may_not_open(
    client, edition, thread, anna, moderator
):
    target = ask(edition, anna, title="Zielfrage, später ausgeblendet")
    services.merge_threads(source=thread, target=target, moderator=moderator, reason="Doppelt")
    services.hide_post(
        post=target.posts.get(parent__isnull=True), moderator=moderator, reason="Spam"
    )
    log = client.get(reverse("board:moderation_log")).content.decode()
    assert "Zielfrage" not in log
    client.force_login(moderator)
    assert "Zielfrage" in client.get(reverse("board:moderation_log")).content.decode()


def test_reply_form_offers_only_readable_parents(client, thread, anna, ben, moderator):
    hidden = reply(thread, ben, body="Wird ausgeblendet")
    services.hide_post(post=hidden, moderator=moderator, reason="Spam")
    client.force_login(anna)
    response = client.get(reverse("board:reply", args=[thread.pk]) + f"?auf={hidden.pk}")
    assert response.context["parent"] is None
