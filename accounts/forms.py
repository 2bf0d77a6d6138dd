from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from allauth.account.forms import SignupForm as AllauthSignupForm

from .models import User
from .text import CleanCharField, reserved_name

DISPLAY_NAME_HELP = _(
    "So sehen andere Teilnehmende Sie bei Ihren Fragen und Antworten, zum Beispiel "
    "„Anna Archiv“. Ihre E-Mail-Adresse wird nie angezeigt."
)
DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length
DISPLAY_NAME_REQUIRED = _("Bitte geben Sie einen Anzeigenamen ein.")
INSTITUTION_MAX_LENGTH = User._meta.get_field("institution").max_length
RESERVED_NAME = _(
    "Namen wie „Moderation“, „Redaktion“, „Admin“ oder „Kooperationsraum“ sind dem Team "
    "vorbehalten, damit niemand mit ihm verwechselt wird. Bitte wählen Sie einen anderen Namen."
)
RESERVED_INSTITUTION = _(
    "Angaben wie „Moderation“, „Redaktion“, „Admin“ oder „Kooperationsraum“ sind dem Team "
    "vorbehalten, damit niemand mit ihm verwechselt wird. Bitte geben Sie Ihre Institution an."
)
REJECTED = _(
    "Die Registrierung konnte nicht abgeschlossen werden. Bitte prüfen Sie Ihre Angaben und "
    "versuchen Sie es noch einmal."
)


class HoneypotField(forms.CharField):
    """A text field that people never see and bots tend to fill; it must stay empty.

    `templates/allauth/elements/fields.html` renders it hidden from sight, from screen readers
    (`aria-hidden`) and from the keyboard (`tabindex="-1"`).
    """

    is_honeypot = True

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Bitte dieses Feld leer lassen"))
        super().__init__(**kwargs)


class HoneypotMixin:
    """Adds the ``website`` honeypot to a form; a filled honeypot fails the whole form with a
    generic message (``honeypot_message``), all input kept.

    Templates render the field hidden: ``components/form_fields.html`` and
    ``account/snippets/form_field.html`` check ``field.is_honeypot``.
    """

    honeypot_name = "website"
    honeypot_message = _(
        "Ihre Eingabe konnte nicht gespeichert werden. Bitte prüfen Sie Ihre Angaben und "
        "versuchen Sie es noch einmal."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.setdefault(self.honeypot_name, HoneypotField())

    def honeypot_filled(self):
        return bool(self.cleaned_data.get(self.honeypot_name))

    def clean(self):
        cleaned_data = super().clean()
        if self.honeypot_filled():
            raise forms.ValidationError(self.honeypot_message, code="rejected")
        return cleaned_data


class PublicNameMixin:
    """Display name and institution are one line without control characters (``CleanCharField``)
    and cannot pass for the staff (``accounts.text.reserved_name``); staff themselves, who can
    enter the admin, may use the reserved words (their posts carry a staff badge anyway)."""

    def _staff(self):
        user = getattr(self, "instance", None)
        return bool(
            user is not None
            and user.pk
            and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))
        )

    def clean_display_name(self):
        value = self.cleaned_data["display_name"]
        if value and reserved_name(value) and not self._staff():
            raise forms.ValidationError(RESERVED_NAME, code="reserved")
        return value

    def clean_institution(self):
        value = self.cleaned_data.get("institution", "")
        if value and reserved_name(value) and not self._staff():
            raise forms.ValidationError(RESERVED_INSTITUTION, code="reserved")
        return value


def display_name_field():
    return CleanCharField(
        label=_("Anzeigename"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=DISPLAY_NAME_HELP,
        error_messages={"required": DISPLAY_NAME_REQUIRED},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def institution_field(label):
    return CleanCharField(
        label=label,
        max_length=INSTITUTION_MAX_LENGTH,
        required=False,
        help_text=_("Zum Beispiel Ihr Museum, Archiv oder Ihre Bibliothek."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )


class SignupForm(PublicNameMixin, AllauthSignupForm):
    """allauth's sign-up (e-mail, password twice) plus the public name, institution and consent.

    A filled honeypot fails like any invalid form, with a generic message and all input kept:
    a bot learns nothing, and a person whose browser filled the hidden field by mistake sees that
    the sign-up did not go through (allauth's own honeypot pretends success and sends no mail).
    """

    display_name = display_name_field()
    institution = institution_field(_("Institution (optional)"))
    privacy_accepted = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen und bin einverstanden."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.")
        },
    )
    website = HoneypotField()

    field_order = (
        "email",
        "display_name",
        "institution",
        "password1",
        "password2",
        "privacy_accepted",
        "website",
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(REJECTED, code="rejected")
        return cleaned_data

    def try_save(self, request):
        """Sign up, or (an account with this address exists) only mail its owner.

        allauth's enumeration protection (``ACCOUNT_PREVENT_ENUMERATION``) answers both cases with
        the same page and one e-mail, but only the new account hashes its password, which is most
        of the work: a taken address answered several times faster. Hashing the typed password
        here too (and throwing the hash away) makes both branches cost the same.
        """
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def custom_signup(self, request, user):
        """Called by allauth after it saved the user (e-mail and password)."""
        user.display_name = self.cleaned_data["display_name"]
        user.institution = self.cleaned_data.get("institution", "")
        user.save(update_fields=["display_name", "institution"])
        super().custom_signup(request, user)


class ProfileForm(PublicNameMixin, forms.ModelForm):
    display_name = display_name_field()
    institution = institution_field(_("Institution"))

    class Meta:
        model = User
        fields = ("display_name", "institution")
