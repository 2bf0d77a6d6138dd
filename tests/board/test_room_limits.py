"""Limits sized for a room (issue 10, item 1): one abuser is stopped, a full room behind one
address is not, refused attempts use up no allowance, and young accounts are not throttled as
such while their edition is live (board/limits.py)."""

from html import unescape

from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest

from board import limits
from board.models import Post
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("enforce_limits")]

VENUE = "198.51.100.50"  # the conference Wi-Fi: everyone in the hall behind one address


def login(user, ip=VENUE):
    client = Client(REMOTE_ADDR=ip)
    client.force_login(user)
    return client


@pytest.fixture
def room(db):
    """500 accounts made on the day of the conference (all of them "young")."""
    now = timezone.now()
    get_user_model().objects.bulk_create(
        get_user_model()(email=f"saal{n}@example.org", display_name=f"Saal {n}", date_joined=now)
        for n in range(500)
    )
    return list(get_user_model().objects.filter(email__startswith="saal"))


@pytest.fixture
def in_the_hall():
    """Every attempt comes in through a request from the venue's address."""
    with limits.handling(RequestFactory().post("/", REMOTE_ADDR=VENUE)):
        yield


def test_full_room_behind_one_address_is_not_limited_with_the_default_limits(
    room, live_edition, in_the_hall
):
    # Within ten minutes every one of the 500 asks a question and writes a reply (a real room
    # asks far fewer: 50 to 100 questions in a session), and within one minute every one votes
    # for five questions (a real room votes for two or three).
    refused = []
    for person in room:
        for action in ("ask", "reply"):
            refused.append(limits.exceeded(action, user=person, edition=live_edition))
    for person in room:
        for _vote in range(5):
            refused.append(limits.exceeded("vote", user=person, edition=live_edition))

    assert [message for message in refused if message] == []


def test_one_abuser_in_the_room_is_still_stopped_by_the_account_limit(
    room, live_edition, in_the_hall
):
    abuser = room[0]

    answers = [limits.exceeded("ask", user=abuser, edition=live_edition) for _n in range(50)]

    assert answers[:10] == [None] * 10
    assert all(answers[10:])
    assert "sehr viele Beiträge geschrieben" in answers[10]


def test_many_accounts_from_one_address_beyond_the_room_hit_the_flood_guard(
    room, live_edition, in_the_hall
):
    # A script with 500 accounts, each posting its full account allowance of ten: 5000 posts in
    # ten minutes from one address is no room; the address limit (1500) stops it.
    answers = [
        limits.exceeded("reply", user=person, edition=live_edition)
        for person in room
        for _n in range(10)
    ]

    refused = [answer for answer in answers if answer]
    assert len(answers) - len(refused) == 1500
    assert "Von Ihrem Netzwerk kommen gerade sehr viele Anfragen" in refused[0]


def test_refused_attempts_of_an_abuser_leave_the_address_allowance_to_the_others(
    strict, thread, ben, clara
):
    strict(post="3/10m/account,6/10m/ip")
    url = reverse("board:reply", args=[thread.pk])
    abuser = login(ben)
    statuses = [abuser.post(url, {"body": f"Noch eine {n}"}).status_code for n in range(12)]

    others = [login(clara).post(url, {"body": f"Clara {n}"}).status_code for n in range(3)]

    assert statuses == [302] * 3 + [429] * 9
    assert others == [302, 302, 302]
    assert Post.objects.filter(author=clara).count() == 3


def test_refused_attempts_do_not_extend_the_account_limit(strict, thread, ben):
    strict(post="2/10m/account,100/10m/ip")
    for _attempt in range(5):
        limits.exceeded("reply", user=ben)

    # Had the three refused attempts counted, one more allowed attempt would not make it.
    strict(post="3/10m/account,100/10m/ip")
    assert limits.exceeded("reply", user=ben) is None
    assert limits.exceeded("reply", user=ben) is not None


def test_address_at_its_limit_is_refused_before_the_service_and_counts_nothing(strict, ben):
    strict(post="100/10m/account,1/10m/ip")
    with limits.handling(RequestFactory().post("/", REMOTE_ADDR=VENUE)):
        assert limits.exceeded("reply", user=ben) is None
        refused = limits.exceeded("reply", user=None, ip=VENUE)
        assert limits.exceeded("reply", user=None, ip="203.0.113.1") is None

    assert "Von Ihrem Netzwerk" in refused


def test_young_account_posts_at_the_account_rate_while_its_edition_is_live(
    strict, live_edition, thread
):
    strict(post="5/10m/account,100/10m/ip,1/10m/young")
    newcomer = UserFactory(date_joined=timezone.now())
    client = login(newcomer)
    url = reverse("board:reply", args=[thread.pk])

    statuses = [client.post(url, {"body": f"Aus dem Saal {n}"}).status_code for n in range(6)]

    assert statuses == [302] * 5 + [429]
    assert "sehr viele Beiträge geschrieben" in unescape(
        client.post(url, {"body": "Noch eine"}).content.decode()
    )


def test_young_account_keeps_the_young_limit_outside_a_live_edition(strict, thread):
    strict(post="5/10m/account,100/10m/ip,1/10m/young")
    newcomer = UserFactory(date_joined=timezone.now())
    client = login(newcomer)
    url = reverse("board:reply", args=[thread.pk])

    statuses = [client.post(url, {"body": f"Vorab {n}"}).status_code for n in range(2)]

    assert statuses == [302, 429]
