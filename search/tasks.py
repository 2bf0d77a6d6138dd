"""The tasks that write to the search index; see search/signal_handlers.py for the route.

In production a single ``manage.py db_worker`` runs it, so it is the only writer of the Whoosh
index (``update_index`` builds a fresh index in a directory of its own and swaps it in). The task
is idempotent: it reads the object's current state from the database and makes the index agree,
inserting or replacing the document of an existing, indexable object and removing the document
otherwise, so it may run again after its worker died (home/taskqueue.py requeues it). A held
write lock (``IndexLocked``, after the backend's ``LOCK_TIMEOUT``) or an unusable or missing index
(``IndexMissing``) is logged
and the task is enqueued again with a delay when the task backend can defer (``django_tasks_db``
can; the ``ImmediateBackend`` of the tests cannot). The last attempt that fails raises
``IndexUpdateFailed``, so the task is recorded as FAILED and shows in ``manage.py task_health``
and on the admin dashboard; ``manage.py update_index`` repairs the index. (The tasks backends
catch a task's exception: it never reaches the request that enqueued the task.)

A Whoosh write commits one small segment and merges nothing, so the object is searchable as soon
as its own task ends; when a write leaves a tier of small segments full, the task enqueues
:func:`merge_search_index` (once until that merge begins), which merges them as a task of its
own, after the write and on the same worker.
"""

import logging
import time
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import Indexed, class_is_indexed, get_indexed_instance

from django_tasks import task

from home import versions

from .backends.whoosh import IndexLocked, IndexMissing

logger = logging.getLogger(__name__)


class IndexUpdateFailed(Exception):
    """An index update failed on its last attempt."""


#: Seconds before each further attempt of a task that failed (tasks backends that can defer).
RETRY_DELAYS = (10, 60, 300, 1800)
#: Pauses before repeating a failed write at once (not after waiting for the lock).
TRANSIENT_DELAYS = (0.05, 0.2, 0.5)


def _delete(backend, model, pk):
    delete_by_pk = getattr(backend, "delete_by_pk", None)
    if delete_by_pk is not None:
        delete_by_pk(model, pk)
    else:
        # Other backends (database, OpenSearch) only need the model and the primary key.
        backend.delete(model(pk=model._meta.pk.to_python(pk)))


def _indexed_object(model, pk):
    """The object to index for ``model`` ``pk``, or ``None`` if it should not be in the index.

    A model that is its own indexed instance is read through ``get_indexed_objects()`` (which
    also selects what its ``RelatedFields`` need) in one query; others (e.g. Wagtail pages,
    indexed as their specific class) as modelsearch's signal handlers read them.
    """
    if class_is_indexed(model) and model.get_indexed_instance is Indexed.get_indexed_instance:
        return model.get_indexed_objects().filter(pk=pk).first()
    obj = model._default_manager.filter(pk=pk).first()
    indexed = get_indexed_instance(obj) if obj is not None else None
    if indexed is not None and not class_is_indexed(type(indexed)):
        indexed = None
    return indexed


def sync_object(label, pk):
    """Make every auto-updated backend agree with the database about one object.

    Returns ``{backend name: "indexed" | "removed" | error text}``.
    """
    try:
        model = apps.get_model(label)
    except LookupError:
        logger.warning("Search index update for unknown model %s skipped", label)
        return {}
    indexed = _indexed_object(model, pk)
    outcome = {}
    merges = []  # backends whose write left segments to merge (in a task of its own)
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        for delay in (*TRANSIENT_DELAYS, None):
            try:
                if indexed is not None:
                    backend.add(indexed)
                    outcome[name] = "indexed"
                else:
                    _delete(backend, model, pk)
                    outcome[name] = "removed"
                if _merge_requested(backend):
                    merges.append(name)
                break
            except Exception as exc:  # noqa: BLE001 - logged; must never reach a web request
                outcome[name] = f"{type(exc).__name__}: {exc}"
                if delay is None or isinstance(exc, (IndexLocked, IndexMissing)):
                    break  # a lock was already waited for (LOCK_TIMEOUT): retry later
                # e.g. another writer's commit removed a file while this one opened the index
                time.sleep(delay)
    if any(result in ("indexed", "removed") for result in outcome.values()):
        # Searches kept in the cache (home/page_cache.py) are made anew from now on.
        versions.bump(versions.SEARCH)
    for name in merges:
        _enqueue_merge(name)
    return outcome


def _merge_requested(backend):
    request_merge = getattr(backend, "request_merge", None)
    return request_merge is not None and request_merge()


def _enqueue_merge(name):
    try:
        merge_search_index.enqueue(name)
    except Exception:
        # The next write asks again once the request is stale; `update_index` merges anyway.
        logger.exception("Could not enqueue merging the search index %s", name)


@task()
def update_search_index(label, pk, attempt=0):
    """Insert, replace or remove the search document of ``label`` object ``pk``."""
    outcome = sync_object(label, pk)
    failed = {name: error for name, error in outcome.items() if error not in ("indexed", "removed")}
    if not failed:
        return outcome
    if attempt < len(RETRY_DELAYS) and _can_defer():
        delay = RETRY_DELAYS[attempt]
        logger.warning(
            "Search index update of %s %s failed (%s); trying again in %s s",
            label,
            pk,
            failed,
            delay,
        )
        try:
            update_search_index.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                label, pk, attempt + 1
            )
            return outcome
        except Exception:
            logger.exception("Could not enqueue a retry of the search index update")
    logger.error(
        "Search index update of %s %s failed (%s); `manage.py update_index` repairs the index",
        label,
        pk,
        failed,
    )
    # The last attempt: the task is recorded as FAILED (``manage.py task_health`` and the admin
    # dashboard list it), not as successful. Tasks backends never pass this to a request.
    raise IndexUpdateFailed(f"{label} {pk}: {failed}")


@task()
def merge_search_index(backend_name="default"):
    """Merge the small segments that single writes left (see ``IndexStore.merge``).

    Index writes never merge, so a post is searchable as soon as its own small segment is
    committed; a write that leaves a tier of segments full enqueues this task once.
    """
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        if name == backend_name and hasattr(backend, "merge_segments"):
            try:
                return backend.merge_segments()
            except (IndexLocked, IndexMissing) as exc:
                # The next full tier asks again; a held lock means another writer is busy.
                logger.warning("Merging the search index %s skipped: %s", name, exc)
    return 0


def _can_defer():
    return bool(getattr(update_search_index.get_backend(), "supports_defer", False))
