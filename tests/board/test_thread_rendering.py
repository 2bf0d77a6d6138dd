"""The thread page renders its tree in one loop with precomputed links (board/rendering.py);
the markup must stay what the recursive template produced."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from tests.factories import reply

pytestmark = pytest.mark.django_db


def _tree_tags(html):
    """The <ol>/<li> skeleton of the answers section, with each post's id."""
    section = html[html.index('<ol class="post-tree">') : html.index('<section class="reply"')]
    skeleton = []
    for slash, name, attrs in re.findall(r"<(/?)(ol|li)\b([^>]*)>", section):
        anchor = re.search(r'id="(beitrag-\d+)"', attrs)
        skeleton.append(f"{slash}{name}" + (f"#{anchor.group(1)}" if anchor else ""))
    return skeleton


def test_nested_replies_keep_the_list_structure(client, thread, ben, clara):
    a = reply(thread, ben, "A")
    a1 = reply(thread, clara, "A1", parent=a)
    a1x = reply(thread, ben, "A1x", parent=a1)
    a2 = reply(thread, clara, "A2", parent=a)
    b = reply(thread, clara, "B")

    html = client.get(thread.get_absolute_url()).content.decode()

    assert _tree_tags(html) == [
        "ol",
        f"li#beitrag-{a.pk}",
        "ol",
        f"li#beitrag-{a1.pk}",
        "ol",
        f"li#beitrag-{a1x.pk}",
        "/li",
        "/ol",
        "/li",
        f"li#beitrag-{a2.pk}",
        "/li",
        "/ol",
        "/li",
        f"li#beitrag-{b.pk}",
        "/li",
        "/ol",
    ]


def test_precomputed_links_equal_reversed_urls(thread, root, ben, clara):
    answer = reply(thread, clara, "Eine Antwort")
    nested = reply(thread, clara, "Darauf", parent=answer)
    client = Client()
    client.force_login(ben)

    html = client.get(thread.get_absolute_url()).content.decode()

    for post in (root, answer, nested):
        for route in ("board:post", "board:vote", "board:flag"):
            assert f'"{reverse(route, args=[post.pk])}"' in html
        assert f'"{reverse("board:reply", args=[thread.pk])}?auf={post.pk}"' in html
    flat = client.get(thread.get_absolute_url() + "?ansicht=flach").content.decode()
    assert f'<a href="{reverse("board:post", args=[answer.pk])}">' in flat


def test_post_cards_escape_names_institutions_and_reasons(client, thread, moderator, edition):
    from board import services
    from tests.factories import UserFactory, ask

    mallory = UserFactory(
        email="m@example.org",
        display_name='<script>alert("name")</script>',
        institution="<img src=x onerror=alert(1)>",
    )
    answer = reply(thread, mallory, "Text")
    hidden = reply(thread, mallory, "Wird ausgeblendet")
    services.hide_post(post=hidden, moderator=moderator, reason="<b>Grund</b>")
    anonymous = ask(edition, mallory, title="Anonyme Frage mit Namen", is_anonymous=True)
    moderating = Client()
    moderating.force_login(moderator)

    pages = [
        client.get(thread.get_absolute_url()).content.decode(),
        moderating.get(thread.get_absolute_url()).content.decode(),
        moderating.get(anonymous.get_absolute_url()).content.decode(),
    ]

    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>Grund</b>" not in html
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in pages[0]
    assert "Grund: &lt;b&gt;Grund&lt;/b&gt;" in pages[0]
    assert f'id="beitrag-{answer.pk}"' in pages[0]
    assert "Moderation sieht: &lt;script&gt;" in pages[2]


def test_post_card_states_for_a_moderator(client, thread, root, anna, ben, clara, moderator):
    from board import services

    answer = reply(thread, ben, "Akzeptiert")
    flagged = reply(thread, clara, "Gemeldet")
    services.accept_answer(thread=thread, post=answer, user=anna)
    services.flag_post(post=flagged, reporter=ben, reason="spam")
    services.flag_post(post=flagged, reporter=anna, reason="spam")
    client.force_login(moderator)

    html = client.get(thread.get_absolute_url()).content.decode()

    assert 'class="post post--depth-1 post--accepted"' in html
    assert '<span class="badge badge--answered">Akzeptierte Antwort</span>' in html
    assert '<span class="badge badge--flagged">2 Meldungen</span>' in html
    assert 'aria-label="Beitrag von Clara Museum, ' in html
    assert f'href="{reverse("board_admin:post", args=[flagged.pk])}">Moderieren</a>' in html
    assert f'href="{reverse("board:edit", args=[flagged.pk])}">Bearbeiten</a>' in html
    assert html.count('name="csrfmiddlewaretoken"') >= 4


@pytest.mark.parametrize("viewer", ["visitor", "participant", "moderator"])
@pytest.mark.parametrize("view", ["verschachtelt", "flach"])
def test_thread_page_queries_do_not_depend_on_the_number_of_replies(
    thread,
    ben,
    clara,
    moderator,
    viewer,
    view,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    from tests.board.test_views import make_replies

    client = Client()
    if viewer != "visitor":
        client.force_login({"participant": ben, "moderator": moderator}[viewer])
    url = f"{thread.get_absolute_url()}?ansicht={view}"
    make_replies(thread, [ben, clara], 3)
    client.get(url)  # first visit: the userbar's profile and the site settings are created
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    limit = len(few.captured_queries)  # before the log of a thousand more queries moves on
    with django_capture_on_commit_callbacks(execute=True):  # committed, as on the site
        make_replies(thread, [ben, clara], 150)
    client.get(url)  # the first reader after a change renders the participants' shared page

    with django_assert_max_num_queries(limit):
        response = client.get(url)

    assert response.content.decode().count('class="post__card"') >= 50


def test_vote_count_word_is_singular_for_one_vote(client, thread, root, ben, clara):
    from board import services

    answer = reply(thread, clara, "Eine Antwort")
    services.vote(post=answer, user=ben)
    client.force_login(ben)

    html = client.get(thread.get_absolute_url()).content.decode()
    unvoted = client.post(
        reverse("board:vote", args=[answer.pk]),
        {"action": "unvote"},
        headers={"accept": "application/json"},
    ).json()

    assert "<span data-vote-count>1</span> <span data-vote-word>Stimme</span>" in html
    assert "<span data-vote-count>0</span> <span data-vote-word>Stimmen</span>" in html
    assert (unvoted["vote_count"], unvoted["vote_word"]) == (0, "Stimmen")


def test_visitors_see_why_they_cannot_vote(client, thread, ben):
    reply(thread, ben, "Antwort")

    html = client.get(thread.get_absolute_url()).content.decode()
    logged_in = Client()
    logged_in.force_login(ben)
    participant_html = logged_in.get(thread.get_absolute_url()).content.decode()

    assert 'id="login-hint"' in html
    assert "Melden Sie sich an, um abzustimmen" in html
    assert html.count('disabled aria-describedby="login-hint"') == 2  # question and reply
    assert 'id="login-hint"' not in participant_html
    assert 'aria-describedby="login-hint"' not in participant_html


def _author_line(html, post):
    card = html[html.index(f'id="beitrag-{post.pk}"') :]
    return card[: card.index("</span>", card.index('class="post-author"')) + 200]


def test_staff_posts_carry_a_staff_badge_participants_cannot_imitate(
    client, edition, thread, ben, moderator
):
    """Issue 11, L2: a participant named "Moritz Moderation" looked like the staff; the real
    staff's posts now carry a badge (not for anonymous posts, which must not reveal anyone)."""
    from home.roles import EDITORS, ensure_roles
    from tests.factories import UserFactory, ask

    editor = UserFactory(display_name="Rita")
    editor.groups.add(ensure_roles()[EDITORS])
    from_moderator = reply(thread, moderator, "Von der Moderation")
    from_editor = reply(thread, editor, "Von der Redaktion")
    from_participant = reply(thread, ben, "Von Ben")
    anonymous = ask(edition, moderator, title="Eine anonyme Frage", is_anonymous=True)

    html = client.get(thread.get_absolute_url()).content.decode()
    anonymous_html = client.get(anonymous.get_absolute_url()).content.decode()

    badge = '<span class="badge badge--staff">{}</span>'
    assert badge.format("Moderation") in _author_line(html, from_moderator)
    assert badge.format("Redaktion") in _author_line(html, from_editor)
    assert "badge--staff" not in _author_line(html, from_participant)
    assert "badge--staff" not in anonymous_html
