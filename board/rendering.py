"""What the thread page needs per post, computed once per request instead of once per post in
the template.

Reversing a URL in a template (``{% url %}``) resolves the pattern every time; for a thread with
a few hundred posts and seven links each that was a large share of the page's server time. Here
each route is reversed once, with a marker number as the primary key, and the marker is replaced
by each post's key (the routes take ``<int:pk>``, so the result is what ``reverse`` would give).
The tree is also handed to the template depth-first, so one loop renders it instead of a
recursive include per post (``templates/board/includes/post_tree.html``). Each post's card
(meta line, text, actions) is rendered from ``templates/board/includes/post_card.html`` by
``PostCard`` through a fragment cache keyed on everything the card shows, so a page of a few
hundred posts renders only the cards that changed since they were last shown (bench/board.py).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import permissions

_MARKER = "987654321"

#: Link name -> route taking the post's primary key.
POST_ROUTES = {
    "permalink": "board:post",
    "vote": "board:vote",
    "accept": "board:accept",
    "edit": "board:edit",
    "flag": "board:flag",
    "history": "board:history",
    "moderate": "board_admin:post",
}


class PostLinks:
    """The URLs of one post's actions (attributes named as in ``POST_ROUTES``, plus ``reply``
    and ``parent``, the permalink of the post it answers)."""

    __slots__ = (*POST_ROUTES, "reply", "parent")


class LinkMaker:
    def __init__(self, thread):
        self.patterns = {
            name: reverse(route, args=[_MARKER]) for name, route in POST_ROUTES.items()
        }
        self.reply = reverse("board:reply", args=[thread.pk]) + "?auf="

    def __call__(self, post):
        links = PostLinks()
        pk = str(post.pk)
        for name, pattern in self.patterns.items():
            setattr(links, name, pattern.replace(_MARKER, pk))
        links.reply = self.reply + pk
        links.parent = (
            self.patterns["permalink"].replace(_MARKER, str(post.parent_id))
            if post.parent_id
            else ""
        )
        return links


def depth_first(nodes):
    """``nodes`` and their descendants in document order; ``node.closes`` is the number of nested
    lists (``</ol></li>``) that end right after the node's own ``</li>``."""
    ordered = []

    def visit(node):
        ordered.append(node)
        node.closes = 0
        for child in node.children:
            visit(child)
        if node.children:
            ordered[-1].closes += 1

    for node in nodes:
        visit(node)
    return ordered


def page_language():
    """The language of the page being rendered ("de" or "en")."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def lang_attribute(language, page=None):
    """`` lang="…"`` for text written in ``language`` when the page is in another language
    (WCAG 3.1.2: a German question on an English page is read with German pronunciation),
    else ``""``."""
    if not language or language == (page or page_language()):
        return ""
    return f' lang="{escape(language)}"'


def date_formatter():
    """``|date:"DATETIME_FORMAT"`` for many values: the format is looked up once."""
    fmt = get_format("DATETIME_FORMAT")

    def label(value):
        return dateformat.format(timezone.localtime(value), fmt)

    return label


def prepare(nodes, *, thread, user, moderator, can_reply, can_accept, csrf_token, staff=None):
    """Everything the post template decides per post, decided here once per post.

    The thread page renders a few hundred posts; each ``{% if %}`` over ``user``, ``thread`` and
    ``post`` attributes and each ``|date`` in a template costs more than the same test in
    Python. ``node.card`` is the post's rendered card (``PostCard``). ``staff``: the authors'
    staff roles (``permissions.staff_roles``) where the caller knows them already; returned.
    """
    label = date_formatter()
    now = timezone.now()
    viewer_id = user.pk if user.is_authenticated else None
    accepted_id = thread.accepted_post_id
    make_links = LinkMaker(thread)
    if staff is None:
        staff = permissions.staff_roles(
            {node.post.author_id for node in nodes if not node.post.is_anonymous}
        )
    card = PostCard(
        moderator=moderator, csrf_token=csrf_token, visitor=viewer_id is None, staff=staff
    )
    # Every post of the page shares the thread and the reader, and the vote and flag rules read
    # nothing else of a post than whether the reader wrote it and its state: ask each rule once
    # per such combination instead of once per post.
    decided = {}

    def allowed(rule, post, own):
        key = (rule, own, post.visibility)
        if key not in decided:
            decided[key] = permissions.can(user, rule, post)
        return decided[key]

    for node in nodes:
        post = node.post
        node.links = make_links(post)
        node.created_iso = timezone.localtime(post.created_at).isoformat()
        node.created_label = label(post.created_at)
        node.edited_label = label(post.edited_at) if post.edited_at else ""
        node.accepted = post.pk == accepted_id
        own = viewer_id is not None and post.author_id == viewer_id
        # The rules of board/rules.py, asked only where their answer is not already known.
        node.can_edit = moderator or (own and permissions.can_edit_post(user, post, now=now))
        public = post.is_public
        node.show_body = moderator or not post.is_hidden
        node.can_vote = viewer_id is not None and not own and allowed("board.vote_post", post, own)
        node.show_reply = can_reply and public
        node.show_accept = can_accept and post.parent_id is not None and public
        node.show_flag = viewer_id is not None and not own and allowed("board.flag_post", post, own)
        author = post.author
        node.author_name = author.get_full_name() if author is not None else ""
        node.author_institution = author.institution if author is not None else ""
        node.card_label = card.label(node)
    card.fill(nodes)
    return staff


def vote_word(count):
    """ "Stimme" or "Stimmen" after a vote count (also sent to the script after a vote)."""
    return escape(ngettext("Stimme", "Stimmen", count))


#: Bump when post_card.html changes its markup: cached cards of the old markup are then unused.
CARD_TEMPLATE_VERSION = 2
CARD_TEMPLATE = "board/includes/post_card.html"
CARD_CACHE_SECONDS = 24 * 3600
# Where the card template puts the CSRF field: cards are cached for every reader alike, the
# reader's token goes in after the cache.
_CSRF_PLACEHOLDER = mark_safe("<!--csrf-->")


class PostCard:
    """Renders each post's card (meta line, text, actions) from ``post_card.html``, through a
    fragment cache.

    A card's cache key holds everything the card shows: the post (id, thread, parent, version,
    HTML version, edit time, state, reason, votes), its author's public name, institution and
    staff badge, what the reader sees and may do with it (moderator or visitor, voted, and the
    answers of the rules: vote, edit, reply, accept, flag), and the language and time zone of
    the page. So a key never names stale content and nothing has to be deleted; a thread page
    of a few hundred posts reads all its cards in one ``get_many`` and renders only the missing
    ones.
    """

    def __init__(self, *, moderator, csrf_token, visitor=False, staff=None):
        self.moderator = moderator
        self.visitor = visitor
        # {author pk: staff role} (permissions.staff_roles): their named posts carry a badge.
        self.staff = staff or {}
        self.page_language = page_language()
        self.timezone = timezone.get_current_timezone_name()
        self.csrf_input = (
            format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token)
            if csrf_token
            else ""
        )
        self.template = get_template(CARD_TEMPLATE)
        # What a post is called for screen readers (its card, its reply link): by its author
        # and date, not by its number; anonymous posts never name anyone, even to moderators.
        self.named = {
            "question": _("Frage von %(name)s, %(date)s"),
            "reply": _("Beitrag von %(name)s, %(date)s"),
            "anonymous_question": _("Anonyme Frage, %(date)s"),
            "anonymous_reply": _("Anonymer Beitrag, %(date)s"),
        }
        self.reply_to = {
            "question": _("auf die Frage von %(name)s"),
            "reply": _("auf den Beitrag von %(name)s"),
            "anonymous_question": _("auf die anonyme Frage"),
            "anonymous_reply": _("auf den anonymen Beitrag"),
        }
        self.deleted = _("gelöschtes Konto")

    def _kind(self, node):
        post = node.post
        kind = "question" if post.parent_id is None else "reply"
        return f"anonymous_{kind}" if post.is_anonymous else kind

    def _name(self, node):
        return node.author_name if node.post.author_id else self.deleted

    def label(self, node):
        """The card's accessible name, e.g. "Beitrag von Anna Beispiel, 3. Mai 2025, 10:00"."""
        return self.named[self._kind(node)] % {
            "name": self._name(node),
            "date": node.created_label,
        }

    def reply_label(self, node):
        """What the reply link answers, e.g. "auf den Beitrag von Anna Beispiel"."""
        return self.reply_to[self._kind(node)] % {"name": self._name(node)}

    def key(self, node):
        """The cache key: a digest of everything the card shows."""
        post = node.post
        shown = (
            CARD_TEMPLATE_VERSION,
            post.pk,
            post.created_at,  # with the pk: this post, even where a database reuses numbers
            post.thread_id,  # the reply link names the thread (a merge moves replies)
            post.parent_id,
            post.version,
            post.html_version,
            post.edited_at,
            post.visibility,
            post.hidden_reason,
            post.vote_count,
            post.is_anonymous,
            post.author_id,
            post.language,
            node.author_name,
            node.author_institution,
            self.staff.get(post.author_id),
            node.accepted,
            node.flag_count,
            node.voted,
            node.can_vote,
            node.can_edit,
            node.show_body,
            node.show_reply,
            node.show_accept,
            node.show_flag,
            self.moderator,
            self.visitor,
            self.page_language,
            self.timezone,
        )
        digest = hashlib.sha1(repr(shown).encode(), usedforsecurity=False).hexdigest()
        return f"board:card:{digest}"

    def render(self, node):
        post = node.post
        return self.template.render(
            {
                "node": node,
                "post": post,
                "moderator": self.moderator,
                "visitor": self.visitor,
                "staff_role": self.staff.get(post.author_id) if not post.is_anonymous else None,
                "lang_attribute": mark_safe(lang_attribute(post.language, self.page_language)),  # noqa: S308 - escaped in lang_attribute
                "body_html": post.current_body_html() if node.show_body else "",
                "reply_label": self.reply_label(node) if node.show_reply else "",
                "csrf_input": _CSRF_PLACEHOLDER,
            }
        )

    def fill(self, nodes):
        """Set ``node.card`` for every node: cached cards in one read, the others rendered and
        stored; the reader's CSRF field goes in last."""
        keys = {node: self.key(node) for node in nodes}
        cached = cache.get_many(list(set(keys.values())))
        missing = {}
        for node, key in keys.items():
            html = cached.get(key)
            if html is None:
                html = missing.get(key) or self.render(node)
                missing[key] = html
            node.card = mark_safe(html.replace(_CSRF_PLACEHOLDER, self.csrf_input))  # noqa: S308 - the template escaped every value; body_html sanitised on save
        if missing:
            cache.set_many(missing, CARD_CACHE_SECONDS)
