"""The demo's live edition (demo/live_edition.py): today, with a programme from a pretalx
schedule, quick join, questions in sessions, one on stage; loading again adds nothing."""

import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from board import live
from board.models import LivePhase, Thread
from home.models import EventPage

pytestmark = pytest.mark.django_db


def test_demo_has_a_live_edition_with_programme_sessions_and_wall(client, demo_site):
    today = timezone.localdate()

    edition = EventPage.objects.get(date=today, locale__language_code="de")
    phase = LivePhase.objects.get(edition=edition)
    threads = Thread.objects.filter(edition=edition)
    assert edition.phase == EventPage.Phase.LIVE
    assert len(edition.sessions()) >= 6
    assert threads.count() == 5
    assert all(thread.session_id for thread in threads)
    assert phase.quick_join_open is True
    assert phase.answering is not None
    key = live.projector_key(phase)  # the code shows on the projector's link
    wall = client.get(reverse("board:wall", args=[today.year]) + f"?projektor={key}")
    assert wall.status_code == 200
    assert phase.event_code in wall.content.decode()

    call_command("load_demo_data", "--skip-index", "--no-logins", stdout=io.StringIO())

    assert Thread.objects.filter(edition=edition).count() == 5
    assert LivePhase.objects.get(edition=edition).event_code == phase.event_code
