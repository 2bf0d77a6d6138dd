"""The Wagtail dashboard shows moderators what waits for them: open flags and posts awaiting
approval, with a link to the review queue; other admin users (Redaktion) do not see it."""

import re

from django.urls import reverse

import pytest

from board import services
from board.models import Visibility
from tests.factories import UserFactory, reply

pytestmark = pytest.mark.django_db


def _panel(html):
    match = re.search(r'id="board-moderation-section".*?</section>', html, re.S)
    return match.group(0) if match else None


def test_moderator_sees_open_flags_and_pending_posts(
    client, thread, root, ben, clara, moderator, django_assert_max_num_queries
):
    flagged = reply(thread, ben, "Gemeldet")
    services.flag_post(post=flagged, reporter=clara, reason="spam")
    services.flag_post(post=root, reporter=ben, reason="spam")
    waiting = reply(thread, clara, "Wartet")
    waiting.visibility = Visibility.PENDING
    waiting.save(update_fields=["visibility"])
    client.force_login(moderator)
    client.get(reverse("wagtailadmin_home"))  # warm-up: session, permissions, site caches

    with django_assert_max_num_queries(40):
        html = client.get(reverse("wagtailadmin_home")).content.decode()

    panel = _panel(html)
    assert panel is not None
    assert "2 offene Meldungen" in panel
    assert "1 Beitrag wartet auf Freigabe" in panel
    assert f'href="{reverse("board_admin:queue")}"' in panel


def test_panel_costs_two_queries(client, moderator, django_assert_num_queries):
    from board.wagtail_hooks import ModerationPanel

    with django_assert_num_queries(2):
        context = ModerationPanel().get_context_data({"request": None})

    assert (context["open_flags"], context["pending_posts"]) == (0, 0)


def test_redaktion_does_not_see_the_panel(client):
    from home.roles import EDITORS, ensure_roles

    editor = UserFactory(email="redaktion@example.org", is_staff=True)
    editor.groups.add(ensure_roles()[EDITORS])
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert _panel(response.content.decode()) is None
    assert "offene Meldung" not in response.content.decode()
