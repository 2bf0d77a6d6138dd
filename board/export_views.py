"""The organisers' export page in the Wagtail admin (permission ``board.export_questions``, held
by the Moderation group and superusers); the files come from ``board.export``."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.models import EventPage

from . import export

PERMISSION = "board.export_questions"


def can_export(user):
    return bool(user and user.is_active and user.has_perm(PERMISSION))


class ExportForm(forms.Form):
    ausgabe = forms.ModelChoiceField(
        label=gettext_lazy("Ausgabe"),
        queryset=EventPage.objects.filter(locale__language_code="de").order_by("-date"),
    )
    programmpunkt = forms.ChoiceField(
        label=gettext_lazy("Programmpunkt"),
        required=False,
        help_text=gettext_lazy("Leer lassen für alle Fragen der Ausgabe."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("csv", gettext_lazy("CSV (Excel, Semikolon-getrennt, UTF-8)")),
            ("json", gettext_lazy("JSON")),
        ],
        initial="csv",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Alle Programmpunkte"))]
        for edition in self.fields["ausgabe"].queryset:
            for block_id, value in edition.sessions():
                label = f"{edition.year} · {value['start_time']:%H:%M} {value['title']}"
                choices.append((block_id, label))
        self.fields["programmpunkt"].choices = choices

    def clean(self):
        cleaned = super().clean()
        edition = cleaned.get("ausgabe")
        session_id = cleaned.get("programmpunkt")
        if edition and session_id and session_id not in dict(edition.sessions()):
            self.add_error(
                "programmpunkt", _("Dieser Programmpunkt gehört nicht zur gewählten Ausgabe.")
            )
        return cleaned


class ExportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "board/admin/export.html"
    page_title = gettext_lazy("Fragen exportieren")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        """Home › Fragen exportieren (Wagtail's header shows the breadcrumbs)."""
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not can_export(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET or None)
        if request.GET and form.is_valid():
            return self.export(form.cleaned_data)
        return self.render_to_response(self.get_context_data(form=form))

    def export(self, data):
        edition = data["ausgabe"]
        session_id = data["programmpunkt"] or ""
        records = export.question_records(
            edition=edition, user=self.request.user, session_id=session_id
        )
        name = f"fragen-{edition.year}" + (f"-{slugify(session_id)[:20]}" if session_id else "")
        if data["format"] == "json":
            response = StreamingHttpResponse(
                export.json_chunks(records, edition=edition, session_id=session_id),
                content_type="application/json; charset=utf-8",
            )
            filename = f"{name}.json"
        else:
            response = StreamingHttpResponse(
                export.csv_chunks(records), content_type="text/csv; charset=utf-8"
            )
            filename = f"{name}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
