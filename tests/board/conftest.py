import datetime

from django.utils import timezone

import pytest

from board import polling
from tests.factories import EventPageFactory, UserFactory, ask, make_moderator, make_site_home


@pytest.fixture(autouse=True)
def live_clock_held_still(monkeypatch):
    """Live polls' ETags and shared renderings are keyed by a five-minute slice of the clock
    (``polling.time_bucket``): a test's requests all fall into the slice it started in, so a
    test that happens to run across a slice's end does not see a 304 turn into a 200 or a
    shared copy rendered twice. A test moves the clock on by setting ``time_bucket`` itself."""
    bucket = polling.time_bucket()
    monkeypatch.setattr(polling, "time_bucket", lambda: bucket)


@pytest.fixture
def edition(db):
    home = make_site_home()
    from tests.factories import EventIndexPageFactory

    index = EventIndexPageFactory(parent=home)
    page = EventPageFactory(parent=index, title="Konferenz 2025", slug="2025")
    page.programme = [
        (
            "session",
            {
                "start_time": datetime.time(10, 0),
                "end_time": datetime.time(11, 0),
                "title": "Geteilte Dienste",
                "speakers": "",
                "room": "Hörsaal",
                "description": "",
                "topic": None,
            },
        )
    ]
    page.save()
    return page


@pytest.fixture
def other_edition(edition):
    return EventPageFactory(
        parent=edition.get_parent(),
        title="Konferenz 2024",
        slug="2024",
        date=datetime.date(2024, 11, 14),
    )


@pytest.fixture
def anna(db):
    return UserFactory(email="anna@example.org", display_name="Anna Archiv")


@pytest.fixture
def ben(db):
    return UserFactory(email="ben@example.org", display_name="Ben Bibliothek")


@pytest.fixture
def clara(db):
    return UserFactory(email="clara@example.org", display_name="Clara Museum")


@pytest.fixture
def moderator(db):
    return make_moderator(email="moderation@example.org", display_name="Moritz Moderation")


@pytest.fixture
def thread(edition, anna):
    return ask(edition, anna, title="Wie teilen kleine Häuser ihre Scanner?", body="Frage **fett**")


@pytest.fixture
def root(thread):
    return thread.posts.get(parent__isnull=True)


BOARD_LOOSE = "1000/10m/account,1000/10m/ip,1000/10m/young"


@pytest.fixture
def strict(settings):
    """Small limits so a test reaches them in a few requests."""

    def configure(**groups):
        settings.BOARD_RATE_LIMITS = {
            "post": BOARD_LOOSE,
            "vote": BOARD_LOOSE,
            "flag": BOARD_LOOSE,
            "action": BOARD_LOOSE,
            "export": BOARD_LOOSE,
            **groups,
        }

    return configure


@pytest.fixture
def live_edition(edition):
    """The edition, taking place today (its live phase)."""
    edition.date = timezone.localdate()
    edition.save()
    return edition
