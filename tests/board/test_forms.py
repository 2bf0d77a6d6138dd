"""Forms are thin: they ignore fields a participant must not set and call the services."""

import pytest

from board.forms import EditPostForm, FlagForm, QuestionForm, ReplyForm
from board.models import Post, Thread, Visibility
from tests.factories import reply

pytestmark = pytest.mark.django_db

FORBIDDEN = {
    "author": "999",
    "status": "answered",
    "is_pinned": "on",
    "is_locked": "on",
    "visibility": "hidden",
    "vote_count": "1000",
    "reply_count": "50",
    "accepted_post": "1",
    "merged_into": "1",
    "phase": "live",
    "depth": "0",
    "thread": "999",
    "edited_at": "2020-01-01",
    "version": "7",
}


def test_question_form_ignores_protected_fields(edition, anna, moderator):
    data = {
        "title": "Wie teilen wir Normdaten?",
        "body": "Frage",
        "edition": edition.pk,
        **FORBIDDEN,
        "author": str(moderator.pk),
    }
    form = QuestionForm(data, author=anna)

    assert form.is_valid(), form.errors
    thread = form.save()

    root = thread.posts.get()
    assert thread.author == anna
    assert (thread.status, thread.is_pinned, thread.is_locked) == ("open", False, False)
    assert (thread.vote_count, thread.reply_count, thread.accepted_post) == (0, 0, None)
    assert thread.merged_into is None
    assert thread.visibility == Visibility.PUBLISHED
    assert thread.phase == edition.phase
    assert (root.author, root.version, root.vote_count) == (anna, 1, 0)


def test_question_form_declares_only_explicit_fields():
    assert QuestionForm._meta.fields == ("edition", "session_id", "topic", "title", "is_anonymous")
    assert ReplyForm._meta.fields == ("body",)
    assert FlagForm._meta.fields == ("reason", "text")


def test_reply_form_ignores_protected_fields(thread, ben, clara):
    data = {"body": "Antwort", **FORBIDDEN, "author": str(clara.pk)}
    form = ReplyForm(data, thread=thread, author=ben)

    assert form.is_valid(), form.errors
    post = form.save()

    assert (post.author, post.thread, post.depth, post.version) == (ben, thread, 1, 1)
    assert post.visibility == Visibility.PUBLISHED
    assert post.vote_count == 0


def test_reply_form_rejects_parent_from_other_thread(edition, thread, ben):
    from tests.factories import ask

    other_root = ask(edition, ben, title="Eine ganz andere Frage").posts.get()
    form = ReplyForm({"body": "x", "parent": other_root.pk}, thread=thread, author=ben)

    assert not form.is_valid()
    assert "parent" in form.errors


def test_edit_form_ignores_protected_fields(thread, root, anna):
    data = {"title": thread.title, "body": "Neu", **FORBIDDEN, "version": "1"}
    form = EditPostForm(data, instance=root, editor=anna)

    assert form.is_valid(), form.errors
    form.save()

    root.refresh_from_db()
    thread.refresh_from_db()
    assert (root.body, root.author, root.visibility, root.version) == ("Neu", anna, "published", 2)
    assert (thread.status, thread.is_pinned) == ("open", False)


def test_edit_form_of_reply_has_no_title(thread, ben):
    answer = reply(thread, ben)

    assert "title" not in EditPostForm(instance=answer, editor=ben).fields


def test_flag_form_ignores_reporter_and_resolution(root, ben, clara):
    form = FlagForm(
        {"reason": "spam", "text": "x", "reporter": clara.pk, "resolution": "dismissed"},
        post=root,
        reporter=ben,
    )

    assert form.is_valid(), form.errors
    flag = form.save()

    assert (flag.reporter, flag.resolution) == (ben, "")


def test_question_form_empty_shows_german_errors(edition, anna):
    form = QuestionForm({"edition": edition.pk}, author=anna)

    assert not form.is_valid()
    assert form.errors["title"] == ["Bitte formulieren Sie Ihre Frage."]
    assert form.errors["body"] == ["Bitte geben Sie einen Text ein."]


def test_over_long_body_shows_german_error(edition, anna):
    form = QuestionForm(
        {"title": "Eine ausreichend lange Frage", "body": "x" * 10_001, "edition": edition.pk},
        author=anna,
    )

    assert not form.is_valid()
    assert form.errors["body"] == [
        "Der Text ist zu lang: höchstens 10000 Zeichen, Ihr Text hat 10001."
    ]
    assert Thread.objects.count() == 0
    assert Post.objects.count() == 0
