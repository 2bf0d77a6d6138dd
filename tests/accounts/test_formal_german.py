"""Formal German ("Sie") on the account pages and in the account e-mails, never "du".

allauth ships an informal German catalogue; `accounts/allauth_messages.py` and `locale/de`
override it. These tests fail when an informal string slips through (an allauth upgrade that
adds or rewords a msgid, or a template that bypasses the catalogue).
"""

from django.urls import reverse
from django.utils import translation

import pytest

from accounts.allauth_messages import ALLAUTH_MESSAGES
from tests.factories import UserFactory

from .conftest import INFORMAL, page_text, signup_data

pytestmark = pytest.mark.django_db


def test_informal_pattern_catches_the_shipped_translation():
    """Guards the guard: allauth's own German for the login page is informal."""
    shipped = "Du hast noch kein Konto bei uns? Dann erstelle bitte zunächst eins."

    assert INFORMAL.search(shipped)
    assert not INFORMAL.search("Haben Sie noch kein Konto? Dann registrieren Sie sich.")


def test_every_listed_allauth_message_has_a_formal_german_translation():
    with translation.override("de"):
        translated = {message: translation.gettext(message) for message in ALLAUTH_MESSAGES}

    untranslated = [m for m, german in translated.items() if german == m]
    informal = [german for german in translated.values() if INFORMAL.search(german)]
    assert untranslated == []
    assert informal == []


def test_allauth_messages_stay_english_in_english():
    with translation.override("en"):
        assert translation.gettext("You must type the same password each time.") == (
            "You must type the same password each time."
        )


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_login", "Anmelden"),
        ("account_signup", "Registrieren"),
        ("account_reset_password", "Passwort zurücksetzen"),
        ("account_email_verification_sent", "Bitte bestätigen Sie Ihre E-Mail-Adresse"),
    ],
)
def test_entrance_pages_are_formal_german(client, url_name, heading):
    response = client.get(reverse(url_name))

    text = page_text(response.content.decode())
    assert response.status_code == 200
    assert f"{heading} – Kooperationsraum" in text
    assert INFORMAL.findall(text) == []


@pytest.mark.parametrize(
    ("url_name", "heading"),
    [
        ("account_email", "E-Mail-Adressen"),
        ("account_change_password", "Passwort ändern"),
        ("account_logout", "Abmelden"),
        ("accounts:profile", "Ihr Profil"),
    ],
)
def test_account_pages_are_formal_german(client, url_name, heading):
    client.force_login(UserFactory())

    response = client.get(reverse(url_name))

    text = page_text(response.content.decode())
    assert response.status_code == 200
    assert f"{heading} – Kooperationsraum" in text
    assert INFORMAL.findall(text) == []


def test_login_and_signup_with_errors_are_formal_german(client):
    login = client.post(reverse("account_login"), {"login": "x@example.org", "password": "x"})
    signup = client.post(reverse("account_signup"), signup_data(password2="anders-2025!"))

    login_text = page_text(login.content.decode())
    signup_text = page_text(signup.content.decode())
    assert "Die E-Mail-Adresse und/oder das Passwort sind nicht korrekt." in login_text
    assert "Bitte geben Sie zweimal dasselbe Passwort ein." in signup_text
    assert INFORMAL.findall(login_text) == []
    assert INFORMAL.findall(signup_text) == []


def test_login_page_links_to_signup_and_password_reset(client):
    html = client.get(reverse("account_login")).content.decode()

    assert f'href="{reverse("account_signup")}"' in html
    assert f'href="{reverse("account_reset_password")}"' in html


def test_confirmation_mail_is_formal_german_and_signed(client, mailoutbox):
    client.post(reverse("account_signup"), signup_data())

    (mail,) = mailoutbox
    assert mail.subject == "[Kooperationsraum] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert mail.body.startswith("Guten Tag,\n\nSie erhalten diese E-Mail, weil Nora Nachlass")
    assert "Ihr Kooperationsraum" in mail.body
    assert INFORMAL.findall(mail.subject + mail.body) == []


def test_password_reset_mail_is_formal_german(client, mailoutbox):
    UserFactory(email="anna@example.org")

    client.post(reverse("account_reset_password"), {"email": "anna@example.org"})

    (mail,) = mailoutbox
    assert mail.subject == "[Kooperationsraum] Passwort zurücksetzen"
    assert "Über den folgenden Link setzen Sie Ihr Passwort zurück." in mail.body
    assert INFORMAL.findall(mail.subject + mail.body) == []


def test_english_login_page_is_english(client):
    with translation.override("en"):
        url = reverse("account_login")

    response = client.get(url)

    text = page_text(response.content.decode())
    assert url.startswith("/en/")
    assert "Log in – Kooperationsraum" in text
    assert "Forgot your password?" in text
