"""A participant's own page (issue 15, item 4): questions, replies, subscriptions with a one-click
unsubscribe, votes; read through the one definition of visibility; private; flat query counts;
paginated; German and English addresses."""

import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from board import services
from board.models import Subscription, Thread, Visibility
from board.views.mine import ITEMS_PER_PAGE
from tests.factories import UserFactory, ask, reply

pytestmark = pytest.mark.django_db


def page(client, name="board:mine", **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response


def listed(response):
    """The titles (h3 texts) of the page's list, in order, tags stripped."""
    titles = re.findall(r'<h3 class="mine-item__title"[^>]*>(.*?)</h3>', response.text, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in titles]


@pytest.fixture
def anna_client(anna):
    client = Client()
    client.force_login(anna)
    return client


def test_page_needs_a_login(client):
    for name in (
        "board:mine",
        "board:mine_replies",
        "board:mine_subscriptions",
        "board:mine_votes",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/konto/login/" in response["Location"]


def test_header_and_account_nav_link_to_the_page(anna_client):
    html = anna_client.get(reverse("accounts:profile")).text

    assert html.count(f'href="{reverse("board:mine")}"') == 2  # header menu and account nav
    assert "Meine Beiträge" in html


def test_questions_are_ones_own_with_pending_and_merged_marked(
    anna_client, edition, anna, ben, moderator
):
    ask(edition, ben, title="Bens Frage zur Langzeitarchivierung")
    own = ask(edition, anna, title="Annas erste Frage zur Langzeitarchivierung")
    target = ask(edition, ben, title="Bens Zielfrage der Zusammenführung")
    merged = ask(edition, anna, title="Annas doppelte Frage zur Archivierung")
    services.merge_threads(source=merged, target=target, moderator=moderator, reason="doppelt")
    pending = ask(edition, anna, title="Annas wartende Frage zur Archivierung")
    Thread.objects.filter(pk=pending.pk).update(visibility=Visibility.PENDING)
    pending.posts.update(visibility=Visibility.PENDING)

    response = page(anna_client)

    assert listed(response) == [pending.title, merged.title, own.title]
    items = response.text.split('class="mine-item"')[1:]
    assert "Wartet auf Freigabe" in items[0]
    assert "zusammengeführt" in items[1]
    assert "Bens Frage" not in response.text
    assert response["Cache-Control"] == "private, no-cache"


def test_hidden_question_of_ones_own_is_not_listed(anna_client, edition, anna, moderator):
    hidden = ask(edition, anna, title="Annas ausgeblendete Frage")
    services.hide_post(post=hidden.posts.get(), moderator=moderator, reason="Werbung")

    assert hidden.title not in page(anna_client).text


def test_replies_say_whom_they_answer_and_hidden_ones_keep_their_text_private(
    anna_client, edition, anna, ben, moderator
):
    bens = ask(edition, ben, title="Bens Frage mit Antworten", is_anonymous=True)
    first = reply(bens, anna, body="Meine sichtbare Antwort an die anonyme Frage.")
    clara_reply = reply(bens, UserFactory(display_name="Clara Museum"), body="Claras Antwort.")
    second = reply(bens, anna, body="Meine Antwort an Clara.", parent=clara_reply)
    hidden = reply(bens, anna, body="Mein ausgeblendeter Text.")
    services.hide_post(post=hidden, moderator=moderator, reason="Beleidigend")

    response = page(anna_client, "board:mine_replies")

    text = response.text
    assert len(listed(response)) == 3
    assert "Meine sichtbare Antwort" in text and "an anonym" in text
    assert "Meine Antwort an Clara." in text and "an Clara Museum" in text
    assert "Mein ausgeblendeter Text." not in text
    assert "Dieser Beitrag wurde von der Moderation ausgeblendet. Grund: Beleidigend" in text
    assert "Ben" not in re.sub(r"Bens Frage", "", text.split("<main")[1])  # the asker stays anonym
    assert first.get_absolute_url() in text and second.get_absolute_url() in text
    assert "Claras Antwort." not in text


def test_subscriptions_list_every_target_and_name_none_anna_may_not_see(
    anna_client, edition, anna, ben, moderator
):
    visible = ask(edition, ben, title="Eine Frage, der Anna folgt")
    services.subscribe(user=anna, thread=visible)
    gone = ask(edition, ben, title="Eine später ausgeblendete Frage")
    services.subscribe(user=anna, thread=gone)
    services.hide_post(post=gone.posts.get(), moderator=moderator, reason="Spam")
    services.subscribe(user=anna, edition=edition)

    response = page(anna_client, "board:mine_subscriptions")

    titles = listed(response)
    assert titles == [
        f"Ausgabe: {edition.title}",
        "Frage: nicht mehr sichtbar",
        f"Frage: {visible.title}",
    ]
    assert gone.title not in response.text
    assert response.text.count('action="/fragen/meine/abonnements/') == 3


def test_one_click_unsubscribe_is_a_post_with_csrf_and_only_for_ones_own(anna, ben, edition):
    thread = ask(edition, ben, title="Eine Frage zum Abbestellen")
    mine = services.subscribe(user=anna, thread=thread)
    bens = Subscription.objects.get(user=ben, thread=thread)
    url = reverse("board:mine_unsubscribe", args=[mine.pk])
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(anna)

    assert strict.post(url).status_code == 403  # no CSRF token
    assert strict.get(url).status_code == 405
    listing = strict.get(reverse("board:mine_subscriptions"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', listing.text).group(1)
    others = strict.post(
        reverse("board:mine_unsubscribe", args=[bens.pk]), {"csrfmiddlewaretoken": token}
    )
    response = strict.post(url, {"csrfmiddlewaretoken": token}, follow=True)

    assert others.status_code == 404
    assert Subscription.objects.filter(pk=bens.pk).exists()
    assert not Subscription.objects.filter(pk=mine.pk).exists()
    assert response.redirect_chain[-1][0] == reverse("board:mine_subscriptions")
    assert "Das Abonnement ist beendet." in response.text


def test_unsubscribe_goes_back_to_the_page_it_came_from_but_never_elsewhere(
    anna_client, anna, edition
):
    subscription = services.subscribe(user=anna, edition=edition)
    back = reverse("board:mine_subscriptions") + "?seite=2"
    url = reverse("board:mine_unsubscribe", args=[subscription.pk])

    response = anna_client.post(url, {"next": back})
    again = services.subscribe(user=anna, edition=edition)
    outside = anna_client.post(
        reverse("board:mine_unsubscribe", args=[again.pk]), {"next": "https://example.org/"}
    )

    assert response["Location"] == back
    assert outside["Location"] == reverse("board:mine_subscriptions")


def test_votes_list_what_anna_may_still_read(anna_client, edition, anna, ben, moderator):
    thread = ask(edition, ben, title="Bens Frage für Stimmen")
    answer = reply(thread, ben, body="Bens hilfreiche Antwort.")
    later_hidden = reply(thread, ben, body="Bens später ausgeblendete Antwort.")
    for post in (thread.posts.get(parent=None), answer, later_hidden):
        services.vote(post=post, user=anna)
    services.hide_post(post=later_hidden, moderator=moderator, reason="Spam")

    response = page(anna_client, "board:mine_votes")

    assert listed(response) == [f"Antwort in {thread.title}", f"Frage {thread.title}"]
    assert "Bens hilfreiche Antwort." in response.text
    assert "später ausgeblendete" not in response.text


def test_tabs_count_each_section(anna_client, edition, anna, ben):
    thread = ask(edition, anna, title="Annas Frage zum Zählen")
    reply(thread, anna, body="Eine eigene Antwort.")

    response = page(anna_client, "board:mine_votes")

    tabs = re.findall(
        r'<a href="([^"]+)"( aria-current="page")?>([^<]+) <span class="mine-tabs__count">(\d+)',
        response.text,
    )
    assert [(label.strip(), int(count), bool(current)) for _u, current, label, count in tabs] == [
        ("Meine Fragen", 1, False),
        ("Meine Antworten", 1, False),
        ("Meine Abonnements", 1, False),  # asking subscribes
        ("Meine Stimmen", 0, True),
    ]
    assert "Sie haben noch für keinen Beitrag gestimmt." in response.text


def test_questions_are_paginated(anna_client, edition, anna):
    for number in range(ITEMS_PER_PAGE + 1):
        ask(edition, anna, title=f"Annas Frage Nummer {number:02d} zur Seitenteilung")

    first = page(anna_client)
    second = page(anna_client, seite=2)

    assert len(listed(first)) == ITEMS_PER_PAGE
    assert listed(second) == ["Annas Frage Nummer 00 zur Seitenteilung"]
    assert 'href="?seite=2"' in first.text


def test_english_address_and_text(anna_client):
    with translation.override("en"):
        url = reverse("board:mine_subscriptions")

    response = anna_client.get(url)

    assert url == "/en/questions/mine/subscriptions/"
    assert response.status_code == 200
    assert "My subscriptions" in response.text
    assert "Meine Abonnements" not in response.text


@pytest.mark.parametrize(
    "name", ["board:mine", "board:mine_replies", "board:mine_subscriptions", "board:mine_votes"]
)
def test_query_count_stays_flat_as_content_grows(
    name, django_assert_max_num_queries, edition, anna, ben, other_edition
):
    client = Client()
    client.force_login(anna)

    def add(number):
        thread = ask(edition, anna, title=f"Annas Frage Nummer {number} zum Zählen der Abfragen")
        other = ask(other_edition, ben, title=f"Bens Frage Nummer {number} zum Zählen")
        answer = reply(other, anna, body=f"Annas Antwort {number}")
        reply(other, anna, body="Eine Antwort auf eine Antwort.", parent=answer)
        services.vote(post=other.posts.get(parent=None), user=anna)
        services.subscribe(user=anna, edition=other_edition)
        return thread

    add(0)
    client.get(reverse(name))  # warm the per-process caches (site root paths)
    with django_assert_max_num_queries(20) as one:
        client.get(reverse(name))
    for number in range(1, 8):
        add(number)
    with django_assert_max_num_queries(len(one.captured_queries)) as many:
        response = client.get(reverse(name))

    assert response.status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)


def test_a_followed_topic_page_made_private_is_named_no_more(anna_client, edition, anna):
    """Review (helper r): a topic page put under a view restriction (here: a group Anna is not
    in) is 'nicht mehr sichtbar' like a hidden question – its title was listed."""
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    from tests.factories import TopicIndexPageFactory, TopicPageFactory

    index = TopicIndexPageFactory(parent=edition.get_parent().get_parent())
    topic = TopicPageFactory(parent=index, title="Internes Thema der Leitung", slug="intern")
    services.subscribe(user=anna, topic=topic)
    assert listed(page(anna_client, "board:mine_subscriptions")) == [
        "Themenseite: Internes Thema der Leitung"
    ]
    restriction = PageViewRestriction.objects.create(
        page=topic, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Leitung"))

    response = page(anna_client, "board:mine_subscriptions")

    assert listed(response) == ["Themenseite: nicht mehr sichtbar"]
    assert "Internes Thema" not in response.text
