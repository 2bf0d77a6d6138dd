"""A participant's own data: download it as JSON, delete the account (``board/privacy.py``).

Both need a login and only ever touch the logged-in person's own data. The download is a GET (it
changes nothing); the deletion asks for the password again and happens only on a POST (CSRF).
"""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from .. import privacy, services


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Ihr Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("Zur Bestätigung, dass Sie es sind."),
        error_messages={"required": gettext_lazy("Bitte geben Sie Ihr Passwort ein.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                gettext_lazy("Das Passwort stimmt nicht. Ihr Konto wurde nicht gelöscht.")
            )
        return password


class ExportView(LoginRequiredMixin, View):
    """``privacy:export``: everything stored about the logged-in person, as a JSON download."""

    def get(self, request):
        try:
            services.check_rate_limit(user=request.user, action="export")
        except services.RateLimited as error:
            messages.error(request, error.message)
            return redirect("accounts:profile")
        now = timezone.now()
        data = privacy.export_user_data(user=request.user, now=now)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"kooperationsraum-daten-{timezone.localdate(now).isoformat()}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store, private"
        return response


class DeleteAccountView(LoginRequiredMixin, FormView):
    """``privacy:delete``: explain, ask for the password, delete on POST."""

    template_name = "board/privacy/delete_account.html"
    form_class = DeleteAccountForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["post_count"] = self.request.user.board_posts.count()
        return context

    def form_valid(self, form):
        try:
            privacy.delete_account(user=self.request.user)
        except services.BoardError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        logout(self.request)
        messages.success(
            self.request,
            _(
                "Ihr Konto ist gelöscht. Ihre Beiträge bleiben ohne Namen als „gelöschtes Konto“ "
                "erhalten."
            ),
        )
        return redirect("/")
