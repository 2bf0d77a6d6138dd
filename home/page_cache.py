"""The anonymous full-page cache and the HTTP caching headers (README, "Caching").

A small middleware of our own, first in ``MIDDLEWARE``: a hit runs no other middleware, no
session, no user and no database query, and costs one round trip to the cache. Only these views
are stored, each with the version keys (``home/versions.py``) of what it shows:

- Wagtail pages (home, editions, topics, tag pages, recent changes and their feeds) and the
  question list, the board's edition and tag feeds, the moderation log: ``SITE`` and ``BOARD``;
- a thread page and its feed: ``SITE`` and the thread's own key.

Each is stored only under its canonical query string: the view names the parameters that made
its page (``allow_query``: the values as they took effect, in the order the page's own links
write them), and a request whose query string is anything but their encoding is answered as
usual but adds no entry, so made-up query strings (``?utm_x=1``, ``?a=1&a=2``, ``?x=``, another
order or spelling, a filter value that changes nothing) cannot fill the cache. A view that names
none is stored only without a query string: the feeds and every Wagtail page but the topic
index, whose ``tag`` counts if the index shows that tag. The question list keeps its filters
(``ausgabe`` for an edition it shows, ``phase``, ``status``, ``sortierung`` unless the default,
``unbeantwortet=1``, ``schlagwort`` as a shown question's tag is written, ``thema`` for a topic
of a shown question) and ``seite``; the moderation log ``ausgabe`` and ``seite``; a thread page
``ansicht`` and ``seite`` (``board.views.base.paginated_query``: a page number only as the page
shown); the search its own (below). The filter forms submit their empty fields too: the
question list redirects such a query to its canonical one (same filter), the others answer it
without storing it. A Django view's response is stored only under the path its URL reverses to
(``/fragen/007/feed/`` is answered, not stored), and tag addresses of a tag nothing public
carries are 404 (``board.feeds.TagFeed``, the wiki's tag page and feed).

An entry is kept under its address (scheme, host, language, path, query string) together with
the names and values of the version keys it was built with; it is served only while those are
still the current values, read in the same round trip as the entry: each process remembers which
version keys an address depends on (names only, never their values: every hit reads the values
afresh, so a change is seen by the very next request in every process), and the first request
of an address in a process, or one whose entry names other keys, needs a second round trip.
While one request renders a page's new version (it holds a lock for at most ``RENDER_LOCK``
seconds), other anonymous requests for the same page get the previous copy with ``max-age=0``
instead of rendering it too: under a crowd, a change costs one rendering per page, not one per
waiting reader, and the new version is served as soon as that rendering is stored; a rendering
that is not kept (the page is hidden, restricted or gone now) drops the previous copy. The versions
are read before the view runs, so a copy rendered while a change commits carries the old
versions and is never served.

Because it is the outermost middleware, an entry keeps the response as the other middlewares
finished it: the security headers (HSTS for https, which is why the scheme is part of the
address, ``nosniff``, ``Referrer-Policy``, ``Cross-Origin-Opener-Policy``), the
Content-Security-Policy (the same for every request: the site's pages use no nonce, and a
response whose policy carries one is not stored), ``Permissions-Policy`` and ``X-Frame-Options``;
a hit sends exactly the headers of a fresh rendering (tests/home/test_page_cache_headers.py).
Requests that the security middleware would redirect to https, and static and media files
(WhiteNoise's), are passed on without a look into the cache.

Never served from or stored in the cache: requests with a session cookie (signed in, or an
anonymous session) or pending messages, anything but GET, previews and the admin (not in the
list above), responses other than 200, responses that set a cookie, rendered a CSRF token
(forms, password-protected pages), queued a message, vary on more than cookies and language, or
say ``private``/``no-store``/``no-cache`` themselves (private pages redirect to the login).
``Vary: Cookie`` stays on stored responses for shared caches downstream; this cache itself serves
only requests that carry no session cookie, which is what that header protects.

Search results (``search``) are kept too, but privately: for ``PAGE_CACHE["SEARCH_TIMEOUT"]``
seconds (60), under ``SITE``, ``BOARD`` and ``SEARCH`` (bumped when the search index commits a
write or a rebuild: ``search/tasks.py``, ``manage.py update_index``), so a crowd repeating the
same search costs one search, and a new page or post that matches shows on the first search
after the index has it. They keep the view's own headers (``private``, ``no-store``, and the
``noindex`` in the page): no ``public``, no ``ETag``, nothing a shared cache may keep. Only a
search whose query string is the canonical one (the form's and the page's own links) is
stored, like the pages above.

HTTP: stored and served pages get ``Cache-Control: public, max-age=PAGE_CACHE["MAX_AGE"]`` and a
weak ``ETag`` made from the address and the versions, so a repeated conditional request is
answered ``304 Not Modified`` without reading the page itself. Every other response that passes
without its own ``Cache-Control`` gets ``private, no-cache``.
"""

import hashlib
import pickle
from http import HTTPStatus
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import get_language_from_path

import redis
from django_redis.client import DefaultClient
from django_redis.compressors.identity import IdentityCompressor
from django_redis.serializers.pickle import PickleSerializer

from . import versions

QUERY_ATTRIBUTE = "_page_cache_query"  # request: the query string named by allow_query
KEY_PREFIX = "page:v4:"  # v4: the address is its parts' repr (v3: outer middlewares' headers)
LOCK_PREFIX = "page-rendering:"
LOOKED = "kooperationsraum.page_cache"  # environ: what CachedPages found for the middleware


def _site_and_board(kwargs):
    return [versions.SITE, versions.BOARD]


def _thread(kwargs):
    return [versions.SITE, versions.thread_key(kwargs["pk"])]


def _search(kwargs):
    return [versions.SITE, versions.BOARD, versions.SEARCH]


# URL name -> the version keys the view's page depends on (from the URL's arguments).
CACHED_VIEWS = {
    "wagtail_serve": _site_and_board,
    "board:index": _site_and_board,
    "board:moderation_log": _site_and_board,
    "board:edition_feed": _site_and_board,
    "board:tag_feed": _site_and_board,
    "board:thread": _thread,
    "board:thread_feed": _thread,
}

# URL name -> version keys, for views whose responses are kept for anonymous requests but stay
# private in HTTP (served with the view's own Cache-Control, for SEARCH_TIMEOUT seconds).
PRIVATE_VIEWS = {
    "search": _search,
}

# Vary headers a stored page may carry: the key holds the language, and cookies are dealt with.
HARMLESS_VARY = ("cookie", "accept-language")

# Headers this middleware sets on every stored page itself (from the versions), not stored.
OWN_HEADERS = ("cache-control", "etag", "expires", "last-modified")

# The version keys most pages depend on: read with an entry whose keys this process has not
# seen yet.
COMMON = (versions.SITE, versions.BOARD)

# Address -> the names of the version keys its entry was built with, per process (bounded).
# Names only: the values are read from the cache on every request.
_dependencies = {}
DEPENDENCIES_KEPT = 10_000


def config():
    defaults = {
        "ENABLED": False,
        "TIMEOUT": 600,
        "MAX_AGE": 10,
        "SEARCH_TIMEOUT": 60,
        "RENDER_LOCK": 10,
    }
    return defaults | getattr(settings, "PAGE_CACHE", {})


class Pending:
    """What a cacheable request found out on its way in, for storing its response."""

    def __init__(self, address):
        self.address = address
        self.deps = None
        self.versions = None
        self.private = False
        self.lock = None
        self.stored = False


def allow_query(request, params):
    """Name the query parameters that made this page: ``params`` are ``(name, value)`` pairs
    in the order the page's own links write them, each value as it took effect (the edition
    found, the page shown); a pair whose value is ``None`` is left out. The response is stored
    only if the request's query string is exactly their encoding (``urlencode``, a space as
    ``+``); any other is answered but adds no entry. A cached view that names none is stored
    only without a query string."""
    pairs = [(name, str(value)) for name, value in params if value is not None]
    setattr(request, QUERY_ATTRIBUTE, urlencode(pairs))


def canonical_query(request):
    """The only query string under which this request's response may be stored."""
    return getattr(request, QUERY_ATTRIBUTE, "")


def address_of(request):
    """The key of a request's address (scheme, host, language, path, query string), or ``None``
    for a host that is not allowed."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    query = request.META.get("QUERY_STRING", "")
    # The parts' repr, not the parts joined by a separator: a decoded path may hold any
    # character ("/fragen/|" and "/fragen/" with the query "|" are two addresses).
    raw = repr((request.scheme, host, language, request.path, query))
    return hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _canonical_path(request):
    """Whether a Django view's path is the one its URL gives for the arguments it took (an
    ``<int:...>`` matches ``007`` too). Wagtail's pages route themselves (``home/routing.py``)."""
    match = request.resolver_match
    if match is None or match.view_name == "wagtail_serve":
        return True
    with translation.override(getattr(request, "LANGUAGE_CODE", None)):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return False
    return unquote(path) == request.path


def _etag(address, found):
    joined = address + "|" + "|".join(f"{name}={found[name]}" for name in sorted(found))
    return 'W/"' + hashlib.md5(joined.encode(), usedforsecurity=False).hexdigest() + '"'


def may_use_cache(request):
    if request.method != "GET":
        return False
    meta = request.META
    if meta.get("HTTP_X_LIVE_POLL"):
        return False  # live polls are answered by board.polling from the same version keys
    path = request.path_info
    if settings.STATIC_URL and path.startswith(settings.STATIC_URL):
        return False  # WhiteNoise's (and never a page)
    if settings.MEDIA_URL and path.startswith(settings.MEDIA_URL):
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False  # the security middleware redirects it to https
    if not meta.get("HTTP_COOKIE"):
        return True
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _public(response, etag, max_age):
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, public=True, max_age=max_age)
    response["ETag"] = etag


def _response(entry):
    _deps, _built_for, status, headers, content, _private = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _uses_a_nonce(response):
    policies = (
        response.get("Content-Security-Policy", ""),
        response.get("Content-Security-Policy-Report-Only", ""),
    )
    return any("'nonce-" in policy for policy in policies)


def _remember(address, deps):
    if len(_dependencies) >= DEPENDENCIES_KEPT:
        _dependencies.clear()
    _dependencies[address] = tuple(deps)


def _redis_client():
    """django-redis's client if values are stored as its default does (the production
    settings: plain pickle, no compression, one server), else ``None``."""
    client = getattr(cache, "client", None)
    if type(client) is not DefaultClient:
        return None  # another backend, or a sharded or herd client (other keys or values)
    serializer = getattr(client, "_serializer", None)
    compressor = getattr(client, "_compressor", None)
    if type(serializer) is not PickleSerializer or type(compressor) is not IdentityCompressor:
        return None
    return client


def _mget(client, keys):
    """Redis's ``MGET`` of the full keys on a connection of the client's pool, without the
    client's per-command work (retries, response callbacks, metrics): about 10 us less."""
    pool = client.get_client(write=False).connection_pool
    connection = pool.get_connection()
    try:
        connection.send_command("MGET", *keys)
        return connection.read_response()
    except BaseException:
        connection.disconnect()  # a reply may still be on its way: not for the next command
        raise
    finally:
        pool.release(connection)


def _get_many(keys):
    """``cache.get_many(keys)`` for the page cache's lookups: with django-redis storing values
    as by default, one ``MGET`` on its connection and ``pickle.loads``: the same values without
    django-redis's and redis-py's work per key, value and command (key objects, an ``int()``
    tried on every value before unpickling it, retries, metrics), about 35 us less CPU per hit
    (of about 520 us). A value not pickled (an integer, which django-redis stores as digits)
    is decoded by django-redis; another backend, or a Redis error (then retried, raised or
    ignored as configured), goes through the cache."""
    client = _redis_client()
    if client is None:
        return cache.get_many(keys)
    try:
        values = _mget(client, [client.make_key(key) for key in keys])
    except redis.RedisError:
        return cache.get_many(keys)
    return {
        key: pickle.loads(value) if value[:1] == b"\x80" else client.decode(value)  # noqa: S301
        for key, value in zip(keys, values, strict=True)
        if value is not None
    }


def _look(address):
    """The entry kept for ``address`` and the current values of the version keys it names, as
    ``(entry, current)``; ``(None, None)`` if there is none. One round trip to the cache if this
    process knows which version keys the address depends on, else two."""
    names = _dependencies.get(address, COMMON)
    key = KEY_PREFIX + address
    found = _get_many([key, *(versions.PREFIX + name for name in names)])
    entry = found.get(key)
    if entry is None:
        return None, None
    deps = entry[0]
    current = {name: found.get(versions.PREFIX + name) for name in deps}
    missing = [name for name, value in current.items() if value is None]
    if missing:
        current.update(versions.get(*missing))
        _remember(address, deps)
    return entry, current


def _validators(meta):
    return "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta


def _headers(entry, options):
    """The headers of a current entry as served: the stored ones (the ETag among them) and, on a
    public page, the Cache-Control of the page cache."""
    headers, private = entry[3], entry[5]
    if private:
        return headers  # the view's own Cache-Control (private, no-store)
    return [*headers, ("Cache-Control", f"public, max-age={options['MAX_AGE']}")]


def _hit(request, entry, options):
    """The response for a current entry: the stored one, or ``304`` for a matching request."""
    response = HttpResponse(entry[4], status=entry[2])
    for name, value in _headers(entry, options):
        response[name] = value
    if entry[5] or not _validators(request.META):
        return response
    etag = response["ETag"]
    conditional = get_conditional_response(request, etag=etag, response=response)
    return conditional if conditional is not None else response


class CachedPages:
    """The WSGI application of ``config/wsgi.py``: serves a current entry before Django handles
    the request at all (no request signals, no middleware), with the same checks and the same
    response as ``PageCacheMiddleware``; anything else goes on to Django, together with what it
    found in the cache (``environ[LOOKED]``), so that the middleware does not ask again."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") == "GET":
            options = config()
            if options["ENABLED"]:
                try:
                    served = self.serve(environ, options)
                except Exception:  # noqa: BLE001 - Django handles (and logs) the request then
                    served = None
                if served is not None:
                    status, headers, content = served
                    start_response(status, headers)
                    return [content]
        return self.application(environ, start_response)

    def serve(self, environ, options):
        """``(status line, headers, content)`` for a current entry, else ``None``."""
        # A copy: WSGIRequest writes the decoded path back into its environ ("PATH_INFO"), and
        # Django, which gets the environ on a miss, would decode it a second time (an ß in the
        # path became "%DF": a 404 for every address with an umlaut that had no copy yet).
        request = WSGIRequest(dict(environ))
        if not may_use_cache(request):
            return None
        address = address_of(request)
        if not address:
            return None
        entry, current = _look(address)
        if entry is None or current != entry[1]:
            environ[LOOKED] = (address, entry, current)
            return None
        if not _validators(environ):  # the usual case: the stored response as it is
            status = entry[2]
            return f"{status} {HTTPStatus(status).phrase}", _headers(entry, options), entry[4]
        response = _hit(request, entry, options)
        status = f"{response.status_code} {response.reason_phrase}"
        return status, list(response.items()), response.content


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        options = config()
        pending = None
        if options["ENABLED"] and may_use_cache(request):
            looked = request.META.pop(LOOKED, None)  # CachedPages looked already
            if looked is None:
                address = address_of(request)
                looked = (address, *_look(address)) if address else None
            if looked is not None:
                address, entry, current = looked
                hit = None if entry is None else self.serve(request, address, entry, current)
                if hit is not None:
                    return hit
                pending = request._page_cache = Pending(address)
                pending.lock = request.__dict__.pop("_page_cache_lock", None)
        try:
            return self.respond(request, pending, options)
        finally:
            if pending is not None and pending.lock:
                if not pending.stored:
                    # The page is no longer one to keep (hidden: 404; a password or a login now):
                    # the previous copy goes, or it would be served to everyone who comes while
                    # a later request renders the page, for as long as the entry lives.
                    cache.delete(KEY_PREFIX + pending.address)
                cache.delete(pending.lock)  # the new version is stored (or was not storable)

    def respond(self, request, pending, options):
        response = self.get_response(request)
        wanted = pending is not None and bool(pending.deps)
        if wanted and not pending.private and self.storable(request, response):
            return self.store(request, response, pending, options)
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        if wanted and pending.private and self.storable(request, response, private=True):
            self.store_private(response, pending, options)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        pending = getattr(request, "_page_cache", None)
        match = request.resolver_match
        if pending is None or match is None:
            return None
        deps = CACHED_VIEWS.get(match.view_name)
        if deps is None and match.view_name in PRIVATE_VIEWS:
            deps = PRIVATE_VIEWS[match.view_name]
            pending.private = True
        if deps is not None:
            pending.deps = deps(view_kwargs)
            pending.versions = versions.get(*pending.deps)
        return None

    def serve(self, request, address, entry, current):
        """The response for an entry, or ``None``: render the page (and store it)."""
        options = config()
        if current == entry[1]:
            return _hit(request, entry, options)
        if entry[5]:
            return None  # a private entry that is out of date: render it afresh
        # Something it shows has changed since. One request renders the new version (it takes
        # the lock); requests for the same page meanwhile get this copy.
        return self.while_rendering(request, address, entry, options)

    def while_rendering(self, request, address, entry, options):
        """``None`` (render it) if this request may render the page's new version; else, while
        another request renders it, the previous copy, for this request only (no max-age)."""
        lock = LOCK_PREFIX + address
        if cache.add(lock, 1, timeout=options["RENDER_LOCK"]):
            request._page_cache_lock = lock
            return None
        response = _response(entry)
        _public(response, _etag(address, entry[1]), 0)
        return response

    def storable(self, request, response, private=False):
        if request.META.get("QUERY_STRING", "") != canonical_query(request):
            return False  # not the query its view named (allow_query): answered, not stored
        if not _canonical_path(request):
            return False  # "/fragen/007/feed/" for "/fragen/7/feed/": answered, not stored
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # a CSRF token was rendered: a form for this visitor only
        messages = getattr(request, "_messages", None)
        if messages is not None and getattr(messages, "_queued_messages", None):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        if _uses_a_nonce(response):
            return False  # a policy for this response only
        control = response.get("Cache-Control", "").lower()
        if not private and any(word in control for word in ("private", "no-store", "no-cache")):
            return False
        vary = [v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()]
        return all(v in HARMLESS_VARY for v in vary)

    def store(self, request, response, pending, options):
        etag = _etag(pending.address, pending.versions)
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in OWN_HEADERS
        ]
        headers.append(("ETag", etag))
        entry = (
            pending.deps,
            pending.versions,
            response.status_code,
            headers,
            response.content,
            False,
        )
        cache.set(KEY_PREFIX + pending.address, entry, timeout=options["TIMEOUT"])
        pending.stored = True
        _remember(pending.address, pending.deps)
        _public(response, etag, options["MAX_AGE"])
        conditional = get_conditional_response(request, etag=etag, response=response)
        return conditional if conditional is not None else response

    def store_private(self, response, pending, options):
        """Keep a response for later identical anonymous requests, with its own headers."""
        headers = list(response.items())
        entry = (pending.deps, pending.versions, response.status_code, headers, response.content)
        entry += (True,)
        cache.set(KEY_PREFIX + pending.address, entry, timeout=options["SEARCH_TIMEOUT"])
        pending.stored = True
        _remember(pending.address, pending.deps)
