"""Conditional polling for live updates: ``static/js/live.js`` asks the page it shows again
every few seconds with ``X-Live-Poll: 1`` and the ETag it got last. This middleware answers
``304 Not Modified`` from the version keys alone (one cache round trip, no database query for
a visitor, no rendering) while nothing changed; otherwise the view renders the page as
usual and the script swaps the page's ``data-live-region`` elements. The keys are the site's
version keys (``home/versions.py``, bumped on commit by ``board/cache_signals.py``), plus
:data:`MODERATION`, which flags bump too (they show only in the moderation queue).

Which keys a page follows: the wall, a session's list and the question list filtered by an
edition follow that edition's key; a thread page its thread's key; the moderation queue the
board's key and :data:`MODERATION`; every other page the board's key. The ETag also carries
the account (pages differ per person: own pending posts, moderators' buttons), the language and
a five-minute time bucket (the running session, "Jetzt", changes with the clock).

Only requests with the header are conditional, so a normal visit is never answered from a
browser's stale copy. A poll does not consume the person's pending messages (``messages``).
"""

import hashlib
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from home import versions

HEADER = "X-Live-Poll"
BUCKET_SECONDS = 300
EDITION_PAGES = {"board:wall", "board:session", "board:index"}
#: Bumped by flags and their dismissal as well: the moderation queue shows them.
MODERATION = "board:moderation"


def is_poll(request):
    return request.method in ("GET", "HEAD") and request.headers.get(HEADER) == "1"


def edition_id_of_year(year):
    """The default-language edition of ``year`` (cached; ``None`` if there is none)."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        return None
    key = f"board:edition-of-year:{year}"
    found = cache.get(key)
    if found is None:
        from home.models import EventPage

        found = (
            EventPage.objects.filter(date__year=year, locale__language_code=settings.LANGUAGE_CODE)
            .values_list("pk", flat=True)
            .first()
        ) or 0
        cache.set(key, found, timeout=600)
    return found or None


def version_keys(request, view_kwargs):
    match = request.resolver_match
    name = match.view_name if match else ""
    if name in EDITION_PAGES:
        year = view_kwargs.get("year") or request.GET.get("ausgabe")
        edition_id = edition_id_of_year(year)
        if edition_id:
            return (versions.edition_key(edition_id),)
    if name == "board:thread" and view_kwargs.get("pk"):
        return (versions.thread_key(view_kwargs["pk"]),)
    if name.startswith("board_admin:"):
        return (versions.BOARD, MODERATION)
    return (versions.BOARD,)


def etag_for(request, view_kwargs):
    current = versions.get(*version_keys(request, view_kwargs))
    numbers = ".".join(current[name] for name in sorted(current))
    # The account from the session alone (no user query); the page itself still authenticates.
    session = getattr(request, "session", None)
    user = (session.get(SESSION_KEY) if session is not None else None) or "a"
    request._live_visitor = user == "a"
    bucket = int(time.time() // BUCKET_SECONDS)
    return f'"live-{numbers}-{user}-{get_language()}-{bucket}"'


def bump_moderation(*args, **kwargs):
    versions.bump(MODERATION)


def connect():
    from django.db.models.signals import post_delete, post_save

    from .models import Flag

    post_save.connect(bump_moderation, sender=Flag, dispatch_uid="live-poll.flag.saved")
    post_delete.connect(bump_moderation, sender=Flag, dispatch_uid="live-poll.flag.deleted")


def _shared_key(request, etag):
    """Where a visitor's poll answer is kept for all visitors (``None`` for a signed-in poll).

    Visitors with cookies (a chosen reader view, say) share only with the same cookies.
    """
    if not getattr(request, "_live_visitor", False):
        return None
    cookies = hashlib.sha256(repr(sorted(request.COOKIES.items())).encode()).hexdigest()[:16]
    return f"board:live-poll:{etag}:{cookies}:{request.get_full_path()}"


class LivePollMiddleware:
    """Answers a live poll with 304 while the page's version has not changed.

    After a change, visitors (not signed in) share one rendering per page and version: the
    first poll renders and keeps the answer in the cache for a minute, the other open pages get
    that copy. Visitors' pages carry no per-person content (no CSRF input, no cookie; an answer
    that sets a cookie or would show pending messages is not shared). Signed-in pages render
    per person.
    """

    SHARED_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        etag = getattr(request, "_live_etag", None)
        if etag is not None and not getattr(request, "_live_shared", False):
            storage = getattr(request, "_messages", None)
            pending = len(storage) if storage is not None else 0
            if storage is not None:
                storage.used = False  # a poll shows no messages; they wait for the next visit
            patch_vary_headers(response, [HEADER])
            if response.status_code == 200:
                response["ETag"] = etag
                response["Cache-Control"] = "private, no-cache"
                key = _shared_key(request, etag)
                if key and not pending and not response.cookies and not response.streaming:
                    if hasattr(response, "render") and not response.is_rendered:
                        response.render()
                    # A rendered CSRF token belongs to this visitor (its cookie is set by the
                    # CSRF middleware outside this one): such a page is never shared.
                    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                        cache.set(key, response.content, timeout=self.SHARED_SECONDS)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_poll(request):
            return None
        request._live_etag = etag = etag_for(request, view_kwargs)
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            return HttpResponseNotModified(headers={"ETag": etag})
        key = _shared_key(request, etag)
        content = cache.get(key) if key else None
        if content is not None:
            request._live_shared = True
            response = HttpResponse(content, content_type="text/html; charset=utf-8")
            response["ETag"] = etag
            response["Cache-Control"] = "private, no-cache"
            patch_vary_headers(response, [HEADER])
            return response
        return None
