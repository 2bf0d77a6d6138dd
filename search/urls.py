"""Included under `suche/` (`/en/search/`) by config/urls.py; the names are global."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path("", views.search, name="search"),
    path(_("vorschlaege/"), views.autocomplete, name="search_autocomplete"),
    path(_("aehnliche-fragen/"), views.similar, name="search_similar"),
]
