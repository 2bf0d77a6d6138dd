"""``konto/daten/``: a participant's own data (see ``board/views/privacy.py``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import privacy as privacy_views

app_name = "privacy"

urlpatterns = [
    path(_("herunterladen/"), privacy_views.ExportView.as_view(), name="export"),
    path(_("konto-loeschen/"), privacy_views.DeleteAccountView.as_view(), name="delete"),
]
