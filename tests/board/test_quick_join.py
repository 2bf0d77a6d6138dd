"""Quick join with an edition's event code (issue 10, item 2; board/live.py, board/views/live.py):
code required, wrong, closed or regenerated code refused, the account asks, replies and votes in
its edition through the same services, pre-moderation as the edition decides, no admin access,
completing the account with a confirmed e-mail keeps its posts and signs the person in."""

import datetime
import re
from html import unescape

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from board import live
from board.models import Post, Thread, Visibility, Vote
from tests.factories import ask

pytestmark = pytest.mark.django_db

User = get_user_model()
CONFIRM_LINK = re.compile(r"https?://\S+/konto/confirm-email/[^/\s]+/")


def text_of(response):
    return unescape(response.content.decode())


@pytest.fixture
def phase(live_edition):
    return live.live_phase_for(live_edition)


def join(client, code, name="Saal Gast", **extra):
    data = {"code": code, "display_name": name, "privacy_accepted": "on", **extra}
    return client.post(reverse("board:join"), data)


def joined_user(name="Saal Gast"):
    return User.objects.get(display_name=name)


def test_edition_gets_a_short_readable_event_code(phase):
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", phase.event_code)
    assert live.live_phase_for(phase.edition).event_code == phase.event_code  # stable


def test_join_with_the_code_signs_in_an_account_without_e_mail(client, phase):
    response = join(client, phase.event_code.lower())  # typed in lower case: still accepted

    user = joined_user()
    assert response.status_code == 302
    assert response.url == reverse("board:index") + f"?ausgabe={phase.edition.year}"
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.email is None
    assert user.is_quick_join is True
    assert user.has_usable_password() is False
    assert user.quick_join_edition_id == phase.edition.pk


def test_two_people_join_without_e_mail_addresses(client, phase):
    join(client, phase.event_code, name="Erste")
    join(Client(), phase.event_code, name="Zweite")

    assert User.objects.filter(email__isnull=True).count() == 2


def test_join_without_code_is_refused_and_keeps_the_name(client, phase):
    response = join(client, "")

    assert response.status_code == 200
    assert "Bitte geben Sie den Veranstaltungscode ein." in text_of(response)
    assert 'value="Saal Gast"' in text_of(response)
    assert not User.objects.filter(display_name="Saal Gast").exists()


def test_join_with_a_wrong_code_is_refused(client, phase):
    response = join(client, "ZZZZZZ" if phase.event_code != "ZZZZZZ" else "YYYYYY")

    assert response.status_code == 400
    assert "Diesen Veranstaltungscode kennen wir nicht" in text_of(response)
    assert not User.objects.filter(display_name="Saal Gast").exists()
    assert "_auth_user_id" not in client.session


def test_regenerated_code_replaces_the_old_one(client, phase, moderator):
    old = phase.event_code
    url = reverse("board:live_settings", args=[phase.edition.year])
    moderation = Client()
    moderation.force_login(moderator)

    moderation.post(url, {"action": "regenerate"})

    new = live.live_phase_for(phase.edition).event_code
    assert new != old
    assert join(client, old).status_code == 400
    assert join(client, new).status_code == 302


def test_closed_quick_join_refuses_the_code(client, phase, moderator):
    moderation = Client()
    moderation.force_login(moderator)
    moderation.post(reverse("board:live_settings", args=[phase.edition.year]), {"action": "close"})

    response = join(client, phase.event_code)

    assert response.status_code == 400
    assert not User.objects.filter(display_name="Saal Gast").exists()


def test_only_moderators_reach_the_live_settings(client, phase, anna):
    client.force_login(anna)
    url = reverse("board:live_settings", args=[phase.edition.year])

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "regenerate"}).status_code == 404
    assert live.live_phase_for(phase.edition).event_code == phase.event_code


def test_quick_join_account_asks_replies_and_votes_in_its_edition(client, phase, anna):
    join(client, phase.event_code)
    other = ask(phase.edition, anna, title="Eine Frage aus dem Publikum?")
    root = other.posts.get(parent__isnull=True)

    asked = client.post(
        reverse("board:ask") + f"?ausgabe={phase.edition.year}",
        {"edition": phase.edition.pk, "title": "Wie geht es nach der Tagung weiter?", "body": "Hm"},
    )
    replied = client.post(reverse("board:reply", args=[other.pk]), {"body": "Gute Frage!"})
    voted = client.post(reverse("board:vote", args=[root.pk]), {"action": "vote"})

    user = joined_user()
    assert asked.status_code == 302
    assert replied.status_code == 302
    assert voted.status_code == 302
    assert Thread.objects.get(author=user).visibility == Visibility.PUBLISHED
    assert Post.objects.filter(author=user, parent__isnull=False).count() == 1
    assert Vote.objects.filter(user=user, post=root).exists()


def test_quick_join_account_cannot_ask_in_another_edition(client, phase, other_edition):
    join(client, phase.event_code)

    response = client.post(
        reverse("board:ask"),
        {"edition": other_edition.pk, "title": "Eine Frage an eine andere Ausgabe", "body": "x"},
    )

    assert "nur bei dieser Veranstaltung mitmachen" in text_of(response)
    assert not Thread.objects.filter(author=joined_user()).exists()


def test_quick_join_posts_wait_for_approval_when_the_edition_says_so(client, phase, ben):
    phase.quick_join_pre_moderation = True
    phase.save()
    join(client, phase.event_code)

    client.post(
        reverse("board:ask"),
        {"edition": phase.edition.pk, "title": "Eine Frage, die erst geprüft wird", "body": "x"},
    )
    established = ask(phase.edition, ben, title="Eine Frage von einem Konto mit Adresse")

    assert Thread.objects.get(author=joined_user()).visibility == Visibility.PENDING
    assert established.visibility == Visibility.PUBLISHED


def test_quick_join_posts_are_sanitised_like_all_others(client, phase, anna):
    join(client, phase.event_code)
    thread = ask(phase.edition, anna)

    client.post(
        reverse("board:reply", args=[thread.pk]),
        {"body": "<script>alert(1)</script> **fett**"},
    )

    post = Post.objects.get(author=joined_user())
    assert "<script>" not in post.body_html
    assert "<strong>fett</strong>" in post.body_html


def test_quick_join_account_cannot_reach_the_admin(client, phase):
    join(client, phase.event_code)

    response = client.get(reverse("wagtailadmin_home"), follow=True)

    assert response.status_code == 403
    assert joined_user().is_staff is False
    assert not joined_user().groups.exists()


def test_quick_join_with_e_mail_sends_a_confirmation_and_completes_the_account(
    client, phase, anna, mailoutbox
):
    join(client, phase.event_code, email="gast@example.org")
    user = joined_user()
    thread = ask(phase.edition, anna)
    client.post(reverse("board:reply", args=[thread.pk]), {"body": "Vor der Bestätigung"})
    (mail,) = mailoutbox
    path = CONFIRM_LINK.search(mail.body).group(0).split("testserver", 1)[1]
    assert user.is_quick_join is True
    fresh = Client()  # the link opened in another browser

    confirmed = fresh.post(path)

    user.refresh_from_db()
    assert confirmed.status_code == 302
    assert user.email == "gast@example.org"
    assert user.is_quick_join is False
    assert EmailAddress.objects.get(user=user).verified is True
    assert Post.objects.get(author=user).body == "Vor der Bestätigung"


def test_confirming_the_address_in_the_same_browser_signs_the_person_in(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "display_name": "Neu",
            "password1": "Kooperation-2025!",
            "password2": "Kooperation-2025!",
            "privacy_accepted": "on",
        },
    )
    path = CONFIRM_LINK.search(mailoutbox[0].body).group(0).split("testserver", 1)[1]

    confirmed = client.post(path)

    assert confirmed.status_code == 302
    assert confirmed.url != reverse("account_login")
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="neu@example.org").pk


def test_join_qr_code_is_an_svg_made_on_the_server(client, phase):
    response = client.get(reverse("board:join_qr", args=[phase.event_code]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_join_qr_code_of_an_unknown_code_is_not_found(client, phase):
    assert client.get(reverse("board:join_qr", args=["AAAAAA"])).status_code in (404,)


@pytest.mark.usefixtures("enforce_limits")
def test_guessing_codes_from_one_address_is_stopped(client, phase, settings):
    settings.BOARD_RATE_LIMITS = {"join_failed": "3/10m/ip", "join": "100/h/ip"}
    statuses = [join(client, f"AAAAA{n}").status_code for n in range(2, 6)]

    right = join(client, phase.event_code)

    assert statuses == [400, 400, 400, 429]
    assert right.status_code == 429  # the address is blocked for a while, even for the right code
    assert "sehr viele falsche Codes" in text_of(right)


def test_profile_of_a_quick_join_account_offers_to_add_an_e_mail_address(client, phase):
    join(client, phase.event_code)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert "noch keine E-Mail-Adresse" in text_of(response)
    assert reverse("account_email") in text_of(response)
    assert "None" not in text_of(response)


def test_quick_join_refuses_a_name_reserved_for_the_team(client, phase):
    response = join(client, phase.event_code, name="M o d e r a t i o n")

    assert response.status_code == 400
    assert "dem Team vorbehalten" in text_of(response)
    assert not User.objects.filter(quick_join_edition__isnull=False).exists()


def test_an_unconfirmed_address_marked_primary_does_not_complete_the_account(
    client, phase, other_edition
):
    join(client, phase.event_code)
    client.post(reverse("account_email"), {"action_add": "", "email": "fremd@example.org"})
    client.post(reverse("account_email"), {"action_primary": "", "email": "fremd@example.org"})
    user = joined_user()

    response = client.post(
        reverse("board:ask"),
        {"edition": other_edition.pk, "title": "Eine Frage an eine andere Ausgabe", "body": "x"},
    )

    assert user.email == "fremd@example.org"  # allauth lets it be primary, unconfirmed
    assert user.is_quick_join is True
    assert "nur bei dieser Veranstaltung mitmachen" in text_of(response)
    assert not Thread.objects.filter(author=user).exists()


def test_the_code_of_an_edition_that_is_not_live_neither_joins_nor_stands_on_the_wall(
    client, phase
):
    edition = phase.edition
    edition.date = edition.date - datetime.timedelta(days=30)
    edition.save()

    joined = join(client, phase.event_code)
    wall = client.get(reverse("board:wall", args=[edition.year]))

    assert joined.status_code == 400
    assert not User.objects.filter(display_name="Saal Gast").exists()
    assert wall.status_code == 200
    assert phase.event_code not in text_of(wall)
    assert client.get(reverse("board:join_qr", args=[phase.event_code])).status_code == 404
