"""Admin hooks of the site shell: "Programm importieren" in an edition page's header menu,
page links for visitors, the editors' reports."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import reports
from .admin_views import ProgrammeImportView, can_import
from .models import EventPage, TagTranslation
from .rich_text import LivePageLinkHandler


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
