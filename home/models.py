import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from .blocks import SaveTheDateBlock, SessionBlock, content_blocks
from .licences import LICENCE_SHORT_NAMES, LICENCE_URLS, Licence
from .page_forms import EventPageForm
from .permissions import RememberedRestrictionsMixin, RolePermissionsMixin
from .slugs import GermanSlugPageMixin, slugify_de
from .tags import forget_labels


class CreditedImage(AbstractImage):
    """An image with the rights metadata a cultural institution must show with it."""

    class Kind:
        """The kinds the form suggests; any other text is allowed ("Luftbild", "Plakat")."""

        BW_PHOTO = "SW-Foto"
        PHOTO = "Foto"
        SCAN = "Scan"
        ILLUSTRATION = "Abbildung"
        GRAPHIC = "Grafik"

    # The suggestions with their label in the active language (the stored text is German).
    KIND_LABELS = {
        Kind.BW_PHOTO: pgettext_lazy("image kind", "SW-Foto"),
        Kind.PHOTO: pgettext_lazy("image kind", "Foto"),
        Kind.SCAN: pgettext_lazy("image kind", "Scan"),
        Kind.ILLUSTRATION: pgettext_lazy("image kind", "Abbildung"),
        Kind.GRAPHIC: pgettext_lazy("image kind", "Grafik"),
    }

    kind = models.CharField(
        _("Art"),
        max_length=40,
        default=Kind.PHOTO,
        help_text=_("z. B. SW-Foto, Foto, Scan, Abbildung, Grafik – oder eine eigene Angabe."),
    )
    creator = models.CharField(
        _("Urheber*in"), max_length=200, blank=True, help_text=_("z. B. Fotograf*in.")
    )
    rights_holder = models.CharField(
        _("Rechteinhaber*in / Datenpartner"),
        max_length=200,
        blank=True,
        help_text=_("Pflicht bei „Alle Rechte vorbehalten“."),
    )
    licence = models.CharField(
        _("Lizenz"),
        max_length=20,
        choices=Licence.choices,
        help_text=_("Ohne Lizenzangabe kann das Bild nicht gespeichert werden."),
    )
    source_url = models.URLField(_("Quelle (URL)"), blank=True)
    modification_note = models.CharField(
        _("Bearbeitungsvermerk"),
        max_length=300,
        blank=True,
        help_text=_("z. B. „farbige Ecken ergänzt durch Xenia Kitaeva“."),
    )

    search_fields = [
        *AbstractImage.search_fields,
        index.SearchField("creator"),
        index.SearchField("rights_holder"),
        index.FilterField("licence"),
    ]

    admin_form_fields = (
        *Image.admin_form_fields[:3],
        "kind",
        "creator",
        "rights_holder",
        "licence",
        "source_url",
        "modification_note",
        *Image.admin_form_fields[3:],
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")
        permissions = [("choose_image", "Can choose image")]

    def clean(self):
        super().clean()
        if self.licence == Licence.ALL_RIGHTS_RESERVED and not self.rights_holder.strip():
            raise ValidationError(
                {
                    "rights_holder": _(
                        "Bei „Alle Rechte vorbehalten“ muss die Rechteinhaberin "
                        "oder der Rechteinhaber genannt werden."
                    )
                }
            )

    @property
    def kind_label(self):
        """The kind in the active language where it is one of the suggestions."""
        return str(self.KIND_LABELS.get(self.kind, self.kind))

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    @property
    def licence_name(self):
        if self.licence == Licence.ALL_RIGHTS_RESERVED:
            return str(Licence.ALL_RIGHTS_RESERVED.label)
        return LICENCE_SHORT_NAMES.get(self.licence) or self.get_licence_display()

    def credit_parts(self):
        """The credit line as (text, url) pairs, in the order they are shown."""
        parts = []
        if self.creator:
            parts.append((f"{self.kind_label} © {self.creator}", ""))
        if self.rights_holder:
            parts.append((_("Datenpartner: %(holder)s") % {"holder": self.rights_holder}, ""))
        if self.licence:
            parts.append((self.licence_name, self.licence_url))
        if self.modification_note:
            parts.append((self.modification_note, ""))
        return parts

    @property
    def credit_line(self):
        """Plain-text credit line, e.g. for feeds and alt contexts."""
        return " | ".join(text for text, _url in self.credit_parts())


class CreditedRendition(AbstractRendition):
    image = models.ForeignKey(CreditedImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class HomePage(GermanSlugPageMixin, RolePermissionsMixin, RememberedRestrictionsMixin, Page):
    """The hub: current edition, featured topics and the latest questions."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])
    featured_event = models.ForeignKey(
        "home.EventPage",
        verbose_name=_("Aktuelle Ausgabe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leer lassen, um die nächste oder jüngste Ausgabe zu zeigen."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        PageChooserPanel("featured_event", "home.EventPage"),
        InlinePanel("featured_topics", label=_("Ausgewählte Themen"), max_num=6),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")
        permissions = [
            (
                "act_as_chief_editor",
                _(
                    "Chefredaktion: veröffentlicht Themenseiten ohne Prüfung, löscht "
                    "veröffentlichte Seiten"
                ),
            )
        ]

    def current_event(self):
        """The next edition, else the latest, in this home page's language where translated.

        Chosen among the editions of every language, so a new edition that is not translated
        yet is still the current one on the English home page (shown in German) rather than
        last year's.
        """
        if self.featured_event_id and self.featured_event.live:
            return self._in_my_language(self.featured_event)
        events = EventPage.objects.live().public()
        today = timezone.localdate()
        event = (
            events.filter(date__gte=today).order_by("date", "pk").first()
            or events.order_by("-date", "pk").first()
        )
        return self._in_my_language(event) if event is not None else None

    def _in_my_language(self, page):
        if page.locale_id == self.locale_id:
            return page
        translation = (
            EventPage.objects.live()
            .public()
            .filter(translation_key=page.translation_key, locale_id=self.locale_id)
            .first()
        )
        return translation or page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_event"] = self.current_event()
        context["featured_topics"] = self.localized_featured_topics()
        return context

    def localized_featured_topics(self):
        """The live featured topics, each in the active language where a live translation
        exists (as ``page.localized``), as specific pages, in three or four queries in all."""
        chosen = [item.page for item in self.featured_topics.select_related("page")]
        chosen = [page for page in chosen if page.live]
        if not chosen:
            return []
        locale = Locale.get_active()
        keys = [page.translation_key for page in chosen if page.locale_id != locale.pk]
        wanted = Q(pk__in=[page.pk for page in chosen])
        wanted |= Q(translation_key__in=keys, locale=locale, live=True)
        found = {page.pk: page for page in Page.objects.filter(wanted).specific()}
        translated = {
            page.translation_key: page for page in found.values() if page.locale_id == locale.pk
        }
        return [translated.get(page.translation_key) or found[page.pk] for page in chosen]


class HomeFeaturedTopic(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_topics")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Themenseite"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("page", "wiki.TopicPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("Ausgewähltes Thema")
        verbose_name_plural = _("Ausgewählte Themen")


class EventIndexPage(GermanSlugPageMixin, RolePermissionsMixin, RememberedRestrictionsMixin, Page):
    """Lists the conference editions, upcoming first, then past ones."""

    intro = RichTextField(_("Einleitung"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Übersicht der Ausgaben")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .select_related("hero_image")
            .order_by("date")
        )
        today = timezone.localdate()
        context["upcoming_events"] = [event for event in events if event.date >= today]
        context["past_events"] = [event for event in reversed(events) if event.date < today]
        return context


class EventPage(
    GermanSlugPageMixin, RolePermissionsMixin, RememberedRestrictionsMixin, RoutablePageMixin, Page
):
    """One edition of the conference, with its programme and, afterwards, its documentation."""

    class Phase(models.TextChoices):
        BEFORE = "vorab", pgettext_lazy("conference phase", "Vorab")
        LIVE = "live", pgettext_lazy("conference phase", "Live")
        AFTER = "nachlese", pgettext_lazy("conference phase", "Nachlese")

    theme = models.CharField(_("Thema"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True, max_length=600)
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"), default=datetime.time(9, 0))
    end_time = models.TimeField(_("Ende"), default=datetime.time(17, 30))
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=200)
    venue_address = models.TextField(_("Adresse"), max_length=400)
    registration_url = models.URLField(_("Anmeldung (URL)"), blank=True)
    mailing_list_url = models.URLField(_("Mailingliste (URL)"), blank=True)
    hero_image = models.ForeignKey(
        "home.CreditedImage",
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    announcement = StreamField(
        [("save_the_date", SaveTheDateBlock()), *content_blocks()],
        verbose_name=_("Ankündigung"),
        blank=True,
    )
    programme = StreamField([("session", SessionBlock())], verbose_name=_("Programm"), blank=True)
    documentation = StreamField(
        content_blocks(),
        verbose_name=_("Dokumentation"),
        blank=True,
        help_text=_("Nach der Veranstaltung: Folien, Berichte, Ergebnisse."),
    )
    pre_moderation = models.BooleanField(
        _("Beiträge vorab prüfen"),
        default=False,
        help_text=_(
            "Neue Fragen und Antworten erscheinen erst nach Freigabe durch die Moderation."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("summary"), FieldPanel("hero_image")],
            heading=_("Thema"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("start_time"),
                FieldPanel("end_time"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
            ],
            heading=_("Termin und Ort"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("mailing_list_url")],
            heading=_("Anmeldung"),
        ),
        FieldPanel("announcement"),
        FieldPanel("programme"),
        FieldPanel("documentation"),
        FieldPanel("pre_moderation"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("theme", boost=2),
        index.SearchField("summary"),
        index.SearchField("venue_name"),
        index.SearchField("announcement"),
        index.SearchField("programme"),
        index.SearchField("documentation"),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("Ausgabe")
        verbose_name_plural = _("Ausgaben")

    def clean(self):
        super().clean()
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("Das Ende muss nach dem Beginn liegen.")})

    @property
    def year(self):
        return self.date.year

    def phase_on(self, day):
        if day < self.date:
            return self.Phase.BEFORE
        if day == self.date:
            return self.Phase.LIVE
        return self.Phase.AFTER

    @property
    def phase(self):
        return self.phase_on(timezone.localdate())

    @property
    def phase_label(self):
        return self.phase.label

    @property
    def is_over(self):
        """After the day: no registration; a note says the conference has taken place."""
        return self.phase == self.Phase.AFTER

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))

    def sessions(self):
        """The programme's sessions as (block id, value) pairs, in time order."""
        return sorted(
            ((block.id, block.value) for block in self.programme),
            key=lambda item: item[1]["start_time"],
        )

    def session_title(self, block_id):
        """The title of session ``block_id`` ("" if there is none), read from the stored
        programme without building its blocks (which would load each session's topic page)."""
        for item in self.programme.raw_data:
            if item.get("id") == block_id:
                return (item.get("value") or {}).get("title", "")
        return ""

    def session_at(self, moment):
        """The session running at ``moment`` (an aware date-time), as (block id, value), or None.

        A session without an end time runs until the next one starts (or the edition ends).
        """
        moment = timezone.localtime(moment)
        if moment.date() != self.date:
            return None
        now = moment.time()
        sessions = self.sessions()
        for position, (block_id, value) in enumerate(sessions):
            end = value.get("end_time")
            if end is None:
                following = (
                    sessions[position + 1][1]["start_time"]
                    if position + 1 < len(sessions)
                    else None
                )
                end = following or self.end_time
            if value["start_time"] <= now < end:
                return block_id, value
        return None

    def current_session(self):
        """The session running now ("Jetzt"), from the programme's times."""
        return self.session_at(timezone.now())

    def session_choices(self):
        return [
            (block_id, f"{value['start_time']:%H:%M} {value['title']}")
            for block_id, value in self.sessions()
        ]

    @path(_("kalender/"), name="ics")
    def ics(self, request):
        from .calendar import event_calendar

        response = HttpResponse(event_calendar(self, request), content_type="text/calendar")
        filename = f"{slugify_de(self.title) or 'termin'}.ics"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @path("kalender/", name="ics_de")
    def ics_german_path(self, request):
        """The German sub-path under another language: redirect to that language's own."""
        return redirect(self.get_url(request) + self.reverse_subpage("ics"), permanent=True)

    def date_display(self):
        return date_format(self.date, "DATE_FORMAT")


class StandardPage(GermanSlugPageMixin, RolePermissionsMixin, RememberedRestrictionsMixin, Page):
    """Plain pages: Impressum, Datenschutz, Erklärung zur Barrierefreiheit."""

    body = StreamField(content_blocks(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("Standardseite")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Links and contact details shown in every page's footer."""

    organiser_name = models.CharField(
        _("Veranstalter"),
        max_length=200,
        blank=True,
        help_text=_(
            "Im Fußbereich jeder Seite genannt, z. B. „digiS – Servicestelle "
            "Digitalisierung Berlin“."
        ),
    )
    organiser_url = models.URLField(_("Website des Veranstalters"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    mailing_list_url = models.URLField(_("Mailingliste"), blank=True)
    contact_email = models.EmailField(_("Kontakt (E-Mail)"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Impressum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Erklärung zur Barrierefreiheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organiser_name"), FieldPanel("organiser_url")],
            heading=_("Veranstalter"),
        ),
        MultiFieldPanel(
            [FieldPanel("mastodon_url"), FieldPanel("linkedin_url")],
            heading=_("Soziale Medien"),
        ),
        MultiFieldPanel(
            [FieldPanel("mailing_list_url"), FieldPanel("contact_email")],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("imprint_page", "home.StandardPage"),
                PageChooserPanel("privacy_page", "home.StandardPage"),
                PageChooserPanel("accessibility_page", "home.StandardPage"),
            ],
            heading=_("Pflichtseiten im Fußbereich"),
        ),
    ]

    class Meta:
        verbose_name = _("Website-Einstellungen")

    def footer_pages(self):
        """The footer's legal pages in the active language, skipping unset or unpublished ones."""
        pages = [self.imprint_page, self.privacy_page, self.accessibility_page]
        return [page.localized for page in pages if page is not None and page.live]


class TagTranslation(models.Model):
    """The English label of a tag; tags without one show their German name on English pages."""

    tag = models.OneToOneField(
        "taggit.Tag",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="translation",
        verbose_name=_("Schlagwort"),
    )
    name_en = models.CharField(_("Englische Bezeichnung"), max_length=100)

    class Meta:
        verbose_name = _("Übersetzung eines Schlagworts")
        verbose_name_plural = _("Übersetzungen der Schlagwörter")
        ordering = ("tag__name",)

    def __str__(self):
        return f"{self.tag.name} → {self.name_en}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        transaction.on_commit(forget_labels)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("wagtailsnippets_home_tagtranslation:edit", args=[self.pk])

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        transaction.on_commit(forget_labels)
        return result


class TaskWorker(models.Model):
    """A running ``manage.py db_worker`` process and when it last said it is alive.

    The worker writes its row when it starts and every ``TASK_WORKER_HEARTBEAT`` seconds while it
    runs (also during a long task), and deletes it when it stops; a row older than
    ``TASK_WORKER_TIMEOUT`` belongs to a worker that died. See ``home/taskqueue.py``.
    """

    worker_id = models.CharField(_("Kennung"), max_length=64, primary_key=True)
    hostname = models.CharField(_("Rechner"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("Prozessnummer"), null=True)
    started_at = models.DateTimeField(_("gestartet"), default=timezone.now)
    last_seen = models.DateTimeField(_("zuletzt gemeldet"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Task-Worker")
        verbose_name_plural = _("Task-Worker")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
