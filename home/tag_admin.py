"""Tags in the admin: rename (edit) and merge one tag into another (`/admin/schlagwoerter/`).

Tags are shared by topic pages and board questions (taggit's `Tag`); the Redaktion and the
Chefredaktion hold `taggit.change_tag`, which both actions require. Merging moves every
tagging of the duplicate to the target (an object tagged with both keeps one) and deletes the
duplicate; it finds the tagging tables through the `Tag` model's relations, so it needs to
know no app.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from taggit.models import Tag

PERMISSION = "taggit.change_tag"


@transaction.atomic
def merge_tags(*, source, target):
    """Move every use of `source` to `target`, then delete `source`."""
    if source.pk == target.pk:
        raise ValueError("A tag cannot be merged into itself.")
    for relation in Tag._meta.related_objects:
        if not isinstance(relation, models.ManyToOneRel):
            continue
        model, fk = relation.related_model, relation.field.name
        if relation.one_to_one:
            # e.g. the tag's English label: the target keeps its own if it has one.
            if model.objects.filter(**{fk: target}).exists():
                model.objects.filter(**{fk: source}).delete()
            else:
                model.objects.filter(**{fk: source}).update(**{fk: target})
            continue
        identity = [
            field.attname
            for field in model._meta.concrete_fields
            if not field.primary_key and field.name != fk
        ]
        for row in model.objects.filter(**{fk: source}):
            same = {name: getattr(row, name) for name in identity}
            if model.objects.filter(**{fk: target}, **same).exists():
                row.delete()
            else:
                setattr(row, fk, target)
                row.save(update_fields=[fk])
    source.delete()
    return target


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        label=gettext_lazy("Zusammenführen mit"),
        help_text=gettext_lazy(
            "Alle Themenseiten und Fragen mit diesem Schlagwort erhalten das gewählte; "
            "dieses Schlagwort wird danach gelöscht."
        ),
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Tag.objects.exclude(pk=source.pk).order_by("name")


class TagMergeView(WagtailAdminTemplateMixin, FormView):
    template_name = "home/admin/tag_merge.html"
    form_class = MergeForm
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        self.source = get_object_or_404(Tag, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Schlagwort „%(tag)s“ zusammenführen") % {"tag": self.source.name}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "source": self.source}

    def form_valid(self, form):
        target = merge_tags(source=self.source, target=form.cleaned_data["target"])
        messages.success(
            self.request,
            _("„%(source)s“ wurde mit „%(target)s“ zusammengeführt.")
            % {"source": self.source.name, "target": target.name},
        )
        return redirect(reverse("tags:index"))


class MergeLinkColumn(Column):
    cell_template_name = "home/admin/tag_merge_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["merge_url"] = reverse("tags:merge", args=[instance.pk])
        return context


class TagViewSet(ModelViewSet):
    model = Tag
    name = "tags"
    url_prefix = "schlagwoerter"
    icon = "tag"
    menu_label = gettext_lazy("Schlagwörter")
    menu_order = 290
    add_to_admin_menu = True
    form_fields = ["name", "slug"]
    list_display = ["name", "slug", MergeLinkColumn("merge", label=gettext_lazy("Zusammenführen"))]
    search_fields = ["name"]
    ordering = ["name"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/zusammenfuehren/", TagMergeView.as_view(), name="merge"),
        ]
