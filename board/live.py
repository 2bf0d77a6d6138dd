"""The live phase of an edition: event code, quick join and the question being answered.

Quick join: with the edition's short event code (shown on the wall, as a QR code) a person joins
with a display name only. :func:`quick_join` makes an account without e-mail address and
without password (``User.quick_join_edition``); the view signs it in. Such an account asks,
replies and votes through the same services, limits, sanitising and moderation as any other, but
only in its edition (``check_edition_access``), and never reaches the admin (it holds no
permission and no group). When the person confirms an e-mail address (allauth) the account is
complete: ``User.email`` is set, ``User.is_quick_join`` turns false, the posts stay its own.

Whether quick-join posts wait for approval is the edition's decision
(``LivePhase.quick_join_pre_moderation``, on top of ``EventPage.pre_moderation``). Moderators
regenerate the code (the old one stops working at once) or close quick join.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from accounts.forms import RESERVED_NAME
from accounts.text import clean_line, reserved_name
from home.models import EventPage

from . import limits, permissions
from .models import LivePhase

#: No 0/O, 1/I/L: a code read off a projector is typed without mix-ups.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_NAME_LENGTH = 80


class JoinError(Exception):
    """Quick join refused; ``message`` is German and shown as it is."""

    def __init__(self, message, *, field=None, status=400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))


def normalise_code(text):
    """What a person typed, as stored: upper case, without spaces and dashes."""
    return "".join((text or "").split()).replace("-", "").upper()[:12]


def original_edition(edition):
    """The edition's page in the site's default language (the one the live phase hangs on)."""
    if edition.locale.language_code == settings.LANGUAGE_CODE:
        return edition
    return (
        EventPage.objects.filter(
            translation_key=edition.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        ).first()
        or edition
    )


def live_phase_for(edition):
    """The edition's live phase, made with a fresh event code when first asked for."""
    edition = original_edition(edition)
    try:
        return LivePhase.objects.select_related("answering").get(edition=edition)
    except LivePhase.DoesNotExist:
        pass
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return LivePhase.objects.create(edition=edition, event_code=new_code())
        except IntegrityError:  # the code is taken, or another request made the row first
            existing = LivePhase.objects.filter(edition=edition).first()
            if existing is not None:
                return existing
    raise RuntimeError("No free event code found")  # 31**6 codes: does not happen


def _require_moderator(user):
    if not permissions.is_moderator(user):
        raise permissions_error()


def permissions_error():
    return JoinError(_("Dafür brauchen Sie Moderationsrechte."), status=403)


def regenerate_code(*, edition, user):
    """A new event code; the old one no longer lets anyone join."""
    _require_moderator(user)
    phase = live_phase_for(edition)
    for _attempt in range(5):
        phase.event_code = new_code()
        try:
            with transaction.atomic():
                phase.save(update_fields=["event_code", "updated_at"])
            return phase
        except IntegrityError:
            continue
    raise RuntimeError("No free event code found")


def set_quick_join(*, edition, user, is_open=None, pre_moderation=None):
    """Open or close quick join and decide whether its posts wait for approval."""
    _require_moderator(user)
    phase = live_phase_for(edition)
    if is_open is not None:
        phase.quick_join_open = bool(is_open)
    if pre_moderation is not None:
        phase.quick_join_pre_moderation = bool(pre_moderation)
    phase.save(update_fields=["quick_join_open", "quick_join_pre_moderation", "updated_at"])
    return phase


def phase_for_code(code):
    """The open live phase with this code, or ``None``.

    Quick join is open only on the edition's day (its live phase): the code stands on the
    public wall, so outside the day it would let anyone make accounts without an address.
    """
    code = normalise_code(code)
    if len(code) != CODE_LENGTH:
        return None
    return (
        LivePhase.objects.select_related("edition")
        .filter(event_code=code, quick_join_open=True, edition__date=timezone.localdate())
        .first()
    )


def join_open(phase, edition):
    """Whether ``phase``'s code lets people join ``edition`` now (open, and on its day)."""
    return phase.quick_join_open and edition.phase == EventPage.Phase.LIVE


def projector_key(phase):
    """The secret of the projector's wall link (``?projektor=``): the wall shows the event code
    and its QR code only to moderators and to whoever opens this link, never to everyone who
    guesses the wall's address. It follows the code: regenerating the code retires the link."""
    return salted_hmac("board.live.projector", f"{phase.pk}:{phase.event_code}").hexdigest()[:24]


def is_projector(phase, key):
    return bool(key) and constant_time_compare(str(key), projector_key(phase))


def quick_join(*, code, display_name):
    """Make a quick-join account for the edition whose event code this is; return it.

    Counts against the per-address ``join`` limit; a wrong code counts against ``join_failed``
    (guessing codes from one address stops there). Raises :class:`JoinError`.
    """
    if limits.exceeded("join_failed", ip=limits.current_client_ip()):
        raise JoinError(_too_many_codes(), field="code", status=429)
    phase = phase_for_code(code)
    if phase is None:
        limits.exceeded("join_failed")
        raise JoinError(
            _(
                "Diesen Veranstaltungscode kennen wir nicht (oder der Schnellzugang ist "
                "geschlossen). Bitte prüfen Sie den Code auf der Leinwand."
            ),
            field="code",
        )
    name = clean_line(display_name)
    if not name:
        raise JoinError(_("Bitte geben Sie einen Namen an."), field="display_name")
    if len(name) > MAX_NAME_LENGTH:
        raise JoinError(
            _("Der Name ist zu lang: höchstens %(max)d Zeichen.") % {"max": MAX_NAME_LENGTH},
            field="display_name",
        )
    if reserved_name(name):
        raise JoinError(str(RESERVED_NAME), field="display_name")
    message = limits.exceeded("join")
    if message:
        raise JoinError(message, status=429)
    user = get_user_model()(email=None, display_name=name, quick_join_edition=phase.edition)
    user.set_unusable_password()
    user.save()
    return user


def _too_many_codes():
    return _(
        "Von Ihrem Netzwerk wurden gerade sehr viele falsche Codes eingegeben. Bitte versuchen "
        "Sie es in einigen Minuten noch einmal."
    )


def check_edition_access(*, user, edition):
    """A quick-join account takes part only in the edition it joined (until it has a confirmed
    e-mail address). Raises ``JoinError`` (status 403)."""
    if not getattr(user, "is_quick_join", False):
        return
    joined = user.quick_join_edition_id
    if edition.pk == joined or original_edition(edition).pk == joined:
        return
    raise JoinError(
        _(
            "Mit dem Veranstaltungscode können Sie nur bei dieser Veranstaltung mitmachen. "
            "Bestätigen Sie in Ihrem Profil eine E-Mail-Adresse, um überall mitzumachen."
        ),
        status=403,
    )


def needs_approval(*, user, edition):
    """Whether a quick-join account's post in ``edition`` waits for approval."""
    if not getattr(user, "is_quick_join", False):
        return False
    phase = LivePhase.objects.filter(edition=original_edition(edition)).only(
        "quick_join_pre_moderation"
    )
    return any(row.quick_join_pre_moderation for row in phase)


# --- the wall ----------------------------------------------------------------------------------

WALL_SIZE = 12


def wall_threads(edition, *, session_id=""):
    """The edition's open public questions for the wall, most votes first (the one being
    answered on stage first of all)."""
    from .models import Thread

    edition = original_edition(edition)
    threads = Thread.objects.listed().filter(edition=edition, status=Thread.Status.OPEN)
    if session_id:
        threads = threads.filter(session_id=session_id)
    return list(threads.order_by("-vote_count", "created_at")[:WALL_SIZE])


def set_answering(*, edition, user, thread=None):
    """Mark ``thread`` as the question being answered on stage (``None``: no question)."""
    _require_moderator(user)
    phase = live_phase_for(edition)
    if thread is not None and thread.edition_id != phase.edition_id:
        raise JoinError(_("Diese Frage gehört nicht zu dieser Ausgabe."))
    phase.answering = thread
    phase.save(update_fields=["answering", "updated_at"])
    return phase


def mark_answered(*, edition, user, thread):
    """Mark ``thread`` answered (``services.set_status``) and take it off the stage."""
    from . import services
    from .models import Thread

    _require_moderator(user)
    phase = live_phase_for(edition)
    if thread.edition_id != phase.edition_id:
        raise JoinError(_("Diese Frage gehört nicht zu dieser Ausgabe."))
    with transaction.atomic():
        services.set_status(thread=thread, user=user, status=Thread.Status.ANSWERED)
        if phase.answering_id == thread.pk:
            phase.answering = None
            phase.save(update_fields=["answering", "updated_at"])
    return phase
