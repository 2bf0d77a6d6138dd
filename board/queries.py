"""Read helpers of the board, used by its views, feeds and template tags (and by other apps'
templates through ``board_tags``). Each fetches through the one definition of visibility
(``Thread.objects.visible_to`` / ``listed_for``, ``Post.objects.placed_for``,
``board_editions``) and prefetches what the templates that show the result read (tags)."""

from django.conf import settings
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from accounts.text import parse_year
from home.models import EventPage

from .models import Post, Thread, board_editions


def edition_by_year(year, user=None):
    """The edition of ``year`` among those the board shows ``user`` (else ``None``)."""
    year = parse_year(year)
    if year is None:
        return None
    return board_editions(user).filter(date__year=year).first()


def visible_posts(thread, user):
    """The thread's posts that take a place on this person's page (``Post.placed_for``: hidden
    ones stay as placeholders)."""
    posts = list(
        Post.objects.placed_for(user)
        .filter(thread=thread)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    for post in posts:
        post.thread = thread
    return posts


def edition_threads(edition, *, user=None, limit=None):
    """An edition's threads listed for ``user`` (any language version of its page), pinned and
    newest first."""
    threads = (
        Thread.objects.listed_for(user)
        .prefetch_related("tags")
        .filter(Q(edition=edition) | Q(edition__translation_key=edition.translation_key))
        .order_by("-is_pinned", "-last_activity_at")
    )
    return threads[:limit] if limit else threads


def ask_url_for(edition):
    original = edition
    if edition.locale.language_code != settings.LANGUAGE_CODE:
        original = (
            EventPage.objects.filter(
                translation_key=edition.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or edition
        )
    return reverse("board:ask") + f"?ausgabe={original.year}"


def latest_threads(user, *, limit):
    """The newest threads across all editions listed for ``user`` (home page)."""
    threads = Thread.objects.listed_for(user).prefetch_related("tags").order_by("-created_at")
    return list(threads[:limit])


def topic_threads(page, user, *, per_status):
    """A topic page's open and answered threads listed for ``user`` (any language version of
    the page): the newest ``per_status`` of each status, pinned first, in one query (a window
    function ranks them per status)."""
    ranked = (
        Thread.objects.listed_for(user)
        .filter(Q(topic=page) | Q(topic__translation_key=page.translation_key))
        .filter(status__in=[Thread.Status.OPEN, Thread.Status.ANSWERED])
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("status"),
                order_by=(F("is_pinned").desc(), F("last_activity_at").desc()),
            )
        )
        .filter(rank__lte=per_status)
        .prefetch_related("tags")
        .order_by("-is_pinned", "-last_activity_at")
    )
    return list(ranked)
