from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .text import clean_line


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """An account. Accounts made by quick join (an edition's event code, ``board/live.py``) have
    no e-mail address (``NULL``, so the unique constraint holds) until one is confirmed."""

    username = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True, null=True, blank=True)
    display_name = models.CharField(
        _("Anzeigename"),
        max_length=80,
        blank=True,
        help_text=_("So erscheinen Sie bei Ihren Beiträgen. Leer lassen für „Teilnehmer*in“."),
    )
    institution = models.CharField(_("Institution"), max_length=200, blank=True)
    quick_join_edition = models.ForeignKey(
        "home.EventPage",
        verbose_name=_("per Veranstaltungscode beigetreten zu"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Die Ausgabe, zu der das Konto mit dem Veranstaltungscode angelegt wurde."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        ordering = ("email",)

    def __str__(self):
        return self.get_full_name()

    def save(self, *args, **kwargs):
        # Public names are one line without control characters, whoever writes them (forms,
        # the admin, a shell); the forms clean them already and also refuse staff words.
        self.display_name = clean_line(self.display_name)
        self.institution = clean_line(self.institution)
        self.email = self.email or None  # "" would collide with other accounts without one
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("accounts:profile")

    @property
    def is_quick_join(self):
        """Joined with an event code and not yet completed with a confirmed e-mail address.

        ``email`` alone does not complete the account: allauth's address page lets an account
        without a verified address mark an unconfirmed one as primary, which sets ``email`` too.
        """
        if self.quick_join_edition_id is None:
            return False
        if not self.email:
            return True
        from allauth.account.models import EmailAddress

        return not EmailAddress.objects.filter(
            user_id=self.pk, email__iexact=self.email, verified=True
        ).exists()

    def get_full_name(self):
        """The public name: display name, else first and last name, never the e-mail address."""
        full_name = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full_name or str(_("Teilnehmer*in"))

    def get_short_name(self):
        return self.display_name or self.first_name or self.get_full_name()


class AccountSession(AbstractBaseSession):
    """A database session that records whose it is (the session engine ``accounts.sessions``),
    so the sessions of one account end without decoding every live session."""

    account_id = models.BigIntegerField(_("Konto"), null=True, blank=True, db_index=True)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore
