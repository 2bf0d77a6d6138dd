"""From a saved or deleted object to the search index: a task enqueued after the commit.

modelsearch (Wagtail search) connects its own handlers in ``wagtail.search``'s ``ready()``: a
``post_save`` handler that enqueues its task at once (before the transaction commits) and a
``post_delete`` handler that writes to the index synchronously, inside the web request. Both are
replaced here:

* ``Indexed.search_auto_update`` -- the documented per-model switch that modelsearch reads when
  it connects its handlers -- is set to ``False`` on the ``Indexed`` mixin before
  ``wagtail.search`` is ready (the project's apps come first in ``INSTALLED_APPS``), so
  modelsearch connects nothing. Should the app order ever change, ``register()`` also
  disconnects handlers that modelsearch already connected.
* For every indexed model, :func:`object_changed` handles ``post_save`` and ``post_delete``: it
  registers ``transaction.on_commit`` to enqueue :func:`search.tasks.update_search_index` with the
  object's model label and primary key. A rolled-back transaction enqueues nothing; several
  saves of one object in one transaction enqueue one task. The task reads the object's current
  state from the database, so the order in which tasks run does not matter.

A model that declares ``search_auto_update = False`` itself is still left alone.

Wagtail pages reach the index the same way: publishing, unpublishing, moving and editing save the
page (``post_save``), and deleting a page fires ``post_delete`` for it and its descendants.
"""

import logging
from functools import partial
from types import SimpleNamespace

from django.db import router, transaction
from django.db.models.signals import post_delete, post_save

from modelsearch import index
from modelsearch import signal_handlers as modelsearch_handlers

logger = logging.getLogger(__name__)

DISPATCH_UID = "search.object_changed"
_PENDING_ATTR = "_search_index_pending"


def opted_out(model):
    """Whether ``model`` or a parent (not ``Indexed``) sets ``search_auto_update = False``."""
    for klass in model.__mro__:
        if klass is index.Indexed:
            break
        if "search_auto_update" in vars(klass):
            return not klass.__dict__["search_auto_update"]
    return False


def _root_label(model):
    concrete = model._meta.concrete_model
    parents = concrete._meta.get_parent_list()
    return (parents[-1] if parents else concrete)._meta.label_lower


def _enqueue(label, pk):
    from .tasks import update_search_index

    try:
        update_search_index.enqueue(label, pk)
    except Exception:
        # The change is in the database; the next `update_index` picks it up.
        logger.exception("Could not enqueue the search index update of %s %s", label, pk)


def object_changed(sender, instance, raw=False, using=None, **kwargs):
    """``post_save``/``post_delete``: enqueue an index update once the transaction commits."""
    if raw or instance.pk is None:
        return
    label, pk = sender._meta.label_lower, str(instance.pk)
    using = using or router.db_for_write(sender)
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        # One task per object and transaction, however often it is saved in it. A callback that
        # a rolled-back savepoint discarded is no longer in `run_on_commit`, so it is re-added.
        pending = getattr(connection, _PENDING_ATTR, None)
        if pending is None or not connection.run_on_commit:
            pending = {}  # nothing is waiting: entries left by rolled-back transactions go
            setattr(connection, _PENDING_ATTR, pending)
        key = (_root_label(sender), pk)
        callback = pending.get(key)
        if callback is not None and any(entry[1] is callback for entry in connection.run_on_commit):
            return
        callback = partial(_run_pending, connection, key, label, pk)
        pending[key] = callback
    else:
        callback = partial(_enqueue, label, pk)
    transaction.on_commit(callback, using=using, robust=True)


def schedule(model, pk, using=None):
    """Enqueue the index task of object ``pk`` of ``model`` after the commit, as a save of it
    would (for changes that save something else, such as a renamed tag: ``tag_handlers``)."""
    object_changed(model, SimpleNamespace(pk=pk), using=using)


def _run_pending(connection, key, label, pk):
    pending = getattr(connection, _PENDING_ATTR, {})
    pending.pop(key, None)
    _enqueue(label, pk)


def indexed_models():
    return [model for model in index.get_indexed_models() if not opted_out(model)]


def register():
    """Route index writes through tasks; see the module docstring. Idempotent."""
    index.Indexed.search_auto_update = False
    for model in index.get_indexed_models():
        post_save.disconnect(modelsearch_handlers.post_save_signal_handler, sender=model)
        post_delete.disconnect(modelsearch_handlers.post_delete_signal_handler, sender=model)
    for model in indexed_models():
        post_save.connect(object_changed, sender=model, dispatch_uid=DISPATCH_UID)
        post_delete.connect(object_changed, sender=model, dispatch_uid=DISPATCH_UID)
