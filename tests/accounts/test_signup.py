"""Sign-up: the form, mandatory e-mail verification, the honeypot, and kept input on errors."""

import re

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from tests.factories import StandardPageFactory, UserFactory

from .conftest import signup_data

pytestmark = pytest.mark.django_db

User = get_user_model()
CONFIRM_LINK = re.compile(r"https?://\S+/konto/confirm-email/[^/\s]+/")


def field_names(html):
    """Names of the inputs of the page's POST form (the header search form is GET)."""
    form = re.search(r'<form method="post".*?</form>', html, re.S).group(0)
    return re.findall(r'<input[^>]* name="([^"]+)"', form)


def input_value(html, name):
    match = re.search(rf'<input[^>]* name="{name}"[^>]*>', html)
    assert match, f"no input named {name}"
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def test_signup_page_shows_the_fields_in_order_with_a_login_link(client):
    response = client.get(reverse("account_signup"))

    html = response.content.decode()
    assert response.status_code == 200
    assert field_names(html) == [
        "csrfmiddlewaretoken",
        "email",
        "display_name",
        "institution",
        "password1",
        "password2",
        "privacy_accepted",
        "website",
    ]
    assert f'href="{reverse("account_login")}"' in html
    assert html.count("<h1") == 1
    assert "So sehen andere Teilnehmende Sie" in html


def test_signup_honeypot_is_hidden_from_people_screen_readers_and_keyboard(client):
    html = client.get(reverse("account_signup")).content.decode()

    trap = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
    assert trap
    assert 'name="website"' in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)
    assert 'autocomplete="off"' in trap.group(1)


def test_signup_links_the_privacy_page_from_site_settings(client, home_page):
    from wagtail.models import Site

    from home.models import SiteSettings

    privacy = StandardPageFactory(parent=home_page, title="Datenschutz", slug="datenschutz")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_page = privacy
    site_settings.save()

    html = client.get(reverse("account_signup")).content.decode()

    assert 'id="id_privacy_accepted_help"' in html
    assert f'<a href="{privacy.url}">Datenschutzhinweisen</a>' in html
    assert 'aria-describedby="id_privacy_accepted_help"' in html


def test_signup_saves_display_name_and_institution_and_sends_a_verification_mail(
    client, mailoutbox
):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="neu@example.org")
    assert (user.display_name, user.institution) == ("Nora Nachlass", "Stadtarchiv Beispielstadt")
    assert EmailAddress.objects.get(user=user).verified is False
    (mail,) = mailoutbox
    assert mail.to == ["neu@example.org"]
    assert mail.subject == "[Kooperationsraum] Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert CONFIRM_LINK.search(mail.body)


def test_signup_requires_verification_before_login(client, mailoutbox):
    client.post(reverse("account_signup"), signup_data())
    client.logout()
    credentials = {"login": "neu@example.org", "password": "Kooperation-2025!"}

    before = client.post(reverse("account_login"), credentials)

    assert before.status_code == 302
    assert before.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    confirm_url = CONFIRM_LINK.search(mailoutbox[0].body).group(0)
    path = confirm_url.split("testserver", 1)[1]
    confirmed = client.post(path)
    after = client.post(reverse("account_login"), credentials)

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="neu@example.org").verified is True
    assert after.status_code == 302
    assert after.url == "/"
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="neu@example.org").pk


def test_confirmation_link_get_does_not_verify(client, mailoutbox):
    client.post(reverse("account_signup"), signup_data())
    path = CONFIRM_LINK.search(mailoutbox[0].body).group(0).split("testserver", 1)[1]

    response = client.get(path)

    assert response.status_code == 200
    assert "Bestätigen" in response.content.decode()
    assert EmailAddress.objects.get(email="neu@example.org").verified is False


def test_signup_with_filled_honeypot_creates_nothing_and_gives_a_generic_error(client, mailoutbox):
    response = client.post(reverse("account_signup"), signup_data(website="https://spam.example"))

    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(email="neu@example.org").exists()
    assert mailoutbox == []
    assert "Die Registrierung konnte nicht abgeschlossen werden." in html
    assert "spam.example" not in html
    assert input_value(html, "email") == "neu@example.org"
    assert input_value(html, "display_name") == "Nora Nachlass"


def test_failed_signup_keeps_email_display_name_and_institution_but_not_passwords(client):
    response = client.post(reverse("account_signup"), signup_data(password2="etwas-anderes-2025!"))

    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.exists()
    assert input_value(html, "email") == "neu@example.org"
    assert input_value(html, "display_name") == "Nora Nachlass"
    assert input_value(html, "institution") == "Stadtarchiv Beispielstadt"
    assert input_value(html, "password1") is None
    assert input_value(html, "password2") is None
    assert "checked" in re.search(r'<input[^>]*name="privacy_accepted"[^>]*>', html).group(0)
    assert "Bitte geben Sie zweimal dasselbe Passwort ein." in html
    assert 'aria-describedby="id_password2_errors"' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"display_name": "  "}, "display_name", "Bitte geben Sie einen Anzeigenamen ein."),
        ({"display_name": "x" * 81}, "display_name", "höchstens 80 Zeichen"),
        ({"privacy_accepted": ""}, "privacy_accepted", "Datenschutzhinweise gelesen haben"),
    ],
)
def test_signup_rejects_missing_or_bad_input_with_a_german_error(client, overrides, field, message):
    response = client.post(reverse("account_signup"), signup_data(**overrides))

    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.exists()
    errors = re.search(
        rf'<div class="field__errors" id="id_{field}_errors">(.*?)</div>', html, re.S
    )
    assert errors
    assert message in errors.group(1)


def test_signup_with_a_taken_address_reveals_nothing_and_creates_no_second_account(
    client, mailoutbox
):
    UserFactory(email="neu@example.org")

    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email="neu@example.org").count() == 1
    (mail,) = mailoutbox
    assert "bereits ein Konto" in mail.body


def test_signup_page_with_errors_has_unique_ids_and_every_reference_resolves(client):
    html = client.post(reverse("account_signup"), signup_data(password2="x")).content.decode()

    ids = re.findall(r'\sid="([^"]+)"', html)
    references = [
        ref
        for value in re.findall(r'(?:aria-describedby|for)="([^"]+)"', html)
        for ref in value.split()
    ]
    assert len(ids) == len(set(ids))
    assert [ref for ref in references if ref not in ids] == []


def count_password_hashes(monkeypatch):
    """Count calls of the password hasher (the costly part of a sign-up)."""
    from django.contrib.auth.hashers import get_hasher

    hasher_class = type(get_hasher())
    calls = []
    original = hasher_class.encode

    def encode(self, password, salt, *args, **kwargs):
        calls.append(password)
        return original(self, password, salt, *args, **kwargs)

    monkeypatch.setattr(hasher_class, "encode", encode)
    return calls


def test_signup_hashes_the_password_whether_or_not_the_address_is_taken(
    client, mailoutbox, monkeypatch
):
    """Issue 11, L1: a taken address answered several times faster (no password hashed), which
    told who has an account. Both branches now hash the typed password once."""
    UserFactory(email="vergeben@example.org")
    hashes = count_password_hashes(monkeypatch)

    taken = client.post(reverse("account_signup"), signup_data(email="vergeben@example.org"))
    hashed_for_taken = list(hashes)
    hashes.clear()
    client.logout()
    new = client.post(reverse("account_signup"), signup_data(email="frei@example.org"))

    assert (taken.status_code, taken.url) == (new.status_code, new.url)
    assert hashed_for_taken == ["Kooperation-2025!"]
    assert hashes == ["Kooperation-2025!"]
    assert len(mailoutbox) == 2
