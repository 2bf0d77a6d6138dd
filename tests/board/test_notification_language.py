"""Each subscription remembers the language its owner followed in; e-mails go out in that
language with links to the pages in that language (German by default)."""

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from board import services
from board.models import Subscription
from tests.factories import reply

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE


def mail_to(address):
    (message,) = [message for message in mail.outbox if address in message.to]
    return message


def follow_in(language, user, thread):
    client = Client()
    client.force_login(user)
    with translation.override(language):
        url = reverse("board:subscribe", args=[thread.pk])
    response = client.post(url)
    assert response.status_code == 302
    return Subscription.objects.get(user=user, thread=thread)


def test_following_from_an_english_page_stores_english(thread, clara, ben):
    assert follow_in("en", clara, thread).language == "en"
    assert follow_in("de", ben, thread).language == "de"


def test_following_again_in_the_other_language_switches(thread, clara):
    follow_in("en", clara, thread)

    assert follow_in("de", clara, thread).language == "de"


def test_subscriptions_default_to_german(thread, anna):
    # The asker was subscribed by the service outside any request.
    assert Subscription.objects.get(user=anna, thread=thread).language == "de"
    with translation.override("fr"):
        assert services.subscription_language() == "de"
    assert services.subscription_language("en-gb") == "en"


def test_replying_on_an_english_page_subscribes_in_english(thread, clara):
    client = Client()
    client.force_login(clara)

    response = client.post(f"/en/questions/{thread.pk}/reply/", {"body": "An answer in English."})

    assert response.status_code == 302
    assert Subscription.objects.get(user=clara, thread=thread).language == "en"


def test_english_subscriber_gets_an_english_mail_with_english_links(
    thread, anna, ben, clara, django_capture_on_commit_callbacks
):
    follow_in("en", clara, thread)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer = reply(thread, ben, body="Wir teilen **einen** Scanner.")

    english = mail_to("clara@example.org")
    german = mail_to("anna@example.org")
    html = english.alternatives[0][0]
    assert english.subject == f"[Kooperationsraum] New reply to “{thread.title}”"
    assert english.body.startswith("Hello Clara Museum,")
    assert f"{SITE}/en/questions/post/{answer.pk}/" in english.body
    assert f'href="{SITE}/en/questions/post/{answer.pk}/"' in html
    assert f"{SITE}/en/questions/unsubscribe/" in english.body
    assert english.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/en/questions/unsub")
    assert english.extra_headers["Content-Language"] == "en"
    assert '<html lang="en">' in html
    assert "Neue Antwort" not in english.body + html
    assert "Guten Tag" not in english.body + html
    # The German subscriber's e-mail is unchanged: German words, German paths.
    assert german.subject == f"[Kooperationsraum] Neue Antwort auf „{thread.title}“"
    assert german.body.startswith("Guten Tag Anna Archiv,")
    assert f"{SITE}/fragen/beitrag/{answer.pk}/" in german.body
    assert german.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/fragen/abbestellen/")
    assert german.extra_headers["Content-Language"] == "de"
    assert "/en/" not in german.body
    # … with the English hint for those who do not read German, naming what they follow
    assert f"You receive this e-mail because you follow “{thread.title}” on Kooperationsraum." in (
        german.body
    )
    assert "because you follow “" in english.body
    assert "on Kooperationsraum. Unsubscribe" not in english.body  # no second English line


def test_english_mail_unsubscribe_link_works(
    client, thread, ben, clara, django_capture_on_commit_callbacks
):
    subscription = follow_in("en", clara, thread)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, ben)
    one_click = mail_to("clara@example.org").extra_headers["List-Unsubscribe"].strip("<>")

    response = client.post(one_click.removeprefix(SITE))

    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_edition_follower_in_english_gets_the_new_question_in_english(
    edition, anna, clara, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(clara)
    with translation.override("en"):
        url = reverse("board:follow_edition", args=[edition.pk])
    client.post(url)
    assert Subscription.objects.get(user=clara, edition=edition).language == "en"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        thread = services.ask_question(
            edition=edition, author=anna, title="Wer hat Erfahrung mit OCR?", body="Text"
        )

    message = mail_to("clara@example.org")
    assert message.subject == "[Kooperationsraum] New question: “Wer hat Erfahrung mit OCR?”"
    root = thread.posts.get(parent__isnull=True)
    assert f"{SITE}/en/questions/post/{root.pk}/" in message.body
    assert "You receive this e-mail because you follow “Konferenz 2025”." in message.body
