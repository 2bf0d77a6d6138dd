"""Reports for the editors in the Wagtail admin ("Berichte").

`MissingTranslationsView` (and a dashboard panel): live pages of the default language that
have no translation into another language yet, with the way to translate them.

`DeadLinksView`: live pages whose content links to a page that is not live or no longer
exists, from Wagtail's reference index (which reflects the stored, i.e. live, content of a
published page). Visitors see such links as plain text (`home/rich_text.py`); the report
tells the editors where to repair them.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.permission_policies.pages import PagePermissionPolicy


def may_edit_pages(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


@dataclass(frozen=True)
class DeadLink:
    source: Page
    field: str
    target: Page | None  # None: the page was deleted
    target_id: str


def dead_links():
    """Links from live pages to pages that are not live or were deleted (four queries)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = list(
        ReferenceIndex.objects.filter(base_content_type=page_type, to_content_type=page_type)
        .select_related("content_type", "base_content_type", "to_content_type")
        .order_by("object_id", "content_path")
    )
    target_ids = {int(ref.to_object_id) for ref in references if ref.to_object_id.isdigit()}
    live_targets = set(
        Page.objects.filter(pk__in=target_ids, live=True).values_list("pk", flat=True)
    )
    dead = [ref for ref in references if ref.to_object_id.isdigit()]
    dead = [ref for ref in dead if int(ref.to_object_id) not in live_targets]
    if not dead:
        return []
    dead_targets = Page.objects.in_bulk({int(ref.to_object_id) for ref in dead})
    sources = Page.objects.live().in_bulk({int(ref.object_id) for ref in dead})
    links = []
    for ref in dead:
        source = sources.get(int(ref.object_id))
        if source is None:
            continue
        links.append(
            DeadLink(
                source=source,
                field=ref.describe_source_field(),
                target=dead_targets.get(int(ref.to_object_id)),
                target_id=ref.to_object_id,
            )
        )
    return sorted(links, key=lambda link: (link.source.title.casefold(), link.field))


class DeadLinksView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Links auf nicht veröffentlichte Seiten")
    header_icon = "link"
    template_name = "home/admin/dead_links.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["links"] = dead_links()
        return context


TRANSLATE_PERMISSION = "simple_translation.submit_translation"


def may_translate(user):
    return bool(user.is_active and user.has_perm(TRANSLATE_PERMISSION))


@dataclass(frozen=True)
class MissingTranslation:
    page: Page
    languages: list  # Locale objects the page is not translated into


def pages_missing_translations():
    """Live pages of the default language without a translation into another language.

    One query per other language plus two; in tree order. Wagtail's root page is left out.
    """
    default = Locale.get_default()
    others = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    pages = list(
        Page.objects.live().filter(locale=default, depth__gt=1).order_by("path").specific()
    )
    keys = {page.translation_key for page in pages}
    translated = {
        locale.pk: set(
            Page.objects.filter(locale=locale, translation_key__in=keys).values_list(
                "translation_key", flat=True
            )
        )
        for locale in others
    }
    rows = []
    for page in pages:
        missing = [locale for locale in others if page.translation_key not in translated[locale.pk]]
        if missing:
            rows.append(MissingTranslation(page=page, languages=missing))
    return rows


class MissingTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Seiten ohne Übersetzung")
    header_icon = "globe"
    template_name = "home/admin/missing_translations.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = pages_missing_translations()
        return context


class MissingTranslationsPanel(Component):
    """Dashboard: how many live pages lack a translation, the first few, and the report."""

    name = "missing_translations"
    template_name = "home/admin/missing_translations_panel.html"
    order = 120
    shown = 5

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows = pages_missing_translations()
        context.update(
            rows=rows[: self.shown],
            total=len(rows),
            report_url=reverse("home_missing_translations"),
        )
        return context


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    """A short German guide for the editors (licences, workflow, translating, slugs, board)."""

    page_title = _("Leitfaden für die Redaktion")
    header_icon = "help"
    template_name = "home/admin/editor_guide.html"


class EditorGuidePanel(Component):
    name = "editor_guide"
    template_name = "home/admin/guide_panel.html"
    order = 5

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["guide_url"] = reverse("home_editor_guide")
        return context
