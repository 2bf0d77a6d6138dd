"""E-mail notifications of the board.

Who gets what:

- **reply**: a published reply goes to the thread's subscribers (the asker subscribes when asking,
  everyone who replies when replying), never to its author.
- **accepted**: an accepted answer goes to the thread's subscribers, not to whoever accepted it
  (the asker or a moderator) and not to the answer's author twice.
- **answered_after**: a question set to "answered" while its edition is in the Nachlese phase.
- **question**: a new published question goes to the subscribers of its edition (any language
  version of the edition page) and of its topic page, except the asker.

Services call the ``*_changed`` helpers below inside their transaction; each registers a
``transaction.on_commit`` callback that enqueues ``board.tasks.send_board_notification``. Nothing
is sent inside a request (with ``django_tasks_db`` the worker sends; in tests ``ImmediateBackend``
runs the task when the commit callbacks run). The task reads the current state: a post hidden or
still pending by then, a thread that is no longer public, an inactive account are skipped.

Each e-mail is written in the language its subscription was made in (``Subscription.language``,
the language of the page the person followed or wrote from; German by default), with links to
the pages in that language.

Every e-mail carries a personal one-click unsubscribe link: a signed token naming the
subscription (``unsubscribe_token``), in the body and in ``List-Unsubscribe`` /
``List-Unsubscribe-Post`` headers (RFC 8058). The token never expires (an old e-mail's link must
still work) and says nothing beyond the subscription's id.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from home import site_urls

from .models import NotificationReceipt, Phase, Post, Subscription, Thread, Visibility

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "board.subscription.unsubscribe"

REPLY = "reply"
ACCEPTED = "accepted"
ANSWERED_AFTER = "answered_after"
QUESTION = "question"
EVENTS = (REPLY, ACCEPTED, ANSWERED_AFTER, QUESTION)


# --- tokens and links --------------------------------------------------------------------------


def unsubscribe_token(subscription):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscription.pk))


def subscription_for_token(token):
    """The subscription a token names, or None (tampered token, or already unsubscribed)."""
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    if not pk.isdigit():
        return None
    return (
        Subscription.objects.select_related("user", "thread", "edition", "topic")
        .filter(pk=int(pk))
        .first()
    )


def absolute_url(path):
    return site_urls.absolute_url(path)


def unsubscribe_urls(subscription):
    token = unsubscribe_token(subscription)
    return (
        absolute_url(reverse("board:unsubscribe", kwargs={"token": token})),
        absolute_url(reverse("board:unsubscribe_one_click", kwargs={"token": token})),
    )


# --- enqueueing (called by the services) -------------------------------------------------------


_muted = contextvars.ContextVar("board_notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    """Nothing done inside this block notifies anyone (the demo builder: its made-up activity
    must not mail the demo accounts when the task worker starts)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def enqueue(event, object_id):
    """Enqueue the notification task once the current transaction has committed."""
    if _muted.get():
        return

    def send_later():
        from .tasks import send_board_notification

        try:
            send_board_notification.enqueue(event, object_id)
        except Exception:  # noqa: BLE001 - a mail problem must never fail the person's action
            logger.exception("Could not enqueue board notification %s %s", event, object_id)

    transaction.on_commit(send_later, robust=True)


def reply_posted(post):
    if post.parent_id is not None:
        enqueue(REPLY, post.pk)


def question_asked(thread):
    enqueue(QUESTION, thread.pk)


def post_approved(post):
    """A pre-moderated post became public: the notification it would have had goes out now."""
    if post.parent_id is None:
        enqueue(QUESTION, post.thread_id)
    else:
        enqueue(REPLY, post.pk)


def answer_accepted(thread):
    enqueue(ACCEPTED, thread.pk)


def status_changed(thread, *, previous):
    """Set to "answered" during the Nachlese: tell the followers the question got its answer."""
    if (
        thread.status == Thread.Status.ANSWERED
        and previous != Thread.Status.ANSWERED
        and thread.edition.phase == Phase.AFTER
    ):
        enqueue(ANSWERED_AFTER, thread.pk)


# --- delivery (runs in the task) ---------------------------------------------------------------


def _public_thread(pk):
    return (
        Thread.objects.public()
        .select_related("edition", "topic", "accepted_post__author")
        .filter(pk=pk)
        .first()
    )


def _thread_subscriptions(thread, *, exclude_user_ids=()):
    return (
        Subscription.objects.filter(thread=thread, user__is_active=True)
        .exclude(user_id__in=[pk for pk in exclude_user_ids if pk])
        .select_related("user")
        .order_by("pk")
    )


def _message_for_event(event, object_id):
    """(subject, template context, subscriptions) of an event, or None when nothing is to send.

    ``subject`` is a function: it is called once per recipient, in the recipient's language."""
    if event == REPLY:
        post = (
            Post.objects.public()
            .select_related("thread", "author")
            .filter(pk=object_id, parent__isnull=False)
            .first()
        )
        thread = post and _public_thread(post.thread_id)
        if thread is None:
            return None
        return (
            lambda: _("Neue Antwort auf „%(title)s“") % {"title": thread.title},
            {"thread": thread, "post": post},
            _thread_subscriptions(thread, exclude_user_ids=[post.author_id]),
        )
    if event in (ACCEPTED, ANSWERED_AFTER):
        thread = _public_thread(object_id)
        if thread is None:
            return None
        post = thread.accepted_post
        if post is not None and not post.is_public:
            post = None
        if event == ACCEPTED and post is None:
            return None
        if event == ACCEPTED:

            def subject():
                return _("Eine Antwort auf „%(title)s“ wurde akzeptiert") % {"title": thread.title}

        else:

            def subject():
                return _("„%(title)s“ ist beantwortet") % {"title": thread.title}

        exclude = [post.author_id] if post is not None else []
        return (
            subject,
            {"thread": thread, "post": post},
            _thread_subscriptions(thread, exclude_user_ids=exclude),
        )
    if event == QUESTION:
        thread = _public_thread(object_id)
        if thread is None:
            return None
        post = thread.posts.filter(parent__isnull=True, visibility=Visibility.PUBLISHED).first()
        if post is None:
            return None
        targets = Q(edition=thread.edition) | Q(
            edition__translation_key=thread.edition.translation_key
        )
        if thread.topic_id:
            targets |= Q(topic_id=thread.topic_id)
        subscriptions = (
            Subscription.objects.filter(targets, user__is_active=True)
            .exclude(user_id=thread.author_id)
            .select_related("user", "edition", "topic")
            .order_by("pk")
        )
        return (
            lambda: _("Neue Frage: „%(title)s“") % {"title": thread.title},
            {"thread": thread, "post": post},
            subscriptions,
        )
    raise ValueError(f"Unknown board notification event: {event}")


def _localized(page):
    """A page (edition, topic) in the active language if it has that translation."""
    localized = getattr(page, "localized", None)
    return localized if localized is not None else page


def build_message(*, event, subject, context, subscription, connection=None):
    """One person's e-mail, in the active language (``deliver`` sets the subscription's)."""
    unsubscribe_url, one_click_url = unsubscribe_urls(subscription)
    thread = context["thread"]
    target = subscription.target
    context = {
        **context,
        "event": event,
        "language": translation.get_language(),
        "subscription": subscription,
        "target_title": target.title if subscription.thread_id else _localized(target).title,
        "edition_title": _localized(thread.edition).title,
        "recipient": subscription.user,
        "thread_url": absolute_url(thread.get_absolute_url()),
        "post_url": absolute_url(context["post"].get_absolute_url()) if context["post"] else "",
        "unsubscribe_url": unsubscribe_url,
        "site_url": absolute_url(reverse("wagtail_serve", args=[""])),
    }
    text = render_to_string("board/email/notification.txt", context)
    html = render_to_string("board/email/notification.html", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=text,
        to=[subscription.user.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{one_click_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Content-Language": translation.get_language(),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def site_language(code=None):
    """``code`` (default: the active language) as one of the site's languages, else German."""
    code = (code or translation.get_language() or "").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def subscription_language(subscription):
    return site_language(subscription.language or settings.LANGUAGE_CODE)


def notification_key(event, object_id, context):
    """What a ``NotificationReceipt`` names: the event and its object; for an accepted answer
    also the accepted post (accepting another answer later is a new notification)."""
    if event == ACCEPTED and context.get("post") is not None:
        return f"{event}:{object_id}:{context['post'].pk}"
    return f"{event}:{object_id}"


def deliver(event, object_id):
    """Send the e-mails of one event; returns the number of e-mails sent.

    Each e-mail is in the language its subscription was made in (``Subscription.language``),
    with links to the pages in that language; German when unknown.

    Each e-mail is sent inside a transaction that first writes its ``NotificationReceipt``
    (unique per notification and person) and commits after the mail server accepted the
    message: a task that runs again after its worker died skips everyone who already got the
    e-mail, and a message that failed is not recorded and goes out on the next attempt. (Only a
    worker killed between the server's answer and the commit, a few milliseconds, can cause a
    second e-mail.)
    """
    with translation.override(settings.LANGUAGE_CODE):
        found = _message_for_event(event, object_id)
    if found is None:
        return 0
    subject, context, subscriptions = found
    key = notification_key(event, object_id, context)
    already = set(NotificationReceipt.objects.filter(key=key).values_list("user_id", flat=True))
    seen = set()
    sent = 0
    connection = None
    try:
        for subscription in subscriptions:
            user_id = subscription.user_id
            if user_id in seen or user_id in already or not subscription.user.email:
                continue
            seen.add(user_id)
            with translation.override(subscription_language(subscription)):
                message = build_message(
                    event=event, subject=subject(), context=context, subscription=subscription
                )
            if connection is None:
                connection = get_connection()
                connection.open()
            with transaction.atomic():
                _, created = NotificationReceipt.objects.get_or_create(key=key, user_id=user_id)
                if not created:
                    continue  # another run of this task sent it meanwhile
                message.connection = connection
                sent += message.send() or 0
    finally:
        if connection is not None:
            connection.close()
    return sent
