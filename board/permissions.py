"""Who may do what on the board; used by services (which enforce) and templates (which hide)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from home.roles import CHIEF_EDITORS, EDITORS, MODERATORS

EDIT_WINDOW = datetime.timedelta(minutes=getattr(settings, "BOARD_EDIT_WINDOW_MINUTES", 30))


def is_participant(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_moderator(user):
    return is_participant(user) and user.has_perm("board.moderate_board")


def is_author(user, obj):
    return is_participant(user) and obj.author_id is not None and obj.author_id == user.pk


def can_edit_post(user, post, *, now=None):
    if is_moderator(user):
        return True
    if not is_author(user, post) or post.is_hidden or post.thread.is_locked:
        return False
    now = now or timezone.now()
    return now - post.created_at <= EDIT_WINDOW


def can_accept(user, thread):
    """The asker or a moderator chooses the accepted answer and sets the status."""
    return is_moderator(user) or is_author(user, thread)


def can_reply(user, thread):
    if not is_participant(user):
        return False
    if is_moderator(user):
        return True
    return (
        thread.is_public
        and not thread.is_locked
        and thread.merged_into_id is None
        and thread.status != thread.Status.CLOSED
    )


def can_vote(user, post):
    return is_participant(user) and not is_author(user, post)


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
