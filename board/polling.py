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

After a change, a poll is answered from a rendering shared by everyone of the same *role class*
(visitor, participant, moderator), page, version, language and reader view: the first poll
renders the page once as a stand-in of its role class (:func:`stand_in`: an account that wrote
nothing, voted for nothing and follows nothing), keeps only the live regions (between
``<!--live:start-->`` and ``<!--live:end-->`` in the templates) with a marker where the CSRF
token goes, and every poll of that class gets that copy with its own token put in. The marker
is random and made anew for each rendering (:func:`new_csrf_marker`), and never leaves the
server, so no text a person wrote can be one: a post is shown to every poller as it was
written. What differs per
person on a thread page (their own posts, their votes: the cards of those posts; their own
posts waiting for approval) travels with it as a small JSON block (``personal_parts`` of the
view, ``<script type="application/json" id="live-personal">``) that ``static/js/live.js``
applies. Pages whose personal part is more than that (the asker's page, with the buttons to
accept an answer; a thread still waiting for approval) render per person as before.
"""

import json
import re
import secrets
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from home import versions

HEADER = "X-Live-Poll"
BUCKET_SECONDS = 300
EDITION_PAGES = {"board:wall", "board:session", "board:index"}
#: Bumped by flags and their dismissal as well: the moderation queue shows them.
MODERATION = "board:moderation"


def time_bucket():
    """The current :data:`BUCKET_SECONDS` slice of the clock, in the ETag and the shared
    renderings' keys: the running session ("Jetzt") changes with the clock."""
    return int(time.time() // BUCKET_SECONDS)


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
    bucket = time_bucket()
    return f'"live-{numbers}-{user}-{get_language()}-{bucket}"'


def bump_moderation(*args, **kwargs):
    versions.bump(MODERATION)


def connect():
    from django.db.models.signals import post_delete, post_save

    from .models import Flag

    post_save.connect(bump_moderation, sender=Flag, dispatch_uid="live-poll.flag.saved")
    post_delete.connect(bump_moderation, sender=Flag, dispatch_uid="live-poll.flag.deleted")


# --- shared renderings -------------------------------------------------------------------------

#: Pages whose polls are answered from a shared rendering of their live regions.
SHARED_PAGES = {"board:index", "board:session", "board:thread", "board:wall", "board_admin:queue"}
#: Pages only moderators open, rendered as the first moderator who polls (the Wagtail admin needs
#: a real account); their regions show nothing of that person (the CSRF token is a placeholder).
RENDERED_AS_POLLER = {"board_admin:queue"}
#: View name -> function(request, view_kwargs, role) giving the poller's personal part (a dict,
#: empty for none) or ``None`` when the page must render for this person alone.
PERSONAL_PARTS = {
    "board:thread": "board.views.live_parts.personal_parts",
    "board:index": "board.views.live_parts.own_questions",
    "board:session": "board.views.live_parts.own_questions",
}

VISITOR, PARTICIPANT, MODERATOR = "visitor", "participant", "moderator"
#: The primary key of the stand-in account: no row has it (keys start at 1).
STAND_IN_PK = -1
REGION = re.compile(r"<!--live:start-->(.*?)<!--live:end-->", re.DOTALL)
#: Where a shared rendering is kept (v2: with its CSRF marker).
SHARED_PREFIX = "board:live-shared:v2:"
SHARED_SECONDS = 60
#: Off: signed-in polls render per person, as before shared renderings (bench/live.py compares).
SHARE_SIGNED_IN = True


def role_of(request):
    """The role class whose shared rendering this person gets."""
    from .permissions import is_moderator

    user = request.user
    if not user.is_authenticated:
        return VISITOR
    return MODERATOR if is_moderator(user) else PARTICIPANT


def stand_in(role):
    """An account of ``role`` that is nobody: it wrote nothing, voted for nothing, follows
    nothing and waits for no approval, so a page rendered for it shows what every person of the
    role class sees alike. It is never saved; its key matches no row."""
    if role == VISITOR:
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    user = get_user_model()(pk=STAND_IN_PK, email=None, display_name="", is_active=True)
    # ModelBackend reads a user's permissions from this cache: the moderators' one permission,
    # or none (what a participant holds).
    user._perm_cache = {"board.moderate_board"} if role == MODERATOR else set()
    return user


def is_shared_render(request):
    return getattr(request, "_live_shared_render", False)


def marker(nonce, kind):
    """A placeholder in a shared rendering (letters, digits and dashes: it survives escaping
    in attributes and text alike)."""
    return f"kr-{nonce}-{kind}"


def new_nonce():
    """A nonce for the markers of one rendering: random, so no text made before it holds one."""
    return secrets.token_hex(16)


def new_csrf_marker():
    """What stands where a person's CSRF token goes in a rendering shared by many (never a valid
    token): a marker with a nonce made for this rendering (the shared thread page's markers,
    ``board/thread_page.py``, are made alike), so no text a person wrote before it can be one,
    and replacing it with a reader's token changes nothing else."""
    return marker(new_nonce(), "csrf")


TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def holds_other_tokens(html, placeholder):
    """Whether ``html`` has a CSRF token field with anything but ``placeholder``: such a
    rendering is never shared."""
    return any(value != placeholder for value in TOKEN_FIELD.findall(html))


def csrf_token(request):
    """The CSRF token to render into a page: the marker while rendering a shared copy."""
    if is_shared_render(request):
        return request._shared_csrf_placeholder
    return get_token(request)


def poll_marker(request):
    """The marker of this poll's personal part (``PERSONAL_PARTS``): where the poller's token
    goes in the cards rendered for them."""
    return request._live_csrf_marker


def shared_key(request, view_kwargs, role):
    from .views.base import VIEW_COOKIE

    current = versions.get(*version_keys(request, view_kwargs))
    numbers = ".".join(current[name] for name in sorted(current))
    # The reader's remembered view (threaded or flat) counts for signed-in readers only.
    view = request.COOKIES.get(VIEW_COOKIE, "") if role != VISITOR else ""
    bucket = time_bucket()
    return (
        f"{SHARED_PREFIX}{numbers}:{get_language()}:{bucket}:{role}:{view[:20]}:"
        f"{request.get_full_path()}"
    )


def render_as(request, user, call, *, placeholder, own_token_allowed=False):
    """``call()`` (a view's rendering of ``request``) as ``user`` sees the page, for sharing
    with everyone of a role class: the CSRF token in the page is ``placeholder``.

    The rendered response, or ``None`` if it cannot be shared: not found, not a plain 200 (a
    redirect), or something asked for a real token while rendering (unless
    ``own_token_allowed``: the admin's chrome of a page only moderators open). The person's own
    user is back on the request afterwards, whatever happens.
    """
    person = request.user
    request.user = user
    request._live_shared_render = True
    request._shared_csrf_placeholder = placeholder
    token_before = request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    try:
        try:
            response = call()
        except Http404:
            return None  # e.g. a thread the role class may not open: render it per person
        if response.status_code != 200 or response.streaming:
            return None
        if hasattr(response, "render") and not response.is_rendered:
            if response.context_data is not None:
                # {% csrf_token %} reads this before the context processor's token.
                response.context_data["csrf_token"] = placeholder
            response.render()
    finally:
        request.user = person
        request._live_shared_render = False
        del request._shared_csrf_placeholder
    if not own_token_allowed and (
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not token_before
    ):
        return None  # something asked for a token while rendering for all
    return response


def render_shared(request, view_func, view_args, view_kwargs, role, marker):
    """The live regions of the page as ``role``'s stand-in sees it, with ``marker`` where the
    CSRF token goes (``None`` if the page cannot be shared: not found for the stand-in, a
    redirect, or a real token rendered)."""
    name = request.resolver_match.view_name
    poller = name in RENDERED_AS_POLLER
    response = render_as(
        request,
        request.user if poller else stand_in(role),
        lambda: view_func(request, *view_args, **view_kwargs),
        placeholder=marker,
        own_token_allowed=poller,
    )
    if response is None:
        return None
    # (The Wagtail admin's chrome asks for the poller's token, outside the regions; the regions
    # are checked below.)
    regions = "".join(REGION.findall(response.content.decode()))
    if not regions or holds_other_tokens(regions, marker):
        return None
    return regions


def with_token(request, marker, html):
    """``html`` with the requester's CSRF token for ``marker`` (a visitor's regions hold none:
    no token, no CSRF cookie for them)."""
    return html.replace(marker, get_token(request)) if marker in html else html


def personal_script(parts):
    """The personal part as a JSON data block (never executed; ``<`` escaped)."""
    data = json.dumps(parts, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return f'<script type="application/json" id="live-personal">{data}</script>'


class LivePollMiddleware:
    """Answers a live poll with 304 while the page's version has not changed, and after a
    change from the rendering shared by the poller's role class (see the module's docstring).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        etag = getattr(request, "_live_etag", None)
        if etag is not None:
            storage = getattr(request, "_messages", None)
            if storage is not None:
                storage.used = False  # a poll shows no messages; they wait for the next visit
            patch_vary_headers(response, [HEADER])
            if response.status_code == 200:
                response["ETag"] = etag
                response["Cache-Control"] = "private, no-cache"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_poll(request):
            return None
        request._live_etag = etag = etag_for(request, view_kwargs)
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            return HttpResponseNotModified(headers={"ETag": etag})
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name not in SHARED_PAGES:
            return None
        role = role_of(request)
        if role != VISITOR and not SHARE_SIGNED_IN:
            return None
        # A marker made for this poll: its personal part's, and the shared copy's if this poll
        # renders it. Each part's own marker is replaced in that part alone.
        request._live_csrf_marker = marker = new_csrf_marker()
        personal = {}
        if name in PERSONAL_PARTS and role != VISITOR:
            personal = import_string(PERSONAL_PARTS[name])(request, view_kwargs, role)
            if personal is None:
                return None  # this person's page differs more: render it for them
        key = shared_key(request, view_kwargs, role)
        shared = cache.get(key)  # (its marker, the regions)
        if shared is None:
            regions = render_shared(request, view_func, view_args, view_kwargs, role, marker)
            if regions is None:
                return None
            shared = (marker, regions)
            cache.set(key, shared, timeout=SHARED_SECONDS)
        body = with_token(request, *shared)
        if personal:
            body += with_token(request, marker, personal_script(personal))
        request._live_shared = True
        return HttpResponse(body, content_type="text/html; charset=utf-8")
