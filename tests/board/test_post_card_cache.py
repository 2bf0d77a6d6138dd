"""The post card is rendered from templates/board/includes/post_card.html through a fragment
cache keyed on what it shows (board.rendering.PostCard)."""

from django.core.cache import cache
from django.utils import translation

import pytest

from board import rendering, services, thread_page
from tests.factories import reply


@pytest.fixture
def renders(monkeypatch):
    """Counts the cards rendered through the template (cache misses)."""
    calls = []
    original = rendering.PostCard.render

    def counting(self, node):
        calls.append(node.post.pk)
        return original(self, node)

    monkeypatch.setattr(rendering.PostCard, "render", counting)
    cache.clear()
    return calls


@pytest.fixture
def answers(thread, ben):
    return [reply(thread, ben, body=f"Antwort Nummer {n}") for n in range(3)]


def test_a_second_view_takes_every_card_from_the_cache(client, thread, answers, clara, renders):
    client.force_login(clara)
    first = client.get(thread.get_absolute_url()).content.decode()
    assert len(renders) == 4  # the question and three replies
    second = client.get(thread.get_absolute_url()).content.decode()
    assert len(renders) == 4
    assert "Antwort Nummer 2" in second
    # The reader's own CSRF field is put into every cached card, never a placeholder.
    assert "<!--csrf-->" not in second
    assert second.count('name="csrfmiddlewaretoken"') == first.count('name="csrfmiddlewaretoken"')


def test_what_a_card_shows_is_in_its_key(client, thread, answers, ben, clara, renders, monkeypatch):
    # The cards of a page rendered for Clara alone (the participants' shared page renders a
    # voted post's card once for all and once for its voter: test_shared_thread_page.py).
    monkeypatch.setattr(thread_page, "SHARED", False)
    client.force_login(clara)
    client.get(thread.get_absolute_url())
    services.vote(post=answers[0], user=clara)
    services.edit_post(post=answers[1], editor=ben, body="Geänderter Text", version=1)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert renders[4:] == sorted(renders[4:]) and set(renders[4:]) == {
        answers[0].pk,
        answers[1].pk,
    }
    assert "Geänderter Text" in page
    assert 'aria-pressed="true"' in page  # clara's vote


def test_readers_with_other_rights_get_their_own_cards(
    client, thread, answers, ben, clara, moderator, renders
):
    client.get(thread.get_absolute_url())  # a visitor: disabled vote buttons, no forms' token
    visitor = len(renders)
    client.force_login(moderator)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert len(renders) == 2 * visitor
    assert "Moderieren" in page
    client.force_login(ben)  # the author of the replies: no vote on them, but editing
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Bearbeiten" in page


def test_the_language_is_in_the_key(client, thread, answers, renders):
    german = client.get(thread.get_absolute_url()).content.decode()
    with translation.override("en"):
        english_url = thread.get_absolute_url()
    english = client.get(english_url).content.decode()
    assert "Hilfreich" in german
    assert "Helpful" in english and "Hilfreich" not in english
