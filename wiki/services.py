"""The wiki's read models: backlinks, recent changes, localised page lists, tag listings.

Every function here runs a fixed number of queries, whatever the number of pages involved.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch

from wagtail.models import Page, PageLogEntry, ReferenceIndex

from taggit.models import Tag

# A publication now, and a scheduled one when it goes live ("wagtail.publish.schedule", the
# act of scheduling, is not a change readers can see yet).
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def localized_pages(pages, locale_id):
    """Each page in locale `locale_id` if a live, public translation exists, else the page.

    Keeps the order and drops duplicates (two pages that are translations of each other).
    Two queries at most.
    """
    pages = list(pages)
    foreign_keys = {page.translation_key for page in pages if page.locale_id != locale_id}
    translations = {}
    if foreign_keys:
        model = type(pages[0]) if len({type(p) for p in pages}) == 1 else Page
        for translation in (
            model.objects.filter(translation_key__in=foreign_keys, locale_id=locale_id)
            .live()
            .public()
        ):
            translations[translation.translation_key] = translation
    result, seen = [], set()
    for page in pages:
        page = translations.get(page.translation_key, page)
        if page.pk not in seen:
            seen.add(page.pk)
            result.append(page)
    return result


def translation_ids(page):
    """The primary keys of `page` and all its translations (one query)."""
    return list(
        Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
    )


def backlinks(page, target_ids=None):
    """Live, public pages whose content links to `page` or to one of its translations.

    Built from Wagtail's reference index (which reflects the stored, i.e. live, state of a
    published page and the draft state of a page that was never published, hence the filter
    on `live`). Pages under a view restriction are left out. Shown in the page's language where
    a translation exists. Board threads that link to the page: `thread_backlinks`.
    """
    page_type = ContentType.objects.get_for_model(Page)
    target_ids = translation_ids(page) if target_ids is None else target_ids
    source_ids = set(
        ReferenceIndex.objects.filter(
            base_content_type=page_type,
            to_content_type=page_type,
            to_object_id__in=[str(pk) for pk in target_ids],
        )
        .values_list("object_id", flat=True)
        .distinct()
    )
    source_ids = {int(pk) for pk in source_ids if pk.isdigit()} - set(target_ids)
    if not source_ids:
        return []
    sources = (
        Page.objects.filter(pk__in=source_ids)
        .exclude(translation_key=page.translation_key)
        .live()
        .public()
        .order_by("title")
    )
    return sorted(localized_pages(sources, page.locale_id), key=lambda p: p.title.casefold())


def thread_backlinks(page, target_ids=None):
    """Public board threads whose question or a published reply links to `page` (any language).

    One query (two without `target_ids`); only title and address are loaded, never an author,
    so anonymous questions stay anonymous. Visibility follows the board
    (`board.links.threads_linking_to`).
    """
    from board.links import threads_linking_to

    target_ids = translation_ids(page) if target_ids is None else target_ids
    return list(threads_linking_to(target_ids))


@dataclass(frozen=True)
class Change:
    """One published revision of a topic page, for "Letzte Änderungen" and its feed."""

    page: Page
    timestamp: datetime
    editor: str
    revision_id: int | None
    log_id: int


def _editor_name(entry):
    user = entry.revision.user if entry.revision_id and entry.revision else None
    user = user or entry.user
    if user is None:
        return ""
    return user.get_short_name()


def recent_changes(pages, *, limit=50):
    """The latest publications of `pages` (a page queryset), newest first, as `Change`s.

    The editor is whoever wrote the published revision (not the approver who published it).
    """
    entries = (
        PageLogEntry.objects.filter(action__in=PUBLISH_ACTIONS, page__in=pages.values("pk"))
        .select_related("user", "revision__user")
        .order_by("-timestamp", "-pk")[:limit]
    )
    entries = list(entries)
    specific = pages.model.objects.in_bulk({entry.page_id for entry in entries})
    return [
        Change(
            page=specific[entry.page_id],
            timestamp=entry.timestamp,
            editor=_editor_name(entry),
            revision_id=entry.revision_id,
            log_id=entry.pk,
        )
        for entry in entries
        if entry.page_id in specific
    ]


def tag_prefetch():
    """Prefetch a topic queryset's tags in one query (use `TopicPage.tag_list`)."""
    from .models import TopicPageTag

    return Prefetch(
        "tagged_items",
        queryset=TopicPageTag.objects.select_related("tag").order_by("tag__name"),
    )


def tags_with_counts(topics):
    """The tags used by `topics` (a queryset), with `topic_count`, in one query."""
    return list(
        Tag.objects.filter(wiki_topicpagetag_items__content_object__in=topics.values("pk"))
        .annotate(topic_count=Count("wiki_topicpagetag_items", distinct=True))
        .order_by("name")
    )


# A topic page is due for review when "Zuletzt geprüft" is older than this (or empty).
REVIEW_INTERVAL = timedelta(days=365)


def topics_due_for_review(*, today=None):
    """Live topic pages (all languages) due for review, never reviewed first, then oldest."""
    from django.db.models import F, Q
    from django.utils import timezone

    from .models import TopicPage

    today = today or timezone.localdate()
    return (
        TopicPage.objects.live()
        .filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lte=today - REVIEW_INTERVAL))
        .select_related("locale")
        .order_by(F("last_reviewed").asc(nulls_first=True), "title", "pk")
    )
