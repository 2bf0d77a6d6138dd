"""The Wagtail admin action "Programm importieren" on an edition (``home/programme.py``).

Whoever may publish the edition page may import its programme; the button sits in the page's
header menu in the admin (``home/wagtail_hooks.py``).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import EventPage
from .programme import ProgrammeImportError, import_schedule

MAX_FILE_SIZE = 2 * 1024 * 1024


class ProgrammeImportForm(forms.Form):
    schedule = forms.FileField(
        label=gettext_lazy("Fahrplan (schedule.json)"),
        help_text=gettext_lazy(
            "Export aus pretalx: Fahrplan → Exporte → JSON. Vorhandene Programmpunkte werden "
            "über ihre Kennung aktualisiert; Fragen bleiben zugeordnet."
        ),
    )

    def clean_schedule(self):
        upload = self.cleaned_data["schedule"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("Die Datei ist zu groß (höchstens 2 MB)."))
        return upload


def can_import(user, edition):
    return edition.permissions_for_user(user).can_publish()


class ProgrammeImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "home/admin/programme_import.html"
    form_class = ProgrammeImportForm
    page_title = gettext_lazy("Programm importieren")

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(EventPage, pk=kwargs["pk"])
        if not can_import(request.user, self.edition):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.edition.title

    def get_context_data(self, **kwargs):
        return super().get_context_data(edition=self.edition, **kwargs)

    def form_valid(self, form):
        try:
            result = import_schedule(
                edition=self.edition,
                data=form.cleaned_data["schedule"].read(),
                user=self.request.user,
            )
        except ProgrammeImportError as error:
            form.add_error("schedule", error.message)
            return self.form_invalid(form)
        messages.success(self.request, result.summary())
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.edition.pk]))
