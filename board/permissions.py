"""Who may do what on the board, as Python calls: thin names for the rules registered once in
``board/rules.py`` (django-rules). Services enforce them, ``rendering.prepare`` and templates
show or hide buttons with them, views declare them (``permission_required``). Who may *see* a
thread or a post is ``Thread.objects.visible_to`` / ``Post.objects.visible_to``."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from rules import has_perm

from home.roles import CHIEF_EDITORS, EDITORS, MODERATORS

from .rules import EDIT_WINDOW, clock, is_author, is_moderator, is_participant

__all__ = [
    "EDIT_WINDOW",
    "STAFF_EDITORIAL",
    "STAFF_MODERATION",
    "can",
    "can_accept",
    "can_edit_post",
    "can_flag",
    "can_follow",
    "can_reply",
    "can_vote",
    "is_author",
    "is_moderator",
    "is_participant",
    "staff_roles",
]


def can(user, rule, obj=None, *, now=None):
    """Whether ``rule`` (a name from board/rules.py) allows ``user`` on ``obj`` (as of ``now``)."""
    with clock(now):
        return has_perm(rule, user, obj)


def can_edit_post(user, post, *, now=None):
    return can(user, "board.edit_post", post, now=now)


def can_accept(user, thread):
    """The asker or a moderator chooses the accepted answer and sets the status."""
    return can(user, "board.accept_answer", thread)


def can_reply(user, thread):
    return can(user, "board.reply_to_thread", thread)


def can_vote(user, post):
    return can(user, "board.vote_post", post)


def can_flag(user, post):
    return can(user, "board.flag_post", post)


def can_follow(user, thread):
    return can(user, "board.follow_thread", thread)


#: The staff badge a post card shows next to its author (``staff_roles``).
STAFF_MODERATION = "moderation"
STAFF_EDITORIAL = "editorial"


def staff_roles(user_ids):
    """``{user pk: STAFF_MODERATION | STAFF_EDITORIAL}`` for those of ``user_ids`` who belong
    to the staff (the Moderation group; the Redaktion, Chefredaktion or a superuser), so their
    posts carry a badge no participant's name can imitate. One query for any number of ids."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    rows = (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=(MODERATORS, EDITORS, CHIEF_EDITORS)))
        .values_list("pk", "groups__name")
    )
    roles = {}
    for pk, group in rows:
        if group == MODERATORS or roles.get(pk) == STAFF_MODERATION:
            roles[pk] = STAFF_MODERATION
        else:
            roles[pk] = STAFF_EDITORIAL
    return roles
