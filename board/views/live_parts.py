"""The personal parts of live polls (``board/polling.py``): what a poll after a change adds to
the rendering shared by the reader's role class, for this reader only."""

from django.db.models import Count, Q
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import permissions, polling, rendering
from ..models import Post, Thread, Vote
from ..tree import Node
from .base import VIEW_FLAT, chosen_view


def own_questions(request, view_kwargs, role):
    """A live poll's personal part of a question list: the mark „Ihre Frage“ on the reader's
    own questions (``live.js`` adds it to the items on the page)."""
    own = Thread.objects.filter(author_id=request.user.pk).values_list("pk", flat=True)
    badge = format_html('<span class="badge" data-own-badge>{}</span>', _("Ihre Frage"))
    return {"badges": {f"frage-{pk}": badge for pk in own}} if own else {}


def personal_parts(request, view_kwargs, role):
    """A live poll's personal part of a thread page (``board/polling.py``): the cards of the
    reader's own posts and of the posts they voted for, as their full page would show them, and
    their own posts waiting for approval with the post they answer. ``None`` where the page
    differs more for this reader than the role class's (the asker, who accepts answers; a
    thread the role class cannot open)."""
    user = request.user
    moderator = role == polling.MODERATOR
    pk = view_kwargs.get("pk")
    # Most readers of a busy thread neither wrote in it nor voted: two small queries say so.
    asker = Thread.objects.filter(pk=pk).values_list("author_id", flat=True).first()
    if asker == user.pk and not moderator:
        return None  # accepts answers; or the question still waits for approval
    if not Post.objects.filter(Q(author_id=user.pk) | Q(votes__user_id=user.pk), thread_id=pk)[:1]:
        return {}
    # The middleware puts the reader's token in.
    return personal_cards(request, pk, moderator=moderator, csrf_token=polling.poll_marker(request))


def personal_cards(request, pk, *, moderator, csrf_token, staff=None):
    """The cards of the reader's own posts and of the posts they voted for in thread ``pk``, as
    their full page shows them (``{"cards": {anchor: html}, "pending": [...], "flat": bool}``,
    the forms with ``csrf_token``; ``staff``: the authors' staff roles, if known); ``None``
    where the page differs more for this reader (the asker, who accepts answers; a thread they
    cannot open). Live polls send them to the page (``personal_parts``); the participants'
    shared thread page puts them in (``board/thread_page.py``)."""
    user = request.user
    thread = (
        Thread.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("edition", "accepted_post")
        .first()
    )
    if thread is None or (permissions.can_accept(user, thread) and not moderator):
        return None
    voted = set(
        Vote.objects.filter(user=user, post__thread=thread).values_list("post_id", flat=True)
    )
    posts = list(
        Post.objects.placed_for(user)
        .filter(thread=thread)
        .filter(Q(author=user) | Q(pk__in=voted))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    if not posts:
        return {}
    nodes = []
    for post in posts:
        post.thread = thread
        node = Node(post)
        node.voted = post.pk in voted
        nodes.append(node)
    if moderator:
        flags = dict(
            Post.objects.filter(pk__in=[post.pk for post in posts], flags__resolution="")
            .annotate(n=Count("flags"))
            .values_list("pk", "n")
        )
        for node in nodes:
            node.flag_count = flags.get(node.post.pk, 0)
    rendering.prepare(
        nodes,
        thread=thread,
        user=user,
        moderator=moderator,
        can_reply=permissions.can_reply(user, thread),
        can_accept=moderator,
        csrf_token=csrf_token,
        staff=staff,
    )
    flat = chosen_view(request)[0] == VIEW_FLAT
    pending = []
    for node in nodes:
        post = node.post
        if not post.is_pending or post.parent_id is None:
            continue
        context = ""
        if flat and post.depth > 1:
            context = format_html(
                '<p class="post__context"><a href="{}">{}</a></p>',
                node.links.parent,
                _("Antwort auf einen früheren Beitrag"),
            )
        pending.append(
            {
                "id": post.anchor,
                "parent": "" if flat or post.depth == 1 else Post(pk=post.parent_id).anchor,
                "html": format_html(
                    '<li class="{}" id="{}" data-live-item>'
                    '<article class="post__card" data-card aria-label="{}">{}{}</article></li>',
                    "post" if flat else f"post post--depth-{post.depth}",
                    post.anchor,
                    node.card_label,
                    context,
                    node.card,
                ),
            }
        )
    cards = {node.post.anchor: str(node.card) for node in nodes if not node.post.is_pending}
    return {"cards": cards, "pending": pending, "flat": flat}
