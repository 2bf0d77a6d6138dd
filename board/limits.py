"""Abuse limits of the board: rate limits per account and per IP address, and fewer rights for
accounts younger than a day.

Counters live in the default cache (Redis via ``REDIS_URL`` in production, so every process and
server counts together; local memory otherwise). Each limit is a fixed window: the first attempt
in a window creates the counter with the window as its timeout, every further attempt increments
it. An attempt that is refused still counts, so hammering a limit does not reopen it.

The limits are configured in ``settings.BOARD_RATE_LIMITS`` in allauth's notation
(``ACCOUNT_RATE_LIMITS``), one entry per group of actions::

    BOARD_RATE_LIMITS = {"post": "10/10m/account,30/10m/ip,3/10m/young", ...}

``account`` counts per account, ``ip`` per client address (conference Wi-Fi puts many people behind
one address, so the IP limits are the generous ones), ``young`` per account for accounts younger
than ``BOARD_YOUNG_ACCOUNT_HOURS`` (in addition to ``account``). Moderators are not limited.

``board.services.check_rate_limit`` is the only caller of :func:`exceeded`: the services call it
for the account (whoever calls them), the views once more with the client's IP address.

This module imports no other part of the board except ``permissions``, so services can import it.
"""

import contextlib
import contextvars
import datetime
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import permissions

DEFAULT_RATE_LIMITS = {
    # Questions, replies and edits.
    "post": "10/10m/account,30/10m/ip,3/10m/young",
    # Votes and withdrawn votes.
    "vote": "60/m/account,200/m/ip,20/m/young",
    "flag": "10/h/account,30/h/ip,3/h/young",
    # Following, accepting an answer, setting the status.
    "action": "60/m/account,200/m/ip",
    # Downloading one's own data.
    "export": "10/h/account",
}

#: Which group of limits an action counts against.
ACTION_GROUPS = {
    "ask": "post",
    "reply": "post",
    "edit": "post",
    "vote": "vote",
    "unvote": "vote",
    "flag": "flag",
    "subscribe": "action",
    "accept": "action",
    "status": "action",
    "export": "export",
}

YOUNG_ACCOUNT_AGE = datetime.timedelta(hours=getattr(settings, "BOARD_YOUNG_ACCOUNT_HOURS", 24))
#: Links a young account may put into one post.
YOUNG_ACCOUNT_MAX_LINKS = getattr(settings, "BOARD_YOUNG_ACCOUNT_MAX_LINKS", 2)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*/\s*(account|ip|young)\s*$")
# A link in Markdown: an autolink, an inline or reference link target, or a bare address.
_LINK = re.compile(r"(?:https?|ftp)://|\bwww\.|\bmailto:", re.IGNORECASE)

_exempt = contextvars.ContextVar("board_limits_exempt", default=False)


class Rate:
    __slots__ = ("count", "period", "scope")

    def __init__(self, count, period, scope):
        self.count = count
        self.period = period
        self.scope = scope

    def __repr__(self):
        return f"Rate({self.count}/{self.period}s/{self.scope})"


def parse_rates(text):
    """``"10/10m/account,30/10m/ip"`` -> ``[Rate(10, 600, "account"), Rate(30, 600, "ip")]``."""
    rates = []
    for part in (text or "").split(","):
        if not part.strip():
            continue
        match = _RATE.match(part)
        if match is None:
            raise ValueError(f"Invalid board rate limit: {part!r}")
        count, multiple, unit, scope = match.groups()
        rates.append(Rate(int(count), int(multiple or 1) * _PERIODS[unit], scope))
    return rates


def rates_for(group):
    configured = {**DEFAULT_RATE_LIMITS, **getattr(settings, "BOARD_RATE_LIMITS", {})}
    return parse_rates(configured.get(group, ""))


@contextlib.contextmanager
def exempt():
    """Suspend the limits (the demo builder writes as the site, not as a participant)."""
    token = _exempt.set(True)
    try:
        yield
    finally:
        _exempt.reset(token)


def is_young(user):
    """An account younger than a day (moderators and staff never count as young)."""
    if not permissions.is_participant(user) or user.is_staff or permissions.is_moderator(user):
        return False
    joined = getattr(user, "date_joined", None)
    return joined is not None and timezone.now() - joined < YOUNG_ACCOUNT_AGE


def client_ip(request):
    """The client's address as allauth determines it (``ALLAUTH_TRUSTED_PROXY_COUNT``)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR") or "unknown"


def _hit(key, period):
    """Count one attempt in the current window of ``period`` seconds; return the new count."""
    window = int(time.time() // period)
    key = f"board-rl:{key}:{period}:{window}"
    if cache.add(key, 1, timeout=period + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=period + 1)
        return 1


def _wait_text(period):
    minutes = max(1, round(period / 60))
    if period >= 3600:
        hours = round(period / 3600)
        return ngettext("in einer Stunde", "in %(n)d Stunden", hours) % {"n": hours}
    return ngettext("in einer Minute", "in %(n)d Minuten", minutes) % {"n": minutes}


def exceeded(action, *, user=None, ip=None):
    """Count an attempt at ``action``; return a German message if a limit is exceeded, else None.

    With ``ip`` the client-address limits are counted, otherwise the account limits of ``user``.
    """
    if _exempt.get() or permissions.is_moderator(user):
        return None
    group = ACTION_GROUPS.get(action, action)
    young = is_young(user)
    for rate in rates_for(group):
        if ip is not None:
            if rate.scope != "ip":
                continue
            key = f"{group}:ip:{ip}"
        else:
            if rate.scope == "ip" or user is None or user.pk is None:
                continue
            if rate.scope == "young" and not young:
                continue
            key = f"{group}:{rate.scope}:{user.pk}"
        if _hit(key, rate.period) > rate.count:
            return _message(group, rate, young=young)
    return None


def _message(group, rate, *, young):
    wait = _wait_text(rate.period)
    if rate.scope == "young":
        return _(
            "Neue Konten können in den ersten 24 Stunden nur wenige Beiträge, Stimmen und "
            "Meldungen abgeben – so schützen wir das Board vor Spam. Bitte versuchen Sie es "
            "%(wait)s noch einmal; Ihre Eingabe ist erhalten."
        ) % {"wait": wait}
    if rate.scope == "ip":
        return _(
            "Von Ihrem Netzwerk kommen gerade sehr viele Anfragen. Bitte versuchen Sie es "
            "%(wait)s noch einmal; Ihre Eingabe ist erhalten."
        ) % {"wait": wait}
    texts = {
        "post": _("Sie haben in kurzer Zeit sehr viele Beiträge geschrieben."),
        "vote": _("Sie haben in kurzer Zeit sehr viele Stimmen abgegeben."),
        "flag": _("Sie haben in kurzer Zeit sehr viele Beiträge gemeldet."),
        "export": _("Sie haben Ihre Daten in kurzer Zeit sehr oft heruntergeladen."),
    }
    text = texts.get(group, _("Sie waren in kurzer Zeit sehr aktiv."))
    return _("%(text)s Bitte versuchen Sie es %(wait)s noch einmal; Ihre Eingabe ist erhalten.") % {
        "text": text,
        "wait": wait,
    }


def count_links(body):
    """How many links a Markdown text contains (autolinks, link targets, bare addresses)."""
    return len(_LINK.findall(body or ""))


def link_error(*, user, body):
    """A German message if ``user`` may not post this many links yet, else None."""
    if _exempt.get() or not is_young(user):
        return None
    links = count_links(body)
    if links <= YOUNG_ACCOUNT_MAX_LINKS:
        return None
    return ngettext(
        "Neue Konten dürfen in den ersten 24 Stunden höchstens %(max)d Link je Beitrag setzen "
        "(Schutz vor Spam); Ihr Text enthält %(links)d. Bitte entfernen Sie einige Links oder "
        "versuchen Sie es morgen noch einmal.",
        "Neue Konten dürfen in den ersten 24 Stunden höchstens %(max)d Links je Beitrag setzen "
        "(Schutz vor Spam); Ihr Text enthält %(links)d. Bitte entfernen Sie einige Links oder "
        "versuchen Sie es morgen noch einmal.",
        YOUNG_ACCOUNT_MAX_LINKS,
    ) % {"max": YOUNG_ACCOUNT_MAX_LINKS, "links": links}
