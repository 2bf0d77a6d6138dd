"""Security review (helper R): once moderation hides a question, nothing of it shows elsewhere.

- Its replies (still published themselves) are not readable or votable through their own URLs:
  the flag page showed a reply's text to any participant (``/fragen/beitrag/<pk>/melden/``) and
  votes were counted.
- A duplicate merged into it earlier no longer names it ("zusammengeführt: <title>").
"""

from django.urls import reverse

import pytest

from board import services
from board.models import Vote
from tests.factories import reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_reply(thread, root, clara, moderator):
    answer = reply(thread, clara, "Vertrauliche Antwort")
    services.hide_post(post=root, moderator=moderator, reason="Personenbezogene Daten")
    return answer


def test_flag_page_of_a_reply_in_a_hidden_question_is_404(client, ben, hidden_reply):
    client.force_login(ben)

    response = client.get(reverse("board:flag", args=[hidden_reply.pk]))

    assert response.status_code == 404
    assert "Vertrauliche Antwort" not in response.content.decode()


def test_no_vote_for_a_reply_in_a_hidden_question(client, ben, hidden_reply):
    client.force_login(ben)

    response = client.post(reverse("board:vote", args=[hidden_reply.pk]), {"action": "vote"})

    assert response.status_code == 404
    assert not Vote.objects.filter(post=hidden_reply).exists()


def test_moderators_still_reach_the_flag_page(client, moderator, hidden_reply):
    client.force_login(moderator)

    response = client.get(reverse("board:flag", args=[hidden_reply.pk]))

    assert response.status_code == 200


def test_flag_page_of_a_reply_in_a_public_question_still_works(client, ben, thread, clara):
    answer = reply(thread, clara, "Öffentliche Antwort")
    client.force_login(ben)

    response = client.get(reverse("board:flag", args=[answer.pk]))

    assert response.status_code == 200
    assert "Öffentliche Antwort" in response.content.decode()


@pytest.fixture
def duplicate_of_hidden(edition, ben, thread, root, moderator):
    from tests.factories import ask

    duplicate = ask(edition, ben, title="Doppelte Frage zum Scanner")
    services.merge_threads(source=duplicate, target=thread, moderator=moderator, reason="doppelt")
    services.hide_post(post=root, moderator=moderator, reason="Personenbezogene Daten")
    return duplicate


def test_merged_duplicate_does_not_name_a_target_hidden_since(
    client, clara, duplicate_of_hidden, thread
):
    for user in (None, clara):
        if user:
            client.force_login(user)

        html = client.get(duplicate_of_hidden.get_absolute_url()).content.decode()

        assert thread.title not in html
        assert thread.get_absolute_url() not in html


def test_merged_duplicate_names_its_public_target(client, edition, ben, thread, moderator):
    from tests.factories import ask

    duplicate = ask(edition, ben, title="Doppelte Frage zum Scanner")
    services.merge_threads(source=duplicate, target=thread, moderator=moderator, reason="doppelt")

    html = client.get(duplicate.get_absolute_url()).content.decode()

    assert f'href="{thread.get_absolute_url()}"' in html
    assert thread.title in html


def test_moderators_see_the_hidden_target(client, moderator, duplicate_of_hidden, thread):
    client.force_login(moderator)

    html = client.get(duplicate_of_hidden.get_absolute_url()).content.decode()

    assert thread.title in html
