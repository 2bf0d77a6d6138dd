"""Who may do what on the board, as Python calls: thin names for the rules registered once in
``board/rules.py`` (django-rules). Services enforce them, ``rendering.prepare`` and templates
show or hide buttons with them, views declare them (``permission_required``). Who may *see* a
thread or a post is ``Thread.objects.visible_to`` / ``Post.objects.visible_to``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

from rules import has_perm

from home.permissions import CHIEF_EDITOR_PERMISSION

from .rules import EDIT_WINDOW, clock, is_author, is_moderator, is_participant

__all__ = [
    "EDIT_WINDOW",
    "STAFF_EDITORIAL",
    "STAFF_MODERATION",
    "STAFF_PERMISSIONS",
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

#: Which permissions make a person staff of each kind, the first kind that applies counting: the
#: moderators' right (rule ``is_moderator``), then the Chefredaktion's right or admin access (the
#: Redaktion, Chefredaktion and administrators work in the admin).
STAFF_PERMISSIONS = (
    (STAFF_MODERATION, ("board.moderate_board",)),
    (STAFF_EDITORIAL, (CHIEF_EDITOR_PERMISSION, "wagtailadmin.access_admin")),
)


def _holds(dotted_names):
    """An ``Exists`` for "the outer user holds one of these permissions", directly or through
    a group (what Django's ``ModelBackend`` answers, for many users in one query)."""
    wanted = Q()
    for dotted in dotted_names:
        app_label, codename = dotted.split(".", 1)
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    holders = Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk"))
    return Exists(Permission.objects.filter(wanted).filter(holders))


def staff_roles(user_ids):
    """``{user pk: STAFF_MODERATION | STAFF_EDITORIAL}`` for those of ``user_ids`` who belong
    to the staff by their permissions (``STAFF_PERMISSIONS``; superusers are editorial staff
    unless they moderate), so their posts carry a badge no participant's name can imitate.
    One query for any number of ids."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    kinds = {kind: _holds(names) for kind, names in STAFF_PERMISSIONS}
    rows = (
        get_user_model()
        .objects.filter(pk__in=ids, is_active=True)
        .annotate(**kinds)
        .values_list("pk", "is_superuser", *kinds)
    )
    roles = {}
    for pk, is_superuser, *held in rows:
        role = next((kind for kind, has in zip(kinds, held, strict=True) if has), None)
        if role is None and is_superuser:
            role = STAFF_EDITORIAL
        if role is not None:
            roles[pk] = role
    return roles
