"""A signed-in participant's thread page from the rendering all participants share
(board/thread_page.py, issue 9): each person gets exactly the page a rendering for them alone
would give – their name, token, follow button, own and voted posts – and nothing of anyone else:
not another person's vote state, edit links, CSRF token, name, e-mail address or posts waiting
for approval. Moderators, the asker, and readers with posts waiting for approval get a page
rendered for them alone."""

import re
from html import unescape

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import pytest

from board import services, thread_page
from board.models import Visibility
from tests.factories import UserFactory, reply

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MASKED = 'name="csrfmiddlewaretoken" value="…"'  # every rendering masks the token anew


def signed_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def page(client, thread, **kwargs):
    response = client.get(thread.get_absolute_url(), **kwargs)
    assert response.status_code == 200
    return response


def text(response):
    return unescape(response.content.decode())


def shared(response):
    """Whether the page came from the participants' shared rendering."""
    return getattr(response.wsgi_request, "_thread_page_shared", False)


def own_page(client, thread, monkeypatch, **kwargs):
    """The page rendered for this person alone (the shared rendering switched off)."""
    monkeypatch.setattr(thread_page, "SHARED", False)
    try:
        return page(client, thread, **kwargs)
    finally:
        monkeypatch.setattr(thread_page, "SHARED", True)


def shared_renderings():
    """Every shared rendering in the cache, as one text each (the test cache is local memory)."""
    store = cache._cache
    keys = [key.split(":", 2)[-1] for key in list(store) if thread_page.PREFIX in key]
    found = []
    for key in keys:
        _versions, rendering = cache.get(key)
        parts = [part if isinstance(part, str) else repr(part) for part in rendering.segments]
        for variant in rendering.follow.values():
            parts += [part if isinstance(part, str) else repr(part) for part in variant]
        found.append("".join(parts))
    return found


@pytest.fixture
def conversation(thread, anna, ben, clara, django_capture_on_commit_callbacks):
    """Anna asked; Ben replied and voted for Clara's reply; Clara follows the thread, Ben
    stopped following it (replying made him follow)."""
    with django_capture_on_commit_callbacks(execute=True):
        bens = reply(thread, ben, "Ben antwortet")
        claras = reply(thread, clara, "Clara antwortet")
        services.vote(post=claras, user=ben)
        services.subscribe(user=clara, thread=thread)
        services.unsubscribe(user=ben, thread=thread)
    return bens, claras


def test_participants_get_the_shared_rendering_with_their_own_parts(
    thread, ben, clara, conversation
):
    bens, claras = conversation
    ben_page = page(signed_in(ben), thread)
    clara_page = page(signed_in(clara), thread)

    assert shared(ben_page) and shared(clara_page)
    ben_text, clara_text = text(ben_page), text(clara_page)
    # Names in the header.
    assert "Ben Bibliothek</a>" in ben_text and "Ben Bibliothek</a>" not in clara_text
    assert "Clara Museum</a>" in clara_text and "Clara Museum</a>" not in ben_text
    # Edit links of one's own posts only.
    assert reverse("board:edit", args=[bens.pk]) in ben_text
    assert reverse("board:edit", args=[claras.pk]) not in ben_text
    assert reverse("board:edit", args=[claras.pk]) in clara_text
    assert reverse("board:edit", args=[bens.pk]) not in clara_text
    # Ben's vote for Clara's reply shows on his page alone.
    assert ben_text.count('aria-pressed="true"') == 1
    assert 'aria-pressed="true"' not in clara_text
    # Clara follows the thread, Ben does not.
    assert "Nicht mehr folgen" in clara_text and "Dieser Frage folgen" not in clara_text
    assert "Dieser Frage folgen" in ben_text and "Nicht mehr folgen" not in ben_text
    # Nobody's e-mail address.
    for response in (ben_page, clara_page):
        assert "@example.org" not in text(response)


def test_each_page_carries_its_own_token(thread, ben, clara, conversation):
    ben_client = signed_in(ben, enforce_csrf_checks=True)
    clara_client = signed_in(clara, enforce_csrf_checks=True)
    ben_page, clara_page = page(ben_client, thread), page(clara_client, thread)
    assert shared(ben_page) and shared(clara_page)
    ben_token = TOKEN.search(ben_page.content.decode()).group(1)
    clara_token = TOKEN.search(clara_page.content.decode()).group(1)
    follow = reverse("board:subscribe", args=[thread.pk])

    # Another person's token is refused; one's own is taken.
    refused = clara_client.post(follow, {"csrfmiddlewaretoken": ben_token, "action": "unsubscribe"})
    assert refused.status_code == 403
    taken = clara_client.post(follow, {"csrfmiddlewaretoken": clara_token, "action": "unsubscribe"})
    assert taken.status_code == 302
    assert not thread.subscriptions.filter(user=clara).exists()
    for response in (ben_page, clara_page):
        assert "kr-" not in response.content.decode()  # every marker was replaced


@pytest.mark.parametrize("view", ["", "?ansicht=flach", "?ansicht=verschachtelt"])
def test_shared_page_is_the_page_rendered_for_the_person(
    thread, ben, clara, conversation, monkeypatch, view
):
    for person in (ben, clara):
        client = signed_in(person)
        mine = own_page(client, thread, monkeypatch, QUERY_STRING=view.lstrip("?"))
        from_shared = page(client, thread, QUERY_STRING=view.lstrip("?"))

        assert shared(from_shared) and not shared(mine)
        assert TOKEN.sub(MASKED, from_shared.content.decode()) == TOKEN.sub(
            MASKED, mine.content.decode()
        )


def test_shared_rendering_holds_nobody_s_data(thread, ben, clara, conversation):
    page(signed_in(ben), thread)
    page(signed_in(clara), thread)

    renderings = shared_renderings()
    assert renderings
    for rendering in renderings:
        assert "Ben Bibliothek</a>" not in rendering.split('class="meta-nav"')[1][:600]
        assert 'aria-pressed="true"' not in rendering
        assert "Nicht mehr folgen" in rendering  # the follow button's second state, unfilled
        assert "/bearbeiten" not in rendering and "Bearbeiten" not in rendering
        assert "@example.org" not in rendering
        assert set(TOKEN.findall(rendering)) == {"('csrf',)"}  # only the slot


def test_own_pending_reply_shows_to_its_author_alone(
    thread, edition, ben, clara, conversation, django_capture_on_commit_callbacks
):
    edition.pre_moderation = True
    edition.save()
    page(signed_in(clara), thread)  # a shared rendering before the reply
    with django_capture_on_commit_callbacks(execute=True):
        waiting = reply(thread, ben, "Bens Antwort wartet noch")
    assert waiting.visibility == Visibility.PENDING

    ben_page = page(signed_in(ben), thread)
    clara_page = page(signed_in(clara), thread)
    visitor_page = page(Client(), thread)

    assert not shared(ben_page)
    assert "Bens Antwort wartet noch" in text(ben_page)
    assert shared(clara_page)
    for response in (clara_page, visitor_page):
        assert "Bens Antwort wartet noch" not in text(response)
    assert all("Bens Antwort wartet noch" not in rendering for rendering in shared_renderings())


def test_asker_and_moderator_pages_are_rendered_for_them(
    thread, anna, clara, moderator, conversation
):
    _bens, claras = conversation
    clara_page = page(signed_in(clara), thread)
    anna_page = page(signed_in(anna), thread)
    moderator_page = page(signed_in(moderator), thread)

    assert shared(clara_page)
    assert not shared(anna_page) and not shared(moderator_page)
    assert "Als Antwort akzeptieren" in text(anna_page)
    assert reverse("board_admin:post", args=[claras.pk]) in text(moderator_page)
    # ... and nothing of theirs reaches a participant's page, nor the shared rendering.
    again = text(page(signed_in(clara), thread))
    for rendering in [again, *shared_renderings()]:
        assert "Als Antwort akzeptieren" not in rendering
        assert reverse("board_admin:post", args=[claras.pk]) not in rendering
        assert "Moritz Moderation</a>" not in rendering and "Anna Archiv</a>" not in rendering


def test_messages_are_shown_once_to_their_person(thread, ben, clara, conversation):
    ben_client = signed_in(ben)
    ben_client.post(reverse("board:subscribe", args=[thread.pk]), {"action": "subscribe"})

    with_message = page(ben_client, thread)
    after = page(ben_client, thread)
    clara_page = page(signed_in(clara), thread)

    assert not shared(with_message)
    assert "Sie folgen jetzt dieser Frage." in text(with_message)
    assert "Nicht mehr folgen" in text(with_message)
    for response in (after, clara_page):
        assert shared(response)
        assert "Sie folgen jetzt dieser Frage." not in text(response)
    assert "Nicht mehr folgen" in text(after)


def test_a_change_shows_on_the_next_request(
    thread, ben, clara, moderator, conversation, django_capture_on_commit_callbacks
):
    _bens, claras = conversation
    client = signed_in(clara)
    page(client, thread)
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben, "Noch eine Antwort von Ben")
    assert "Noch eine Antwort von Ben" in text(page(client, thread))

    with django_capture_on_commit_callbacks(execute=True):
        services.hide_post(post=claras, moderator=moderator, reason="Werbung")
    hidden = text(page(signed_in(ben), thread))
    assert "Clara antwortet" not in hidden
    assert "Dieser Beitrag wurde von der Moderation ausgeblendet." in hidden


def test_a_reader_s_page_costs_three_queries(thread, ben, conversation, django_assert_num_queries):
    # The session, the account, and whether the person follows, wrote or voted in the thread.
    page(signed_in(ben), thread)  # the shared rendering is made
    client = signed_in(UserFactory(email="dora@example.org", display_name="Dora Depot"))
    client.get(reverse("board:index"))  # permissions cached, as on a running site
    with django_assert_num_queries(3):
        response = client.get(thread.get_absolute_url())
    assert shared(response)
    assert "Dora Depot</a>" in text(response)


def test_own_and_voted_cards_cost_a_few_queries_more(
    thread, ben, clara, conversation, django_assert_num_queries
):
    page(signed_in(clara), thread)
    client = signed_in(ben)
    client.get(reverse("board:index"))
    # ... plus the thread, his votes, his own and voted posts (the authors' staff roles come
    # with the shared rendering).
    with django_assert_num_queries(6):
        response = client.get(thread.get_absolute_url())
    assert shared(response)


@pytest.mark.parametrize(
    "query", ["seite=abc", "seite=2&seite=3", "utm_source=mastodon", "ansicht=quer"]
)
def test_other_query_strings_render_for_the_person_and_store_nothing(
    thread, clara, conversation, query
):
    response = page(signed_in(clara), thread, QUERY_STRING=query)

    assert not shared(response)
    assert "Clara Museum</a>" in text(response)
    assert shared_renderings() == []
