"""Admin hooks of the site shell: "Programm importieren" in an edition page's header menu,
page links for visitors, the editors' reports, the background tasks' dashboard panel."""

from django.conf import settings
from django.contrib import messages
from django.db import models
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import reports, taskqueue
from .admin_views import ProgrammeImportView, can_import
from .models import EventPage, TagTranslation
from .rich_text import LivePageLinkHandler
from .slugs import GermanSlugInput

# Every slug field of the admin (pages, and pages' copy and translate forms use SlugInput too)
# transliterates German letters as the server does (home/slugs.py).
register_form_field_override(models.SlugField, override={"widget": GermanSlugInput})


@hooks.register("register_admin_urls")
def programme_import_urls():
    return [
        path(
            "ausgabe/<int:pk>/programm-importieren/",
            ProgrammeImportView.as_view(),
            name="home_programme_import",
        )
    ]


@hooks.register("register_page_header_buttons")
def programme_import_button(page, user, view_name=None, next_url=None):
    if issubclass(page.specific_class or type(page), EventPage) and can_import(user, page):
        yield Button(
            _("Programm importieren"),
            url=reverse("home_programme_import", args=[page.pk]),
            icon_name="download",
            priority=80,
        )


# After Wagtail's own registration (order 0), which this one replaces.
@hooks.register("register_rich_text_features", order=10)
def register_live_page_links(features):
    features.register_link_type(LivePageLinkHandler)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("berichte/tote-links/", reports.DeadLinksView.as_view(), name="home_dead_links"),
        path(
            "berichte/fehlende-uebersetzungen/",
            reports.MissingTranslationsView.as_view(),
            name="home_missing_translations",
        ),
        path("leitfaden/", reports.EditorGuideView.as_view(), name="home_editor_guide"),
    ]


class EditorsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.may_edit_pages(request.user)


@hooks.register("register_reports_menu_item")
def register_dead_links_menu_item():
    return EditorsReportMenuItem(
        _("Links auf nicht veröffentlichte Seiten"),
        reverse("home_dead_links"),
        name="dead-links",
        icon_name="link",
        order=750,
    )


def may_see_task_health(user):
    return user.is_active and (user.is_superuser or user.has_perm("board.moderate_board"))


class TaskHealthPanel(Component):
    """Failed tasks of the last day, tasks whose worker died, tasks waiting with no worker
    (``home.taskqueue.health``), for superusers and the Moderation group."""

    name = "task_health"
    template_name = "home/admin/task_health_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            report=taskqueue.health(hours=24, limit=10),
            uses_worker=settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db."),
        )
        return context


@hooks.register("construct_homepage_panels")
def add_task_health_panel(request, panels):
    if may_see_task_health(request.user):
        panels.append(TaskHealthPanel())


@hooks.register("insert_global_admin_js")
def credit_preview_js():
    """The credit-line preview of the image forms (acts only where such a form is)."""
    return format_html('<script src="{}"></script>', static("js/admin/credit-preview.js"))


class TagTranslationViewSet(SnippetViewSet):
    """English labels of tags (home/tags.py), under Snippets."""

    model = TagTranslation
    icon = "tag"
    list_display = ("tag", "name_en")
    ordering = ("tag__name",)


register_snippet(TagTranslationViewSet)


class TranslatorsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.may_translate(request.user)


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return TranslatorsReportMenuItem(
        _("Seiten ohne Übersetzung"),
        reverse("home_missing_translations"),
        name="missing-translations",
        icon_name="globe",
        order=760,
    )


@hooks.register("construct_homepage_panels")
def add_missing_translations_panel(request, panels):
    if reports.may_translate(request.user):
        panels.append(reports.MissingTranslationsPanel())


@hooks.register("before_delete_page")
def warn_when_deleting_a_translated_page(request, page):
    """The confirmation page says which translations exist: they are not deleted with it."""
    if request.method != "GET":
        return None
    translations = list(page.get_translations().select_related("locale").order_by("locale"))
    if translations:
        listed = ", ".join(
            f"{translation.locale.get_display_name()}: „{translation.title}“"
            for translation in translations
        )
        messages.warning(
            request,
            gettext(
                "Diese Seite ist übersetzt (%(translations)s). Die Übersetzungen werden nicht "
                "mitgelöscht; löschen Sie sie gesondert, wenn sie ebenfalls verschwinden sollen."
            )
            % {"translations": listed},
        )
    return None


@hooks.register("construct_homepage_panels")
def add_editor_guide_panel(request, panels):
    # In place of Wagtail's banner that links to its English guide on the internet.
    panels[:] = [panel for panel in panels if panel.name != "whats_new_in_wagtail_version"]
    panels.append(reports.EditorGuidePanel())


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(
        _("Leitfaden für die Redaktion"),
        reverse("home_editor_guide"),
        name="kooperationsraum-guide",
        icon_name="help",
        order=100,
    )


# Wagtail's own help items lead to its English pages on the internet.
WAGTAIL_HELP_ITEMS = ("editor-guide",)


@hooks.register("construct_help_menu")
def drop_wagtail_help_items(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in WAGTAIL_HELP_ITEMS and not item.name.startswith("whats-new")
    ]


@hooks.register("register_admin_viewset")
def register_tag_viewset():
    """Rename and merge tags (home/tag_admin.py)."""
    from .tag_admin import TagViewSet

    return TagViewSet()
