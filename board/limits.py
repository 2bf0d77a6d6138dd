"""Abuse limits of the board: rate limits per account and per client address, and fewer rights
for accounts younger than a day.

Counters live in the default cache (Redis via ``REDIS_URL`` in production, so every process and
server counts together; local memory otherwise). Each limit is a fixed window counter. An attempt
counts against every limit that applies to it (the account's, the client address's) at once, and
only if none of them refuses it: a refused attempt takes its increments back, so hammering a limit
neither reopens it nor uses up the allowance of others behind the same address.

The limits are configured in ``settings.BOARD_RATE_LIMITS`` in allauth's notation
(``ACCOUNT_RATE_LIMITS``), one entry per group of actions::

    BOARD_RATE_LIMITS = {"post": "10/10m/account,1500/10m/ip,3/10m/young", ...}

``account`` counts per account: the limit that stops one person. ``ip`` counts per client address;
a conference Wi-Fi puts a whole room behind one address, so the address limit is only a coarse
flood guard sized above what a full room of 500 does (README, "Limits in the room"). ``young``
counts per account for accounts younger than ``BOARD_YOUNG_ACCOUNT_HOURS`` (in addition to
``account``), except in an edition that is live: people join on the day to ask in the room, and
the account limit is what the room needs. Moderators are not limited.

``board.services.check_rate_limit`` is the only caller of :func:`exceeded`. The services call it
for the account (whoever calls them); it then counts the client address of the current request
as well (:class:`ClientAddressMiddleware` makes the request known). Views call it once before
they call a service with the client's ``ip``: that call only looks whether the address is over
its limit already and counts nothing, so one attempt is counted once.

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

#: The address limits are a flood guard above what a room of 500 people behind one address does
#: (README, "Limits in the room"); the account limits are the ones that stop one person.
DEFAULT_RATE_LIMITS = {
    # Questions, replies and edits.
    "post": "10/10m/account,1500/10m/ip,3/10m/young",
    # Votes and withdrawn votes.
    "vote": "60/m/account,3000/m/ip,20/m/young",
    "flag": "10/h/account,300/h/ip,3/h/young",
    # Following, accepting an answer, setting the status.
    "action": "60/m/account,3000/m/ip",
    # Downloading one's own data.
    "export": "10/h/account",
    # Joining an edition with its event code (quick join), and wrong codes typed in.
    "join": "1000/h/ip",
    "join_failed": "100/10m/ip",
    # Markdown previews (each renders up to MAX_BODY_LENGTH characters).
    "preview": "30/m/account,3000/m/ip,10/m/young",
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
    "join": "join",
    "join_failed": "join_failed",
    "preview": "preview",
}

YOUNG_ACCOUNT_AGE = datetime.timedelta(hours=getattr(settings, "BOARD_YOUNG_ACCOUNT_HOURS", 24))
#: Links a young account may put into one post.
YOUNG_ACCOUNT_MAX_LINKS = getattr(settings, "BOARD_YOUNG_ACCOUNT_MAX_LINKS", 2)

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*/\s*(account|ip|young)\s*$")
# A link in Markdown: an autolink, an inline or reference link target, or a bare address.
# Any scheme ("https://", "ftp://", "sftp://"), a protocol-relative target ("//host", which a
# browser opens on the page's scheme, or "/\host" and "\\host", which browsers read the same
# way), "www." and "mailto:". A "//" after a word character or inside a URL is not counted twice.
_LINK = re.compile(
    r"\b[a-z][a-z0-9+.\-]*://|(?<![\w:/\\])[/\\]{2}(?=[^\s/\\])|\bwww\.|\bmailto:",
    re.IGNORECASE,
)

_exempt = contextvars.ContextVar("board_limits_exempt", default=False)
_request = contextvars.ContextVar("board_limits_request", default=None)


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


@contextlib.contextmanager
def handling(request):
    """Within the block, ``request`` is the one being handled: the account check in a service
    also counts its client's address (what :class:`ClientAddressMiddleware` does per request)."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


class ClientAddressMiddleware:
    """Makes the current request known to the limits, so that the account check in a service
    also counts the client's address (one attempt, counted once, all or nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with handling(request):
            return self.get_response(request)


def current_client_ip():
    """The client address of the request being handled (``None`` outside a request)."""
    request = _request.get()
    return client_ip(request) if request is not None else None


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


def _key(key, period):
    return f"board-rl:{key}:{period}:{int(time.time() // period)}"


def _hit(key, period):
    """Count one attempt in the current window of ``period`` seconds; return the new count."""
    if cache.add(key, 1, timeout=period + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=period + 1)
        return 1


def _take_back(key):
    with contextlib.suppress(ValueError):  # the window has expired: nothing to take back
        cache.decr(key)


def _wait_text(period):
    minutes = max(1, round(period / 60))
    if period >= 3600:
        hours = round(period / 3600)
        return ngettext("in einer Stunde", "in %(n)d Stunden", hours) % {"n": hours}
    return ngettext("in einer Minute", "in %(n)d Minuten", minutes) % {"n": minutes}


def _applicable(group, *, user, ip, edition):
    """The (rate, counter key, young) triples that an attempt by ``user`` from ``ip`` counts."""
    young = is_young(user)
    if young and edition is not None:
        edition = edition() if callable(edition) else edition
        young = edition.phase != edition.Phase.LIVE
    for rate in rates_for(group):
        if rate.scope == "ip":
            if ip is not None:
                yield rate, _key(f"{group}:ip:{ip}", rate.period), young
            continue
        if user is None or user.pk is None or (rate.scope == "young" and not young):
            continue
        yield rate, _key(f"{group}:{rate.scope}:{user.pk}", rate.period), young


def exceeded(action, *, user=None, ip=None, edition=None):
    """Count an attempt at ``action``; return a German message if a limit is exceeded, else None.

    Without ``ip`` the attempt counts against the account limits of ``user`` and the address
    limits of the current request's client, all or nothing: if one limit refuses, no counter
    keeps the attempt. With ``ip`` (a view, before it calls a service) nothing is counted; the
    answer says whether that address is already at its limit. ``edition`` is the edition the
    action belongs to (or a callable returning it, asked only for young accounts): while it is
    live, young accounts are limited like all others.
    """
    if _exempt.get() or permissions.is_moderator(user):
        return None
    group = ACTION_GROUPS.get(action, action)
    if ip is not None:
        for rate, key, young in _applicable(group, user=None, ip=ip, edition=edition):
            if (cache.get(key) or 0) >= rate.count:
                return _message(group, rate, young=young)
        return None
    address = current_client_ip()
    counted = []
    for rate, key, young in _applicable(group, user=user, ip=address, edition=edition):
        counted.append(key)
        if _hit(key, rate.period) > rate.count:
            for done in counted:
                _take_back(done)
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
        "preview": _("Sie haben in kurzer Zeit sehr viele Vorschauen angefordert."),
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
