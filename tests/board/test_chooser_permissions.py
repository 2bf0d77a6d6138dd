"""Security review (helper R): the question choosers of the admin.

- The merge target chooser belongs to the moderation pages: the Redaktion (admin access, no
  board rights) is turned away from every one of its views (Wagtail: 403 as a redirect to the
  dashboard), as from the moderation pages themselves.
- The choosers' "chosen" views answer only for questions their listing offers; Wagtail's
  default looked up any primary key and told every admin user the title of hidden questions.
- Searching the "Aus der Community" chooser (answered questions) gave a 500: Wagtail's search
  filtered on ``accepted_post``, which the index has no field for.
"""

from django.urls import reverse

import pytest

from board.models import Thread, Visibility
from tests.factories import UserFactory, ask, reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    from home.roles import EDITORS, ensure_roles

    user = UserFactory(email="redaktion@example.org")
    user.groups.add(ensure_roles()[EDITORS])
    return user


@pytest.fixture
def hidden(edition, anna):
    thread = ask(edition, anna, title="Ausgeblendete Frage mit Personendaten")
    Thread.objects.filter(pk=thread.pk).update(visibility=Visibility.HIDDEN)
    return thread


@pytest.fixture
def answered(edition, anna, ben):
    from board import services

    thread = ask(edition, anna, title="Beantwortete Frage zum Aufsichtscanner")
    answer = reply(thread, ben, "So geht es.")
    services.accept_answer(thread=thread, post=answer, user=anna)
    return thread


MERGE_VIEWS = [
    ("board_merge_target_chooser:choose", []),
    ("board_merge_target_chooser:choose_results", []),
    ("board_merge_target_chooser:chosen", ["THREAD"]),
    ("board_merge_target_chooser:chosen_multiple", []),
]


@pytest.mark.parametrize(("name", "args"), MERGE_VIEWS)
def test_redaktion_cannot_use_the_merge_chooser(client, editor, thread, name, args):
    client.force_login(editor)

    url = reverse(name, args=[thread.pk if arg == "THREAD" else arg for arg in args])
    response = client.get(url, {"id": thread.pk})

    # Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert thread.title not in response.content.decode()


def test_moderator_still_uses_the_merge_chooser(client, moderator, thread):
    client.force_login(moderator)

    chosen = client.get(reverse("board_merge_target_chooser:chosen", args=[thread.pk]))
    listing = client.get(reverse("board_merge_target_chooser:choose"))

    assert chosen.status_code == 200
    assert chosen.json()["result"]["title"] == thread.title
    assert thread.title in listing.json()["html"]


@pytest.mark.parametrize(
    "name", ["board_merge_target_chooser:chosen", "board_answered_thread_chooser:chosen"]
)
def test_chosen_views_do_not_reveal_hidden_questions(client, moderator, editor, hidden, name):
    for user in (moderator, editor):
        client.force_login(user)

        response = client.get(reverse(name, args=[hidden.pk]))

        assert b"Personendaten" not in response.content
        assert response.status_code in (302, 403, 404)


def test_chosen_multiple_leaves_out_hidden_questions(client, editor, hidden, answered):
    client.force_login(editor)

    response = client.get(
        reverse("board_answered_thread_chooser:chosen_multiple"),
        {"id": [hidden.pk, answered.pk, "x"]},
    )

    assert response.status_code == 200
    assert "Personendaten" not in response.content.decode()
    assert [item["title"] for item in response.json()["result"]] == [answered.title]


def test_chosen_with_a_non_number_is_404(client, editor):
    client.force_login(editor)

    response = client.get(reverse("board_answered_thread_chooser:chosen", args=["abc"]))

    assert response.status_code == 404


def test_redaktion_chooses_an_answered_question(client, editor, answered, thread):
    client.force_login(editor)

    chosen = client.get(reverse("board_answered_thread_chooser:chosen", args=[answered.pk]))
    open_question = client.get(reverse("board_answered_thread_chooser:chosen", args=[thread.pk]))

    assert chosen.status_code == 200
    assert chosen.json()["result"]["title"] == answered.title
    assert open_question.status_code == 404


@pytest.mark.parametrize("view", ["choose", "choose_results"])
def test_answered_chooser_search_finds_instead_of_a_500(client, editor, answered, thread, view):
    client.force_login(editor)

    response = client.get(reverse(f"board_answered_thread_chooser:{view}"), {"q": "Scanner"})

    assert response.status_code == 200
    html = response.json()["html"] if view == "choose" else response.content.decode()
    assert answered.title in html
    assert thread.title not in html  # open, not answered: not offered
