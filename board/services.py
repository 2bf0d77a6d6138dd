"""Domain actions of the board. Views, forms, the Wagtail admin and demo builders call these.

Every function takes keyword arguments only, checks the rules (raising ``BoardError`` with a
German, translatable message a view can show as it is), writes inside one transaction and keeps
the denormalised counters, the cached HTML, the history and the public moderation log in step.

Rate limits and spam checks hook in at one place: ``check_rate_limit`` (called by every action a
participant starts); it raises ``RateLimited``.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.text import clean_line, clean_text

from . import limits, live, notifications, permissions, polling
from .models import (
    Flag,
    ModerationLogEntry,
    Post,
    PostRevision,
    Subscription,
    Thread,
    Visibility,
    Vote,
)

MAX_DEPTH = 4  # root post = 0; replies nest up to this depth
MAX_TITLE_LENGTH = 200
MIN_TITLE_LENGTH = 10
MAX_BODY_LENGTH = 10_000
MAX_REASON_LENGTH = 300
MAX_TAG_LENGTH = 100


class BoardError(Exception):
    """A rule of the board was violated; ``message`` is shown to the person as it is."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(BoardError):
    pass


class RateLimited(BoardError):
    pass


class StaleEdit(BoardError):
    """Someone else saved the post meanwhile; ``current`` is the post as it is now."""

    def __init__(self, message, *, current):
        super().__init__(message)
        self.current = current


# --- hooks and helpers -------------------------------------------------------------------------


def check_rate_limit(*, user, action, ip=None, edition=None):
    """The single place where rate limits hook in (``board/limits.py``); raises ``RateLimited``.

    ``action`` is one of "ask", "reply", "edit", "vote", "unvote", "flag" (and the small actions
    of ``limits.ACTION_GROUPS``). The services call it for the account (which also counts the
    current request's client address); views call it with the client's ``ip`` before they call
    a service, which only checks that the address is not over its limit already. ``edition`` is
    the edition the action belongs to, or a callable returning it (asked only for a young
    account: young accounts are not limited as such while the edition is live).
    """
    message = limits.exceeded(action, user=user, ip=ip, edition=edition)
    if message:
        raise RateLimited(message)


def check_links(*, user, body):
    """Accounts younger than a day may only post a few links (``limits.link_error``)."""
    message = limits.link_error(user=user, body=body)
    if message:
        raise BoardError(message, field="body")


def _require_participant(user):
    if not permissions.is_participant(user):
        raise NotAllowed(_("Bitte melden Sie sich an, um mitzumachen."))


def _require_moderator(user):
    if not permissions.is_moderator(user):
        raise NotAllowed(_("Dafür brauchen Sie Moderationsrechte."))


def validate_body(body):
    body = clean_text(body).strip()
    if not body:
        raise BoardError(_("Bitte geben Sie einen Text ein."), field="body")
    if len(body) > MAX_BODY_LENGTH:
        raise BoardError(
            _("Der Text ist zu lang: höchstens %(max)d Zeichen, Ihr Text hat %(length)d.")
            % {"max": MAX_BODY_LENGTH, "length": len(body)},
            field="body",
        )
    return body


def validate_title(title):
    title = clean_line(title)
    if len(title) < MIN_TITLE_LENGTH:
        raise BoardError(
            _("Bitte formulieren Sie Ihre Frage in mindestens %(min)d Zeichen.")
            % {"min": MIN_TITLE_LENGTH},
            field="title",
        )
    if len(title) > MAX_TITLE_LENGTH:
        raise BoardError(
            _("Die Frage ist zu lang: höchstens %(max)d Zeichen.") % {"max": MAX_TITLE_LENGTH},
            field="title",
        )
    return title


def validate_reason(reason, *, required=True):
    reason = clean_line(reason)
    if required and not reason:
        raise BoardError(_("Bitte geben Sie eine Begründung an."), field="reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise BoardError(
            _("Die Begründung ist zu lang: höchstens %(max)d Zeichen.")
            % {"max": MAX_REASON_LENGTH},
            field="reason",
        )
    return reason


def clean_tags(tags):
    """Tag names as stored: one line each, no control characters, at most 100 characters."""
    cleaned = (clean_line(tag)[:MAX_TAG_LENGTH].strip() for tag in tags)
    return [tag for tag in cleaned if tag]


def _log(*, action, edition, thread=None, post=None, target_thread=None, reason=""):
    return ModerationLogEntry.objects.create(
        action=action,
        edition=edition,
        thread=thread,
        post=post,
        target_thread=target_thread,
        reason=reason,
    )


def _lock_post(post, *related):
    """Lock ``post`` for a change, after its thread's row, and return it fresh.

    Every service that changes a post (and, with it, its thread's counters) takes the thread's
    row first and then the post's alone (``of``). A statement that locked post and thread
    through a join took the rows in the planner's order, and on PostgreSQL two votes in one
    thread deadlocked against each other (bench/pages.py's live phase, 300 participants).
    """
    list(Thread.objects.select_for_update().filter(pk=post.thread_id).order_by().values_list("pk"))
    return Post.objects.select_for_update(of=("self",)).select_related(*related).get(pk=post.pk)


def recount_thread(*, thread):
    """Recompute the thread's denormalised counters from the posts and votes."""
    counts = Post.objects.filter(thread=thread).aggregate(
        replies=Count("pk", filter=Q(parent__isnull=False, visibility=Visibility.PUBLISHED))
    )
    root = thread.posts.filter(parent__isnull=True).only("vote_count").first()
    thread.reply_count = counts["replies"]
    thread.vote_count = root.vote_count if root else 0
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=thread.reply_count, vote_count=thread.vote_count
    )
    return thread


def recount_post_votes(post):
    """Set ``post.vote_count`` (and the thread's, for a question) from its votes."""
    post.vote_count = post.votes.count()
    Post.objects.filter(pk=post.pk).update(vote_count=post.vote_count)
    if post.parent_id is None:
        Thread.objects.filter(pk=post.thread_id).update(vote_count=post.vote_count)


def _initial_visibility(*, edition, author):
    if permissions.is_moderator(author):
        return Visibility.PUBLISHED
    if edition.pre_moderation or live.needs_approval(user=author, edition=edition):
        return Visibility.PENDING
    return Visibility.PUBLISHED


def _require_edition_access(user, edition):
    """A quick-join account takes part only in its own edition (``board/live.py``);
    ``edition`` may be a callable, asked only for such an account."""
    if not getattr(user, "is_quick_join", False):
        return
    try:
        live.check_edition_access(user=user, edition=edition() if callable(edition) else edition)
    except live.JoinError as error:
        raise NotAllowed(error.message) from error


def _validate_session(edition, session_id):
    if session_id and session_id not in {block_id for block_id, _v in edition.sessions()}:
        raise BoardError(
            _("Dieser Programmpunkt gehört nicht zur gewählten Ausgabe."), field="session_id"
        )
    return session_id or ""


# --- asking, replying, editing -----------------------------------------------------------------


@transaction.atomic
def ask_question(
    *,
    edition,
    author,
    title,
    body,
    session_id="",
    topic=None,
    tags=(),
    is_anonymous=False,
    now=None,
):
    """Create a thread with its question text as the root post; the asker subscribes to it."""
    _require_participant(author)
    _require_edition_access(author, edition)
    check_rate_limit(user=author, action="ask", edition=edition)
    title = validate_title(title)
    body = validate_body(body)
    check_links(user=author, body=body)
    session_id = _validate_session(edition, session_id)
    now = now or timezone.now()
    visibility = _initial_visibility(edition=edition, author=author)
    language = content_language()
    thread = Thread.objects.create(
        edition=edition,
        language=language,
        session_id=session_id,
        topic=topic,
        title=title,
        phase=edition.phase_on(timezone.localdate(now)),
        author=author,
        is_anonymous=is_anonymous,
        visibility=visibility,
        last_activity_at=now,
    )
    if tags:
        thread.tags.set(clean_tags(tags))
    question = Post(
        thread=thread,
        author=author,
        is_anonymous=is_anonymous,
        body=body,
        language=language,
        visibility=visibility,
        depth=0,
    )
    question.render_body()
    question.save()
    Subscription.objects.get_or_create(
        user=author, thread=thread, defaults={"language": subscription_language()}
    )
    notifications.question_asked(thread)
    return thread


@transaction.atomic
def post_reply(*, thread, author, body, parent=None, now=None):
    """Reply to the question or to a reply.

    A reply to a post at ``MAX_DEPTH`` attaches to that post's parent (the deepest allowed
    ancestor), so it appears right next to the post it answers and nesting stays readable.
    """
    _require_participant(author)
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("edition").get(pk=thread.pk)
    )
    if thread.merged_into_id:
        raise BoardError(_("Diese Frage wurde mit einer anderen zusammengeführt."))
    if not permissions.is_moderator(author):
        if thread.is_locked:
            raise BoardError(_("Diese Frage ist gesperrt; neue Antworten sind nicht möglich."))
        if thread.status == Thread.Status.CLOSED:
            raise BoardError(_("Diese Frage ist geschlossen; neue Antworten sind nicht möglich."))
        if not thread.is_public:
            raise BoardError(_("Auf diese Frage kann noch nicht geantwortet werden."))
    _require_edition_access(author, thread.edition)
    check_rate_limit(user=author, action="reply", edition=thread.edition)
    body = validate_body(body)
    check_links(user=author, body=body)
    if parent is None:
        parent = thread.posts.get(parent__isnull=True)
    else:
        parent = Post.objects.get(pk=parent.pk)
        if parent.thread_id != thread.pk:
            raise BoardError(_("Dieser Beitrag gehört nicht zu dieser Frage."))
    if parent.is_hidden:
        raise BoardError(_("Auf ausgeblendete Beiträge kann nicht geantwortet werden."))
    if parent.is_pending and not permissions.is_moderator(author):
        raise BoardError(_("Auf diesen Beitrag kann erst nach seiner Freigabe geantwortet werden."))
    while parent.depth >= MAX_DEPTH:
        parent = parent.parent
    # Whoever asked anonymously stays anonymous in their own thread: a named reply would give
    # the question's author away.
    asked_anonymously = thread.is_anonymous and permissions.is_author(author, thread)
    now = now or timezone.now()
    visibility = _initial_visibility(edition=thread.edition, author=author)
    post = Post(
        thread=thread,
        parent=parent,
        depth=parent.depth + 1,
        author=author,
        is_anonymous=asked_anonymously,
        body=body,
        language=content_language(),
        visibility=visibility,
    )
    post.render_body()
    post.save()
    if visibility == Visibility.PUBLISHED:
        thread.last_activity_at = now
        thread.save(update_fields=["last_activity_at"])
        recount_thread(thread=thread)
    Subscription.objects.get_or_create(
        user=author, thread=thread, defaults={"language": subscription_language()}
    )
    notifications.reply_posted(post)
    return post


@transaction.atomic
def edit_post(*, post, editor, body, version, title=None, now=None):
    """Save a new version of a post; the former one is kept as a ``PostRevision``.

    ``version`` is the version the editor started from; if the post changed since then,
    ``StaleEdit`` is raised and nothing is saved (the view keeps the editor's text).
    ``title`` changes the thread's title when the post is the question.
    """
    _require_participant(editor)
    post = _lock_post(post, "thread")
    now = now or timezone.now()
    if not permissions.can_edit_post(editor, post, now=now):
        if permissions.is_author(editor, post) and not post.is_hidden:
            if post.thread.is_locked:
                raise NotAllowed(
                    _("Diese Frage ist gesperrt; Beiträge können nicht mehr bearbeitet werden.")
                )
            raise NotAllowed(
                _("Beiträge können nur in den ersten %(minutes)d Minuten bearbeitet werden.")
                % {"minutes": int(permissions.EDIT_WINDOW.total_seconds() // 60)}
            )
        raise NotAllowed(_("Sie können nur Ihre eigenen Beiträge bearbeiten."))
    check_rate_limit(user=editor, action="edit", edition=lambda: post.thread.edition)
    if int(version) != post.version:
        raise StaleEdit(
            _(
                "Dieser Beitrag wurde inzwischen von anderer Seite geändert. Ihr Text ist "
                "unten erhalten; bitte übernehmen Sie Ihre Änderungen in die aktuelle Fassung."
            ),
            current=post,
        )
    body = validate_body(body)
    if body != post.body:
        check_links(user=editor, body=body)
    thread = post.thread
    new_title = validate_title(title) if (title is not None and post.is_question) else None
    if body == post.body and (new_title is None or new_title == thread.title):
        return post
    PostRevision.objects.create(
        post=post,
        version=post.version,
        title=thread.title if post.is_question else "",
        body=post.body,
        edited_by=editor,
    )
    post.body = body
    post.render_body()
    post.version += 1
    post.edited_at = now
    post.save(update_fields=["body", "body_html", "html_version", "version", "edited_at"])
    if new_title is not None and new_title != thread.title:
        thread.title = new_title
        thread.slug = ""
        thread.save()
    return post


def post_history(*, post):
    """All versions of a post, oldest first, the current one last: (version, title, body, at)."""
    versions = [(rev.version, rev.title, rev.body, rev.created_at) for rev in post.revisions.all()]
    title = post.thread.title if post.is_question else ""
    versions.append((post.version, title, post.body, post.edited_at or post.created_at))
    return versions


# --- votes, answers, status --------------------------------------------------------------------


def vote_refusal(user, post):
    """Why ``user`` may not vote for ``post`` (rule ``board.vote_post``), or ``""``."""
    if permissions.can_vote(user, post):
        return ""
    if permissions.is_author(user, post):
        return _("Für eigene Beiträge können Sie nicht stimmen.")
    if post.thread.is_locked or post.thread.merged_into_id is not None:
        return _("In einer gesperrten oder zusammengeführten Frage wird nicht mehr abgestimmt.")
    return _("Für diesen Beitrag kann nicht gestimmt werden.")


@transaction.atomic
def vote(*, post, user):
    _require_participant(user)
    post = _lock_post(post, "thread")
    refusal = vote_refusal(user, post)
    if refusal:
        raise BoardError(refusal)
    _require_edition_access(user, lambda: post.thread.edition)
    check_rate_limit(user=user, action="vote", edition=lambda: post.thread.edition)
    if Vote.objects.filter(post=post, user=user).exists():
        raise BoardError(_("Sie haben für diesen Beitrag bereits gestimmt."))
    try:
        with transaction.atomic():
            Vote.objects.create(post=post, user=user)
    except IntegrityError as error:
        raise BoardError(_("Sie haben für diesen Beitrag bereits gestimmt.")) from error
    recount_post_votes(post)
    return post


@transaction.atomic
def unvote(*, post, user):
    _require_participant(user)
    post = _lock_post(post)
    check_rate_limit(user=user, action="unvote", edition=lambda: post.thread.edition)
    deleted, _details = Vote.objects.filter(post=post, user=user).delete()
    if not deleted:
        raise BoardError(_("Sie haben für diesen Beitrag nicht gestimmt."))
    recount_post_votes(post)
    return post


@transaction.atomic
def accept_answer(*, thread, post, user):
    """Mark a reply as the accepted answer (the thread becomes "answered")."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not permissions.can_accept(user, thread):
        raise NotAllowed(
            _("Nur die fragende Person oder die Moderation kann eine Antwort akzeptieren.")
        )
    if post.thread_id != thread.pk or post.is_question:
        raise BoardError(_("Nur eine Antwort auf diese Frage kann akzeptiert werden."))
    if not post.is_public:
        raise BoardError(_("Eine ausgeblendete Antwort kann nicht akzeptiert werden."))
    thread.accepted_post = post
    thread.status = Thread.Status.ANSWERED
    thread.save(update_fields=["accepted_post", "status"])
    notifications.answer_accepted(thread)
    return thread


@transaction.atomic
def unaccept_answer(*, thread, user):
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not permissions.can_accept(user, thread):
        raise NotAllowed(
            _("Nur die fragende Person oder die Moderation kann eine Antwort akzeptieren.")
        )
    thread.accepted_post = None
    if thread.status == Thread.Status.ANSWERED:
        thread.status = Thread.Status.OPEN
    thread.save(update_fields=["accepted_post", "status"])
    return thread


@transaction.atomic
def set_status(*, thread, user, status, reason=""):
    """Open / answered for the asker; moderators may also close and reopen (logged)."""
    if status not in Thread.Status.values:
        raise BoardError(_("Unbekannter Status."))
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("edition").get(pk=thread.pk)
    )
    moderator = permissions.is_moderator(user)
    involves_closing = Thread.Status.CLOSED in (status, thread.status)
    if involves_closing and not moderator and permissions.is_author(user, thread):
        raise NotAllowed(_("Nur die Moderation kann Fragen schließen oder wieder öffnen."))
    if not permissions.can(user, "board.set_thread_status", thread):
        raise NotAllowed(_("Nur die fragende Person oder die Moderation kann den Status ändern."))
    if status == thread.status:
        return thread
    previous = thread.status
    thread.status = status
    if status == Thread.Status.OPEN:
        thread.accepted_post = None
    thread.save(update_fields=["status", "accepted_post"])
    if moderator and involves_closing:
        action = (
            ModerationLogEntry.Action.CLOSED
            if status == Thread.Status.CLOSED
            else ModerationLogEntry.Action.REOPENED
        )
        _log(
            action=action,
            edition=thread.edition,
            thread=thread,
            reason=validate_reason(reason, required=False),
        )
    notifications.status_changed(thread, previous=previous)
    return thread


# --- flags and moderation ----------------------------------------------------------------------


@transaction.atomic
def flag_post(*, post, reporter, reason, text=""):
    _require_participant(reporter)
    if reason not in Flag.Reason.values:
        raise BoardError(_("Bitte wählen Sie einen Grund."), field="reason")
    if permissions.is_author(reporter, post):
        raise BoardError(_("Eigene Beiträge können Sie nicht melden."))
    if post.is_hidden:
        raise BoardError(_("Dieser Beitrag ist bereits ausgeblendet."))
    _require_edition_access(reporter, lambda: post.thread.edition)
    check_rate_limit(user=reporter, action="flag", edition=lambda: post.thread.edition)
    text = clean_text(text).strip()
    if len(text) > 1000:
        raise BoardError(_("Die Erläuterung ist zu lang: höchstens 1000 Zeichen."), field="text")
    if Flag.objects.filter(post=post, reporter=reporter, resolution="").exists():
        raise BoardError(_("Sie haben diesen Beitrag bereits gemeldet."))
    return Flag.objects.create(post=post, reporter=reporter, reason=reason, text=text)


@transaction.atomic
def dismiss_flags(*, post, moderator, reason=""):
    _require_moderator(moderator)
    count = Flag.objects.filter(post=post, resolution="").update(
        resolution=Flag.Resolution.DISMISSED, resolved_at=timezone.now()
    )
    if count:
        polling.bump_moderation()  # update() sends no signal
        _log(
            action=ModerationLogEntry.Action.FLAG_DISMISSED,
            edition=post.thread.edition,
            thread=post.thread,
            post=post,
            reason=validate_reason(reason, required=False),
        )
    return count


@transaction.atomic
def hide_post(*, post, moderator, reason):
    """Hide a post (a question's root post hides the whole thread); the reason is public."""
    _require_moderator(moderator)
    reason = validate_reason(reason)
    post = _lock_post(post, "thread__edition")
    if post.is_hidden:
        raise BoardError(_("Dieser Beitrag ist bereits ausgeblendet."))
    now = timezone.now()
    post.visibility = Visibility.HIDDEN
    post.hidden_reason = reason
    post.hidden_at = now
    post.save(update_fields=["visibility", "hidden_reason", "hidden_at"])
    thread = post.thread
    if post.is_question:
        thread.visibility = Visibility.HIDDEN
        thread.save(update_fields=["visibility"])
    if thread.accepted_post_id == post.pk:
        thread.accepted_post = None
        thread.status = Thread.Status.OPEN
        thread.save(update_fields=["accepted_post", "status"])
    Flag.objects.filter(post=post, resolution="").update(
        resolution=Flag.Resolution.HIDDEN, resolved_at=now
    )
    recount_thread(thread=thread)
    _log(
        action=ModerationLogEntry.Action.HIDDEN,
        edition=thread.edition,
        thread=thread,
        post=post,
        reason=reason,
    )
    return post


@transaction.atomic
def restore_post(*, post, moderator, reason=""):
    _require_moderator(moderator)
    post = _lock_post(post, "thread__edition")
    if not post.is_hidden:
        raise BoardError(_("Dieser Beitrag ist nicht ausgeblendet."))
    post.visibility = Visibility.PUBLISHED
    post.hidden_reason = ""
    post.hidden_at = None
    post.save(update_fields=["visibility", "hidden_reason", "hidden_at"])
    thread = post.thread
    if post.is_question:
        thread.visibility = Visibility.PUBLISHED
        thread.save(update_fields=["visibility"])
    recount_thread(thread=thread)
    _log(
        action=ModerationLogEntry.Action.RESTORED,
        edition=thread.edition,
        thread=thread,
        post=post,
        reason=validate_reason(reason, required=False),
    )
    return post


@transaction.atomic
def approve_post(*, post, moderator, now=None):
    """Publish a post that waited for approval (pre-moderated editions)."""
    _require_moderator(moderator)
    post = _lock_post(post, "thread")
    if not post.is_pending:
        raise BoardError(_("Dieser Beitrag wartet nicht auf Freigabe."))
    post.visibility = Visibility.PUBLISHED
    post.save(update_fields=["visibility"])
    thread = post.thread
    thread.last_activity_at = now or timezone.now()
    if post.is_question:
        thread.visibility = Visibility.PUBLISHED
    thread.save(update_fields=["visibility", "last_activity_at"])
    recount_thread(thread=thread)
    notifications.post_approved(post)
    return post


def _set_thread_flag(*, thread, moderator, field, value, on, off, reason):
    _require_moderator(moderator)
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("edition").get(pk=thread.pk)
    )
    if getattr(thread, field) == value:
        return thread
    setattr(thread, field, value)
    thread.save(update_fields=[field])
    _log(
        action=on if value else off,
        edition=thread.edition,
        thread=thread,
        reason=validate_reason(reason, required=False),
    )
    return thread


@transaction.atomic
def pin_thread(*, thread, moderator, pinned=True, reason=""):
    return _set_thread_flag(
        thread=thread,
        moderator=moderator,
        field="is_pinned",
        value=pinned,
        on=ModerationLogEntry.Action.PINNED,
        off=ModerationLogEntry.Action.UNPINNED,
        reason=reason,
    )


@transaction.atomic
def lock_thread(*, thread, moderator, locked=True, reason=""):
    return _set_thread_flag(
        thread=thread,
        moderator=moderator,
        field="is_locked",
        value=locked,
        on=ModerationLogEntry.Action.LOCKED,
        off=ModerationLogEntry.Action.UNLOCKED,
        reason=reason,
    )


def close_thread(*, thread, moderator, reason=""):
    return set_status(thread=thread, user=moderator, status=Thread.Status.CLOSED, reason=reason)


_UNCHANGED = object()


@transaction.atomic
def move_thread(*, thread, moderator, edition=None, topic=_UNCHANGED, session_id=None, reason=""):
    """Move a thread to another edition and/or topic page (and session of that edition)."""
    _require_moderator(moderator)
    reason = validate_reason(reason, required=False)
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("edition").get(pk=thread.pk)
    )
    old_edition = thread.edition
    new_edition = edition or old_edition
    if session_id is None:
        session_id = thread.session_id if new_edition.pk == old_edition.pk else ""
    thread.session_id = _validate_session(new_edition, session_id)
    thread.edition = new_edition
    if topic is not _UNCHANGED:
        thread.topic = topic
    thread.save(update_fields=["edition", "session_id", "topic"])
    for edition_page in {old_edition.pk: old_edition, new_edition.pk: new_edition}.values():
        _log(
            action=ModerationLogEntry.Action.MOVED,
            edition=edition_page,
            thread=thread,
            reason=reason,
        )
    return thread


@dataclass(frozen=True)
class MergeResult:
    """What ``merge_threads`` did: the target, how many replies moved, and the moved reply that
    became the target's accepted answer (``None`` if none did)."""

    target: Thread
    moved_replies: int = 0
    accepted_post: Post | None = None


@transaction.atomic
def merge_threads(*, source, target, moderator, reason):
    """Merge a duplicate question (``source``) into ``target``, as Discourse and Stack Exchange
    do: the duplicate's replies move to the target.

    - **Replies** move with their tree (a reply to the duplicate's question now answers the
      target's question; deeper replies keep their parents), authors, anonymity, votes, flags,
      history and state. Each is saved, so the search index (a task per post, on commit) and
      the version keys of both threads follow. Nothing is notified again. Replies that were
      published under a duplicate the public could not see (waiting for approval or hidden)
      arrive waiting for approval, so a merge never publishes them by itself.
    - **The accepted answer** of the duplicate becomes the target's only if the target has none
      (and the reply is published); otherwise it stays an ordinary reply. Either way the
      duplicate no longer has one.
    - **The duplicate** keeps its question text and stays readable (locked, closed, unpinned,
      with a pointer to the target), so no permalink breaks; its votes and subscriptions move
      to the target (a person who already voted for or follows the target keeps one).

    Counters of both threads are recounted. Merging a duplicate again into the same target
    changes nothing (a form sent twice); into another target it is refused.
    """
    _require_moderator(moderator)
    reason = validate_reason(reason)
    source = (
        Thread.objects.select_for_update(of=("self",)).select_related("edition").get(pk=source.pk)
    )
    target = Thread.objects.select_for_update().get(pk=target.pk)
    if source.pk == target.pk:
        raise BoardError(_("Eine Frage kann nicht mit sich selbst zusammengeführt werden."))
    if source.merged_into_id == target.pk:
        return MergeResult(target=target)
    if source.merged_into_id:
        raise BoardError(_("Diese Frage wurde bereits zusammengeführt."))
    if target.merged_into_id:
        raise BoardError(
            _("Die Zielfrage wurde selbst zusammengeführt; bitte wählen Sie deren Ziel.")
        )
    if not target.is_public:
        raise BoardError(_("Die Zielfrage ist nicht öffentlich."))
    source_root = source.posts.get(parent__isnull=True)
    target_root = target.posts.get(parent__isnull=True)
    _move_question_votes(source_root, target_root)
    _move_per_person(
        source.subscriptions.all(),
        field="thread",
        to=target,
        present=set(target.subscriptions.values_list("user_id", flat=True)),
    )
    moved = _move_replies(
        source=source, source_root=source_root, target=target, target_root=target_root
    )
    accepted = None
    if source.accepted_post_id and target.accepted_post_id is None:
        accepted = next(
            (post for post in moved if post.pk == source.accepted_post_id and post.is_public),
            None,
        )
    # Earlier duplicates of the source now point at the target: saved one by one (not a bulk
    # update, which sends no signal), so their pages and feeds are shown anew (cache versions).
    for earlier in Thread.objects.filter(merged_into=source):
        earlier.merged_into = target
        earlier.save(update_fields=["merged_into"])
    source.merged_into = target
    source.is_locked = True
    source.is_pinned = False  # a closed duplicate no longer belongs at the top of the list
    source.status = Thread.Status.CLOSED
    source.accepted_post = None  # its replies are the target's now
    source.save(update_fields=["merged_into", "is_locked", "is_pinned", "status", "accepted_post"])
    recount_post_votes(source_root)
    recount_post_votes(target_root)
    target.last_activity_at = timezone.now()
    if accepted is not None:
        target.accepted_post = accepted
        if target.status == Thread.Status.OPEN:
            target.status = Thread.Status.ANSWERED
    target.save(update_fields=["last_activity_at", "accepted_post", "status"])
    recount_thread(thread=source)
    recount_thread(thread=target)
    _log(
        action=ModerationLogEntry.Action.MERGED,
        edition=source.edition,
        thread=source,
        target_thread=target,
        reason=reason,
    )
    return MergeResult(target=target, moved_replies=len(moved), accepted_post=accepted)


def _move_question_votes(source_root, target_root):
    existing_voters = set(target_root.votes.values_list("user_id", flat=True))
    if target_root.author_id:
        existing_voters.add(target_root.author_id)  # nobody votes for their own question
    _move_per_person(source_root.votes.all(), field="post", to=target_root, present=existing_voters)


def _move_per_person(rows, *, field, to, present):
    """Point each of ``rows`` (votes, subscriptions: one per person) at ``to`` through ``field``;
    a row of a person already in ``present`` is deleted instead, so each keeps one. Saved one
    by one so that the signals (cache versions) see every change."""
    for row in list(rows):
        if row.user_id in present:
            row.delete()
        else:
            setattr(row, field, to)
            row.save(update_fields=[field])
            present.add(row.user_id)


def _move_replies(*, source, source_root, target, target_root):
    """Move every reply of ``source`` to ``target``; returns them.

    Saved one by one (not ``update()``): each save enqueues the post's search index task and
    bumps the version keys of its thread (search/signal_handlers.py, board/cache_signals.py).
    Both questions are at depth 0, so every reply keeps its depth.
    """
    hold = not source.is_public
    replies = list(Post.objects.select_for_update().filter(thread=source, parent__isnull=False))
    for post in replies:
        fields = ["thread"]
        post.thread = target
        if post.parent_id == source_root.pk:
            post.parent = target_root
            fields.append("parent")
        if hold and post.visibility == Visibility.PUBLISHED:
            post.visibility = Visibility.PENDING
            fields.append("visibility")
        post.save(update_fields=fields)
    return replies


# --- subscriptions -----------------------------------------------------------------------------


def _subscription_target(thread, edition, topic):
    targets = {"thread": thread, "edition": edition, "topic": topic}
    chosen = {key: value for key, value in targets.items() if value is not None}
    if len(chosen) != 1:
        raise BoardError(_("Bitte wählen Sie genau ein Ziel für das Abonnement."))
    return chosen


def subscription_language(language=None):
    """The site language e-mails of a new subscription use: ``language`` or the language of the
    current request (the page the person followed from), German if neither is a site language."""
    return notifications.site_language(language)


def content_language():
    """The language a new question or reply is written in: that of the page it is written on
    (German on German pages, English under /en/), German outside a request."""
    return subscription_language()


def subscribe(*, user, thread=None, edition=None, topic=None, language=None):
    """Follow a target; e-mails go out in ``language`` (default: the current request's
    language). Following again from a page in another language switches the e-mails to it."""
    _require_participant(user)
    language = subscription_language(language)
    subscription, created = Subscription.objects.get_or_create(
        user=user, **_subscription_target(thread, edition, topic), defaults={"language": language}
    )
    if not created and subscription.language != language:
        subscription.language = language
        subscription.save(update_fields=["language"])
    return subscription


def unsubscribe(*, user, thread=None, edition=None, topic=None):
    _require_participant(user)
    deleted, _details = Subscription.objects.filter(
        user=user, **_subscription_target(thread, edition, topic)
    ).delete()
    return bool(deleted)
