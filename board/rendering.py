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


def add_links(thread, nodes):
    make = LinkMaker(thread)
    for node in nodes:
        node.links = make(node.post)


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
