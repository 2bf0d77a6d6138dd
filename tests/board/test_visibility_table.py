"""Every board URL × every visibility state × every role, checked against the one definition.

The definition: ``Thread.objects.visible_to``, ``Post.objects.visible_to``/``placed_for``,
``Thread.objects.listed_for`` (board/models.py) and the named rules (board/rules.py). For each
state one world is built: a question asked by the author (by name) and one asked anonymously
by the anonymous author, each with the author's own reply and a reply by a third person; then
the state is applied to both. Each role asks every URL about its target (the anonymous author
about the anonymous question, everyone else about the named one) and the answer must be what
the definition says. ``THREAD_OPENERS`` states independently who may open the question, so the
definition itself is checked too, not only the views' agreement with it.

Size: ``len(STATES) × len(ROLES) × len(URLS)`` = 11 × 6 × 14 = 924 checks (subtests).
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from board import permissions, services
from board.models import Post, Thread, Visibility
from home.roles import EDITORS, ensure_roles
from tests.factories import EventPageFactory, UserFactory, ask, reply

ROLES = ("anonymous", "participant", "author", "anonymous_author", "moderator", "redaktion")

ALL = set(ROLES)
OWNERS = {"author", "anonymous_author", "moderator"}

# Who may open the question page, per state (stated here, not derived from the code).
THREAD_OPENERS = {
    "published": ALL,
    "pending_question": OWNERS,
    "hidden_question": {"moderator"},
    "pending_reply": ALL,
    "hidden_reply": ALL,
    "merged": ALL,
    "locked": ALL,
    "closed": ALL,
    "password_edition": {"moderator"},
    "private_edition": {"moderator"},
    "unpublished_edition": {"moderator"},
}
STATES = tuple(THREAD_OPENERS)
# Whose target post is readable where it differs from the question (reply states).
POST_READERS = {"pending_reply": OWNERS, "hidden_reply": {"moderator"}}

LOGIN = "login"  # a redirect to the sign-in page


def _apply(state, edition, threads, own_replies, moderator):
    """Put both questions (or their author's replies) into ``state``."""
    if state == "pending_question":
        for thread in threads:
            Thread.objects.filter(pk=thread.pk).update(visibility=Visibility.PENDING)
            thread.posts.filter(parent__isnull=True).update(visibility=Visibility.PENDING)
    elif state == "hidden_question":
        for thread in threads:
            root = thread.posts.get(parent__isnull=True)
            services.hide_post(post=root, moderator=moderator, reason="Spam")
    elif state == "pending_reply":
        Post.objects.filter(pk__in=[p.pk for p in own_replies]).update(
            visibility=Visibility.PENDING
        )
    elif state == "hidden_reply":
        for post in own_replies:
            services.hide_post(post=post, moderator=moderator, reason="Spam")
    elif state == "merged":
        target = ask(edition, moderator, title="Zielfrage der Zusammenführung")
        for thread in threads:
            services.merge_threads(source=thread, target=target, moderator=moderator, reason="x")
    elif state == "locked":
        Thread.objects.filter(pk__in=[t.pk for t in threads]).update(is_locked=True)
    elif state == "closed":
        Thread.objects.filter(pk__in=[t.pk for t in threads]).update(status=Thread.Status.CLOSED)
    elif state in ("password_edition", "private_edition"):
        restriction = {"password_edition": "password", "private_edition": "groups"}[state]
        PageViewRestriction.objects.create(
            page=edition, restriction_type=restriction, password="geheim"
        )
    elif state == "unpublished_edition":
        edition.unpublish()


@pytest.fixture
def world(request, edition):
    state = request.param
    edition_page = edition
    if state.endswith("_edition"):
        # A second edition of its own, so the restriction touches only these questions.
        edition_page = EventPageFactory(
            parent=edition.get_parent(),
            title="Konferenz 2021",
            slug="2021",
            date=datetime.date(2021, 11, 11),
        )
    author = UserFactory(display_name="Anna Autorin")
    anonymous_author = UserFactory(display_name="Dora Diskret")
    participant = UserFactory(display_name="Ben Beteiligt")
    replier = UserFactory(display_name="Clara Antwortet")
    moderator = UserFactory(display_name="Mia Moderation")
    moderator.groups.add(ensure_roles()["Moderation"])
    redaktion = UserFactory(display_name="Rita Redaktion", is_staff=True)
    redaktion.groups.add(ensure_roles()[EDITORS])
    named = ask(edition_page, author, title="Benannte Tabellenfrage", tags=["tabellenschlagwort"])
    hidden_name = ask(
        edition_page,
        anonymous_author,
        title="Anonyme Tabellenfrage",
        tags=["tabellenschlagwort"],
        is_anonymous=True,
    )
    own = [reply(named, author, body="Eigene Antwort"), reply(hidden_name, anonymous_author)]
    others = [reply(named, replier, body="Fremde Antwort"), reply(hidden_name, replier)]
    _apply(state, edition_page, [named, hidden_name], own, moderator)
    users = {
        "anonymous": None,
        "participant": participant,
        "author": author,
        "anonymous_author": anonymous_author,
        "moderator": moderator,
        "redaktion": redaktion,
    }
    targets = {
        role: (hidden_name, own[1], others[1])
        if role == "anonymous_author"
        else (named, own[0], others[0])
        for role in ROLES
    }
    return state, edition_page, users, targets


def _fresh(obj):
    return (
        type(obj).objects.select_related("thread").get(pk=obj.pk)
        if isinstance(obj, Post)
        else Thread.objects.get(pk=obj.pk)
    )


def _expected_by_definition(name, user, thread, post, other):
    """The answer the one definition gives for URL ``name``."""
    viewer = user or AnonymousUser()
    thread, post, other = _fresh(thread), _fresh(post), _fresh(other)
    opens = Thread.objects.visible_to(viewer).filter(pk=thread.pk).exists()
    target = post.thread if name not in ("accept",) else other.thread
    reads = Post.objects.visible_to(viewer).filter(pk=post.pk).exists()
    reads_other = Post.objects.visible_to(viewer).filter(pk=other.pk).exists()
    signed_in = user is not None

    def gated(visible, rule, obj, ok):
        if not signed_in:
            return LOGIN
        if not visible:
            return 404
        return ok if permissions.can(viewer, rule, obj) else 403

    if name == "thread":
        return 200 if opens else 404
    if name == "permalink":
        return 302 if Post.objects.placed_for(viewer).filter(pk=post.pk).exists() else 404
    if name == "thread_feed":
        return 200 if Thread.objects.visible_to(None).filter(pk=thread.pk).exists() else 404
    if name == "reply":
        return 404 if not opens else (200 if signed_in else LOGIN)
    if name == "edit":
        return 404 if not reads else gated(True, "board.edit_post", post, 200)
    if name == "flag":
        return 404 if not reads else gated(True, "board.flag_post", post, 200)
    if name == "history":
        # Visitors too; a post without a history for the reader is a 404, never a 403.
        return 200 if reads and permissions.can(viewer, "board.view_post_history", post) else 404
    if name == "vote":
        return gated(reads, "board.vote_post", post, 200)
    if name == "accept":
        return gated(reads_other, "board.accept_answer", target, 302)
    if name == "status":
        return gated(opens, "board.set_thread_status", thread, 302)
    if name == "subscribe":
        return gated(opens, "board.follow_thread", thread, 302)
    listed = Thread.objects.listed_for(viewer if name == "index" else None)
    return listed.filter(pk=thread.pk).exists()


def _ask(client, name, thread, post, other, edition):
    """Request URL ``name``; POSTs are rolled back so every URL sees the same state."""
    json = {"HTTP_ACCEPT": "application/json"}
    if name == "thread":
        return client.get(thread.get_absolute_url())
    if name == "permalink":
        return client.get(post.get_absolute_url())
    if name == "thread_feed":
        return client.get(reverse("board:thread_feed", args=[thread.pk]))
    if name == "reply":
        return client.get(reverse("board:reply", args=[thread.pk]))
    if name in ("edit", "flag", "history"):
        return client.get(reverse(f"board:{name}", args=[post.pk]))
    if name in ("index", "edition_feed", "tag_feed"):
        url = {
            "index": reverse("board:index"),
            "edition_feed": reverse("board:edition_feed", args=[edition.year]),
            "tag_feed": reverse("board:tag_feed", args=["tabellenschlagwort"]),
        }[name]
        return client.get(url)
    posts = {
        "vote": (reverse("board:vote", args=[post.pk]), {"action": "vote"}),
        "accept": (reverse("board:accept", args=[other.pk]), {}),
        "status": (reverse("board:status", args=[thread.pk]), {"status": thread.status}),
        "subscribe": (reverse("board:subscribe", args=[thread.pk]), {}),
    }
    url, data = posts[name]
    with transaction.atomic():
        response = client.post(url, data, **json)
        transaction.set_rollback(True)
    return response


URLS = (
    "thread",
    "permalink",
    "thread_feed",
    "reply",
    "edit",
    "flag",
    "history",
    "vote",
    "accept",
    "status",
    "subscribe",
    "index",
    "edition_feed",
    "tag_feed",
)


def _answer(name, response, thread):
    if name in ("index", "edition_feed", "tag_feed"):
        if response.status_code == 404:
            return False
        assert response.status_code == 200
        return thread.title in response.content.decode()
    if response.status_code == 302 and reverse("account_login") in response["Location"]:
        return LOGIN
    return response.status_code


def test_size_of_the_table():
    assert len(STATES) * len(ROLES) * len(URLS) == 924


@pytest.mark.parametrize("world", STATES, indirect=True)
def test_every_url_state_and_role_agrees_with_the_definition(world, subtests):
    state, edition, users, targets = world
    for role in ROLES:
        user = users[role]
        thread, post, other = targets[role]
        client = Client()
        if user is not None:
            client.force_login(user)
        opens = Thread.objects.visible_to(user).filter(pk=thread.pk).exists()
        with subtests.test(msg="stated openers", state=state, role=role):
            assert opens == (role in THREAD_OPENERS[state])
        if state in POST_READERS:
            with subtests.test(msg="stated readers", state=state, role=role):
                reads = Post.objects.visible_to(user).filter(pk=post.pk).exists()
                assert reads == (role in POST_READERS[state])
        for name in URLS:
            with subtests.test(state=state, role=role, url=name):
                expected = _expected_by_definition(name, user, thread, post, other)
                response = _ask(client, name, _fresh(thread), _fresh(post), other, edition)
                assert _answer(name, response, thread) == expected
