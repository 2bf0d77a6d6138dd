"""Tag names are part of the search documents of what they tag: topic pages, questions, images
and documents index ``index.RelatedFields("tags", [SearchField("name")])``. So when a tag is
renamed (saved) or a tagging moves to another tag, is added or removed (merging tags in the
admin, ``home/tag_admin.py``, moves and deletes taggings), the tagged objects are reindexed
through the one route (``signal_handlers.schedule``: a task per object after the commit, several
changes of one object in one transaction enqueue one task). Before this, a renamed or merged
tag was found under its new name only after ``manage.py update_index``.

Generic over taggit: every concrete tagging model (``taggit.models.ItemBase``) with a foreign key
``content_object`` (``board.ThreadTag``, ``wiki.TopicPageTag``) or a generic one
(``taggit.TaggedItem``, used by Wagtail's images and documents); objects of models that are not
indexed are left alone. No app of the project is imported.
"""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from taggit.models import CommonGenericTaggedItemBase, ItemBase, Tag

from . import signal_handlers

DISPATCH_UID = "search.tags_changed"


def tagging_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ItemBase) and "tag" in {f.name for f in model._meta.get_fields()}
    ]


@cache
def _indexed_models():
    return frozenset(signal_handlers.indexed_models())  # known once the apps are ready


def _indexed(model):
    return model in _indexed_models()


def _schedule_rows(tagging_model, rows):
    """Enqueue the index task of each object tagged by ``rows`` (a queryset of taggings)."""
    if issubclass(tagging_model, CommonGenericTaggedItemBase):
        for content_type_id, object_id in rows.values_list("content_type_id", "object_id"):
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if _indexed(model):
                signal_handlers.schedule(model, object_id)
        return
    field = tagging_model._meta.get_field("content_object")
    if _indexed(field.related_model):
        for pk in rows.values_list(field.attname, flat=True):
            signal_handlers.schedule(field.related_model, pk)


def tag_saved(sender, instance, created=False, raw=False, **kwargs):
    """A renamed tag: everything it tags gets its document anew."""
    if created or raw:
        return
    for tagging_model in tagging_models():
        _schedule_rows(tagging_model, tagging_model.objects.filter(tag=instance))


def tagging_changed(sender, instance, raw=False, **kwargs):
    """A tagging added, moved to another tag or removed: its object gets its document anew."""
    if raw:
        return
    if isinstance(instance, CommonGenericTaggedItemBase):
        model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
        pk = instance.object_id
    else:
        field = instance._meta.get_field("content_object")
        model, pk = field.related_model, getattr(instance, field.attname)
    if _indexed(model) and pk is not None:
        signal_handlers.schedule(model, pk)


def register():
    """Connect the handlers (idempotent)."""
    post_save.connect(tag_saved, sender=Tag, dispatch_uid=DISPATCH_UID)
    for model in tagging_models():
        uid = f"{DISPATCH_UID}.{model._meta.label_lower}"
        post_save.connect(tagging_changed, sender=model, dispatch_uid=uid + ".saved")
        post_delete.connect(tagging_changed, sender=model, dispatch_uid=uid + ".deleted")
