"""An edition's programme imported from a pretalx schedule export (``schedule.json``, the frab
format): ``schedule.conference.days[].rooms{room: [talk, ...]}``, each talk with ``guid``,
``title``, ``date`` (ISO date-time), ``start`` ("HH:MM"), ``duration`` ("HH:MM"), ``room``,
``persons`` (``public_name`` or ``name``) and ``abstract``.

A talk becomes one session block of ``EventPage.programme`` whose **block id is the talk's guid**.
Questions store that id (``Thread.session_id``), so a talk that moves to another time or room is
updated in place and its questions stay attached; importing the same file again changes nothing
(no new revision). Sessions not in the file (added by hand, or dropped from the schedule) are
kept: questions may hang on them, and an editor removes them in the page editor if wanted.

The whole file is checked before anything is written, and the write is one transaction: a bad
file raises :class:`ProgrammeImportError` with a German message and leaves the page as it was.
The new programme is saved as a revision; it is published at once unless the page has unpublished
changes of its own (then it stays a draft for the editor to publish together with them).
"""

import dataclasses
import datetime
import json
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_TITLE = 200
MAX_SPEAKERS = 300
MAX_ROOM = 100


class ProgrammeImportError(Exception):
    """The file cannot be imported; ``message`` says why in German."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclasses.dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    published: bool = False

    def summary(self):
        text = _(
            "Programm importiert: %(created)d neu, %(updated)d geändert, %(unchanged)d "
            "unverändert, %(kept)d nicht in der Datei (behalten)."
        ) % dataclasses.asdict(self)
        if self.created or self.updated:
            if self.published:
                text += " " + _("Die Ausgabe ist veröffentlicht.")
            else:
                text += " " + _(
                    "Als Entwurf gespeichert, weil die Ausgabe unveröffentlichte Änderungen hat."
                )
        return text


def _shorten(text, limit):
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clock(text, *, what, title):
    try:
        hours, minutes = (int(part) for part in str(text).split(":")[:2])
        return datetime.time(hours, minutes) if hours < 24 else datetime.time(23, 59)
    except (TypeError, ValueError) as error:
        raise ProgrammeImportError(
            _("Der Programmpunkt „%(title)s“ hat keine gültige %(what)s: „%(value)s“.")
            % {"title": title, "what": what, "value": text}
        ) from error


def parse_schedule(data, *, day):
    """The talks of ``day`` in a frab/pretalx schedule as session values keyed by guid.

    ``data`` is the file's text or bytes. Raises :class:`ProgrammeImportError`.
    """
    try:
        schedule = json.loads(data)
        days = schedule["schedule"]["conference"]["days"]
        if not isinstance(days, list):
            raise TypeError
    except (ValueError, TypeError, KeyError) as error:
        raise ProgrammeImportError(
            _(
                "Die Datei ist kein Fahrplan im pretalx-Format (schedule.json): "
                "„schedule → conference → days“ fehlt oder ist keine Liste."
            )
        ) from error
    sessions = {}
    for entry in days:
        rooms = entry.get("rooms") if isinstance(entry, dict) else None
        if not isinstance(rooms, dict):
            raise ProgrammeImportError(
                _("Ein Tag im Fahrplan hat keine Räume („rooms“); die Datei ist unvollständig.")
            )
        for room, talks in rooms.items():
            for talk in talks or []:
                guid, value = _session(talk, room=room, day=day)
                if guid in sessions:
                    raise ProgrammeImportError(
                        _("Die Kennung %(guid)s kommt im Fahrplan zweimal vor.") % {"guid": guid}
                    )
                sessions[guid] = value
    if not sessions:
        raise ProgrammeImportError(_("Der Fahrplan enthält keine Programmpunkte."))
    return sessions


def _session(talk, *, room, day):
    if not isinstance(talk, dict):
        raise ProgrammeImportError(_("Ein Programmpunkt im Fahrplan ist kein Objekt."))
    title = _shorten(talk.get("title"), MAX_TITLE)
    if not title:
        raise ProgrammeImportError(_("Ein Programmpunkt im Fahrplan hat keinen Titel."))
    try:
        guid = str(uuid.UUID(str(talk.get("guid"))))
    except ValueError as error:
        raise ProgrammeImportError(
            _("Der Programmpunkt „%(title)s“ hat keine gültige Kennung (guid).") % {"title": title}
        ) from error
    start = _clock(talk.get("start"), what=_("Anfangszeit"), title=title)
    when = talk.get("date")
    if when:
        try:
            moment = datetime.datetime.fromisoformat(str(when))
        except ValueError as error:
            raise ProgrammeImportError(
                _("Der Programmpunkt „%(title)s“ hat kein gültiges Datum: „%(value)s“.")
                % {"title": title, "value": when}
            ) from error
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        if moment.date() != day:
            raise ProgrammeImportError(
                _(
                    "Der Programmpunkt „%(title)s“ liegt am %(date)s, die Ausgabe findet am "
                    "%(day)s statt. Bitte importieren Sie den Fahrplan dieser Ausgabe."
                )
                % {"title": title, "date": moment.date().isoformat(), "day": day.isoformat()}
            )
        start = moment.time().replace(second=0, microsecond=0)
    duration = _clock(talk.get("duration") or "00:00", what=_("Dauer"), title=title)
    begin = datetime.datetime.combine(day, start)
    finish = begin + datetime.timedelta(hours=duration.hour, minutes=duration.minute)
    end = finish.time() if finish.date() == day and finish > begin else None
    persons = talk.get("persons") or []
    speakers = ", ".join(
        str(person.get("public_name") or person.get("name") or "").strip()
        for person in persons
        if isinstance(person, dict) and (person.get("public_name") or person.get("name"))
    )
    return guid, {
        "start_time": start.isoformat(timespec="minutes") + ":00",
        "end_time": end.isoformat(timespec="minutes") + ":00" if end else None,
        "title": title,
        "speakers": _shorten(speakers, MAX_SPEAKERS),
        "room": _shorten(talk.get("room") or room, MAX_ROOM),
        "description": str(talk.get("abstract") or "").strip(),
    }


def import_schedule(*, edition, data, user=None):
    """Import a pretalx ``schedule.json`` (text or bytes) into ``edition``'s programme.

    Returns an :class:`ImportResult`; raises :class:`ProgrammeImportError` for a bad file.
    """
    sessions = parse_schedule(data, day=edition.date)
    with transaction.atomic():
        page = type(edition).objects.select_for_update().get(pk=edition.pk)
        draft = page.has_unpublished_changes
        if draft:
            page = page.get_latest_revision_as_object()
        result = ImportResult()
        blocks = []
        for raw in page.programme.raw_data:
            block = {"type": raw["type"], "id": raw.get("id"), "value": dict(raw["value"])}
            imported = sessions.pop(block["id"], None) if block["type"] == "session" else None
            if imported is None:
                result.kept += 1
            elif {key: block["value"].get(key) for key in imported} == imported:
                result.unchanged += 1
            else:
                block["value"].update(imported)
                result.updated += 1
            blocks.append(block)
        for guid, value in sessions.items():
            blocks.append({"type": "session", "id": guid, "value": {**value, "topic": None}})
            result.created += 1
        if not (result.created or result.updated):
            return result
        blocks.sort(key=lambda block: block["value"].get("start_time") or "")
        page.programme = blocks
        revision = page.save_revision(user=user, log_action=True)
        if page.live and not draft:
            revision.publish(user=user)
            result.published = True
        return result
