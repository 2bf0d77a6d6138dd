"""E-mail notifications: who gets which e-mail, only after commit, and one-click unsubscribe."""

import datetime

from django.core import mail
from django.urls import reverse

import pytest

from board import notifications, services
from board.models import Subscription
from tests.factories import TopicPageFactory, ask, reply

pytestmark = pytest.mark.django_db


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def _link(message):
    return message.extra_headers["List-Unsubscribe"].strip("<>")


def test_reply_mails_thread_subscribers_except_author_after_commit(
    thread, anna, ben, clara, django_capture_on_commit_callbacks
):
    services.subscribe(user=clara, thread=thread)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply(thread, ben, body="Wir teilen **einen** Scanner.")
    assert mail.outbox == []  # nothing is sent inside the request's transaction
    for callback in callbacks:
        callback()

    assert _recipients() == ["anna@example.org", "clara@example.org"]
    message = mail.outbox[0]
    assert (
        message.subject
        == "[Kooperationsraum] Neue Antwort auf „Wie teilen kleine Häuser ihre Scanner?“"
    )
    assert "Ben Bibliothek hat auf die Frage" in message.body
    assert "Wir teilen **einen** Scanner." in message.body
    html = message.alternatives[0][0]
    assert "<strong>einen</strong>" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "ben@example.org" not in _recipients()


def test_replier_is_subscribed_and_gets_later_replies(
    thread, anna, ben, clara, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, clara)

    assert _recipients() == ["anna@example.org", "ben@example.org"]


def test_pending_reply_mails_nobody_until_approved(
    edition, anna, ben, moderator, django_capture_on_commit_callbacks
):
    edition.pre_moderation = True
    edition.save()
    with django_capture_on_commit_callbacks(execute=True):
        thread = ask(edition, moderator)
    services.subscribe(user=anna, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(thread, ben)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_post(post=post, moderator=moderator)

    assert _recipients() == ["anna@example.org", "moderation@example.org"]


def test_hidden_reply_is_not_mailed(thread, ben, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = reply(thread, ben)
    services.hide_post(post=post, moderator=moderator, reason="Spam")
    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_inactive_subscriber_gets_no_mail(thread, anna, ben, django_capture_on_commit_callbacks):
    anna.is_active = False
    anna.save()

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben)

    assert mail.outbox == []


def test_accepted_answer_mails_subscribers(
    thread, anna, ben, clara, django_capture_on_commit_callbacks
):
    services.subscribe(user=clara, thread=thread)
    post = reply(thread, ben, body="So geht es.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_answer(thread=thread, post=post, user=anna)

    assert _recipients() == ["anna@example.org", "clara@example.org"]
    assert "wurde akzeptiert" in mail.outbox[0].subject
    assert "So geht es." in mail.outbox[0].body


def test_answered_after_event_mails_subscribers(
    edition, anna, clara, django_capture_on_commit_callbacks
):
    edition.date = datetime.date(2020, 1, 1)  # the edition is over: Nachlese
    edition.save()
    thread = ask(edition, anna)
    services.subscribe(user=clara, thread=thread)

    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(thread=thread, user=anna, status="answered")

    assert _recipients() == ["anna@example.org", "clara@example.org"]
    assert mail.outbox[0].subject.endswith("ist beantwortet")


def test_answered_before_event_sends_no_mail(
    edition, anna, clara, django_capture_on_commit_callbacks
):
    edition.date = datetime.date.today() + datetime.timedelta(days=30)
    edition.save()
    thread = ask(edition, anna)
    services.subscribe(user=clara, thread=thread)

    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(thread=thread, user=anna, status="answered")

    assert mail.outbox == []


def test_new_question_mails_edition_and_topic_subscribers_once(
    edition, anna, ben, clara, django_capture_on_commit_callbacks
):
    topic = TopicPageFactory(parent=edition.get_parent().get_parent())
    services.subscribe(user=ben, edition=edition)
    services.subscribe(user=clara, topic=topic)
    services.subscribe(user=clara, edition=edition)
    services.subscribe(user=anna, edition=edition)

    with django_capture_on_commit_callbacks(execute=True):
        ask(edition, anna, title="Welche Lizenz für Digitalisate?", topic=topic)

    assert _recipients() == ["ben@example.org", "clara@example.org"]
    assert (
        mail.outbox[0].subject == "[Kooperationsraum] Neue Frage: „Welche Lizenz für Digitalisate?“"
    )


def test_anonymous_question_mail_hides_the_name(
    edition, anna, ben, django_capture_on_commit_callbacks
):
    services.subscribe(user=ben, edition=edition)

    with django_capture_on_commit_callbacks(execute=True):
        ask(edition, anna, is_anonymous=True)

    assert "anonym hat zu" in mail.outbox[0].body
    assert "Anna" not in mail.outbox[0].body
    assert "Anna" not in mail.outbox[0].alternatives[0][0]


# --- unsubscribe -------------------------------------------------------------------------------


@pytest.fixture
def subscription(thread, clara):
    return services.subscribe(user=clara, thread=thread)


def test_unsubscribe_get_shows_confirmation_and_changes_nothing(client, subscription):
    url = reverse("board:unsubscribe", args=[notifications.unsubscribe_token(subscription)])

    response = client.get(url)

    assert response.status_code == 200
    assert "Abbestellen" in response.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_unsubscribe_post_with_csrf_deletes(subscription):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("board:unsubscribe", args=[notifications.unsubscribe_token(subscription)])
    page = client.get(url)
    token = page.context["csrf_token"]

    response = client.post(url, {"csrfmiddlewaretoken": str(token)})

    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_unsubscribe_post_without_csrf_is_rejected_on_the_page(subscription):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("board:unsubscribe", args=[notifications.unsubscribe_token(subscription)])

    response = client.post(url)

    assert response.status_code == 403
    assert Subscription.objects.filter(pk=subscription.pk).exists()


def test_one_click_post_without_csrf_unsubscribes(subscription):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse(
        "board:unsubscribe_one_click", args=[notifications.unsubscribe_token(subscription)]
    )

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_one_click_get_only_redirects_to_confirmation(client, subscription):
    token = notifications.unsubscribe_token(subscription)

    response = client.get(reverse("board:unsubscribe_one_click", args=[token]))

    assert response.status_code == 302
    assert response.url == reverse("board:unsubscribe", args=[token])
    assert Subscription.objects.filter(pk=subscription.pk).exists()


@pytest.mark.parametrize("view", ["board:unsubscribe", "board:unsubscribe_one_click"])
def test_tampered_token_is_rejected(client, subscription, thread, ben, view):
    other = services.subscribe(user=ben, thread=thread)
    token = notifications.unsubscribe_token(subscription)
    value, signature = token.split(":", 1)
    forged = f"{other.pk}:{signature}"

    response = client.post(reverse(view, args=[forged]))

    assert response.status_code == 404
    assert Subscription.objects.filter(pk__in=[subscription.pk, other.pk]).count() == 2


def test_mail_link_unsubscribes_the_recipient(
    thread, ben, subscription, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben)
    message = next(m for m in mail.outbox if m.to == ["clara@example.org"])
    path = _link(message).removeprefix("http://testserver")

    response = client.post(path)

    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


# --- following editions and topics -------------------------------------------------------------


def test_follow_edition_requires_login(client, edition):
    response = client.post(reverse("board:follow", args=["ausgabe", edition.pk]))

    assert response.status_code == 302
    assert Subscription.objects.count() == 0


def test_follow_and_unfollow_edition(client, edition, ben):
    client.force_login(ben)
    url = reverse("board:follow", args=["ausgabe", edition.pk])

    client.post(url)
    assert Subscription.objects.filter(user=ben, edition=edition).count() == 1
    client.post(url, {"action": "unsubscribe"})

    assert Subscription.objects.filter(user=ben, edition=edition).count() == 0


def test_follow_topic(client, edition, ben):
    topic = TopicPageFactory(parent=edition.get_parent().get_parent())
    client.force_login(ben)

    response = client.post(reverse("board:follow", args=["thema", topic.pk]))

    assert response.status_code == 302
    assert Subscription.objects.filter(user=ben, topic=topic).count() == 1


def test_follow_get_is_not_allowed(client, edition, ben):
    client.force_login(ben)

    response = client.get(reverse("board:follow", args=["ausgabe", edition.pk]))

    assert response.status_code == 405


def test_notifications_are_only_muted_inside_the_block(
    edition, anna, ben, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), notifications.muted():
        thread = ask(edition, anna)
        reply(thread, ben)
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben, body="Noch eine Antwort")

    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
