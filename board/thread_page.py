"""A signed-in participant's thread page, from a rendering shared by all participants (issue 9:
the page must cost a participant a fraction of a full rendering).

A thread page differs between two participants only where it shows the person: their name in
the header, their CSRF token in the forms, whether they follow the thread, and the cards of
their own posts and of the posts they voted for (the vote button, the edit link). Everything
else is decided by the role class (``board/rules.py`` asks only whether someone is a
participant, a moderator, or the author). So the page is rendered once per key (below) as
``polling.stand_in(PARTICIPANT)`` – an account that is nobody: it wrote nothing, voted for
nothing, follows nothing – with markers where each reader's own parts go, and kept in the cache
as segments. Each participant's request then costs the session, the account, one query (do
they follow the thread, did they write or vote in it) and two cache reads; the cards of their
own and voted posts are rendered for them alone (``views/live_parts.personal_cards``, the same
cards as their full page and their live polls).

Markers carry a random nonce made for each rendering, so no text a person wrote (made before the
rendering) can pose as one; every marker is replaced before the page leaves. The shared
rendering holds no CSRF token (``polling.render_as`` refuses a rendering that asked for one),
and nothing of the person who happened to cause it.

Rendered per person as before (``serve`` answers ``None``): visitors (the anonymous page cache,
``home/page_cache.py``, serves them), moderators and anyone with access to the admin (their
buttons, the user bar), the asker (accepting answers, the status form), a reader with own posts
waiting for approval in the thread, a request with messages to show, a preview, a thread the
stand-in may not open (a question still waiting for approval), and anything but a plain 200.

Where a rendering is kept: the host, the language, the path with its query string (only the
page's own parameters, ``seite`` as a number and ``ansicht``, each once; any other query string
renders per person and stores nothing, so junk addresses fill no cache), the reader's view
(threaded or flat, from the cookie), today's date in the site's time zone (the live phase is
the edition's day) and :data:`MARKUP` (bump it when the thread page's templates change). It is
kept with the versions of the site and of the thread (``home/versions.py``) it was rendered
under and used only while they are current; both are read in one round trip with the
rendering, and before rendering, like the page cache: a copy rendered while a change commits
lands under the old versions.
"""

import functools
import hashlib
import re

from django.contrib import messages
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from home import versions

from . import permissions, polling
from .models import Post, Subscription, Vote
from .polling import marker, new_nonce

#: Bump when the thread page's markup changes: copies of the old markup are then unused.
MARKUP = 1
PREFIX = "board:thread-page:"
SECONDS = 600  # like the page cache: a version bump the cache missed lives no longer
FOLLOW_FORM = "board/includes/thread_follow_form.html"
ADMIN_ACCESS = "wagtailadmin.access_admin"

#: Off: every participant's page is rendered for them alone (tests and bench compare).
SHARED = True

_NONCE_ATTRIBUTE = "_thread_page_nonce"


def nonce_of(request):
    """The nonce of the shared rendering in progress (``None`` in a person's own rendering)."""
    return getattr(request, _NONCE_ATTRIBUTE, None)


def follow_slot(request):
    """Where the page's follow button goes: a marker in a shared rendering, else ``""`` (the
    template renders this reader's button)."""
    nonce = nonce_of(request)
    return marker(nonce, "follow") if nonce else ""


def mark_cards(request, nodes, staff):
    """In a shared rendering, enclose each card in markers named after its post's anchor, so a
    reader's own and voted posts get their own cards; ``staff`` (the authors' staff roles) is
    kept with the rendering for those cards."""
    nonce = nonce_of(request)
    if not nonce:
        return
    request._thread_page_staff = staff
    end = marker(nonce, "end")
    for node in nodes:
        node.card = mark_safe(marker(nonce, f"card-{node.post.anchor}") + node.card + end)  # noqa: S308 - markers are letters, digits and dashes; the card is safe already


class Rendering:
    """A shared rendering, kept in the cache: the page as segments (:func:`split`), the follow
    button in both states (segments too), the asker (whose page is rendered for them) and the
    staff roles of the page's authors (``{pk: role}``, for the cards rendered per reader)."""

    def __init__(self, segments, follow, asker_id, staff):
        self.segments = segments
        self.follow = follow
        self.asker_id = asker_id
        self.staff = staff


def split(html, nonce):
    """The page's text and its slots, in order: text is a ``str``; a slot is ``("csrf",)``,
    ``("name",)``, ``("follow",)``, ``("card", anchor)`` (a card begins) or ``("end",)`` (it
    ends)."""
    pattern = re.compile(re.escape(marker(nonce, "")) + r"(csrf|name|follow|end|card-[\w-]+)")
    segments, start = [], 0
    for match in pattern.finditer(html):
        segments.append(html[start : match.start()])
        kind = match.group(1)
        segments.append(("card", kind[5:]) if kind.startswith("card-") else (kind,))
        start = match.end()
    segments.append(html[start:])
    return segments


def eligible(request):
    """Whether this request may get the participants' shared rendering."""
    user = request.user
    if not SHARED or request.method != "GET" or getattr(request, "is_preview", False):
        return False
    if polling.is_shared_render(request) or polling.is_poll(request):
        return False
    if not permissions.is_participant(user) or permissions.is_moderator(user):
        return False
    if user.has_perm(ADMIN_ACCESS):
        return False  # Wagtail's user bar, rendered for the person
    if not canonical_query(request.GET):
        return False
    return not messages.get_messages(request)  # messages are shown once, to their person


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,4}")


def canonical_query(query):
    """Whether the query string holds only the page's own parameters, each once: ``seite`` (a
    page number) and ``ansicht`` (threaded or flat)."""
    from .views.base import VIEW_FLAT, VIEW_PARAM, VIEW_THREADED

    for name, values in query.lists():
        if len(values) != 1:
            return False
        if name == "seite" and PAGE_NUMBER.fullmatch(values[0]):
            continue
        if name != VIEW_PARAM or values[0] not in (VIEW_FLAT, VIEW_THREADED):
            return False
    return True


def address(request, reader_view):
    """Where the page's shared rendering is kept (its versions are kept with it)."""
    raw = "|".join(
        (
            str(MARKUP),
            request.get_host(),
            get_language() or "",
            request.get_full_path(),
            reader_view,
            timezone.localdate().isoformat(),
            timezone.get_current_timezone_name(),
        )
    )
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def lookup(entry_key, pk):
    """(the stored rendering if it was made under the current versions, else ``None``; the
    current versions), in one round trip to the cache."""
    names = (versions.SITE, versions.thread_key(pk))
    found = cache.get_many([entry_key, *(versions.PREFIX + name for name in names)])
    current = {name: found.get(versions.PREFIX + name) for name in names}
    missing = [name for name, value in current.items() if value is None]
    if missing:
        current.update(versions.get(*missing))
    entry = found.get(entry_key)
    if entry is not None and entry[0] == current:
        return entry[1], current
    return None, current


def render_for_all(request, render):
    """Render the page as the participants' stand-in (``render()``: the view's own rendering)
    and cut it into a :class:`Rendering`; ``None`` if it cannot be shared."""
    nonce = new_nonce()
    csrf = marker(nonce, "csrf")
    stand_in = polling.stand_in(polling.PARTICIPANT)
    stand_in.display_name = marker(nonce, "name")
    setattr(request, _NONCE_ATTRIBUTE, nonce)
    try:
        response = polling.render_as(request, stand_in, render, placeholder=csrf)
    finally:
        delattr(request, _NONCE_ATTRIBUTE)
    if response is None:
        return None
    html = response.content.decode()
    if polling.holds_other_tokens(html, csrf):
        return None  # a token that is not the placeholder: never shared
    thread = response.context_data["thread"]
    follow = {
        following: split(
            render_to_string(
                FOLLOW_FORM, {"thread": thread, "is_subscribed": following, "csrf_token": csrf}
            ),
            nonce,
        )
        for following in (False, True)
    }
    staff = request.__dict__.pop("_thread_page_staff", {})
    return Rendering(split(html, nonce), follow, thread.author_id, staff)


@functools.cache
def _reader_state_sql():
    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    def column(model, field):
        return f"{table(model)}.{connection.ops.quote_name(model._meta.get_field(field).column)}"

    sub, post, vote = table(Subscription), table(Post), table(Vote)
    follows = f"{column(Subscription, 'thread')} = %s AND {column(Subscription, 'user')} = %s"
    wrote = f"{column(Post, 'thread')} = %s AND {column(Post, 'author')} = %s"
    voted = f"{column(Post, 'thread')} = %s AND {column(Vote, 'user')} = %s"
    joined = f"{vote} INNER JOIN {post} ON {column(Vote, 'post')} = {column(Post, 'id')}"
    # Names from the models' meta; the values are parameters.
    return (
        f"SELECT EXISTS(SELECT 1 FROM {sub} WHERE {follows}),"  # noqa: S608
        f" EXISTS(SELECT 1 FROM {post} WHERE {wrote}),"
        f" EXISTS(SELECT 1 FROM {joined} WHERE {voted})"
    )


def reader_state(pk, user):
    """(follows the thread, wrote in it, voted in it) for ``user``, in one query.

    Written out in SQL: built by the ORM, these three ``EXISTS`` cost about 70 times as much
    Python as the database takes to answer them, more than the rest of the shared page."""
    with connection.cursor() as cursor:
        cursor.execute(_reader_state_sql(), [pk, user.pk] * 3)
        return tuple(bool(value) for value in cursor.fetchone())


def serve(request, pk, render, reader_view):
    """This participant's thread page from the shared rendering, or ``None``: render it for
    them (see the module's docstring). ``render()`` is the view's own rendering of the page."""
    from .views.live_parts import personal_cards  # views import this module

    if not eligible(request):
        return None
    user = request.user
    entry_key = address(request, reader_view)
    shared, current = lookup(entry_key, pk)
    if shared is None:
        # The versions were read before rendering: a rendering made while a change commits is
        # kept under the versions before it, which the change's bump makes stale.
        shared = render_for_all(request, render)
        if shared is None:
            return None
        cache.set(entry_key, (current, shared), SECONDS)
    if shared.asker_id is not None and shared.asker_id == user.pk:
        return None  # accepts answers and sets the status
    following, wrote, voted = reader_state(pk, user)
    token = get_token(request)
    cards = {}
    if wrote or voted:
        own = personal_cards(request, pk, moderator=False, csrf_token=token, staff=shared.staff)
        if own is None or own.get("pending"):
            return None  # the page differs more for this reader: render it for them
        cards = own.get("cards", {})
    fill = {"csrf": token, "name": escape(user.get_short_name())}
    parts = []
    replacing = False
    for segment in shared.segments:
        if replacing:
            replacing = segment != ("end",)
        elif isinstance(segment, str):
            parts.append(segment)
        elif segment[0] == "card":
            if segment[1] in cards:
                parts.append(cards[segment[1]])
                replacing = True
        elif segment[0] == "follow":
            parts.extend(
                fill[part[0]] if isinstance(part, tuple) else part
                for part in shared.follow[following]
            )
        elif segment[0] != "end":
            parts.append(fill[segment[0]])
    request._thread_page_shared = True
    return HttpResponse("".join(parts))
