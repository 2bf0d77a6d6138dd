"""What the thread page needs per post, computed once per request instead of once per post in
the template.

Reversing a URL in a template (``{% url %}``) resolves the pattern every time; for a thread with
a few hundred posts and seven links each that was a large share of the page's server time. Here
each route is reversed once, with a marker number as the primary key, and the marker is replaced
by each post's key (the routes take ``<int:pk>``, so the result is what ``reverse`` would give).
The tree is also handed to the template depth-first, so one loop renders it instead of a
recursive include per post (``templates/board/includes/post_tree.html``).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

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


def _date_formatter():
    """``|date:"j. F Y, H:i"`` for many values: the month names are translated once."""
    months = {number: str(name) for number, name in MONTHS.items()}

    def label(value):
        local = timezone.localtime(value)
        return f"{local.day}. {months[local.month]} {local.year}, {local:%H:%M}"

    return label


def prepare(nodes, *, thread, user, moderator, can_reply, can_accept):
    """Everything the post template decides per post, decided here once per post.

    The thread page renders a few hundred posts; each ``{% if %}`` over ``user``, ``thread`` and
    ``post`` attributes and each ``|date`` in the template costs more than the same test in
    Python. The template (``board/includes/post_body.html``) only reads these flags.
    """
    label = _date_formatter()
    viewer_id = user.pk if user.is_authenticated else None
    accepted_id = thread.accepted_post_id
    make_links = LinkMaker(thread)
    for node in nodes:
        post = node.post
        node.links = make_links(post)
        node.created_iso = timezone.localtime(post.created_at).isoformat()
        node.created_label = label(post.created_at)
        node.edited_label = label(post.edited_at) if post.edited_at else ""
        node.accepted = post.pk == accepted_id
        own = viewer_id is not None and post.author_id == viewer_id
        public = post.is_public
        node.show_body = moderator or not post.is_hidden
        node.can_vote = viewer_id is not None and not own and public
        node.show_reply = can_reply and public
        node.show_accept = can_accept and post.parent_id is not None and public
        node.show_flag = viewer_id is not None and not own
        author = post.author
        node.author_name = author.get_full_name() if author is not None else ""
        node.author_institution = author.institution if author is not None else ""


def labels():
    """Words the post template repeats for every post, translated once per request."""
    return {
        "vote": _("Hilfreich"),
        "unvote": _("Stimme zurücknehmen"),
        "votes": _("Stimmen"),
        "reply": _("Antworten"),
        "flag": _("Melden"),
    }
