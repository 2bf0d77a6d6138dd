"""The demo's live edition (issue 10): the demo's edition of the current year (or a new one) takes
place on the day the demo is loaded, with its programme (or one imported from a pretalx schedule
through ``home.programme`` where it has none), an open quick join with its
event code, questions with votes in several sessions and one question on stage, so the wall
(``/fragen/wand/<year>/``), the session lists and the live updates can be tried at once.

Kept apart from ``demo/questions.py``. Idempotent: run again, it only moves the live edition to the
current day if it was loaded on an earlier one.
"""

import datetime
import json
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from board import limits, live, notifications, services
from board.models import Post, Thread
from home.models import EventIndexPage, EventPage
from home.programme import import_schedule

from .site_shell import demo_email

# start, duration, title, speakers, room
PROGRAMME = [
    ("08:30", "01:00", "Ankommen, Kaffee und Begrüßung", ["Team Kooperationsraum"], "Foyer"),
    (
        "09:30",
        "01:30",
        "Gemeinsam digitalisieren: was kleine Häuser teilen",
        ["Dr. Anna Beispiel"],
        "Hörsaal",
    ),
    (
        "11:00",
        "01:30",
        "KI in der Erschließung – ein Werkstattbericht",
        ["Ben Bibliothek", "Clara Museum"],
        "Hörsaal",
    ),
    ("12:30", "01:00", "Mittagspause", [], "Foyer"),
    (
        "13:30",
        "02:00",
        "Podium: Nachhaltig digitalisieren",
        ["Rita Redaktion", "Moritz Moderation"],
        "Hörsaal",
    ),
    ("15:30", "02:00", "Werkstatt: Normdaten im Alltag", ["Dr. Anna Beispiel"], "Raum 2"),
    ("17:30", "02:30", "Offene Fragerunde und Ausklang", ["Team Kooperationsraum"], "Hörsaal"),
]

# session index, asker, title, voters
QUESTIONS = [
    (1, "anna", "Welche Dienste teilen kleine Häuser am häufigsten?", ["ben", "clara"]),
    (1, "ben", "Wie regeln Sie die Kosten, wenn ein Scanner für drei Häuser arbeitet?", ["anna"]),
    (2, "clara", "Wie prüfen Sie, ob die automatische Erschließung stimmt?", ["anna", "ben"]),
    (4, "anna", "Welche Formate halten Sie für langfristig sicher?", []),
    (6, "ben", "Wo finden wir die Folien der heutigen Vorträge?", ["clara"]),
]


def _guid(title):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"kooperationsraum-demo-live:{title}"))


def _schedule(day):
    talks = {}
    for start, duration, title, speakers, room in PROGRAMME:
        hour, minute = (int(part) for part in start.split(":"))
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        talks.setdefault(room, []).append(
            {
                "guid": _guid(title),
                "date": moment.isoformat(),
                "start": start,
                "duration": duration,
                "room": room,
                "title": title,
                "abstract": "",
                "persons": [{"public_name": name} for name in speakers],
            }
        )
    days = [{"index": 1, "date": day.isoformat(), "rooms": talks}]
    return json.dumps({"schedule": {"conference": {"title": "Demo", "days": days}}})


def _edition(index, day, log):
    """This year's edition, moved to today (with its translations), or a new one for today.

    The board tells editions apart by their year, so a second edition in the same year cannot
    be added: the demo's edition of this year becomes the live one.
    """
    edition = EventPage.objects.filter(date__year=day.year, locale=index.locale).first()
    if edition is None:
        edition = EventPage(
            title=f"Konferenz {day.year} (live)",
            slug=str(day.year),
            theme="Live-Phase",
            summary="Die Demo-Ausgabe, die heute stattfindet: Fragen im Saal, an der Wand, live.",
            date=day,
            start_time=datetime.time(8, 30),
            end_time=datetime.time(20, 0),
            venue_name="Zuse-Institut Berlin",
            venue_address="Takustraße 7\n14195 Berlin",
        )
        index.add_child(instance=edition)
        edition.save_revision().publish()
        log(f"  Live-Ausgabe {day.year} angelegt")
    elif edition.date != day:
        for page in EventPage.objects.filter(translation_key=edition.translation_key):
            page.date = day
            page.save_revision().publish()
        log(f"  Ausgabe {day.year} findet in der Demo heute statt (live)")
    return EventPage.objects.get(pk=edition.pk)


@limits.exempt()
def build_live_demo(shell, log):
    """The live edition of the demo (idempotent); returns it."""
    with notifications.muted(), override("de"), transaction.atomic():
        day = timezone.localdate()
        index = EventIndexPage.objects.filter(locale__language_code="de").first()
        if index is None:
            return None
        edition = _edition(index, day, log)
        if not edition.sessions():  # a programme of its own stays; else the pretalx import
            import_schedule(edition=edition, data=_schedule(day))
            edition = EventPage.objects.get(pk=edition.pk)
        phase = live.live_phase_for(edition)
        users = shell["users"]
        moderator = users[demo_email("moderation")]
        sessions = [block_id for block_id, _value in edition.sessions()]
        threads = []
        for session, asker, title, voters in QUESTIONS:
            thread = Thread.objects.filter(edition=edition, title=title).first()
            if thread is None:
                thread = services.ask_question(
                    edition=edition,
                    author=users[demo_email(asker)],
                    title=title,
                    body="Eine Frage aus dem Saal.",
                    session_id=sessions[session % len(sessions)],
                )
                root = thread.posts.get(parent__isnull=True)
                # A question and its text are one moment, as in the other demo editions.
                Post.objects.filter(pk=root.pk).update(created_at=thread.created_at)
                for voter in voters:
                    services.vote(post=root, user=users[demo_email(voter)])
            threads.append(thread)
        if phase.answering_id is None:
            live.set_answering(edition=edition, user=moderator, thread=threads[0])
        log(f"  Live-Ausgabe {day.year}: Veranstaltungscode {phase.event_code}")
        return edition
