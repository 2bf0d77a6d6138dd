"""What the thread page needs per post, computed once per request instead of once per post in
the template.

Reversing a URL in a template (``{% url %}``) resolves the pattern every time; for a thread with
a few hundred posts and seven links each that was a large share of the page's server time. Here
each route is reversed once, with a marker number as the primary key, and the marker is replaced
by each post's key (the routes take ``<int:pk>``, so the result is what ``reverse`` would give).
The tree is also handed to the template depth-first, so one loop renders it instead of a
recursive include per post (``templates/board/includes/post_tree.html``), and each post's card
(meta line, text, actions) is built by ``PostCard`` in Python: through the template engine that
card was ~45 template nodes per post and most of the page's server time (bench/board.py).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

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


def _date_formatter():
    """``|date:"DATETIME_FORMAT"`` for many values: the format is looked up once."""
    fmt = get_format("DATETIME_FORMAT")

    def label(value):
        return dateformat.format(timezone.localtime(value), fmt)

    return label


def prepare(nodes, *, thread, user, moderator, can_reply, can_accept, csrf_token):
    """Everything the post template decides per post, decided here once per post.

    The thread page renders a few hundred posts; each ``{% if %}`` over ``user``, ``thread`` and
    ``post`` attributes and each ``|date`` in a template costs more than the same test in
    Python. ``node.card`` is the post's rendered card (``PostCard``).
    """
    label = _date_formatter()
    now = timezone.now()
    viewer_id = user.pk if user.is_authenticated else None
    accepted_id = thread.accepted_post_id
    make_links = LinkMaker(thread)
    staff = permissions.staff_roles(
        {node.post.author_id for node in nodes if not node.post.is_anonymous}
    )
    card = PostCard(
        moderator=moderator, csrf_token=csrf_token, visitor=viewer_id is None, staff=staff
    )
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
        node.can_vote = viewer_id is not None and not own and permissions.can_vote(user, post)
        node.show_reply = can_reply and public
        node.show_accept = can_accept and post.parent_id is not None and public
        node.show_flag = viewer_id is not None and not own and permissions.can_flag(user, post)
        author = post.author
        node.author_name = author.get_full_name() if author is not None else ""
        node.author_institution = author.institution if author is not None else ""
        node.card = card(node)
        node.card_label = card.label(node)


def vote_word(count):
    """ "Stimme" or "Stimmen" after a vote count (also sent to the script after a vote)."""
    return escape(ngettext("Stimme", "Stimmen", count))


class PostCard:
    """Renders one post's card (meta line, text, actions) for the thread page.

    A thread page shows up to a few hundred posts; rendering each through the template engine
    (``{% if %}``, ``{% translate %}``, variable lookups: ~45 nodes per post) was most of the
    page's server time. This builds the same markup with f-strings: words are translated once
    per request, every value from the database goes through ``escape`` except ``body_html``,
    which ``board.markdown`` sanitised when it was stored (``Post.current_body_html``).
    The markup is documented in ``templates/board/thread_detail.html``.
    """

    def __init__(self, *, moderator, csrf_token, visitor=False, staff=None):
        self.moderator = moderator
        # {author pk: staff role} (permissions.staff_roles): their named posts carry a badge.
        self.staff = staff or {}
        self.page_language = page_language()
        # A visitor's vote buttons are disabled; they point to the page's sign-in hint.
        self.vote_hint = ' aria-describedby="login-hint"' if visitor else ""
        self.csrf_input = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
            if csrf_token
            else ""
        )
        self.words = {
            "anonymous": escape(_("anonym")),
            "deleted": _("gelöschtes Konto"),
            "edited": escape(_("bearbeitet")),
            "accepted": escape(_("Akzeptierte Antwort")),
            "pending": escape(_("Wartet auf Freigabe")),
            "hidden": escape(_("Ausgeblendet")),
            "hidden_note": escape(_("Dieser Beitrag wurde von der Moderation ausgeblendet.")),
            "vote": escape(_("Hilfreich")),
            "unvote": escape(_("Stimme zurücknehmen")),
            "reply": escape(_("Antworten")),
            "unaccept": escape(_("Nicht mehr akzeptieren")),
            "accept": escape(_("Als Antwort akzeptieren")),
            "edit": escape(_("Bearbeiten")),
            "flag": escape(_("Melden")),
            "moderate": escape(_("Moderieren")),
            "versions": escape(_("Versionen")),
            permissions.STAFF_MODERATION: escape(pgettext("staff badge", "Moderation")),
            permissions.STAFF_EDITORIAL: escape(pgettext("staff badge", "Redaktion")),
        }
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

    def _kind(self, node):
        post = node.post
        kind = "question" if post.parent_id is None else "reply"
        return f"anonymous_{kind}" if post.is_anonymous else kind

    def _name(self, node):
        return node.author_name if node.post.author_id else str(self.words["deleted"])

    def label(self, node):
        """The card's accessible name, e.g. "Beitrag von Anna Beispiel, 3. Mai 2025, 10:00"."""
        return self.named[self._kind(node)] % {
            "name": self._name(node),
            "date": node.created_label,
        }

    def reply_label(self, node):
        """What the reply link answers, e.g. "auf den Beitrag von Anna Beispiel"."""
        return self.reply_to[self._kind(node)] % {"name": self._name(node)}

    def author(self, node):
        post, words = node.post, self.words
        if post.is_anonymous:
            html = words["anonymous"]
            if self.moderator:
                name = node.author_name or words["deleted"]
                seen = _("Moderation sieht: %(name)s") % {"name": name}
                html += f' <span class="badge badge--moderator">{escape(seen)}</span>'
        elif post.author_id:
            html = escape(node.author_name)
            if node.author_institution:
                institution = escape(node.author_institution)
                html += f' <span class="post-author__institution">({institution})</span>'
            role = self.staff.get(post.author_id)
            if role:
                html += f' <span class="badge badge--staff">{words[role]}</span>'
        else:
            html = escape(words["deleted"])
        return f'<span class="post-author">{html}</span>'

    def meta(self, node):
        post, words, links = node.post, self.words, node.links
        parts = [
            self.author(node),
            f' · <a class="post__permalink" href="{escape(links.permalink)}">'
            f'<time datetime="{node.created_iso}">{escape(node.created_label)}</time></a>',
        ]
        if node.edited_label:
            parts.append(
                f' · <span class="post__edited" title="{escape(node.edited_label)}">'
                f"{words['edited']}</span>"
            )
        if node.accepted:
            parts.append(f' <span class="badge badge--answered">{words["accepted"]}</span>')
        if post.is_pending:
            parts.append(f' <span class="badge badge--pending">{words["pending"]}</span>')
        elif post.is_hidden and self.moderator:
            parts.append(f' <span class="badge badge--hidden">{words["hidden"]}</span>')
        if node.flag_count:
            flags = ngettext("%(counter)s Meldung", "%(counter)s Meldungen", node.flag_count) % {
                "counter": node.flag_count
            }
            parts.append(f' <span class="badge badge--flagged">{escape(flags)}</span>')
        return f'<header class="post__meta">{"".join(parts)}</header>'

    def body(self, node):
        post, words = node.post, self.words
        reason = post.hidden_reason
        if node.show_body:
            lang = lang_attribute(post.language, self.page_language)
            html = f'<div class="post__body prose"{lang}>{post.current_body_html()}</div>'
            if post.is_hidden:
                note = _("Ausgeblendet. Grund: %(reason)s") % {"reason": reason}
                html += f'<p class="post__hidden">{escape(note)}</p>'
            return html
        note = words["hidden_note"]
        if reason:
            note += " " + escape(_("Grund: %(reason)s") % {"reason": reason})
        return f'<p class="post__hidden">{note}</p>'

    def actions(self, node):
        post, words, links = node.post, self.words, node.links
        parts = []
        if not post.is_hidden:
            voted = node.voted
            label = words["unvote"] if voted else words["vote"]
            parts.append(
                f'<form class="vote-form" method="post" action="{escape(links.vote)}" data-vote>'
                f"{self.csrf_input}"
                f'<input type="hidden" name="action" value="{"unvote" if voted else "vote"}">'
                f'<button type="submit" class="vote-button" data-label-vote="{words["vote"]}"'
                f' data-label-unvote="{words["unvote"]}"'
                f' aria-pressed="{"true" if voted else "false"}"'
                f"{'' if node.can_vote else ' disabled'}{self.vote_hint}>"
                f'<span aria-hidden="true">▲</span> {label}</button>'
                f' <span class="vote-count" aria-live="polite"><span data-vote-count>'
                f"{post.vote_count}</span> <span data-vote-word>{vote_word(post.vote_count)}"
                "</span></span>"
                f' <span class="visually-hidden" data-vote-status aria-live="polite"></span>'
                "</form>"
            )
            if node.show_reply:
                to_post = escape(self.reply_label(node))
                parts.append(
                    f'<a class="post__action" href="{escape(links.reply)}">{words["reply"]}'
                    f'<span class="visually-hidden"> {to_post}</span></a>'
                )
            if node.show_accept:
                if node.accepted:
                    button = (
                        '<input type="hidden" name="action" value="unaccept">'
                        f'<button type="submit" class="link-button">{words["unaccept"]}</button>'
                    )
                else:
                    button = f'<button type="submit" class="link-button">{words["accept"]}</button>'
                parts.append(
                    f'<form method="post" action="{escape(links.accept)}" class="inline-form">'
                    f"{self.csrf_input}{button}</form>"
                )
            if node.can_edit:
                parts.append(
                    f'<a class="post__action" href="{escape(links.edit)}">{words["edit"]}</a>'
                )
            if node.show_flag:
                parts.append(
                    f'<a class="post__action" href="{escape(links.flag)}">{words["flag"]}</a>'
                )
        if self.moderator:
            parts.append(
                f'<a class="post__action" href="{escape(links.moderate)}">{words["moderate"]}</a>'
            )
            if post.edited_at:
                parts.append(
                    f'<a class="post__action" href="{escape(links.history)}">'
                    f"{words['versions']}</a>"
                )
        return f'<div class="post__actions">{" ".join(parts)}</div>'

    def __call__(self, node):
        return mark_safe(self.meta(node) + self.body(node) + self.actions(node))  # noqa: S308 - every value escaped above; body_html sanitised on save
