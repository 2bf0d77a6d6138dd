"""Service-level tests: every domain action and its rules."""

import datetime

from django.utils import timezone

import pytest

from board import services
from board.models import (
    Flag,
    ModerationLogEntry,
    Post,
    PostRevision,
    Subscription,
    Thread,
    Visibility,
    Vote,
)
from tests.factories import UserFactory, ask, reply

pytestmark = pytest.mark.django_db


def test_ask_question_creates_thread_with_root_post_and_subscription(edition, anna):
    thread = services.ask_question(
        edition=edition,
        author=anna,
        title="Wie teilen kleine Häuser ihre Scanner?",
        body="Wir haben *einen* Scanner.",
        session_id=edition.sessions()[0][0],
        tags=["Scanner", " IIIF "],
    )

    root = thread.posts.get()
    assert root.parent is None
    assert root.depth == 0
    assert root.body_html == "<p>Wir haben <em>einen</em> Scanner.</p>"
    assert thread.phase == edition.phase_on(timezone.localdate())
    assert thread.visibility == Visibility.PUBLISHED
    assert thread.session_title() == "Geteilte Dienste"
    assert sorted(thread.tags.names()) == ["IIIF", "Scanner"]
    assert Subscription.objects.filter(user=anna, thread=thread).count() == 1


def test_ask_question_records_phase_of_the_day_it_was_asked(edition, anna):
    before = timezone.make_aware(datetime.datetime(2025, 10, 1, 12))
    live = timezone.make_aware(datetime.datetime(2025, 11, 13, 12))
    after = timezone.make_aware(datetime.datetime(2025, 12, 1, 12))

    phases = [
        ask(edition, anna, title=f"Frage Nummer {n} zur Phase", now=when).phase
        for n, when in enumerate((before, live, after))
    ]

    assert phases == ["vorab", "live", "nachlese"]


def test_ask_question_anonymous_hides_name_publicly(edition, anna):
    thread = ask(edition, anna, is_anonymous=True)

    root = thread.posts.get()
    assert root.is_anonymous is True
    assert root.public_author_name() == "anonym"
    assert root.author == anna


def test_ask_question_in_premoderated_edition_waits_for_approval(edition, anna, moderator):
    edition.pre_moderation = True
    edition.save()

    thread = ask(edition, anna)
    by_moderator = ask(edition, moderator, title="Frage der Moderation selbst")

    assert thread.visibility == Visibility.PENDING
    assert thread.posts.get().visibility == Visibility.PENDING
    assert by_moderator.visibility == Visibility.PUBLISHED
    assert list(Thread.objects.public()) == [by_moderator]


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [
        ("kurz", "Text", "mindestens 10 Zeichen"),
        ("Eine ordentliche Frage?", "   ", "Bitte geben Sie einen Text ein."),
        ("Eine ordentliche Frage?", "x" * 10_001, "Der Text ist zu lang"),
        ("F" * 201, "Text", "Die Frage ist zu lang"),
    ],
)
def test_ask_question_rejects_bad_input_with_german_message(edition, anna, title, body, message):
    with pytest.raises(services.BoardError) as error:
        ask(edition, anna, title=title, body=body)

    assert message in error.value.message
    assert Thread.objects.count() == 0


def test_ask_question_rejects_session_of_another_edition(edition, other_edition, anna):
    session_id = edition.sessions()[0][0]

    with pytest.raises(services.BoardError, match="Programmpunkt"):
        ask(other_edition, anna, session_id=session_id)


def test_ask_question_requires_login(edition):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(services.NotAllowed):
        ask(edition, AnonymousUser())


def test_post_reply_nests_and_updates_counters(thread, root, ben, clara):
    first = reply(thread, ben, "Antwort 1")
    nested = reply(thread, clara, "Antwort auf Antwort", parent=first)

    thread.refresh_from_db()
    assert (first.parent, first.depth) == (root, 1)
    assert (nested.parent, nested.depth) == (first, 2)
    assert thread.reply_count == 2
    assert thread.last_activity_at >= nested.created_at - datetime.timedelta(seconds=1)
    assert Subscription.objects.filter(thread=thread).count() == 3


def test_post_reply_at_max_depth_attaches_to_deepest_allowed_ancestor(thread, ben):
    parent = None
    for _level in range(services.MAX_DEPTH):
        parent = reply(thread, ben, "tiefer", parent=parent)
    assert parent.depth == services.MAX_DEPTH

    deeper = reply(thread, ben, "noch tiefer", parent=parent)

    assert deeper.depth == services.MAX_DEPTH
    assert deeper.parent_id == parent.parent_id


def test_post_reply_to_locked_thread_is_refused(thread, ben, moderator):
    services.lock_thread(thread=thread, moderator=moderator)

    with pytest.raises(services.BoardError, match="gesperrt"):
        reply(thread, ben)
    reply(thread, moderator, "Moderation darf")

    assert Post.objects.filter(thread=thread, author=ben).count() == 0


def test_post_reply_to_closed_thread_is_refused(thread, ben, moderator):
    services.close_thread(thread=thread, moderator=moderator)

    with pytest.raises(services.BoardError, match="geschlossen"):
        reply(thread, ben)


def test_post_reply_to_hidden_post_is_refused(thread, ben, clara, moderator):
    answer = reply(thread, ben)
    services.hide_post(post=answer, moderator=moderator, reason="Werbung")

    with pytest.raises(services.BoardError, match="ausgeblendete"):
        reply(thread, clara, parent=answer)


def test_post_reply_to_post_of_other_thread_is_refused(edition, thread, ben):
    other = ask(edition, ben, title="Eine ganz andere Frage hier")
    other_root = other.posts.get()

    with pytest.raises(services.BoardError, match="gehört nicht"):
        reply(thread, ben, parent=other_root)


def test_post_reply_in_premoderated_edition_is_pending_until_approved(
    edition, thread, ben, moderator
):
    edition.pre_moderation = True
    edition.save()

    answer = reply(thread, ben)
    thread.refresh_from_db()
    assert answer.visibility == Visibility.PENDING
    assert thread.reply_count == 0

    services.approve_post(post=answer, moderator=moderator)

    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.visibility == Visibility.PUBLISHED
    assert thread.reply_count == 1


def test_approve_question_publishes_thread(edition, anna, moderator):
    edition.pre_moderation = True
    edition.save()
    thread = ask(edition, anna)

    services.approve_post(post=thread.posts.get(), moderator=moderator)

    thread.refresh_from_db()
    assert thread.visibility == Visibility.PUBLISHED


def test_approve_requires_moderator_and_pending(thread, root, ben, moderator):
    with pytest.raises(services.NotAllowed):
        services.approve_post(post=root, moderator=ben)
    with pytest.raises(services.BoardError, match="wartet nicht"):
        services.approve_post(post=root, moderator=moderator)


def test_edit_post_keeps_every_version_and_marks_edited(thread, root, anna):
    services.edit_post(post=root, editor=anna, body="Version 2", version=1)
    root.refresh_from_db()
    services.edit_post(
        post=root, editor=anna, body="Version 3", version=2, title="Eine neue Formulierung?"
    )

    root.refresh_from_db()
    thread.refresh_from_db()
    assert root.version == 3
    assert root.edited_at is not None
    assert root.body_html == "<p>Version 3</p>"
    assert thread.title == "Eine neue Formulierung?"
    assert list(PostRevision.objects.filter(post=root).values_list("version", "body")) == [
        (1, "Frage **fett**"),
        (2, "Version 2"),
    ]
    assert [v[2] for v in services.post_history(post=root)] == [
        "Frage **fett**",
        "Version 2",
        "Version 3",
    ]


def test_edit_post_stale_version_is_refused_and_nothing_saved(root, anna, moderator):
    services.edit_post(post=root, editor=moderator, body="Von der Moderation", version=1)

    with pytest.raises(services.StaleEdit) as error:
        services.edit_post(post=root, editor=anna, body="Mein Text", version=1)

    root.refresh_from_db()
    assert root.body == "Von der Moderation"
    assert error.value.current.body == "Von der Moderation"
    assert "inzwischen" in error.value.message


def test_edit_post_after_window_is_refused_for_author_but_not_moderator(root, anna, moderator):
    later = timezone.now() + datetime.timedelta(minutes=31)

    with pytest.raises(services.NotAllowed, match="30 Minuten"):
        services.edit_post(post=root, editor=anna, body="zu spät", version=1, now=later)
    services.edit_post(post=root, editor=moderator, body="Moderation", version=1, now=later)

    root.refresh_from_db()
    assert root.body == "Moderation"


def test_edit_post_of_someone_else_is_refused(root, ben):
    with pytest.raises(services.NotAllowed, match="eigenen"):
        services.edit_post(post=root, editor=ben, body="fremd", version=1)


def test_edit_post_in_locked_thread_is_refused_for_author(thread, root, anna, moderator):
    services.lock_thread(thread=thread, moderator=moderator)

    with pytest.raises(services.NotAllowed, match="gesperrt"):
        services.edit_post(post=root, editor=anna, body="Neu", version=1)


def test_vote_counts_once_and_can_be_withdrawn(thread, root, ben):
    services.vote(post=root, user=ben)
    with pytest.raises(services.BoardError, match="bereits gestimmt"):
        services.vote(post=root, user=ben)

    thread.refresh_from_db()
    root.refresh_from_db()
    assert (root.vote_count, thread.vote_count) == (1, 1)

    services.unvote(post=root, user=ben)

    thread.refresh_from_db()
    assert thread.vote_count == 0
    assert Vote.objects.count() == 0
    with pytest.raises(services.BoardError, match="nicht gestimmt"):
        services.unvote(post=root, user=ben)


def test_vote_on_own_or_hidden_post_is_refused(thread, root, anna, ben, moderator):
    answer = reply(thread, ben)
    services.hide_post(post=answer, moderator=moderator, reason="Spam")

    with pytest.raises(services.BoardError, match="eigene"):
        services.vote(post=root, user=anna)
    with pytest.raises(services.BoardError):
        services.vote(post=answer, user=anna)


def test_vote_on_reply_does_not_change_thread_votes(thread, anna, ben):
    answer = reply(thread, ben)

    services.vote(post=answer, user=anna)

    thread.refresh_from_db()
    answer.refresh_from_db()
    assert (answer.vote_count, thread.vote_count) == (1, 0)


def test_accept_answer_by_asker_marks_answered_and_unaccept_reopens(thread, anna, ben):
    answer = reply(thread, ben)

    services.accept_answer(thread=thread, post=answer, user=anna)
    thread.refresh_from_db()
    assert (thread.accepted_post, thread.status) == (answer, Thread.Status.ANSWERED)

    services.unaccept_answer(thread=thread, user=anna)
    thread.refresh_from_db()
    assert (thread.accepted_post, thread.status) == (None, Thread.Status.OPEN)


def test_accept_answer_by_moderator_is_allowed(thread, ben, moderator):
    answer = reply(thread, ben)

    services.accept_answer(thread=thread, post=answer, user=moderator)

    thread.refresh_from_db()
    assert thread.accepted_post == answer


def test_accept_answer_on_someone_elses_thread_is_refused(thread, ben, clara):
    answer = reply(thread, ben)

    with pytest.raises(services.NotAllowed):
        services.accept_answer(thread=thread, post=answer, user=clara)
    with pytest.raises(services.NotAllowed):
        services.accept_answer(thread=thread, post=answer, user=ben)

    thread.refresh_from_db()
    assert thread.accepted_post is None


def test_accept_question_itself_is_refused(thread, root, anna):
    with pytest.raises(services.BoardError, match="Nur eine Antwort"):
        services.accept_answer(thread=thread, post=root, user=anna)


def test_set_status_rules(thread, anna, ben, moderator):
    services.set_status(thread=thread, user=anna, status=Thread.Status.ANSWERED)
    with pytest.raises(services.NotAllowed, match="Moderation"):
        services.set_status(thread=thread, user=anna, status=Thread.Status.CLOSED)
    with pytest.raises(services.NotAllowed):
        services.set_status(thread=thread, user=ben, status=Thread.Status.OPEN)

    services.set_status(
        thread=thread, user=moderator, status=Thread.Status.CLOSED, reason="Erledigt"
    )

    thread.refresh_from_db()
    assert thread.status == Thread.Status.CLOSED
    assert ModerationLogEntry.objects.get().action == ModerationLogEntry.Action.CLOSED


def test_flag_post_once_per_person_with_reason(thread, root, ben):
    flag = services.flag_post(post=root, reporter=ben, reason=Flag.Reason.SPAM, text="Werbung")

    with pytest.raises(services.BoardError, match="bereits gemeldet"):
        services.flag_post(post=root, reporter=ben, reason=Flag.Reason.OTHER)
    assert flag.is_open
    assert Flag.objects.count() == 1


def test_flag_own_post_or_unknown_reason_is_refused(root, anna, ben):
    with pytest.raises(services.BoardError, match="Eigene"):
        services.flag_post(post=root, reporter=anna, reason=Flag.Reason.SPAM)
    with pytest.raises(services.BoardError, match="Grund"):
        services.flag_post(post=root, reporter=ben, reason="erfunden")


def test_hide_post_resolves_flags_logs_without_personal_data_and_restore(
    thread, ben, clara, moderator
):
    answer = reply(thread, ben, "Kauft meine Scanner!")
    services.accept_answer(thread=thread, post=answer, user=moderator)
    services.flag_post(post=answer, reporter=clara, reason=Flag.Reason.SPAM)

    services.hide_post(post=answer, moderator=moderator, reason="Werbung")

    answer.refresh_from_db()
    thread.refresh_from_db()
    entry = ModerationLogEntry.objects.get()
    assert answer.visibility == Visibility.HIDDEN
    assert thread.reply_count == 0
    assert thread.accepted_post is None
    assert Flag.objects.get().resolution == Flag.Resolution.HIDDEN
    assert (entry.action, entry.reason, entry.edition) == ("hidden", "Werbung", thread.edition)
    assert {f.name for f in ModerationLogEntry._meta.get_fields()}.isdisjoint(
        {"user", "moderator", "author", "reporter"}
    )

    services.restore_post(post=answer, moderator=moderator)

    answer.refresh_from_db()
    thread.refresh_from_db()
    assert answer.visibility == Visibility.PUBLISHED
    assert thread.reply_count == 1


def test_hide_question_hides_thread(thread, root, moderator):
    services.hide_post(post=root, moderator=moderator, reason="Doppelt gepostet")

    thread.refresh_from_db()
    assert thread.visibility == Visibility.HIDDEN
    assert list(Thread.objects.public()) == []


def test_hide_requires_moderator_and_reason(root, ben, moderator):
    with pytest.raises(services.NotAllowed):
        services.hide_post(post=root, moderator=ben, reason="x")
    with pytest.raises(services.BoardError, match="Begründung"):
        services.hide_post(post=root, moderator=moderator, reason=" ")


def test_dismiss_flags(root, ben, moderator):
    services.flag_post(post=root, reporter=ben, reason=Flag.Reason.OFF_TOPIC)

    assert services.dismiss_flags(post=root, moderator=moderator) == 1
    assert Flag.objects.get().resolution == Flag.Resolution.DISMISSED


def test_pin_and_lock_are_logged_and_require_moderator(thread, anna, moderator):
    with pytest.raises(services.NotAllowed):
        services.pin_thread(thread=thread, moderator=anna)

    services.pin_thread(thread=thread, moderator=moderator)
    services.lock_thread(thread=thread, moderator=moderator, reason="Hitzige Debatte")
    services.lock_thread(thread=thread, moderator=moderator, locked=False)

    thread.refresh_from_db()
    assert (thread.is_pinned, thread.is_locked) == (True, False)
    assert list(ModerationLogEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "pinned",
        "locked",
        "unlocked",
    ]


def test_move_thread_to_other_edition_and_topic_clears_session(
    thread, edition, other_edition, moderator
):
    from tests.factories import TopicIndexPageFactory, TopicPageFactory

    topic = TopicPageFactory(parent=TopicIndexPageFactory(parent=edition.get_parent().get_parent()))
    thread.session_id = edition.sessions()[0][0]
    thread.save()

    services.move_thread(
        thread=thread, moderator=moderator, edition=other_edition, topic=topic, reason="Falsch"
    )

    thread.refresh_from_db()
    assert (thread.edition_id, thread.topic_id, thread.session_id) == (
        other_edition.pk,
        topic.pk,
        "",
    )
    assert ModerationLogEntry.objects.filter(action="moved").count() == 2


def test_merge_threads_moves_votes_and_subscriptions(
    edition, thread, root, anna, ben, clara, moderator
):
    duplicate = ask(edition, ben, title="Wie teilt man Scanner zwischen Häusern?")
    duplicate_root = duplicate.posts.get()
    services.vote(post=duplicate_root, user=clara)  # moves
    services.vote(post=duplicate_root, user=anna)  # anna asked the target: dropped
    services.vote(post=root, user=ben)
    services.subscribe(user=clara, thread=duplicate)
    services.subscribe(user=anna, thread=duplicate)  # anna already follows the target

    services.merge_threads(source=duplicate, target=thread, moderator=moderator, reason="Doppelt")

    duplicate.refresh_from_db()
    thread.refresh_from_db()
    assert duplicate.merged_into == thread
    assert duplicate.is_locked
    assert duplicate.status == Thread.Status.CLOSED
    assert sorted(root.votes.values_list("user__email", flat=True)) == [
        "ben@example.org",
        "clara@example.org",
    ]
    assert thread.vote_count == 2
    assert duplicate_root.votes.count() == 0
    assert sorted(thread.subscriptions.values_list("user__email", flat=True)) == [
        "anna@example.org",
        "ben@example.org",
        "clara@example.org",
    ]
    assert duplicate.subscriptions.count() == 0
    entry = ModerationLogEntry.objects.get(action="merged")
    assert (entry.thread, entry.target_thread, entry.reason) == (duplicate, thread, "Doppelt")
    assert list(Thread.objects.public()) == [thread]


def test_merge_threads_rules(edition, thread, ben, moderator):
    other = ask(edition, ben, title="Eine zweite Frage zum Thema")
    with pytest.raises(services.BoardError, match="sich selbst"):
        services.merge_threads(source=thread, target=thread, moderator=moderator, reason="x")
    with pytest.raises(services.NotAllowed):
        services.merge_threads(source=other, target=thread, moderator=ben, reason="x")
    services.merge_threads(source=other, target=thread, moderator=moderator, reason="x")
    third = ask(edition, ben, title="Eine dritte Frage zum Thema")
    with pytest.raises(services.BoardError, match="bereits"):
        services.merge_threads(source=other, target=third, moderator=moderator, reason="x")
    with pytest.raises(services.BoardError, match="Zielfrage"):
        services.merge_threads(source=thread, target=other, moderator=moderator, reason="x")


def test_subscribe_and_unsubscribe_each_target(thread, edition, ben):
    services.subscribe(user=ben, thread=thread)
    services.subscribe(user=ben, thread=thread)
    services.subscribe(user=ben, edition=edition)

    assert Subscription.objects.filter(user=ben).count() == 2
    assert services.unsubscribe(user=ben, thread=thread) is True
    assert services.unsubscribe(user=ben, thread=thread) is False
    with pytest.raises(services.BoardError):
        services.subscribe(user=ben, thread=thread, edition=edition)


def test_recount_thread_repairs_counters(thread, ben):
    reply(thread, ben)
    Thread.objects.filter(pk=thread.pk).update(reply_count=99, vote_count=7)

    services.recount_thread(thread=thread)

    thread.refresh_from_db()
    assert (thread.reply_count, thread.vote_count) == (1, 0)


def test_models_have_str_and_absolute_url(thread, root, ben, moderator):
    services.vote(post=root, user=ben)
    flag = services.flag_post(post=root, reporter=ben, reason=Flag.Reason.SPAM)
    services.edit_post(post=root, editor=moderator, body="neu", version=1)
    services.pin_thread(thread=thread, moderator=moderator)
    objects = [
        thread,
        root,
        Vote.objects.get(),
        flag,
        PostRevision.objects.get(),
        Subscription.objects.filter(thread=thread).first(),
        ModerationLogEntry.objects.get(),
    ]

    for obj in objects:
        assert str(obj)
        assert obj.get_absolute_url().startswith("/fragen/")


def test_other_users_unaffected(thread):
    assert UserFactory().board_posts.count() == 0


def test_nul_characters_are_removed_from_title_and_body():
    from board import services

    assert services.validate_body("Text\x00 mit\x00 NUL") == "Text mit NUL"
    assert services.validate_title("Eine\x00 Frage mit NUL?") == "Eine Frage mit NUL?"
