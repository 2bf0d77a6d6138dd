"""Permalinks open the thread page in the reader's chosen view (threaded or flat), on the page
that shows the post; the choice is ``?ansicht=`` and is remembered in a cookie."""

from django.test import Client
from django.urls import reverse

import pytest

from board.models import Post, Visibility
from board.views import threads as views
from board.views.base import VIEW_COOKIE
from tests.factories import reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "REPLIES_PER_PAGE", 2)
    monkeypatch.setattr(views, "FLAT_POSTS_PER_PAGE", 3)


@pytest.fixture
def replies(thread, ben, clara):
    """Five top-level replies, then a late reply nested under the first."""
    answers = [reply(thread, ben, f"Antwort {n}") for n in range(5)]
    late = reply(thread, clara, "Späte Antwort auf die erste", parent=answers[0])
    return answers, late


def permalink(client, post, **params):
    return client.get(reverse("board:post", kwargs={"pk": post.pk}), params)


def test_flat_permalink_lands_on_the_flat_page_with_the_post(client, thread, replies, small_pages):
    answers, late = replies  # flat order: answers 0..4, then late -> late is the 6th (page 2)

    response = permalink(client, late, ansicht="flach")
    page = client.get(response["Location"].split("#")[0])

    assert response.status_code == 302
    assert response["Location"] == (
        f"{thread.get_absolute_url()}?ansicht=flach&seite=2#beitrag-{late.pk}"
    )
    assert "post-tree--flat" in page.text
    assert f'id="beitrag-{late.pk}"' in page.text


def test_threaded_permalink_of_the_same_post_goes_to_its_thread(
    client, thread, replies, small_pages
):
    answers, late = replies  # threaded: late sits under answers[0], on page 1

    response = permalink(client, late)

    assert response["Location"] == f"{thread.get_absolute_url()}#beitrag-{late.pk}"


def test_flat_first_page_needs_no_page_number(client, thread, replies, small_pages):
    answers, _late = replies

    response = permalink(client, answers[1], ansicht="flach")

    assert response["Location"] == (
        f"{thread.get_absolute_url()}?ansicht=flach#beitrag-{answers[1].pk}"
    )


def test_the_chosen_view_is_remembered_for_later_permalinks(thread, replies, small_pages, clara):
    answers, late = replies
    client = Client()
    client.force_login(clara)

    client.get(thread.get_absolute_url(), {"ansicht": "flach"})
    remembered = permalink(client, late)
    page = client.get(thread.get_absolute_url())

    assert remembered["Location"].startswith(f"{thread.get_absolute_url()}?ansicht=flach&seite=2")
    assert "post-tree--flat" in page.text

    client.get(thread.get_absolute_url(), {"ansicht": "verschachtelt"})
    threaded = permalink(client, late)

    assert threaded["Location"] == f"{thread.get_absolute_url()}#beitrag-{late.pk}"
    assert "post-tree--flat" not in client.get(thread.get_absolute_url()).text


def test_cookie_holds_only_the_view_name(client, thread, clara):
    client.force_login(clara)
    response = client.get(thread.get_absolute_url(), {"ansicht": "flach"})

    cookie = response.cookies[VIEW_COOKIE]
    assert cookie.value == "flach"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert VIEW_COOKIE not in client.get(thread.get_absolute_url()).cookies


def test_view_cookie_is_secure_where_the_session_cookie_is(client, thread, clara, settings):
    """Issue 11, L7: ``board_ansicht`` was sent over plain HTTP in production too."""
    settings.SESSION_COOKIE_SECURE = True
    client.force_login(clara)

    response = client.get(thread.get_absolute_url(), {"ansicht": "flach"}, secure=True)

    assert response.cookies[VIEW_COOKIE]["secure"] is True


def test_unknown_view_value_is_ignored(client, thread, replies, small_pages):
    _answers, late = replies

    response = permalink(client, late, ansicht="<script>")

    assert response["Location"] == f"{thread.get_absolute_url()}#beitrag-{late.pk}"
    assert VIEW_COOKIE not in response.cookies


def test_flat_permalink_counts_only_posts_the_reader_can_see(
    client, thread, ben, clara, small_pages
):
    reply(thread, ben, "Antwort 0")
    reply(thread, ben, "Antwort 1")
    pending = reply(thread, clara, "wartet auf Freigabe")
    Post.objects.filter(pk=pending.pk).update(visibility=Visibility.PENDING)
    target = reply(thread, ben, "sichtbar")
    author = Client()
    author.force_login(clara)

    # A visitor's flat list: 0, 1, target (page 1); the pending post's author also sees it:
    # 0, 1, pending, target (page 2).
    for_visitor = permalink(client, target, ansicht="flach")
    for_author = permalink(author, target, ansicht="flach")

    assert for_visitor["Location"] == (
        f"{thread.get_absolute_url()}?ansicht=flach#beitrag-{target.pk}"
    )
    assert for_author["Location"] == (
        f"{thread.get_absolute_url()}?ansicht=flach&seite=2#beitrag-{target.pk}"
    )
    assert f'id="beitrag-{target.pk}"' in author.get(for_author["Location"].split("#")[0]).text


def test_view_switch_links_name_the_view(client, thread):
    html = client.get(thread.get_absolute_url()).text

    assert f'href="{thread.get_absolute_url()}?ansicht=verschachtelt" aria-current="page"' in html
    assert f'href="{thread.get_absolute_url()}?ansicht=flach"' in html


def test_a_visitor_chooses_the_view_by_its_url_without_a_cookie(client, thread, replies):
    """A visitor's page depends on its URL alone, so it can be cached for every visitor."""
    _answers, late = replies

    flat = client.get(thread.get_absolute_url(), {"ansicht": "flach"})
    client.cookies[VIEW_COOKIE] = "flach"  # an old cookie from before is ignored
    threaded = client.get(thread.get_absolute_url())

    assert "post-tree--flat" in flat.text
    assert not flat.cookies
    assert "post-tree--flat" not in threaded.text
    assert permalink(client, late, ansicht="flach")["Location"].startswith(
        f"{thread.get_absolute_url()}?ansicht=flach"
    )
