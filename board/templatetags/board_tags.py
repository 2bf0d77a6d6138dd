"""Template tags of the board, also used by other apps' templates (home page, edition page)."""

from django import template
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from home.models import EventPage

from .. import permissions, rendering
from ..models import Subscription, Thread
from ..queries import ask_url_for, edition_threads, latest_threads, topic_threads

register = template.Library()


@register.inclusion_tag("board/includes/latest_questions.html", takes_context=True)
def latest_questions(context, count=5):
    """The newest questions across all editions listed for the visitor (home page)."""
    request = context.get("request")
    threads = latest_threads(getattr(request, "user", None), limit=int(count))
    return {"threads": threads, "request": request}


@register.inclusion_tag("board/includes/edition_questions.html", takes_context=True)
def edition_questions(context, edition, count=10):
    """An edition's questions, pinned first, with a link to ask one (edition page)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    threads = list(edition_threads(edition, user=user, limit=int(count)))
    return {
        "edition": edition,
        "threads": threads,
        "ask_url": ask_url_for(edition),
        "request": request,
    }


@register.filter
def lang_attr(obj):
    """`` lang="de"`` when a thread or post (its ``language``) is not in the page's language:
    ``<h3{{ thread|lang_attr }}>``. Nothing when both are the same."""
    return mark_safe(rendering.lang_attribute(getattr(obj, "language", "")))  # noqa: S308 - escaped in lang_attribute


@register.simple_tag(takes_context=True)
def is_board_moderator(context):
    request = context.get("request")
    return permissions.is_moderator(getattr(request, "user", None))


TOPIC_QUESTIONS = 10


@register.inclusion_tag("board/includes/topic_questions.html", takes_context=True)
def topic_questions(context, page, count=TOPIC_QUESTIONS):
    """A topic page's open and answered questions (any language version of the page), with the
    follow button; used by the wiki's topic page template (board never imports wiki)."""
    request = context.get("request")
    threads = topic_threads(page, getattr(request, "user", None), per_status=int(count))
    return {
        "page": page,
        "open_threads": [t for t in threads if t.status == Thread.Status.OPEN],
        "answered_threads": [t for t in threads if t.status == Thread.Status.ANSWERED],
        "all_url": reverse("board:index") + f"?thema={page.pk}",
        "request": context.get("request"),
    }


@register.inclusion_tag("board/includes/follow_form.html", takes_context=True)
def follow_form(context, target):
    """Follow / unfollow button for an edition or a topic page (POST with CSRF; login needed)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    kind = "ausgabe" if isinstance(target, EventPage) else "thema"
    field = "edition" if kind == "ausgabe" else "topic"
    following = permissions.is_participant(user) and (
        Subscription.objects.filter(user=user, **{field: target}).exists()
    )
    return {
        "target": target,
        "action_url": reverse(f"board:follow_{field}", args=[target.pk]),
        "following": following,
        "logged_in": permissions.is_participant(user),
        "login_url": reverse("account_login") + "?" + urlencode({"next": request.path})
        if request
        else "",
        "request": request,
        # Only the signed-in see the form; a visitor's page sets no CSRF cookie.
        "csrf_token": get_token(request) if request and permissions.is_participant(user) else "",
    }
