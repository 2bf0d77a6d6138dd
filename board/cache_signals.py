"""Bump the board's version keys (home/versions.py) on every change to board content.

Model signals, not the services, so the admin, the services, management commands and
``manage.py shell`` all invalidate. Each change bumps ``BOARD`` (lists, tag pages, feeds, the
Wagtail pages listing questions), the thread's key (its page and feed) and the edition's key
(conditional polling). ``QuerySet.update()`` sends no signal: the project's code uses it only
for counters next to a saved post or vote in the same transaction (``recount_thread``,
``recount_post_votes``), for fields no page shows (flags' resolution and reporter, a post's
``html_version`` when its HTML is unchanged, a revision's editor of a deleted account, whose
deletion bumps), and for the demo's dates (``load_demo_data`` bumps ``SITE`` and ``BOARD`` at
its end). A merge re-points earlier duplicates with one save each.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import translation

from home import versions

from .models import (
    LivePhase,
    ModerationLogEntry,
    Post,
    PostPageLink,
    Thread,
    ThreadTag,
    Vote,
)


def bump_threads(*threads, editions=()):
    keys = [versions.BOARD]
    for thread in threads:
        if thread is None:
            continue
        keys.append(versions.thread_key(thread.pk))
        keys.append(versions.edition_key(thread.edition_id))
        if thread.merged_into_id:
            # The duplicate's title shows on its target's page.
            keys.append(versions.thread_key(thread.merged_into_id))
    keys.extend(versions.edition_key(pk) for pk in editions if pk)
    versions.bump(*keys)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        pks = {thread.pk for thread in threads if thread is not None}
        transaction.on_commit(lambda: purge_frontend_cache(pks))


def purge_frontend_cache(thread_pks):
    """Ask the proxy in front to drop the board pages a change touched (on commit, as a task).

    Wagtail pages listing questions are not purged here: proxies keep them for MAX_AGE seconds.
    """
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    from home.site_urls import absolute_url

    urls = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            urls.append(reverse("board:index"))
            for pk in thread_pks:
                thread = Thread.objects.filter(pk=pk).only("pk", "slug").first()
                if thread is not None:
                    urls.append(thread.get_absolute_url())
                    urls.append(reverse("board:thread_feed", args=[pk]))
    purge_urls_from_cache([absolute_url(url) for url in urls])


def _thread_of(instance):
    if isinstance(instance, Thread):
        return instance
    if isinstance(instance, Post):
        return _safe(lambda: instance.thread)
    if isinstance(instance, (Vote, PostPageLink)):
        return _safe(lambda: instance.post.thread)
    if isinstance(instance, ThreadTag):
        return _safe(lambda: instance.content_object)
    return None


def _safe(get):
    # A cascade may delete the parent first; then the parent's own signal bumped already.
    try:
        return get()
    except (Thread.DoesNotExist, Post.DoesNotExist):
        return None


def _changed(sender, instance, **kwargs):
    if isinstance(instance, (Thread, Post, Vote, PostPageLink, ThreadTag)):
        bump_threads(_thread_of(instance))
    elif isinstance(instance, ModerationLogEntry):
        threads = [
            _safe(lambda: instance.thread),
            _safe(lambda: instance.target_thread),
        ]
        bump_threads(*threads, editions=[instance.edition_id])
    elif isinstance(instance, LivePhase):
        bump_threads(_safe(lambda: instance.answering), editions=[instance.edition_id])


def _tags_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Thread):
        bump_threads(instance)


MODELS = (Thread, Post, Vote, PostPageLink, ThreadTag, ModerationLogEntry, LivePhase)


def connect():
    for model in MODELS:
        uid = f"versions.{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + ".saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + ".deleted")
    m2m_changed.connect(_tags_changed, dispatch_uid="versions.thread_tags")
