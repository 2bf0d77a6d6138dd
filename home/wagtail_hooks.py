"""Admin additions for editions: "Programm importieren" in an edition page's header menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from .admin_views import ProgrammeImportView, can_import
from .models import EventPage


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
