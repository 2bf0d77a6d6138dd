"""Live polls answered from a rendering shared by a role class (issue 10, item 3; board/polling.py):
after a change, one rendering of the live regions per page, version, language and role class
(visitor, participant, moderator); each poller gets it with their own CSRF token, plus the
personal part of a thread page (their own posts' and voted posts' cards, their posts waiting
for approval). Nothing of one person reaches another."""

import json
import re
from html import unescape

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest

from board import polling, services
from board.models import Visibility
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db

POLL = {"HTTP_X_LIVE_POLL": "1"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
#: What stands for a token in a shared rendering: made anew for each rendering.
MARKER = re.compile(r"kr-[0-9a-f]{32}-csrf")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def personal(response):
    match = re.search(
        r'<script type="application/json" id="live-personal">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(match.group(1)) if match else {}


def shared_copies():
    """Every shared rendering in the cache, as (its marker, its regions) (the test cache is
    local memory)."""
    store = cache._cache  # locmem: {key: pickled value}
    keys = [key.split(":", 2)[-1] for key in list(store) if polling.SHARED_PREFIX in key]
    return [cache.get(key) for key in keys]


@pytest.fixture
def changed(thread, ben, clara, django_capture_on_commit_callbacks):
    """A thread page after a change: Clara's reply, which Ben voted for."""
    with django_capture_on_commit_callbacks(execute=True):
        answer = reply(thread, clara, "Clara antwortet im Saal")
        services.vote(post=answer, user=ben)
    return answer


def test_participants_share_one_rendering_with_their_own_token(
    live_edition, thread, ben, clara, changed, django_assert_max_num_queries
):
    ben_client, clara_client = signed_in(ben), signed_in(clara)
    first = clara_client.get(thread.get_absolute_url(), **POLL)

    # Session, user, permissions, then his personal part: the vote he gave (the page itself
    # is not rendered again).
    with django_assert_max_num_queries(12):
        second = ben_client.get(thread.get_absolute_url(), **POLL)

    assert first.status_code == second.status_code == 200
    assert second.wsgi_request._live_shared is True
    assert "Clara antwortet im Saal" in unescape(second.content.decode())
    for response in (first, second):
        assert not MARKER.search(response.content.decode())
        assert TOKEN.findall(response.content.decode())  # their forms post with a token


def test_shared_copy_holds_no_token_and_nobody_s_own_state(live_edition, thread, ben, changed):
    signed_in(ben).get(thread.get_absolute_url(), **POLL)

    copies = [copy for copy in shared_copies() if copy]

    assert copies
    for marker, regions in copies:
        assert MARKER.fullmatch(marker)
        assert set(TOKEN.findall(regions)) <= {marker}
        assert 'aria-pressed="true"' not in regions  # nobody's vote
        assert "<!--live:start-->" not in regions


def test_a_post_holding_the_old_placeholder_or_a_marker_is_shown_as_written(
    live_edition, thread, ben, clara, django_capture_on_commit_callbacks
):
    # The fixed placeholder the polls used to replace, and a marker's shape with a made-up
    # nonce: text a participant typed, which no poller's token may replace.
    written = (
        "Clara schreibt live-csrf-token-placeholder hin",
        "Und kr-0123456789abcdef0123456789abcdef-csrf dazu",
    )
    with django_capture_on_commit_callbacks(execute=True):
        posts = [reply(thread, clara, text) for text in written]
        services.vote(post=posts[0], user=ben)  # its card comes in Ben's personal part
    ben_client = Client(enforce_csrf_checks=True)
    ben_client.force_login(ben)
    url = thread.get_absolute_url()

    visitor = Client().get(url, **POLL)
    ben_poll = ben_client.get(url, **POLL)
    clara_poll = signed_in(clara).get(url, **POLL)  # from Ben's copy, with her token

    for response in (visitor, ben_poll, clara_poll):
        assert response.wsgi_request._live_shared is True
        shown = unescape(response.content.decode())
        for text in written:
            assert text in shown
    assert not visitor.cookies  # no token for a visitor: no CSRF cookie either
    card = personal(ben_poll)["cards"][posts[0].anchor]
    assert written[0] in unescape(card)
    # Ben's own token in his forms, in the shared part and in his personal cards alike.
    tokens = TOKEN.findall(ben_poll.content.decode()) + TOKEN.findall(card)
    assert tokens
    for token in tokens:
        vote = ben_client.post(
            reverse("board:vote", args=[posts[1].pk]), {"csrfmiddlewaretoken": token}
        )
        assert vote.status_code != 403, token


def test_own_vote_state_comes_in_the_personal_part(live_edition, thread, ben, clara, changed):
    ben_poll = signed_in(ben).get(thread.get_absolute_url(), **POLL)
    clara_poll = signed_in(clara).get(thread.get_absolute_url(), **POLL)

    ben_cards = personal(ben_poll)["cards"]
    clara_cards = personal(clara_poll)["cards"]

    assert 'aria-pressed="true"' in ben_cards[changed.anchor]
    assert 'aria-pressed="true"' not in clara_poll.content.decode()
    # Clara's own reply: no vote for herself, but the edit link.
    assert reverse("board:edit", args=[changed.pk]) in clara_cards[changed.anchor]
    assert reverse("board:edit", args=[changed.pk]) not in ben_poll.content.decode()


def test_personal_cards_match_the_full_page(live_edition, thread, ben, changed):
    client = signed_in(ben)
    poll = client.get(thread.get_absolute_url(), **POLL)
    page = client.get(thread.get_absolute_url()).content.decode()

    card = personal(poll)["cards"][changed.anchor]
    masked = 'name="csrfmiddlewaretoken" value="…"'  # each rendering masks the token anew

    assert TOKEN.sub(masked, card) in TOKEN.sub(masked, page)


def test_own_pending_reply_is_a_personal_addition_only(
    live_edition, thread, ben, clara, django_capture_on_commit_callbacks
):
    live_edition.pre_moderation = True
    live_edition.save()
    with django_capture_on_commit_callbacks(execute=True):
        waiting = reply(thread, ben, "Bens Antwort wartet noch")
    assert waiting.visibility == Visibility.PENDING

    ben_poll = signed_in(ben).get(thread.get_absolute_url(), **POLL)
    clara_poll = signed_in(clara).get(thread.get_absolute_url(), **POLL)
    visitor_poll = Client().get(thread.get_absolute_url(), **POLL)

    pending = personal(ben_poll)["pending"]
    assert [item["id"] for item in pending] == [waiting.anchor]
    assert "Bens Antwort wartet noch" in unescape(pending[0]["html"])
    for response in (clara_poll, visitor_poll):
        assert "Bens Antwort wartet noch" not in unescape(response.content.decode())
    assert all("Bens Antwort wartet noch" not in unescape(copy or "") for copy in shared_copies())


def test_asker_page_renders_for_the_asker_alone(live_edition, thread, anna, changed):
    response = signed_in(anna).get(thread.get_absolute_url(), **POLL)

    assert response.status_code == 200
    assert not getattr(response.wsgi_request, "_live_shared", False)
    assert "Als Antwort akzeptieren" in unescape(response.content.decode())


def test_moderators_share_the_wall_with_their_own_token(
    live_edition, moderator, anna, django_capture_on_commit_callbacks
):
    from tests.factories import make_moderator

    other = make_moderator(email="zweite@example.org", display_name="Zweite Moderation")
    with django_capture_on_commit_callbacks(execute=True):
        ask(live_edition, anna, title="Eine Frage an die Wand")
    url = reverse("board:wall", args=[live_edition.year])
    first_client, second_client = signed_in(moderator), signed_in(other)

    first = first_client.get(url, **POLL)
    second = second_client.get(url, **POLL)
    visitor = Client().get(url, **POLL)

    assert second.wsgi_request._live_shared is True
    assert "Eine Frage an die Wand" in unescape(second.content.decode())
    assert 'value="answered"' in second.content.decode()  # the moderators' buttons
    assert 'value="answered"' not in visitor.content.decode()
    first_tokens = set(TOKEN.findall(first.content.decode()))
    second_tokens = set(TOKEN.findall(second.content.decode()))
    assert first_tokens and second_tokens
    assert not any(MARKER.search(token) for token in first_tokens | second_tokens)


def test_visitors_with_a_view_cookie_share_with_other_visitors(client, live_edition, thread):
    plain = Client().get(thread.get_absolute_url(), **POLL)
    flat = Client()
    flat.cookies["board_ansicht"] = "flach"  # only signed-in readers' choice is remembered

    response = flat.get(thread.get_absolute_url(), **POLL)

    assert response.status_code == 200
    assert response.content == plain.content


def test_signed_in_flat_view_is_shared_apart(live_edition, thread, ben, clara, changed):
    threaded = signed_in(ben).get(thread.get_absolute_url(), **POLL)
    flat_client = signed_in(clara)
    flat_client.cookies["board_ansicht"] = "flach"

    flat = flat_client.get(thread.get_absolute_url(), **POLL)

    assert "post-tree--flat" in flat.content.decode()
    assert "post-tree--flat" not in threaded.content.decode()


def test_moderators_share_the_queue_with_their_own_token(
    live_edition, thread, moderator, ben, django_capture_on_commit_callbacks
):
    from tests.factories import make_moderator

    other = make_moderator(email="dritte@example.org", display_name="Dritte Moderation")
    live_edition.pre_moderation = True
    live_edition.save()
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben, "Bitte prüfen Sie diese Antwort")
    url = reverse("board_admin:queue")

    first = signed_in(moderator).get(url, **POLL)
    second = signed_in(other).get(url, **POLL)
    refused = signed_in(ben).get(url, **POLL)

    assert second.wsgi_request._live_shared is True
    assert "Bitte prüfen Sie diese Antwort" in unescape(second.content.decode())
    assert "Moritz Moderation" not in second.content.decode()  # nothing of the first moderator
    assert TOKEN.findall(second.content.decode())
    assert not MARKER.search(first.content.decode() + second.content.decode())
    assert refused.status_code != 200 or "Bitte prüfen" not in refused.content.decode()


def test_own_questions_are_marked_for_their_asker_only(
    live_edition, anna, ben, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        own = ask(live_edition, anna, title="Annas Frage aus dem Saal")
    url = reverse("board:index") + f"?ausgabe={live_edition.year}"
    anna_client = signed_in(anna)

    page = unescape(anna_client.get(url).content.decode())
    anna_poll = anna_client.get(url, **POLL)
    ben_poll = signed_in(ben).get(url, **POLL)

    assert "Ihre Frage" in page  # without JavaScript, on the full page
    assert list(personal(anna_poll)["badges"]) == [f"frage-{own.pk}"]
    assert "Ihre Frage" in personal(anna_poll)["badges"][f"frage-{own.pk}"]
    assert "Ihre Frage" not in unescape(ben_poll.content.decode())
    assert all("Ihre Frage" not in unescape(copy or "") for copy in shared_copies())


def test_next_time_slice_renders_its_own_shared_copy(
    live_edition, thread, ben, clara, changed, monkeypatch
):
    url = thread.get_absolute_url()
    signed_in(clara).get(url, **POLL)
    signed_in(ben).get(url, **POLL)
    assert len([copy for copy in shared_copies() if copy]) == 1

    later = polling.time_bucket() + 1  # the running session ("Jetzt") may have changed
    monkeypatch.setattr(polling, "time_bucket", lambda: later)
    response = signed_in(ben).get(url, **POLL)

    assert response.wsgi_request._live_shared is True
    assert len([copy for copy in shared_copies() if copy]) == 2
