"""Programme sessions on the board (issue 10, item 5): the question list of one session has its
own URL, the edition knows its current session ("Jetzt"), asking from a session's page attaches
the question to it."""

import datetime
from html import unescape

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

import pytest

from board.models import Thread
from tests.factories import ask

pytestmark = pytest.mark.django_db


def session(start, end, title, room=""):
    return (
        "session",
        {
            "start_time": start,
            "end_time": end,
            "title": title,
            "speakers": "",
            "room": room,
            "description": "",
            "topic": None,
        },
    )


@pytest.fixture
def programme(edition):
    edition.programme = [
        session(datetime.time(9), datetime.time(10), "Begrüßung", "Foyer"),
        session(datetime.time(10), None, "Geteilte Dienste", "Hörsaal"),
        session(datetime.time(14), datetime.time(15), "Werkstatt", "Raum 2"),
    ]
    edition.save()
    return {value["title"]: block_id for block_id, value in edition.sessions()}


def at(edition, hour, minute=0):
    naive = datetime.datetime.combine(edition.date, datetime.time(hour, minute))
    return timezone.make_aware(naive)


def test_session_at_finds_the_running_session_by_the_programme_times(edition, programme):
    assert edition.session_at(at(edition, 9, 30))[0] == programme["Begrüßung"]
    assert edition.session_at(at(edition, 10))[0] == programme["Geteilte Dienste"]
    # without an end time a session runs until the next one starts
    assert edition.session_at(at(edition, 13, 59))[0] == programme["Geteilte Dienste"]
    assert edition.session_at(at(edition, 15)) is None
    assert edition.session_at(at(edition, 8, 59)) is None
    assert edition.session_at(at(edition, 9, 30) + datetime.timedelta(days=1)) is None


def test_session_page_lists_only_that_sessions_questions(client, edition, programme, anna):
    ask(
        edition, anna, title="Frage zu geteilten Diensten", session_id=programme["Geteilte Dienste"]
    )
    ask(edition, anna, title="Frage zur Werkstatt am Nachmittag", session_id=programme["Werkstatt"])
    ask(edition, anna, title="Frage ohne Programmpunkt dazu")

    response = client.get(
        reverse("board:session", args=[edition.year, programme["Geteilte Dienste"]])
    )

    assert response.status_code == 200
    assert [thread.title for thread in response.context["threads"]] == [
        "Frage zu geteilten Diensten"
    ]
    html = unescape(response.content.decode())
    assert "<h1>Geteilte Dienste" in html
    assert reverse("board:ask_session", args=[edition.year, programme["Geteilte Dienste"]]) in html


def test_session_page_of_an_unknown_session_is_not_found(client, edition, programme, other_edition):
    assert (
        client.get(reverse("board:session", args=[edition.year, "gibt-es-nicht"])).status_code
        == 404
    )
    wrong_year = reverse("board:session", args=[other_edition.year, programme["Werkstatt"]])
    assert client.get(wrong_year).status_code == 404


def test_session_page_has_an_english_url(client, edition, programme):
    with override("en"):
        url = reverse("board:session", args=[edition.year, programme["Werkstatt"]])

    assert url.startswith("/en/questions/programme/")
    assert client.get(url).status_code == 200


def test_edition_list_links_every_session_and_marks_the_current_one(client, edition, anna):
    edition.date = timezone.localdate()
    edition.programme = [session(datetime.time(0), datetime.time(23, 59), "Den ganzen Tag")]
    edition.save()
    block_id = edition.sessions()[0][0]

    response = client.get(reverse("board:index") + f"?ausgabe={edition.year}")

    html = unescape(response.content.decode())
    assert reverse("board:session", args=[edition.year, block_id]) in html
    assert 'Den ganzen Tag</a> <span class="badge badge--now">Jetzt</span>' in html


def test_asking_from_a_session_page_attaches_the_question(client, edition, programme, anna):
    client.force_login(anna)
    url = reverse("board:ask_session", args=[edition.year, programme["Werkstatt"]])
    form = client.get(url)
    assert form.context["form"]["session_id"].value() == programme["Werkstatt"]

    response = client.post(
        url,
        {
            "edition": edition.pk,
            "session_id": programme["Werkstatt"],
            "title": "Wie lange dauert die Werkstatt?",
            "body": "Text",
        },
    )

    assert response.status_code == 302
    assert Thread.objects.get().session_id == programme["Werkstatt"]


def test_session_page_queries_do_not_grow_with_the_questions(
    client, edition, programme, anna, django_assert_max_num_queries
):
    block_id = programme["Geteilte Dienste"]
    url = reverse("board:session", args=[edition.year, block_id])
    ask(edition, anna, title="Die erste Frage zur Sitzung", session_id=block_id)
    with django_assert_max_num_queries(20) as one:
        client.get(url)
    for number in range(8):
        ask(edition, anna, title=f"Noch eine Frage Nummer {number}", session_id=block_id)

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
