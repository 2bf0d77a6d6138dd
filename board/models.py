"""The board: questions (threads) and their posts, votes, flags, subscriptions, moderation log.

A thread's question text is its **root post** (``parent=None``, ``depth=0``). Votes, edits with
history, flags, hiding and approval therefore work the same way for a question and for a reply;
the thread itself holds what belongs to the question as a whole (title, edition, session, topic,
tags, phase, status, pin/lock, merge) plus two denormalised counters.

Denormalised counters: ``Thread.vote_count`` mirrors the votes on the root post and
``Thread.reply_count`` counts published replies. Both are kept by ``board.services`` (inside the
transaction that changes them, with ``F()`` expressions) so the thread list can sort by votes and
show counts for any number of threads in one query; ``services.recount_thread`` repairs them.

Domain rules live in ``board/services.py``; models only keep thin properties.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.models import PageViewRestriction
from wagtail.search import index

from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from home.models import EventPage
from home.slugs import slugify_de

from .markdown import HTML_VERSION, render_markdown

Phase = EventPage.Phase


class Visibility(models.TextChoices):
    """Whether a post (or a thread, through its question) is shown to the public."""

    PENDING = "pending", _("Wartet auf Freigabe")
    PUBLISHED = "published", _("Veröffentlicht")
    HIDDEN = "hidden", _("Ausgeblendet")


class ThreadTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "board.Thread", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("Schlagwort einer Frage")
        verbose_name_plural = _("Schlagwörter von Fragen")


def _roles(user):
    """(participant, moderator) for ``user`` (``None`` and anonymous users are neither)."""
    from .permissions import is_moderator, is_participant  # permissions imports this module

    return is_participant(user), is_moderator(user)


def editions_visible_to(user):
    """The one definition of which editions the board shows ``user`` (any language version).

    Live edition pages without a view restriction on them or an ancestor (no password, no
    login or group restriction); moderators also see the restricted ones. Threads of an edition
    the person cannot see are invisible to them, and the board's filters, forms, feeds and
    moderation log offer only these editions.
    """
    editions = EventPage.objects.live()
    if _roles(user)[1]:
        return editions
    # A restriction on the page itself or an ancestor: its path is a prefix of the page's path.
    restricted = PageViewRestriction.objects.annotate(restricted_path=F("page__path")).filter(
        restricted_path=Substr(OuterRef("path"), 1, Length("restricted_path"))
    )
    return editions.filter(~Exists(restricted))


def board_editions(user):
    """Editions to choose in the board's filters and forms: the visible ones in the site's
    default language (threads always point to the original page), newest first."""
    return (
        editions_visible_to(user)
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("-date")
    )


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one definition of the threads ``user`` may open.

        Published threads (merged ones too: their page points to the target) of a visible
        edition; the asker also sees their own question while it waits for approval; moderators
        see every thread. Hidden threads only moderators.
        """
        participant, moderator = _roles(user)
        if moderator:
            return self.all()
        own = Q(visibility=Visibility.PUBLISHED)
        if participant:
            own |= Q(visibility=Visibility.PENDING, author=user)
        return self.filter(own, edition__in=editions_visible_to(user))

    def listed_for(self, user):
        """What lists show ``user``: the visible threads that are published and not merged."""
        return (
            self.visible_to(user)
            .filter(visibility=Visibility.PUBLISHED, merged_into__isnull=True)
            .select_related("edition", "author", "topic")
        )

    def public(self):
        """Threads anyone may see in lists (what an anonymous visitor is shown)."""
        return self.visible_to(None).filter(merged_into__isnull=True)

    def listed(self):
        return self.listed_for(None)


class Thread(index.Indexed, models.Model):
    """A question asked in the context of one edition (and optionally a session and topic)."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("question status", "Offen")
        ANSWERED = "answered", pgettext_lazy("question status", "Beantwortet")
        CLOSED = "closed", pgettext_lazy("question status", "Geschlossen")

    edition = models.ForeignKey(
        "home.EventPage",
        verbose_name=_("Ausgabe"),
        on_delete=models.PROTECT,
        related_name="threads",
    )
    session_id = models.CharField(
        _("Programmpunkt"),
        max_length=64,
        blank=True,
        help_text=_("Block-ID des Programmpunkts im Programm der Ausgabe."),
    )
    topic = models.ForeignKey(
        "wiki.TopicPage",
        verbose_name=_("Themenseite"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads",
    )
    title = models.CharField(_("Frage"), max_length=200)
    language = models.CharField(
        _("Sprache"),
        max_length=10,
        default="de",
        help_text=_("Sprache, in der die Frage gestellt wurde (die Sprache der Seite)."),
    )
    slug = models.SlugField(_("Kurzname"), max_length=80, allow_unicode=False)
    tags = TaggableManager(through=ThreadTag, blank=True, verbose_name=_("Schlagwörter"))
    phase = models.CharField(
        _("Phase"), max_length=10, choices=Phase.choices, help_text=_("Phase beim Fragen.")
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    visibility = models.CharField(
        _("Sichtbarkeit"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLISHED,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verfasser*in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_threads",
    )
    is_anonymous = models.BooleanField(_("anonym gestellt"), default=False)
    is_pinned = models.BooleanField(_("angeheftet"), default=False)
    is_locked = models.BooleanField(_("gesperrt"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("zusammengeführt mit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_threads",
    )
    accepted_post = models.ForeignKey(
        "board.Post",
        verbose_name=_("akzeptierte Antwort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    vote_count = models.IntegerField(_("Stimmen"), default=0)
    reply_count = models.PositiveIntegerField(_("Antworten"), default=0)
    created_at = models.DateTimeField(_("gestellt am"), auto_now_add=True, db_index=True)
    last_activity_at = models.DateTimeField(_("letzte Aktivität"), db_index=True)

    objects = ThreadQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.RelatedFields(
            "tags", [index.SearchField("name", boost=2), index.FilterField("slug")]
        ),
        index.FilterField("id"),
        index.FilterField("language"),
        index.FilterField("edition_id"),
        index.FilterField("topic_id"),
        index.FilterField("phase"),
        index.FilterField("status"),
        index.FilterField("visibility"),
        index.FilterField("merged_into_id"),
        index.FilterField("created_at"),
        index.FilterField("last_activity_at"),
        index.FilterField("vote_count"),
    ]

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ("-last_activity_at",)
        permissions = [
            ("moderate_board", _("Kann das Fragenboard moderieren")),
            ("export_questions", _("Kann Fragen einer Ausgabe exportieren")),
        ]
        indexes = [models.Index(fields=["edition", "visibility", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_de(self.title)[:80].strip("-") or "frage"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("board:thread", kwargs={"pk": self.pk, "slug": self.slug or "frage"})

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLISHED

    @property
    def is_answered(self):
        return self.status == self.Status.ANSWERED

    def session_title(self):
        """The title of the programme session this question belongs to, if any."""
        if not self.session_id:
            return ""
        return self.edition.session_title(self.session_id)


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(visibility=Visibility.PUBLISHED)

    def visible_to(self, user):
        """The one definition of the posts whose text ``user`` may read.

        Published posts of a thread the person may open; their own posts while they wait for
        approval; moderators read everything.
        """
        participant, moderator = _roles(user)
        if moderator:
            return self.all()
        return self.filter(self._readable(user, participant), thread__in=_threads_visible(user))

    def placed_for(self, user):
        """The posts that take a place on the thread page for ``user``: the readable ones and,
        as placeholders without their text, hidden ones (their replies stay in place)."""
        participant, moderator = _roles(user)
        if moderator:
            return self.all()
        readable = self._readable(user, participant) | Q(visibility=Visibility.HIDDEN)
        return self.filter(readable, thread__in=_threads_visible(user))

    def public(self):
        """Posts anyone may read in lists and search: published, in a thread listed for all."""
        return self.visible_to(None).filter(thread__in=Thread.objects.public())

    @staticmethod
    def _readable(user, participant):
        readable = Q(visibility=Visibility.PUBLISHED)
        if participant:
            readable |= Q(visibility=Visibility.PENDING, author=user)
        return readable


def _threads_visible(user):
    return Thread.objects.visible_to(user).values("pk")


class Post(index.Indexed, models.Model):
    """A question's text (``depth=0``) or a reply, nested through ``parent``."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("Frage"), on_delete=models.CASCADE, related_name="posts"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Antwort auf"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(_("Ebene"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Verfasser*in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_posts",
    )
    is_anonymous = models.BooleanField(_("anonym"), default=False)
    body = models.TextField(_("Text"), help_text=_("Markdown."))
    language = models.CharField(
        _("Sprache"),
        max_length=10,
        default="de",
        help_text=_("Sprache, in der der Beitrag geschrieben wurde (die Sprache der Seite)."),
    )
    body_html = models.TextField(_("Text (HTML)"), blank=True, editable=False)
    html_version = models.PositiveSmallIntegerField(
        _("Version der HTML-Fassung"),
        default=0,
        editable=False,
        help_text=_("board.markdown.HTML_VERSION, mit der body_html erzeugt wurde."),
    )
    visibility = models.CharField(
        _("Sichtbarkeit"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLISHED,
    )
    hidden_reason = models.CharField(_("Grund für das Ausblenden"), max_length=300, blank=True)
    hidden_at = models.DateTimeField(_("ausgeblendet am"), null=True, blank=True)
    vote_count = models.IntegerField(_("Stimmen"), default=0)
    version = models.PositiveIntegerField(_("Version"), default=1)
    created_at = models.DateTimeField(_("geschrieben am"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("bearbeitet am"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    search_fields = [
        index.SearchField("body", boost=1),
        index.FilterField("id"),
        index.FilterField("language"),
        index.FilterField("thread_id"),
        index.FilterField("visibility"),
        index.FilterField("depth"),
        index.FilterField("created_at"),
        # The question's title is part of the question's text, not of its replies: a reply is
        # found by its own words (the search page lists one hit per conversation).
        index.SearchField("question_title", boost=2),
        index.RelatedFields(
            "thread",
            [
                index.FilterField("edition_id"),
                index.FilterField("phase"),
                index.FilterField("status"),
                index.FilterField("visibility"),
            ],
        ),
    ]

    class Meta:
        verbose_name = _("Beitrag")
        verbose_name_plural = _("Beiträge")
        ordering = ("created_at", "pk")
        indexes = [models.Index(fields=["thread", "visibility", "created_at"])]

    def __str__(self):
        text = " ".join(self.body.split())
        return text[:60] + ("…" if len(text) > 60 else "")

    def get_absolute_url(self):
        """The permalink; it redirects to the page of the thread that shows this post."""
        return reverse("board:post", kwargs={"pk": self.pk})

    def question_title(self):
        """The thread's title for the question's text (``depth`` 0), empty for a reply."""
        return self.thread.title if self.depth == 0 else ""

    @property
    def anchor(self):
        return f"beitrag-{self.pk}"

    def render_body(self):
        """Set ``body_html`` from ``body`` through the one pipeline (``board.markdown``)."""
        self.body_html = render_markdown(self.body)
        self.html_version = HTML_VERSION

    def current_body_html(self):
        """The stored HTML, or (when an older pipeline made it) the text rendered afresh."""
        if self.html_version != HTML_VERSION:
            self.render_body()
        return self.body_html

    @property
    def is_question(self):
        return self.parent_id is None

    @property
    def is_public(self):
        return self.visibility == Visibility.PUBLISHED

    @property
    def is_hidden(self):
        return self.visibility == Visibility.HIDDEN

    @property
    def is_pending(self):
        return self.visibility == Visibility.PENDING

    def public_author_name(self):
        """The name shown to everyone: "anonym" for anonymous posts."""
        if self.is_anonymous:
            return str(_("anonym"))
        if self.author is None:
            return str(_("gelöschtes Konto"))
        return self.author.get_full_name()


class PostRevision(models.Model):
    """A former version of a post, kept when the post is edited (moderators can see them)."""

    post = models.ForeignKey(
        Post, verbose_name=_("Beitrag"), on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("Version"))
    title = models.CharField(_("Frage"), max_length=200, blank=True)
    body = models.TextField(_("Text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ersetzt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Version eines Beitrags")
        verbose_name_plural = _("Versionen von Beiträgen")
        ordering = ("post", "version")
        constraints = [
            models.UniqueConstraint(fields=["post", "version"], name="board_revision_unique")
        ]

    def __str__(self):
        return f"{self.post} (v{self.version})"

    def get_absolute_url(self):
        return reverse("board:history", kwargs={"pk": self.post_id}) + f"#version-{self.version}"


class PostPageLink(models.Model):
    """A post's text links to a page of this site; kept by ``board/links.py`` on every save.

    Read by the wiki ("Wird erwähnt in"), which shows only public threads and published posts.
    """

    post = models.ForeignKey(
        Post, verbose_name=_("Beitrag"), on_delete=models.CASCADE, related_name="page_links"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("Verweis auf eine Seite")
        verbose_name_plural = _("Verweise auf Seiten")
        constraints = [
            models.UniqueConstraint(fields=["post", "page"], name="board_post_page_link_unique")
        ]

    def __str__(self):
        return f"{self.post_id} → {self.page_id}"


class Vote(models.Model):
    """One person's vote on a question (its root post) or a reply; withdrawable."""

    post = models.ForeignKey(
        Post, verbose_name=_("Beitrag"), on_delete=models.CASCADE, related_name="votes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="board_votes",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="board_vote_once_per_person")
        ]

    def __str__(self):
        return f"+1 {self.post}"

    def get_absolute_url(self):
        return self.post.get_absolute_url()


class Flag(models.Model):
    """A participant's report of a post, reviewed by the moderation."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Werbung oder Spam")
        OFFENSIVE = "offensive", _("Beleidigend oder diskriminierend")
        PERSONAL = "personal", _("Persönliche Daten Dritter")
        OFF_TOPIC = "off_topic", _("Gehört nicht hierher")
        DUPLICATE = "duplicate", _("Doppelte Frage")
        OTHER = "other", _("Anderer Grund")

    class Resolution(models.TextChoices):
        OPEN = "", _("offen")
        HIDDEN = "hidden", _("Beitrag ausgeblendet")
        DISMISSED = "dismissed", _("abgelehnt")

    post = models.ForeignKey(
        Post, verbose_name=_("Beitrag"), on_delete=models.CASCADE, related_name="flags"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemeldet von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_flags",
    )
    reason = models.CharField(_("Grund"), max_length=20, choices=Reason.choices)
    text = models.TextField(_("Erläuterung"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("gemeldet am"), auto_now_add=True)
    resolution = models.CharField(
        _("Ergebnis"), max_length=10, choices=Resolution.choices, blank=True, default=""
    )
    resolved_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolution=""),
                name="board_flag_one_open_per_reporter",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"

    def get_absolute_url(self):
        return self.post.get_absolute_url()

    @property
    def is_open(self):
        return self.resolution == self.Resolution.OPEN


class Subscription(models.Model):
    """A person follows a thread, an edition or a topic page (e-mail is sent elsewhere)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        related_name="board_subscriptions",
    )
    thread = models.ForeignKey(
        Thread,
        verbose_name=_("Frage"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    edition = models.ForeignKey(
        "home.EventPage",
        verbose_name=_("Ausgabe"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="board_subscriptions",
    )
    topic = models.ForeignKey(
        "wiki.TopicPage",
        verbose_name=_("Themenseite"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="board_subscriptions",
    )
    language = models.CharField(
        _("Sprache der E-Mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Die Sprache, in der die Person gefolgt ist; E-Mails und Links folgen ihr."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Abonnement")
        verbose_name_plural = _("Abonnements")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, edition__isnull=True, topic__isnull=True)
                    | Q(thread__isnull=True, edition__isnull=False, topic__isnull=True)
                    | Q(thread__isnull=True, edition__isnull=True, topic__isnull=False)
                ),
                name="board_subscription_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"], name="board_subscription_thread_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "edition"], name="board_subscription_edition_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], name="board_subscription_topic_unique"
            ),
        ]

    def __str__(self):
        return str(self.thread or self.edition or self.topic)

    def get_absolute_url(self):
        if self.thread_id:
            return self.thread.get_absolute_url()
        return self.target.url

    @property
    def target(self):
        return self.thread or self.edition or self.topic


class NotificationReceipt(models.Model):
    """One notification e-mail sent to one person: written in the transaction that sends it, so
    a notification task that runs again (its worker died, see home/taskqueue.py) sends nobody a
    second e-mail. ``key`` names the notification: the event and its object (``reply:12``), for
    an accepted answer also the accepted post (``accepted:3:17``)."""

    key = models.CharField(_("Benachrichtigung"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Empfänger*in"),
    )
    sent_at = models.DateTimeField(_("gesendet"), auto_now_add=True)

    class Meta:
        verbose_name = _("gesendete Benachrichtigung")
        verbose_name_plural = _("gesendete Benachrichtigungen")
        constraints = [
            models.UniqueConstraint(fields=["key", "user"], name="board_notification_once")
        ]

    def __str__(self):
        return f"{self.key} → {self.user_id}"


class ModerationLogEntry(models.Model):
    """A public record of a moderation action; holds no personal data (no names, no texts)."""

    class Action(models.TextChoices):
        HIDDEN = "hidden", _("ausgeblendet")
        RESTORED = "restored", _("wiederhergestellt")
        APPROVED = "approved", _("freigegeben")
        PINNED = "pinned", _("angeheftet")
        UNPINNED = "unpinned", _("nicht mehr angeheftet")
        LOCKED = "locked", _("gesperrt")
        UNLOCKED = "unlocked", _("entsperrt")
        CLOSED = "closed", _("geschlossen")
        REOPENED = "reopened", _("wieder geöffnet")
        MOVED = "moved", _("verschoben")
        MERGED = "merged", _("zusammengeführt")
        FLAG_DISMISSED = "flag_dismissed", _("Meldung abgelehnt")

    edition = models.ForeignKey(
        "home.EventPage",
        verbose_name=_("Ausgabe"),
        on_delete=models.CASCADE,
        related_name="board_moderation_log",
    )
    action = models.CharField(_("Aktion"), max_length=20, choices=Action.choices)
    thread = models.ForeignKey(
        Thread,
        verbose_name=_("Frage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_log",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("Beitrag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderation_log",
    )
    target_thread = models.ForeignKey(
        Thread,
        verbose_name=_("Ziel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("Begründung"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Eintrag im Moderationsprotokoll")
        verbose_name_plural = _("Moderationsprotokoll")
        ordering = ("-created_at", "-pk")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("board:moderation_log") + f"?ausgabe={self.edition.year}#eintrag-{self.pk}"


class LivePhase(models.Model):
    """The live phase of one edition: its event code for quick join, whether quick join is open
    and whether its posts wait for approval, and the question being answered on stage.

    Kept apart from the edition page because moderators change it during the day: a page field
    would be overwritten by the next published revision. One row per edition in the site's
    default language (``board.live.original_edition``), made when first needed.
    """

    edition = models.OneToOneField(
        "home.EventPage",
        verbose_name=_("Ausgabe"),
        on_delete=models.CASCADE,
        related_name="live_phase",
    )
    event_code = models.CharField(_("Veranstaltungscode"), max_length=12, unique=True)
    quick_join_open = models.BooleanField(
        _("Schnellzugang offen"),
        default=True,
        help_text=_("Mit dem Veranstaltungscode können Personen ohne Anmeldung mitmachen."),
    )
    quick_join_pre_moderation = models.BooleanField(
        _("Schnellzugang-Beiträge vorab prüfen"),
        default=False,
        help_text=_(
            "Fragen und Antworten von Konten aus dem Schnellzugang erscheinen erst nach Freigabe."
        ),
    )
    answering = models.ForeignKey(
        Thread,
        verbose_name=_("wird gerade beantwortet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Live-Phase")
        verbose_name_plural = _("Live-Phasen")

    def __str__(self):
        return str(self.edition)

    def get_absolute_url(self):
        return reverse("board:join_code", kwargs={"code": self.event_code})
