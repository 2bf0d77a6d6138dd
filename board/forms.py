"""Thin forms: explicit fields, context as keyword-only arguments, ``save()`` calls a service.

Fields a participant must never set (author, status, visibility, pinned, locked, counters) are
not form fields, so anything sent for them is ignored.
"""

from functools import partial

from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.forms import HoneypotMixin
from accounts.text import MAX_PK, CleanCharField, parse_pk
from home.models import EventPage

from . import services
from .models import Flag, Post, Thread, board_editions

BODY_HELP = _(
    "Markdown: **fett**, *kursiv*, `Code`, [Linktext](https://…), Listen mit „-“, Zitate mit „>“."
)


class BodyField(CleanCharField):
    """Markdown text: several lines, control characters except newline and tab dropped."""

    def __init__(self, **kwargs):
        kwargs.setdefault("multiline", True)
        kwargs.setdefault("label", _("Text"))
        kwargs.setdefault("help_text", BODY_HELP)
        kwargs.setdefault("max_length", services.MAX_BODY_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "data-preview": "true"}))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Bitte geben Sie einen Text ein."),
                "max_length": _(
                    "Der Text ist zu lang: höchstens %(limit_value)d Zeichen, "
                    "Ihr Text hat %(show_value)d."
                ),
            },
        )
        super().__init__(**kwargs)


class ServiceErrorMixin:
    """Turn a ``BoardError`` from a service into a form error on the right field."""

    def add_service_error(self, error):
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class QuestionForm(HoneypotMixin, ServiceErrorMixin, forms.ModelForm):
    body = BodyField(label=_("Ihre Frage im Detail"))
    tags = CleanCharField(
        label=_("Schlagwörter"),
        required=False,
        max_length=300,
        help_text=_("Kommagetrennt, z. B. „IIIF, Normdaten“."),
    )
    session_id = forms.ChoiceField(label=_("Programmpunkt"), required=False)

    class Meta:
        model = Thread
        fields = ("edition", "session_id", "topic", "title", "is_anonymous")
        field_classes = {"title": CleanCharField}
        labels = {
            "title": _("Ihre Frage"),
            "is_anonymous": _("Anonym fragen"),
        }
        help_texts = {
            "title": _(
                "Eine Frage in einem Satz, z. B. „Wie teilen kleine Häuser ihre "
                "Digitalisierungstechnik?“"
            ),
            "is_anonymous": _(
                "Ihr Name wird nicht angezeigt. Die Moderation sieht weiterhin, wer gefragt hat."
            ),
        }
        error_messages = {
            "title": {
                "required": _("Bitte formulieren Sie Ihre Frage."),
                "max_length": _("Die Frage ist zu lang: höchstens %(limit_value)d Zeichen."),
            },
            "edition": {"required": _("Bitte wählen Sie eine Ausgabe.")},
        }

    def __init__(self, *args, author, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        # Only editions the board shows this person: no asking in a restricted edition.
        self.fields["edition"].queryset = board_editions(author)
        self.fields["edition"].empty_label = None
        if edition is not None:
            self.fields["edition"].initial = edition.pk
        self.fields["topic"].required = False
        self.fields["topic"].label = _("Themenseite (optional)")
        self.fields["topic"].queryset = (
            self.fields["topic"]
            .queryset.filter(locale__language_code=settings.LANGUAGE_CODE)
            .live()
            .order_by("title")
        )
        choices = [("", _("– kein bestimmter Programmpunkt –"))]
        for event in self.fields["edition"].queryset:
            for block_id, label in event.session_choices():
                choices.append((block_id, f"{event.year}: {label}"))
        self.fields["session_id"].choices = choices
        self.fields["session_id"].label = _("Programmpunkt (optional)")
        self.order_fields(["title", "body", "edition", "session_id", "topic", "tags"])
        # "Ähnliche Fragen" while typing: static/js/search.js asks the search app's endpoint
        # (named by URL, the board does not import the search app).
        self.fields["title"].widget.attrs.update(
            {
                "data-similar-url": reverse("search_similar"),
                "data-similar-target": "similar-questions",
                "data-similar-edition": self["edition"].auto_id,
            }
        )
        # components/form_fields.html puts the list's (empty) box right below the field.
        self.fields["title"].similar_target = "similar-questions"

    def clean_title(self):
        try:
            return services.validate_title(self.cleaned_data["title"])
        except services.BoardError as error:
            raise forms.ValidationError(error.message) from error

    def clean_tags(self):
        return services.clean_tags(self.cleaned_data["tags"].split(","))[:10]

    def clean(self):
        cleaned = super().clean()
        edition = cleaned.get("edition")
        session_id = cleaned.get("session_id")
        valid_sessions = {block_id for block_id, _v in edition.sessions()} if edition else set()
        if edition and session_id and session_id not in valid_sessions:
            self.add_error(
                "session_id", _("Dieser Programmpunkt gehört nicht zur gewählten Ausgabe.")
            )
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        self.instance = services.ask_question(
            edition=data["edition"],
            author=self.author,
            title=data["title"],
            body=data["body"],
            session_id=data.get("session_id") or "",
            topic=data.get("topic"),
            tags=data.get("tags") or (),
            is_anonymous=data.get("is_anonymous", False),
        )
        return self.instance


class ReplyForm(HoneypotMixin, ServiceErrorMixin, forms.ModelForm):
    parent = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_PK
    )

    class Meta:
        model = Post
        fields = ("body",)
        field_classes = {"body": BodyField}
        labels = {"body": _("Ihre Antwort")}

    def __init__(self, *args, thread, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.thread = thread
        self.author = author

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = Post.objects.filter(pk=parent_id, thread=self.thread).first()
        if parent is None:
            raise forms.ValidationError(_("Der Beitrag, auf den Sie antworten, fehlt."))
        return parent

    def save(self, commit=True):
        self.instance = services.post_reply(
            thread=self.thread,
            author=self.author,
            body=self.cleaned_data["body"],
            parent=self.cleaned_data.get("parent"),
        )
        return self.instance


class EditPostForm(ServiceErrorMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = CleanCharField(label=_("Ihre Frage"), max_length=services.MAX_TITLE_LENGTH)

    class Meta:
        model = Post
        fields = ("body",)
        field_classes = {"body": BodyField}

    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor = editor
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version
        if self.instance.is_question:
            self.fields["title"].initial = self.instance.thread.title
            self.order_fields(["title", "body", "version"])
        else:
            del self.fields["title"]

    def save(self, commit=True):
        return services.edit_post(
            post=Post.objects.get(pk=self.instance.pk),
            editor=self.editor,
            body=self.cleaned_data["body"],
            version=self.cleaned_data["version"],
            title=self.cleaned_data.get("title"),
        )


class FlagForm(ServiceErrorMixin, forms.ModelForm):
    class Meta:
        model = Flag
        fields = ("reason", "text")
        widgets = {"reason": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"text": partial(CleanCharField, multiline=True)}
        labels = {"reason": _("Warum melden Sie diesen Beitrag?"), "text": _("Erläuterung")}
        help_texts = {"text": _("Optional. Nur die Moderation liest das.")}
        error_messages = {"reason": {"required": _("Bitte wählen Sie einen Grund.")}}

    def __init__(self, *args, post, reporter, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        self.reporter = reporter
        self.fields["reason"].choices = list(Flag.Reason.choices)

    def save(self, commit=True):
        self.instance = services.flag_post(
            post=self.post,
            reporter=self.reporter,
            reason=self.cleaned_data["reason"],
            text=self.cleaned_data.get("text", ""),
        )
        return self.instance


class ModerationForm(forms.Form):
    """The reason a moderator gives; public in the moderation log."""

    reason = CleanCharField(
        label=_("Begründung (öffentlich im Moderationsprotokoll)"),
        max_length=services.MAX_REASON_LENGTH,
        required=False,
        widget=forms.TextInput,
    )


class MoveForm(ModerationForm):
    edition = forms.ModelChoiceField(queryset=EventPage.objects.none(), label=_("Ausgabe"))
    topic = forms.ModelChoiceField(queryset=None, required=False, label=_("Themenseite (optional)"))

    def __init__(self, *args, moderator, **kwargs):
        super().__init__(*args, **kwargs)
        # board sits below wiki: name the model through the registry, never import it.
        topic_model = apps.get_model("wiki", "TopicPage")
        self.fields["edition"].queryset = board_editions(moderator)
        # Only topics readers can open: no drafts, nothing scheduled, nothing restricted.
        self.fields["topic"].queryset = (
            topic_model.objects.live()
            .public()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("title")
        )


class MergeForm(ModerationForm):
    """The duplicate (``source``) goes into the target a moderator picks in Wagtail's chooser
    (``board.choosers``: searchable, by number too, the duplicate's edition first). The value is
    the target's number; every way it can be wrong gets its own German message."""

    target = CleanCharField(label=_("Zusammenführen mit (Zielfrage)"), required=False)

    def __init__(self, *args, source, **kwargs):
        from .choosers import MergeTargetWidget

        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["target"].widget = MergeTargetWidget(source=source)

    def clean_target(self):
        value = (self.cleaned_data.get("target") or "").strip().lstrip("#")
        if not value:
            raise forms.ValidationError(_("Bitte wählen Sie die Zielfrage."))
        number = parse_pk(value)
        if number is None:
            raise forms.ValidationError(_("Bitte geben Sie die Nummer der Zielfrage an."))
        target = Thread.objects.select_related("merged_into").filter(pk=number).first()
        if target is None:
            raise forms.ValidationError(
                _("Es gibt keine Frage mit der Nummer %(number)s.") % {"number": value}
            )
        if target.pk == self.source.pk:
            raise forms.ValidationError(
                _("Eine Frage kann nicht mit sich selbst zusammengeführt werden.")
            )
        if target.merged_into_id:
            raise forms.ValidationError(
                _(
                    "Die Zielfrage „%(title)s“ wurde selbst mit „%(other)s“ (Nummer "
                    "%(number)s) zusammengeführt; bitte wählen Sie diese."
                )
                % {
                    "title": target.title,
                    "other": target.merged_into.title,
                    "number": target.merged_into_id,
                }
            )
        if not target.is_public:
            raise forms.ValidationError(
                _(
                    "Die Zielfrage „%(title)s“ ist ausgeblendet oder wartet auf Freigabe; "
                    "bitte wählen Sie eine öffentliche Frage."
                )
                % {"title": target.title}
            )
        return target


class JoinForm(HoneypotMixin, forms.Form):
    """Quick join with an edition's event code: a name, optionally an e-mail address."""

    code = forms.CharField(
        label=_("Veranstaltungscode"),
        max_length=20,
        help_text=_("Steht auf der Leinwand im Saal, zum Beispiel „K7QX2M“."),
        error_messages={"required": _("Bitte geben Sie den Veranstaltungscode ein.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    display_name = forms.CharField(
        label=_("Ihr Name"),
        max_length=80,
        help_text=_("So erscheinen Sie bei Ihren Fragen und Antworten. Ein Vorname genügt."),
        error_messages={"required": _("Bitte geben Sie einen Namen an.")},
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse (optional)"),
        required=False,
        help_text=_(
            "Wenn Sie eine Adresse angeben und bestätigen, behalten Sie Ihr Konto über die "
            "Veranstaltung hinaus und können überall mitmachen."
        ),
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    privacy_accepted = forms.BooleanField(
        label=_("Ich habe die Datenschutzhinweise gelesen und bin einverstanden."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.")
        },
    )

    def add_join_error(self, error):
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)
