"""The board's object permissions: named predicates, each rule registered once (django-rules).

Who may *see* a thread or a post is not decided here: that is ``Thread.objects.visible_to`` and
``Post.objects.visible_to`` (board/models.py); views fetch through them first and ask these
rules about the object they got. Views declare the rule they need (``permission_required``);
services enforce the same rules (through ``board.permissions``) and say why in German;
templates and ``rendering.prepare`` ask them to show or hide buttons.

The rules, by name (``user.has_perm(name, obj)``, or ``permissions.can(user, name, obj)``):

==============================  =======  ===================================================
``board.edit_post``             post     moderators; the author within the edit window, while
                                         the post is not hidden and the thread not locked
``board.vote_post``             post     participants, not on their own post, on a published
                                         post of a thread neither locked nor merged
``board.accept_answer``         thread   the asker and moderators
``board.set_thread_status``     thread   moderators; the asker while the thread is not
                                         closed (closing it: moderators, in the service)
``board.flag_post``             post     participants, not their own post, not a hidden one
``board.moderate``              any      moderators
``board.view_post_history``     post     moderators; otherwise (for a post the person may
                                         read, visitors included) its author, and everyone
                                         once the post was edited; never a hidden post
``board.reply_to_thread``       thread   moderators; participants while the thread is
                                         published, open, not locked and not merged
``board.follow_thread``         thread   participants, on a published thread not merged
==============================  =======  ===================================================
"""

import contextlib
import contextvars
import datetime

from django.conf import settings
from django.utils import timezone

import rules

EDIT_WINDOW = datetime.timedelta(minutes=getattr(settings, "BOARD_EDIT_WINDOW_MINUTES", 30))

# The moment the edit window is measured against (services and the thread page pass one "now").
_now = contextvars.ContextVar("board_rules_now", default=None)


@contextlib.contextmanager
def clock(now):
    """Evaluate the rules as of ``now`` (``None``: the current time)."""
    token = _now.set(now)
    try:
        yield
    finally:
        _now.reset(token)


# --- who the person is -------------------------------------------------------------------------


@rules.predicate
def is_participant(user):
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_moderator(user):
    return is_participant(user) and user.has_perm("board.moderate_board")


@rules.predicate
def is_author(user, obj):
    """The author of a post or the asker of a thread (anonymous or not)."""
    return (
        is_participant(user)
        and obj is not None
        and obj.author_id is not None
        and obj.author_id == user.pk
    )


# --- the state of a post or a thread -----------------------------------------------------------


@rules.predicate
def post_is_published(user, post):
    return post.is_public


@rules.predicate
def post_is_hidden(user, post):
    return post.is_hidden


@rules.predicate
def post_was_edited(user, post):
    return post.edited_at is not None or post.version > 1


@rules.predicate
def in_locked_thread(user, post):
    return post.thread.is_locked


@rules.predicate
def in_merged_thread(user, post):
    return post.thread.merged_into_id is not None


@rules.predicate
def within_edit_window(user, post):
    now = _now.get() or timezone.now()
    return now - post.created_at <= EDIT_WINDOW


@rules.predicate
def thread_is_closed(user, thread):
    return thread.status == thread.Status.CLOSED


@rules.predicate
def thread_is_listed(user, thread):
    """Published and not merged into another thread (it shows in lists and feeds)."""
    return thread.is_public and thread.merged_into_id is None


@rules.predicate
def thread_takes_replies(user, thread):
    return (
        thread.is_public
        and not thread.is_locked
        and thread.merged_into_id is None
        and thread.status != thread.Status.CLOSED
    )


# --- the rules ---------------------------------------------------------------------------------

rules.add_perm(
    "board.edit_post",
    is_moderator | (is_author & ~post_is_hidden & ~in_locked_thread & within_edit_window),
)
rules.add_perm(
    "board.vote_post",
    is_participant & ~is_author & post_is_published & ~in_locked_thread & ~in_merged_thread,
)
rules.add_perm("board.accept_answer", is_moderator | is_author)
rules.add_perm("board.set_thread_status", is_moderator | (is_author & ~thread_is_closed))
rules.add_perm("board.flag_post", is_participant & ~is_author & ~post_is_hidden)
rules.add_perm("board.moderate", is_moderator)
rules.add_perm(
    "board.view_post_history", is_moderator | (~post_is_hidden & (is_author | post_was_edited))
)
rules.add_perm("board.reply_to_thread", is_participant & (is_moderator | thread_takes_replies))
rules.add_perm("board.follow_thread", is_participant & thread_is_listed)
