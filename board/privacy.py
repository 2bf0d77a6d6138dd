"""A participant's own data: the export (everything stored about them, as JSON) and the erasure of
their account.

Erasure keeps what the person wrote (DESIGN: "nothing a participant wrote is lost when they
leave"): questions and replies stay, without an author, and show as "gelöschtes Konto" everywhere
(``Post.public_author_name``, ``templates/board/includes/author.html``, feeds, exports). Everything
that identifies the person goes: the account row (name, institution, e-mail, password), the e-mail
addresses allauth keeps, sessions, votes, subscriptions; flags they filed and former versions they
saved lose the link to them. Posts and threads are saved one by one (not with a bulk update), so
the search app's ``post_save`` route re-indexes each of them after the commit.

``accounts`` sits below ``board`` and knows nothing of it; the views are in
``board/views/privacy.py``.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from allauth.account.models import EmailAddress

from accounts.sessions import end_sessions

from .models import Flag, Post, PostRevision, Subscription, Thread, Vote
from .services import BoardError, recount_post_votes

EXPORT_FORMAT_VERSION = 1


def _iso(value):
    return value.isoformat() if value else None


def _email_addresses(user):
    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    ]


def export_user_data(*, user, now=None):
    """Everything the site stores about ``user`` (and nobody else's personal data), as a dict
    that ``json.dumps`` accepts."""
    now = now or timezone.now()
    posts = (
        Post.objects.filter(author=user)
        .select_related("thread", "thread__edition")
        .prefetch_related("revisions")
        .order_by("created_at", "pk")
    )
    revisions_by_user = PostRevision.objects.filter(edited_by=user).select_related("post__thread")
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": _iso(now),
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "institution": user.institution,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": _email_addresses(user),
        },
        "questions": [
            {
                "id": thread.pk,
                "title": thread.title,
                "url": thread.get_absolute_url(),
                "edition": thread.edition.title,
                "phase": thread.phase,
                "status": thread.status,
                "visibility": thread.visibility,
                "is_anonymous": thread.is_anonymous,
                "created_at": _iso(thread.created_at),
            }
            for thread in Thread.objects.filter(author=user)
            .select_related("edition")
            .order_by("created_at", "pk")
        ],
        "posts": [
            {
                "id": post.pk,
                "thread_id": post.thread_id,
                "thread_title": post.thread.title,
                "url": post.get_absolute_url(),
                "is_question": post.is_question,
                "in_reply_to": post.parent_id,
                "text_markdown": post.body,
                "created_at": _iso(post.created_at),
                "edited_at": _iso(post.edited_at),
                "visibility": post.visibility,
                "hidden_reason": post.hidden_reason,
                "is_anonymous": post.is_anonymous,
                "version": post.version,
                "former_versions": [
                    {
                        "version": revision.version,
                        "title": revision.title,
                        "text_markdown": revision.body,
                        "replaced_at": _iso(revision.created_at),
                        "saved_by_you": revision.edited_by_id == user.pk,
                    }
                    for revision in post.revisions.all()
                ],
            }
            for post in posts
        ],
        "revisions_you_saved_on_other_posts": [
            {
                "post_id": revision.post_id,
                "thread_title": revision.post.thread.title,
                "version": revision.version,
                "title": revision.title,
                "text_markdown": revision.body,
                "replaced_at": _iso(revision.created_at),
            }
            for revision in revisions_by_user.exclude(post__author=user).order_by("created_at")
        ],
        "votes": [
            {
                "post_id": vote.post_id,
                "thread_title": vote.post.thread.title,
                "url": vote.post.get_absolute_url(),
                "created_at": _iso(vote.created_at),
            }
            for vote in Vote.objects.filter(user=user)
            .select_related("post__thread")
            .order_by("created_at", "pk")
        ],
        "flags": [
            {
                "post_id": flag.post_id,
                "thread_title": flag.post.thread.title,
                "reason": flag.reason,
                "text": flag.text,
                "created_at": _iso(flag.created_at),
                "resolution": flag.resolution,
                "resolved_at": _iso(flag.resolved_at),
            }
            for flag in Flag.objects.filter(reporter=user)
            .select_related("post__thread")
            .order_by("created_at", "pk")
        ],
        "subscriptions": [
            {
                "kind": "thread"
                if subscription.thread_id
                else ("edition" if subscription.edition_id else "topic"),
                "title": str(subscription.target),
                "url": subscription.get_absolute_url(),
                "language": subscription.language,
                "created_at": _iso(subscription.created_at),
            }
            for subscription in Subscription.objects.filter(user=user)
            .select_related("thread", "edition", "topic")
            .order_by("created_at", "pk")
        ],
    }


@transaction.atomic
def delete_account(*, user):
    """Erase the account of ``user``; what they wrote stays as "gelöschtes Konto".

    Returns the number of posts that stay without an author.
    """
    user_model = get_user_model()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    if user.is_superuser:
        raise BoardError(
            _(
                "Ein Administrationskonto kann nicht selbst gelöscht werden. Bitte wenden Sie "
                "sich an eine andere Person mit Administrationsrechten."
            )
        )
    voted_post_ids = list(Vote.objects.filter(user=user).values_list("post_id", flat=True))
    Vote.objects.filter(user=user).delete()
    for post in Post.objects.filter(pk__in=voted_post_ids):
        recount_post_votes(post)
    Subscription.objects.filter(user=user).delete()
    Flag.objects.filter(reporter=user).update(reporter=None)
    PostRevision.objects.filter(edited_by=user).update(edited_by=None)
    # One save per object (not a bulk update): the search app re-indexes each after the commit.
    posts = list(Post.objects.filter(author=user))
    for post in posts:
        post.author = None
        post.save(update_fields=["author"])
    for thread in Thread.objects.filter(author=user):
        thread.author = None
        thread.save(update_fields=["author"])
    EmailAddress.objects.filter(user=user).delete()
    end_sessions(user)  # one indexed delete (accounts.sessions records each session's account)
    user.delete()
    return len(posts)
