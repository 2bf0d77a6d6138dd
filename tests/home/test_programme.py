"""Importing an edition's programme from a pretalx schedule export (home/programme.py): create,
update, move, idempotent, bad file → German error and nothing half-imported; the management
command and the admin action."""

import datetime
import io
import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from home.models import EventPage
from home.programme import ProgrammeImportError, import_schedule
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    UserFactory,
    ask,
    make_site_home,
)

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "schedule.json"
TALK_1 = "6f1d3a52-94c8-5d1e-8a0b-3c2e4f5a6b01"
TALK_2 = "6f1d3a52-94c8-5d1e-8a0b-3c2e4f5a6b02"
TALK_3 = "6f1d3a52-94c8-5d1e-8a0b-3c2e4f5a6b03"


@pytest.fixture
def edition():
    index = EventIndexPageFactory(parent=make_site_home())
    return EventPageFactory(
        parent=index, title="Konferenz 2026", slug="2026", date=datetime.date(2026, 6, 11)
    )


def schedule(**changes):
    """The fixture's schedule with talks changed: ``{guid: {field: value}}``."""
    data = json.loads(FIXTURE.read_text())
    for day in data["schedule"]["conference"]["days"]:
        for talks in day["rooms"].values():
            for talk in talks:
                talk.update(changes.get(talk["guid"], {}))
    return json.dumps(data)


def sessions(edition):
    page = EventPage.objects.get(pk=edition.pk)
    return dict(page.sessions())


def test_import_creates_one_session_per_talk_with_the_guid_as_its_id(edition):
    result = import_schedule(edition=edition, data=FIXTURE.read_bytes())

    imported = sessions(edition)
    assert list(imported) == [TALK_1, TALK_2, TALK_3]
    first = imported[TALK_1]
    assert (first["start_time"], first["end_time"]) == (datetime.time(10), datetime.time(10, 45))
    assert first["title"] == "Geteilte Dienste für kleine Häuser"
    assert first["speakers"] == "Dr. Anna Beispiel"
    assert first["room"] == "Hörsaal"
    assert imported[TALK_2]["speakers"] == "Ben Bibliothek, Clara Museum"
    assert imported[TALK_3]["room"] == "Werkstatt"
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert result.published is True
    assert EventPage.objects.get(pk=edition.pk).live_revision is not None


def test_import_of_the_same_file_again_changes_nothing(edition):
    import_schedule(edition=edition, data=FIXTURE.read_bytes())
    revisions = edition.revisions.count()

    result = import_schedule(edition=edition, data=FIXTURE.read_bytes())

    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert edition.revisions.count() == revisions
    assert list(sessions(edition)) == [TALK_1, TALK_2, TALK_3]


def test_moved_talk_is_updated_in_place_and_keeps_its_questions(edition):
    import_schedule(edition=edition, data=FIXTURE.read_bytes())
    edition.refresh_from_db()
    thread = ask(edition, UserFactory(), title="Wie teilen kleine Häuser?", session_id=TALK_1)
    moved = {
        TALK_1: {
            "date": "2026-06-11T16:00:00+02:00",
            "start": "16:00",
            "room": "Werkstatt",
            "title": "Geteilte Dienste (verschoben)",
        }
    }

    result = import_schedule(edition=edition, data=schedule(**moved))

    imported = sessions(edition)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert list(imported) == [TALK_2, TALK_3, TALK_1]  # in time order
    assert imported[TALK_1]["start_time"] == datetime.time(16)
    assert imported[TALK_1]["room"] == "Werkstatt"
    thread.refresh_from_db()
    assert thread.session_id == TALK_1
    assert thread.session_title() == "Geteilte Dienste (verschoben)"


def test_sessions_added_by_hand_are_kept(edition):
    edition.programme = [
        ("session", {"start_time": datetime.time(9), "title": "Begrüßung", "room": ""}),
    ]
    edition.save_revision().publish()

    result = import_schedule(edition=edition, data=FIXTURE.read_bytes())

    titles = [value["title"] for value in sessions(edition).values()]
    assert titles[0] == "Begrüßung"
    assert len(titles) == 4
    assert result.kept == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("kein json", "kein Fahrplan im pretalx-Format"),
        ('{"schedule": {}}', "kein Fahrplan im pretalx-Format"),
        (schedule(**{TALK_2: {"guid": "kaputt"}}), "„Normdaten gemeinsam pflegen“ hat keine"),
        (schedule(**{TALK_3: {"start": "vierzehn Uhr", "date": None}}), "keine gültige"),
        (
            schedule(**{TALK_3: {"date": "2026-06-12T14:00:00+02:00"}}),
            "liegt am 2026-06-12, die Ausgabe findet am 2026-06-11 statt",
        ),
        (schedule(**{TALK_3: {"guid": TALK_1}}), "zweimal"),
    ],
)
def test_bad_file_is_refused_in_german_and_nothing_is_imported(edition, data, message):
    revisions = edition.revisions.count()

    with pytest.raises(ProgrammeImportError) as error:
        import_schedule(edition=edition, data=data)

    assert message in error.value.message
    assert sessions(edition) == {}
    assert edition.revisions.count() == revisions


def test_failure_while_saving_rolls_the_whole_import_back(edition, monkeypatch):
    import_schedule(edition=edition, data=FIXTURE.read_bytes())
    revisions = edition.revisions.count()

    def broken_publish(self, *args, **kwargs):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr("wagtail.models.Revision.publish", broken_publish)
    with pytest.raises(RuntimeError):
        import_schedule(edition=edition, data=schedule(**{TALK_1: {"title": "Neuer Titel"}}))

    assert sessions(edition)[TALK_1]["title"] == "Geteilte Dienste für kleine Häuser"
    assert edition.revisions.count() == revisions


def test_edition_with_unpublished_changes_gets_the_programme_as_a_draft(edition):
    edition.theme = "Entwurf des Themas"
    edition.save_revision()

    result = import_schedule(edition=edition, data=FIXTURE.read_bytes())

    assert result.published is False
    assert sessions(edition) == {}  # the live page is untouched
    draft = EventPage.objects.get(pk=edition.pk).get_latest_revision_as_object()
    assert draft.theme == "Entwurf des Themas"
    assert len(draft.programme) == 3


def test_management_command_imports_and_reports(edition):
    out = io.StringIO()

    call_command("import_programme", "2026", str(FIXTURE), stdout=out)

    assert "3 neu, 0 geändert" in out.getvalue()
    assert len(sessions(edition)) == 3


def test_management_command_reports_a_bad_file_in_german(edition, tmp_path):
    bad = tmp_path / "schedule.json"
    bad.write_text("[]")

    with pytest.raises(CommandError, match="kein Fahrplan im pretalx-Format"):
        call_command("import_programme", "2026", str(bad), stdout=io.StringIO())


def test_admin_action_imports_the_uploaded_file(client, edition):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("home_programme_import", args=[edition.pk])
    upload = SimpleUploadedFile("schedule.json", FIXTURE.read_bytes(), "application/json")

    response = client.post(url, {"schedule": upload}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[edition.pk])
    assert "Programm importiert: 3 neu" in response.content.decode()
    assert len(sessions(edition)) == 3


def test_admin_action_shows_the_error_and_keeps_the_page(client, edition):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("home_programme_import", args=[edition.pk])
    upload = SimpleUploadedFile("schedule.json", b"{}", "application/json")

    response = client.post(url, {"schedule": upload})

    assert response.status_code == 200
    assert "kein Fahrplan im pretalx-Format" in response.content.decode()
    assert sessions(edition) == {}


def test_admin_action_is_refused_to_someone_who_may_not_publish_the_edition(client, edition):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("home_programme_import", args=[edition.pk]))

    assert response.status_code in (302, 403)
    assert sessions(edition) == {}


def test_edit_page_of_an_edition_offers_the_import(client, edition):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(reverse("wagtailadmin_pages:edit", args=[edition.pk]))

    assert reverse("home_programme_import", args=[edition.pk]) in response.content.decode()
