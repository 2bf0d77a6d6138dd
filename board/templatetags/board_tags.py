"""Template tags of the board, also used by other apps' templates (home page, edition page)."""

from django import template

from .. import permissions
from ..models import Thread
from ..views import ask_url_for, edition_threads

register = template.Library()


@register.inclusion_tag("board/includes/latest_questions.html", takes_context=True)
def latest_questions(context, count=5):
    """The newest public questions across all editions (home page)."""
    threads = Thread.objects.listed().order_by("-created_at")[: int(count)]
    return {"threads": list(threads), "request": context.get("request")}


@register.inclusion_tag("board/includes/edition_questions.html", takes_context=True)
def edition_questions(context, edition, count=10):
    """An edition's questions, pinned first, with a link to ask one (edition page)."""
    threads = list(edition_threads(edition, limit=int(count)))
    return {
        "edition": edition,
        "threads": threads,
        "ask_url": ask_url_for(edition),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def is_board_moderator(context):
    request = context.get("request")
    return permissions.is_moderator(getattr(request, "user", None))
