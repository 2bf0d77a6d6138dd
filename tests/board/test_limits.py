"""Abuse limits: rate limits per account and per IP address, the honeypot, the maximum length of
a post and the fewer rights of accounts younger than a day (board/limits.py)."""

import datetime
import re
from html import unescape

from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

import pytest

from board import limits, services
from board.models import Flag, Post, Subscription, Thread, Vote
from tests.factories import UserFactory, make_moderator, reply

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("enforce_limits")]


def login(user, ip="198.51.100.7"):
    client = Client(REMOTE_ADDR=ip)
    client.force_login(user)
    return client


def text_of(response):
    return unescape(response.content.decode())


@pytest.fixture
def newcomer(db):
    return UserFactory(email="neu@example.org", display_name="Nele Neu", date_joined=timezone.now())


# --- rate limits per account -------------------------------------------------------------------


def test_reply_over_the_account_limit_is_refused_in_german_with_the_text_kept(strict, thread, ben):
    strict(post="2/10m/account,100/10m/ip")
    client = login(ben)
    url = reverse("board:reply", args=[thread.pk])
    for number in range(2):
        assert client.post(url, {"body": f"Antwort {number}"}).status_code == 302

    response = client.post(url, {"body": "Meine dritte, sorgfältige Antwort"})

    assert response.status_code == 429
    assert "Sie haben in kurzer Zeit sehr viele Beiträge geschrieben." in text_of(response)
    assert "Ihre Eingabe ist erhalten." in text_of(response)
    assert "Meine dritte, sorgfältige Antwort</textarea>" in text_of(response)
    assert Post.objects.filter(author=ben).count() == 2


def test_question_over_the_account_limit_keeps_title_and_text(strict, edition, anna):
    strict(post="1/10m/account,100/10m/ip")
    client = login(anna)
    data = {"edition": edition.pk, "title": "Eine erste Frage zum Testen", "body": "Erster Text"}
    assert client.post(reverse("board:ask"), data).status_code == 302

    response = client.post(
        reverse("board:ask"),
        {**data, "title": "Eine zweite Frage zum Testen", "body": "Zweiter Text"},
    )

    assert response.status_code == 429
    assert 'value="Eine zweite Frage zum Testen"' in text_of(response)
    assert "Zweiter Text</textarea>" in text_of(response)
    assert Thread.objects.count() == 1


def test_edit_counts_against_the_post_limit(strict, thread, root, anna):
    strict(post="2/10m/account,100/10m/ip")  # asking the question was the first
    client = login(anna)
    url = reverse("board:edit", args=[root.pk])
    first = client.post(url, {"title": thread.title, "body": "Fassung zwei", "version": 1})
    assert first.status_code == 302

    response = client.post(url, {"title": thread.title, "body": "Fassung drei", "version": 2})

    assert response.status_code == 429
    assert "Fassung drei</textarea>" in text_of(response)
    assert Post.objects.get(pk=root.pk).body == "Fassung zwei"


def test_vote_by_script_over_the_limit_gets_a_german_429_json(strict, thread, root, ben):
    strict(vote="2/m/account,100/m/ip")
    client = login(ben)
    url = reverse("board:vote", args=[root.pk])
    headers = {"HTTP_ACCEPT": "application/json"}
    assert client.post(url, {"action": "vote"}, **headers).status_code == 200
    assert client.post(url, {"action": "unvote"}, **headers).status_code == 200

    response = client.post(url, {"action": "vote"}, **headers)

    assert response.status_code == 429
    assert response.json() == {
        "ok": False,
        "message": "Sie haben in kurzer Zeit sehr viele Stimmen abgegeben. Bitte versuchen Sie "
        "es in einer Minute noch einmal; Ihre Eingabe ist erhalten.",
    }
    assert Vote.objects.count() == 0


def test_vote_without_script_over_the_limit_redirects_with_a_message(strict, thread, root, ben):
    strict(vote="1/m/account,100/m/ip")
    client = login(ben)
    url = reverse("board:vote", args=[root.pk])
    client.post(url, {"action": "vote"})

    response = client.post(url, {"action": "unvote"}, follow=True)

    assert "sehr viele Stimmen abgegeben" in text_of(response)
    assert Vote.objects.count() == 1


def test_flag_over_the_limit_keeps_the_explanation(strict, thread, ben, clara):
    strict(flag="1/h/account,100/h/ip")
    first, second = reply(thread, clara, "Eins"), reply(thread, clara, "Zwei")
    client = login(ben)
    assert (
        client.post(reverse("board:flag", args=[first.pk]), {"reason": "spam"}).status_code == 302
    )

    response = client.post(
        reverse("board:flag", args=[second.pk]), {"reason": "other", "text": "Meine Erklärung"}
    )

    assert response.status_code == 429
    assert "sehr viele Beiträge gemeldet" in text_of(response)
    assert "Meine Erklärung</textarea>" in text_of(response)
    assert Flag.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("board:subscribe", {"action": "unsubscribe"}),
        ("board:status", {"status": "answered"}),
    ],
)
def test_small_thread_actions_are_limited_too(strict, thread, anna, name, data):
    strict(action="1/m/account,100/m/ip")
    client = login(anna)
    url = reverse(name, args=[thread.pk])
    client.post(url, data)

    response = client.post(url, data, HTTP_ACCEPT="application/json")

    assert response.status_code in (302, 429)
    followed = client.post(url, data, follow=True)
    assert "Sie waren in kurzer Zeit sehr aktiv." in text_of(followed)


def test_accepting_an_answer_is_limited(strict, thread, anna, ben):
    strict(action="1/m/account,100/m/ip")
    answer = reply(thread, ben, "Die Antwort")
    client = login(anna)
    url = reverse("board:accept", args=[answer.pk])
    client.post(url, {"action": "accept"})

    response = client.post(url, {"action": "unaccept"}, HTTP_ACCEPT="application/json")

    assert response.status_code == 429
    assert Thread.objects.get(pk=thread.pk).accepted_post_id == answer.pk


def test_moderators_are_not_rate_limited(strict, thread, moderator):
    strict(post="1/10m/account,1/10m/ip")
    client = login(moderator)
    url = reverse("board:reply", args=[thread.pk])

    statuses = [client.post(url, {"body": f"Hinweis {n}"}).status_code for n in range(3)]

    assert statuses == [302, 302, 302]


def test_services_count_the_account_whoever_calls_them(strict, thread, ben):
    strict(post="1/10m/account,100/10m/ip")
    reply(thread, ben, "Über den Dienst")

    with pytest.raises(services.RateLimited):
        reply(thread, ben, "Noch einmal")


# --- rate limits per IP address ----------------------------------------------------------------


def test_ip_limit_holds_across_two_accounts(strict, thread, ben, clara):
    strict(post="100/10m/account,2/10m/ip")
    url = reverse("board:reply", args=[thread.pk])
    assert login(ben).post(url, {"body": "Ben eins"}).status_code == 302
    assert login(clara).post(url, {"body": "Clara eins"}).status_code == 302

    refused = login(clara).post(url, {"body": "Clara zwei"})
    elsewhere = login(clara, ip="203.0.113.9").post(url, {"body": "Clara von anderswo"})

    assert refused.status_code == 429
    assert "Von Ihrem Netzwerk kommen gerade sehr viele Anfragen." in text_of(refused)
    assert "Clara zwei</textarea>" in text_of(refused)
    assert elsewhere.status_code == 302
    assert list(Post.objects.filter(parent__isnull=False).values_list("body", flat=True)) == [
        "Ben eins",
        "Clara eins",
        "Clara von anderswo",
    ]


def test_ip_limit_applies_to_votes_across_accounts(strict, thread, root, ben, clara):
    strict(vote="100/m/account,1/m/ip")
    headers = {"HTTP_ACCEPT": "application/json"}
    url = reverse("board:vote", args=[root.pk])
    assert login(ben).post(url, {"action": "vote"}, **headers).status_code == 200

    response = login(clara).post(url, {"action": "vote"}, **headers)

    assert response.status_code == 429
    assert Vote.objects.count() == 1


def test_client_ip_trusts_only_the_configured_number_of_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66, 198.51.100.20"
    )
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    direct = limits.client_ip(request)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    behind_one_proxy = limits.client_ip(request)

    assert direct == "10.0.0.1"
    assert behind_one_proxy == "198.51.100.20"


def test_default_limits_are_configured_for_every_group(settings):
    groups = settings.BOARD_RATE_LIMITS

    assert set(groups) >= {"post", "vote", "flag", "action", "export"}
    for group in ("post", "vote", "flag"):
        scopes = {rate.scope for rate in limits.parse_rates(groups[group])}
        assert scopes == {"account", "ip", "young"}


def test_a_broken_limit_setting_fails_loudly():
    with pytest.raises(ValueError, match="Invalid board rate limit"):
        limits.parse_rates("zehn pro Minute")


# --- young accounts ----------------------------------------------------------------------------


def test_young_account_may_post_at_most_two_links(thread, newcomer):
    client = login(newcomer)
    body = "Siehe https://a.example, [B](https://b.example) und <https://c.example>."

    response = client.post(reverse("board:reply", args=[thread.pk]), {"body": body})

    assert response.status_code == 200
    assert (
        "Neue Konten dürfen in den ersten 24 Stunden höchstens 2 Links je Beitrag setzen"
        in text_of(response)
    )
    assert "Ihr Text enthält 3." in text_of(response)
    assert f"{body}</textarea>" in text_of(response)
    assert not Post.objects.filter(author=newcomer).exists()


def test_young_account_with_two_links_posts(thread, newcomer):
    body = "Siehe https://a.example und [B](https://b.example)."

    response = login(newcomer).post(reverse("board:reply", args=[thread.pk]), {"body": body})

    assert response.status_code == 302
    assert Post.objects.get(author=newcomer).body == body


def test_established_account_may_post_more_links(thread, ben):
    body = " ".join(f"https://{n}.example" for n in range(5))

    response = login(ben).post(reverse("board:reply", args=[thread.pk]), {"body": body})

    assert response.status_code == 302


def test_young_moderator_has_full_rights(thread):
    moderator = make_moderator(email="neumod@example.org", date_joined=timezone.now())
    body = " ".join(f"https://{n}.example" for n in range(5))

    response = login(moderator).post(reverse("board:reply", args=[thread.pk]), {"body": body})

    assert response.status_code == 302


def test_young_account_has_a_lower_post_limit(strict, thread, newcomer, ben):
    strict(post="5/10m/account,100/10m/ip,1/10m/young")
    url = reverse("board:reply", args=[thread.pk])
    assert login(newcomer).post(url, {"body": "Hallo"}).status_code == 302

    refused = login(newcomer).post(url, {"body": "Noch etwas"})
    established = [login(ben).post(url, {"body": f"B {n}"}).status_code for n in range(2)]

    assert refused.status_code == 429
    assert "Neue Konten können in den ersten 24 Stunden nur wenige Beiträge" in text_of(refused)
    assert established == [302, 302]


def test_account_older_than_a_day_is_no_longer_young(newcomer):
    newcomer.date_joined = timezone.now() - datetime.timedelta(hours=25)

    assert limits.is_young(newcomer) is False


@pytest.mark.parametrize(
    ("body", "links"),
    [
        ("kein Link", 0),
        ("www.example.org", 1),
        ("[a](https://a.example) <http://b.example> mailto:x@example.org", 3),
        ("[ref]: https://r.example\n\n[ref]", 1),
        # Issue 11, L7: protocol-relative targets were not counted.
        ("[a](//a.example) [b](//b.example) [c](//c.example)", 3),
        ("[a](/\\a.example) <sftp://b.example>\n\n[r]: //r.example\n\n[r]", 3),
        ("und/oder // Kommentar, a//b, 10 // 2", 0),
    ],
)
def test_count_links(body, links):
    assert limits.count_links(body) == links


# --- honeypot ----------------------------------------------------------------------------------


def test_reply_form_renders_the_honeypot_hidden(client, thread, ben):
    html = login(ben).get(thread.get_absolute_url()).content.decode()

    trap = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
    assert trap is not None
    assert 'name="website"' in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)


def test_filled_honeypot_on_a_reply_saves_nothing_and_keeps_the_text(thread, ben):
    response = login(ben).post(
        reverse("board:reply", args=[thread.pk]),
        {"body": "Kaufen Sie jetzt!", "website": "https://spam.example"},
    )

    assert response.status_code == 200
    assert "Ihre Eingabe konnte nicht gespeichert werden." in text_of(response)
    assert "Kaufen Sie jetzt!</textarea>" in text_of(response)
    assert 'value="https://spam.example"' not in text_of(response)
    assert Post.objects.filter(author=ben).count() == 0


def test_filled_honeypot_on_a_question_saves_nothing_and_keeps_the_text(edition, anna):
    response = login(anna).post(
        reverse("board:ask"),
        {
            "edition": edition.pk,
            "title": "Eine Frage von einem Roboter",
            "body": "Roboterprosa",
            "website": "x",
        },
    )

    assert response.status_code == 200
    assert "Ihre Eingabe konnte nicht gespeichert werden." in text_of(response)
    assert 'value="Eine Frage von einem Roboter"' in text_of(response)
    assert "Roboterprosa</textarea>" in text_of(response)
    assert Thread.objects.count() == 0


# --- maximum length ----------------------------------------------------------------------------


def test_over_long_reply_is_refused_in_german_with_the_text_kept(thread, ben):
    body = "a" * (services.MAX_BODY_LENGTH + 1)

    response = login(ben).post(reverse("board:reply", args=[thread.pk]), {"body": body})

    assert response.status_code == 200
    assert "Der Text ist zu lang: höchstens 10000 Zeichen, Ihr Text hat 10001." in text_of(response)
    assert f"{body}</textarea>" in text_of(response)
    assert Post.objects.filter(author=ben).count() == 0


def test_over_long_title_is_refused_in_german(edition, anna):
    title = "F" * (services.MAX_TITLE_LENGTH + 1)

    response = login(anna).post(
        reverse("board:ask"), {"edition": edition.pk, "title": title, "body": "Text"}
    )

    assert response.status_code == 200
    assert "Die Frage ist zu lang: höchstens 200 Zeichen." in text_of(response)
    assert "Text</textarea>" in text_of(response)
    assert Thread.objects.count() == 0


def test_over_long_body_is_refused_by_the_service_too(thread, ben):
    with pytest.raises(services.BoardError, match="Der Text ist zu lang"):
        reply(thread, ben, "a" * (services.MAX_BODY_LENGTH + 1))


def test_subscription_rows_untouched_by_refused_actions(strict, thread, anna):
    strict(action="0/m/account,100/m/ip")

    login(anna).post(reverse("board:subscribe", args=[thread.pk]), {"action": "unsubscribe"})

    assert Subscription.objects.filter(user=anna, thread=thread).exists()


def test_following_an_edition_is_limited(strict, edition, anna):
    strict(action="1/m/account,100/m/ip")
    client = login(anna)
    url = reverse("board:follow", kwargs={"target": "ausgabe", "pk": edition.pk})
    assert client.post(url, {}).status_code == 302

    response = client.post(url, {"action": "unsubscribe"}, HTTP_ACCEPT="application/json")

    assert response.status_code == 429
    assert Subscription.objects.filter(user=anna, edition=edition).exists()


def test_deleted_author_shows_as_deleted_account_in_the_moderation_queue(thread, ben, moderator):
    answer = reply(thread, ben, "Eine Antwort, bald ohne Konto")
    Post.objects.filter(pk=answer.pk).update(author=None)

    html = login(moderator).get(reverse("board_admin:post", args=[answer.pk])).content.decode()

    assert "gelöschtes Konto" in html


# --- the Markdown preview (M6) -----------------------------------------------------------------


def test_preview_over_the_account_limit_answers_429_in_german(strict, ben):
    strict(preview="2/m/account,100/m/ip")
    client = login(ben)

    answers = [client.post(reverse("board:preview"), {"body": "*a*"}) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[0].text == "<p><em>a</em></p>"
    assert "sehr viele Vorschauen" in text_of(answers[2])
    assert "<em>" not in answers[2].text  # nothing was rendered


def test_preview_over_the_address_limit_counts_every_account(strict, ben, clara):
    strict(preview="100/m/account,2/m/ip")

    statuses = [
        login(user, ip="203.0.113.9").post(reverse("board:preview"), {"body": "x"}).status_code
        for user in (ben, clara, ben)
    ]

    assert statuses == [200, 200, 429]


def test_preview_button_of_the_ask_form_counts_and_keeps_the_input(strict, edition, ben):
    strict(preview="1/m/account,100/m/ip")
    client = login(ben)
    data = {"title": "Eine Frage zur Vorschau", "body": "*kursiv* Entwurf", "edition": edition.pk}

    first = client.post("/fragen/neu/", {**data, "preview": "1"})
    second = client.post("/fragen/neu/", {**data, "preview": "1"})

    assert first.status_code == 200
    assert "<em>kursiv</em>" in first.text
    assert second.status_code == 429
    assert "sehr viele Vorschauen" in text_of(second)
    assert "*kursiv* Entwurf" in text_of(second)  # the input is kept
    assert Thread.objects.count() == 0


def test_preview_of_an_over_long_text_is_refused_in_german_without_rendering(strict, ben):
    strict(preview="100/m/account,100/m/ip")
    body = "*a" * (services.MAX_BODY_LENGTH // 2 + 1)

    response = login(ben).post(reverse("board:preview"), {"body": body})

    assert response.status_code == 400
    assert "Der Text ist zu lang: höchstens 10000 Zeichen, Ihr Text hat 10002." in text_of(response)
