"""The organisers' export: permission, CSV/JSON content, anonymity, and a query-count guard."""

import csv
import io
import json

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from board import services
from tests.factories import UserFactory, ask, reply

pytestmark = pytest.mark.django_db


def _download(response):
    return b"".join(response.streaming_content).decode("utf-8")


def _csv_rows(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def questions(edition, anna, ben, clara, moderator):
    session_id = edition.sessions()[0][0]
    named = ask(
        edition,
        anna,
        title="Wie teilen kleine Häuser ihre Scanner?",
        body="Frage; mit Semikolon\nund Zeilenumbruch",
        session_id=session_id,
    )
    anonymous = ask(
        edition, ben, title='=HYPERLINK("x") als Titel?', body="Geheim", is_anonymous=True
    )
    answer = reply(named, ben, body="Wir teilen einen Scanner.")
    hidden = reply(named, clara, body="Verborgene Antwort")
    services.hide_post(post=hidden, moderator=moderator, reason="Spam")
    services.accept_answer(thread=named, post=answer, user=anna)
    services.vote(post=named.posts.get(parent__isnull=True), user=clara)
    return {"named": named, "anonymous": anonymous, "session_id": session_id}


def _url(edition, **params):
    query = "&".join(f"{key}={value}" for key, value in {"ausgabe": edition.pk, **params}.items())
    return reverse("board_admin:export") + "?" + query


def test_export_participant_is_refused(client, edition, anna):
    client.force_login(anna)

    response = client.get(_url(edition, format="csv"))

    assert response.status_code in (302, 403)
    assert not hasattr(response, "streaming_content")


def test_export_admin_user_without_permission_is_refused(client, edition):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.get(_url(edition, format="csv"))

    # Wagtail turns PermissionDenied in its admin into a redirect to the dashboard.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not hasattr(response, "streaming_content")


def test_export_form_page_for_moderator(client, moderator, edition):
    client.force_login(moderator)

    response = client.get(reverse("board_admin:export"))

    assert response.status_code == 200
    assert "Geteilte Dienste" in response.content.decode()


def test_export_csv_content(client, moderator, edition, questions):
    client.force_login(moderator)

    response = client.get(_url(edition, format="csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="fragen-2025.csv"'
    text = _download(response)
    rows = _csv_rows(text)
    header, first, second = rows
    assert header[:4] == ["ID", "Frage", "Text", "Verfasser*in"]
    record = dict(zip(header, first, strict=True))
    assert record["Frage"] == "Wie teilen kleine Häuser ihre Scanner?"
    assert record["Text"] == "Frage; mit Semikolon\nund Zeilenumbruch"
    assert record["Verfasser*in"] == "Anna Archiv"
    assert record["Programmpunkt"] == "Geteilte Dienste"
    assert record["Status"] == "Beantwortet"
    assert record["Stimmen"] == "1"
    assert record["Antworten"] == "1"
    assert record["Akzeptierte Antwort"] == "Wir teilen einen Scanner."
    assert record["Alle Antworten"] == "Ben Bibliothek: Wir teilen einen Scanner."
    anonymous = dict(zip(header, second, strict=True))
    assert anonymous["Verfasser*in"] == "anonym"
    assert anonymous["Frage"] == '\'=HYPERLINK("x") als Titel?'  # no formula in Excel
    assert "Verborgene Antwort" not in text
    assert "@example.org" not in text
    assert "Ben Bibliothek" not in second


def test_export_session_filter(client, moderator, edition, questions):
    client.force_login(moderator)

    response = client.get(_url(edition, format="csv", programmpunkt=questions["session_id"]))

    rows = _csv_rows(_download(response))
    assert [row[1] for row in rows[1:]] == ["Wie teilen kleine Häuser ihre Scanner?"]


def test_export_json_content(client, moderator, edition, questions):
    client.force_login(moderator)

    response = client.get(_url(edition, format="json"))

    data = json.loads(_download(response))
    assert data["edition"] == {"id": edition.pk, "title": "Konferenz 2025", "year": 2025}
    named, anonymous = data["questions"]
    assert named["author"] == "Anna Archiv"
    assert named["votes"] == 1
    assert named["status"] == "Beantwortet"
    assert named["accepted_answer"] == "Wir teilen einen Scanner."
    assert [(a["author"], a["text"], a["accepted"]) for a in named["answers"]] == [
        ("Ben Bibliothek", "Wir teilen einen Scanner.", True)
    ]
    assert anonymous["author"] == "anonym"
    assert anonymous["title"] == '=HYPERLINK("x") als Titel?'  # JSON keeps the text as it is
    assert "@example.org" not in json.dumps(data)


def test_export_query_count_does_not_grow(
    client, moderator, edition, anna, ben, django_assert_max_num_queries
):
    client.force_login(moderator)
    thread = ask(edition, anna)
    reply(thread, ben)
    with django_assert_max_num_queries(30) as one:
        _download(client.get(_url(edition, format="json")))
    for number in range(8):
        more = ask(edition, anna, title=f"Noch eine Frage Nummer {number}")
        reply(more, ben)

    with django_assert_max_num_queries(len(one.captured_queries)):
        _download(client.get(_url(edition, format="json")))
