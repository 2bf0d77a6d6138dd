"""The reply tree of a thread page: one ``Node`` per post placed on the page, the orders of the
threaded and the flat view (the same for permalinks, which compute the page of a post)."""


class Node:
    """A post with its visible children, for rendering the thread as a tree."""

    __slots__ = (
        "post",
        "children",
        "voted",
        "can_edit",
        "flag_count",
        "closes",
        # set by rendering.prepare for the posts on the page:
        "links",
        "created_iso",
        "created_label",
        "edited_label",
        "accepted",
        "show_body",
        "can_vote",
        "show_reply",
        "show_accept",
        "show_flag",
        "author_name",
        "author_institution",
        "card",
        "card_label",
    )

    def __init__(self, post):
        self.post = post
        self.children = []
        self.voted = False
        self.can_edit = False
        self.flag_count = 0
        self.links = None  # rendering.PostLinks
        self.closes = 0  # nested lists that end after this node (rendering.depth_first)

    @property
    def closing(self):
        return range(self.closes)


def top_level_order(replies, accepted_id):
    """Accepted answer first, then by votes, then oldest first (the same for permalinks)."""
    return sorted(replies, key=lambda p: (p.pk != accepted_id, -p.vote_count, p.created_at, p.pk))


def flat_order(posts):
    """The replies of the flat view, oldest first (the same for permalinks)."""
    replies = [post for post in posts if post.parent_id is not None]
    return sorted(replies, key=lambda p: (p.created_at, p.pk))


def build_tree(posts, accepted_id):
    nodes = {post.pk: Node(post) for post in posts}
    root = None
    top_level = []
    for post in posts:
        node = nodes[post.pk]
        if post.parent_id is None:
            root = node
        elif post.depth == 1:
            top_level.append(node)
        elif post.parent_id in nodes:
            nodes[post.parent_id].children.append(node)
    top_level = [nodes[p.pk] for p in top_level_order([n.post for n in top_level], accepted_id)]
    return root, top_level, nodes
