"""Live updates and the wall (issue 10, items 3, 4, 6): version keys bumped on commit, polling
answered with 304 from them, live regions on live pages, the wall and its moderator actions,
the moderators' live queue."""

from html import unescape

from django.test import Client
from django.urls import reverse
from django.utils.translation import override

import pytest

from board import live, polling, services
from board.models import Thread, Visibility
from home import versions
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db

POLL = {"HTTP_X_LIVE_POLL": "1"}


def text_of(response):
    return unescape(response.content.decode())


# --- the moderation queue's key ----------------------------------------------------------------


def test_flags_and_their_dismissal_bump_the_moderation_key(
    thread, ben, moderator, django_capture_on_commit_callbacks
):
    answer = reply(thread, ben, "Eine Antwort")
    before = versions.get(polling.MODERATION)

    with django_capture_on_commit_callbacks(execute=True):
        services.flag_post(post=answer, reporter=moderator, reason="spam")
    flagged = versions.get(polling.MODERATION)
    with django_capture_on_commit_callbacks(execute=True):
        services.dismiss_flags(post=answer, moderator=moderator)

    assert flagged != before
    assert versions.get(polling.MODERATION) != flagged


def test_marking_a_question_on_stage_bumps_the_edition_key(
    thread, moderator, django_capture_on_commit_callbacks
):
    key = versions.edition_key(thread.edition_id)
    before = versions.get(key)

    with django_capture_on_commit_callbacks(execute=True):
        live.set_answering(edition=thread.edition, user=moderator, thread=thread)

    assert versions.get(key) != before


# --- polling -----------------------------------------------------------------------------------


def test_poll_is_answered_304_without_a_database_query_while_nothing_changed(
    client, live_edition, thread, django_assert_num_queries
):
    url = thread.get_absolute_url()
    first = client.get(url, **POLL)
    etag = first["ETag"]

    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=etag, **POLL)

    assert first.status_code == 200
    assert again.status_code == 304
    assert "X-Live-Poll" in first["Vary"]


def test_poll_after_a_reply_gets_the_new_page(
    client, live_edition, thread, ben, django_capture_on_commit_callbacks
):  # the thread page follows its thread's key
    url = thread.get_absolute_url()
    etag = client.get(url, **POLL)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben, "Eine Antwort aus dem Saal")

    response = client.get(url, HTTP_IF_NONE_MATCH=etag, **POLL)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Eine Antwort aus dem Saal" in text_of(response)


def test_normal_visit_is_never_answered_304(client, live_edition, thread):
    etag = client.get(thread.get_absolute_url(), **POLL)["ETag"]

    response = client.get(thread.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert not response.has_header("ETag")


def test_poll_etag_differs_per_person(client, live_edition, thread, ben):
    anonymous = client.get(thread.get_absolute_url(), **POLL)["ETag"]
    signed_in = Client()
    signed_in.force_login(ben)

    assert signed_in.get(thread.get_absolute_url(), **POLL)["ETag"] != anonymous


def test_poll_leaves_pending_messages_for_the_next_visit(client, live_edition, thread, ben):
    client.force_login(ben)
    client.post(reverse("board:reply", args=[thread.pk]), {"body": "Meine Antwort"})  # no follow

    client.get(thread.get_absolute_url(), **POLL)
    visit = client.get(thread.get_absolute_url())

    assert [str(message) for message in visit.context["messages"]] == [
        "Ihre Antwort ist veröffentlicht."
    ]


def test_live_pages_carry_live_regions_and_the_script(client, live_edition, thread):
    listing = text_of(client.get(reverse("board:index") + f"?ausgabe={live_edition.year}"))
    page = text_of(client.get(thread.get_absolute_url()))

    assert 'id="fragenliste" aria-labelledby="thread-list-heading" data-live-region' in listing
    assert "js/live.js" in listing
    assert 'id="antworten" aria-labelledby="answers-heading" data-live-region' in page
    assert "js/live.js" in page


def test_pages_of_an_edition_that_is_not_live_do_not_poll(client, thread):
    page = text_of(client.get(thread.get_absolute_url()))
    listing = text_of(client.get(reverse("board:index") + f"?ausgabe={thread.edition.year}"))

    assert "data-live-region" not in page
    assert "js/live.js" not in page
    assert "data-live-region" not in listing  # live.js, loaded there, finds nothing to do


# --- the wall ----------------------------------------------------------------------------------


@pytest.fixture
def questions(live_edition, anna, ben, clara):
    few = ask(live_edition, anna, title="Eine Frage mit wenigen Stimmen")
    many = ask(live_edition, ben, title="Eine Frage mit vielen Stimmen")
    for voter in (anna, clara):
        services.vote(post=many.posts.get(parent__isnull=True), user=voter)
    done = ask(live_edition, clara, title="Eine schon beantwortete Frage")
    done.status = Thread.Status.ANSWERED
    done.save()
    waiting = ask(live_edition, clara, title="Eine Frage, die noch geprüft wird")
    waiting.visibility = Visibility.PENDING
    waiting.save()
    return {"few": few, "many": many, "done": done, "waiting": waiting}


def wall_titles(response):
    return [thread.title for thread in response.context["threads"]]


def projector_url(edition):
    phase = live.live_phase_for(edition)
    return reverse("board:wall", args=[edition.year]) + f"?projektor={live.projector_key(phase)}"


def test_wall_shows_open_public_questions_by_votes_with_qr_code_and_code(
    client, live_edition, questions
):
    response = client.get(projector_url(live_edition))

    phase = live.live_phase_for(live_edition)
    html = text_of(response)
    assert response.status_code == 200
    assert wall_titles(response) == [
        "Eine Frage mit vielen Stimmen",
        "Eine Frage mit wenigen Stimmen",
    ]
    assert "<svg" in html
    assert phase.event_code in html
    assert "testserver" + reverse("board:join") in html
    assert 'id="wand" class="wall__live" tabindex="0" role="region"' in html
    assert "Wird gerade beantwortet</button>" not in html  # no buttons for the public


def test_public_wall_address_shows_no_event_code(client, live_edition, questions):
    response = client.get(reverse("board:wall", args=[live_edition.year]))

    html = text_of(response)
    assert wall_titles(response) == [
        "Eine Frage mit vielen Stimmen",
        "Eine Frage mit wenigen Stimmen",
    ]
    assert live.live_phase_for(live_edition).event_code not in html
    assert "<svg" not in html
    assert "Den Veranstaltungscode zeigt die Leinwand im Saal." in html


def test_wall_shows_the_code_to_moderators(client, live_edition, moderator):
    client.force_login(moderator)

    html = text_of(client.get(reverse("board:wall", args=[live_edition.year])))

    assert live.live_phase_for(live_edition).event_code in html


def test_new_code_retires_the_projector_link(client, live_edition, moderator):
    old_link = projector_url(live_edition)

    phase = live.regenerate_code(edition=live_edition, user=moderator)

    assert phase.event_code not in text_of(client.get(old_link))
    assert phase.event_code in text_of(client.get(projector_url(live_edition)))
    assert phase.event_code not in text_of(client.get(old_link.replace("projektor=", "x=")))


def test_live_settings_give_moderators_the_projector_link(client, live_edition, moderator):
    client.force_login(moderator)

    response = client.get(reverse("board:live_settings", args=[live_edition.year]))

    assert "testserver" + projector_url(live_edition) in text_of(response)


def test_wall_has_an_english_url(client, live_edition):
    with override("en"):
        url = reverse("board:wall", args=[live_edition.year])

    assert url == f"/en/questions/wall/{live_edition.year}/"
    assert client.get(url).status_code == 200


def test_wall_of_an_unknown_year_is_not_found(client, live_edition):
    assert client.get(reverse("board:wall", args=[1999])).status_code == 404


def test_moderator_marks_a_question_being_answered_and_then_answered(
    client, live_edition, questions, moderator
):
    client.force_login(moderator)
    url = reverse("board:wall_action", args=[live_edition.year])
    few = questions["few"]

    client.post(url, {"frage": few.pk, "action": "answering"})
    wall = client.get(reverse("board:wall", args=[live_edition.year]))

    assert wall_titles(wall)[0] == "Eine Frage mit wenigen Stimmen"  # on stage: first
    assert 'wall__item--answering" tabindex="0" data-key-item' in text_of(wall)

    client.post(url, {"frage": few.pk, "action": "answered"})

    few.refresh_from_db()
    assert few.status == Thread.Status.ANSWERED
    assert live.live_phase_for(live_edition).answering is None
    assert "Eine Frage mit wenigen Stimmen" not in wall_titles(
        client.get(reverse("board:wall", args=[live_edition.year]))
    )


def test_wall_actions_are_refused_to_participants(client, live_edition, questions, anna):
    client.force_login(anna)

    response = client.post(
        reverse("board:wall_action", args=[live_edition.year]),
        {"frage": questions["few"].pk, "action": "answered"},
    )

    assert response.status_code == 404
    questions["few"].refresh_from_db()
    assert questions["few"].status == Thread.Status.OPEN


def test_wall_in_dark_mode_on_request(client, live_edition):
    response = client.get(reverse("board:wall", args=[live_edition.year]) + "?modus=dunkel")

    assert '<body class="wall wall--dark">' in text_of(response)


def test_wall_queries_do_not_grow_with_the_questions(
    client, live_edition, anna, django_assert_max_num_queries
):
    url = reverse("board:wall", args=[live_edition.year])
    ask(live_edition, anna, title="Die allererste Frage an die Wand")
    client.get(url)  # the live phase row is made on the first visit
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    for number in range(8):
        ask(live_edition, anna, title=f"Noch eine Frage an die Wand {number}")

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


# --- the moderators' live queue ----------------------------------------------------------------


def test_queue_updates_live_and_offers_one_keystroke_actions(client, live_edition, moderator, ben):
    live_edition.pre_moderation = True
    live_edition.save()
    pending = ask(live_edition, ben, title="Eine Frage, die auf Freigabe wartet")
    client.force_login(moderator)

    html = text_of(client.get(reverse("board_admin:queue")))

    post = pending.posts.get(parent__isnull=True)
    assert 'id="pruefliste" data-live-region' in html
    assert f'id="pruef-beitrag-{post.pk}" data-live-item data-key-item tabindex="0"' in html
    assert 'data-key="f">Freigeben</button>' in html
    assert 'data-key="a">Ausblenden</button>' in html
    assert "js/shortcuts.js" in html


def test_hide_from_the_queue_uses_the_chosen_reason(client, live_edition, moderator, ben):
    live_edition.pre_moderation = True
    live_edition.save()
    post = ask(live_edition, ben, title="Eine Frage mit Werbung darin").posts.get()
    client.force_login(moderator)

    client.post(
        reverse("board_admin:post_action", args=[post.pk, "hide"]),
        {"reason": "Werbung oder Spam.", "next": reverse("board_admin:queue")},
    )

    post.refresh_from_db()
    assert post.visibility == Visibility.HIDDEN
    assert post.hidden_reason == "Werbung oder Spam."


def test_visitors_share_one_rendering_per_change(
    client, live_edition, thread, ben, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = thread.get_absolute_url()
    old = client.get(url, **POLL)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben, "Neu für alle")
    first = Client().get(url, HTTP_IF_NONE_MATCH=old, **POLL)

    with django_assert_num_queries(0):
        second = Client().get(url, HTTP_IF_NONE_MATCH=old, **POLL)

    assert second.status_code == 200
    assert second.content == first.content
    assert "Neu für alle" in text_of(second)
    assert second["ETag"] == first["ETag"]
