"""The board's model signals bump its version keys (board/cache_signals.py, home/versions.py)."""

from board import services
from home import versions
from tests.crowd import changed_versions as changed


def test_board_changes_bump_the_board_the_thread_and_the_edition(
    edition, anna, ben, moderator, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        thread = services.ask_question(
            edition=edition, author=anna, title="Scanner teilen?", body="x"
        )
    root = thread.posts.get(parent__isnull=True)
    keys = (
        versions.SITE,
        versions.BOARD,
        versions.thread_key(thread.pk),
        versions.edition_key(edition.pk),
    )
    board_keys = set(keys) - {versions.SITE}

    def reply():
        return services.post_reply(thread=thread, author=ben, body="Antwort")

    assert changed(keys, reply, capture) == board_keys
    answer = thread.posts.exclude(pk=root.pk).get()
    assert changed(keys, lambda: services.vote(post=answer, user=anna), capture) == board_keys
    assert changed(keys, lambda: services.unvote(post=answer, user=anna), capture) == board_keys
    assert (
        changed(
            keys,
            lambda: services.accept_answer(thread=thread, post=answer, user=anna),
            capture,
        )
        == board_keys
    )
    assert (
        changed(keys, lambda: services.pin_thread(thread=thread, moderator=moderator), capture)
        == board_keys
    )
    assert (
        changed(
            keys,
            lambda: services.hide_post(post=answer, moderator=moderator, reason="Spam"),
            capture,
        )
        == board_keys
    )

    # A change made directly on the model (admin, shell) bumps as well.
    def shell():
        thread.is_locked = True
        thread.save()

    assert changed(keys, shell, capture) == board_keys


def test_a_merge_bumps_both_threads(edition, anna, moderator, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        source = services.ask_question(
            edition=edition, author=anna, title="Scanner im Haus?", body="x"
        )
        target = services.ask_question(
            edition=edition, author=anna, title="Scanner teilen?", body="y"
        )
    keys = (versions.thread_key(source.pk), versions.thread_key(target.pk))

    def merge():
        services.merge_threads(source=source, target=target, moderator=moderator, reason="doppelt")

    assert changed(keys, merge, capture) == set(keys)
