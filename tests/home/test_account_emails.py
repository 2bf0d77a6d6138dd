"""allauth's e-mails name the site "Kooperationsraum", never the host:port of the request."""

import re

from django.urls import reverse
from django.utils import translation

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8031"
SIGNUP = {
    "email": "neu@example.org",
    "display_name": "Nora Nachlass",
    "institution": "Stadtarchiv Beispielstadt",
    "password1": "Kooperation-2025!",
    "password2": "Kooperation-2025!",
    "privacy_accepted": "on",
    "website": "",
}
# The site named by its host, as allauth's own text did: "bei 127.0.0.1:8031", "on 127.0.0.1:8031",
# or the host on a line of its own under the signature.
HOST_AS_NAME = re.compile(r"(bei|on|at) 127\.0\.0\.1:8031|^127\.0\.0\.1:8031\s*$", re.MULTILINE)


def test_german_signup_mail_names_the_site_and_not_the_host(client, mailoutbox):
    response = client.post(reverse("account_signup"), SIGNUP, HTTP_HOST=HOST)

    assert response.status_code == 302
    (mail,) = mailoutbox
    body = mail.body
    assert (
        "weil Nora Nachlass mit Ihrer E-Mail-Adresse ein Konto bei Kooperationsraum "
        "registriert hat."
    ) in body
    assert body.startswith("Guten Tag,")
    assert body.rstrip().endswith("Ihr Kooperationsraum")
    assert not HOST_AS_NAME.search(body)
    # The confirmation link itself still points at the host the visitor used.
    assert re.search(r"http://127\.0\.0\.1:8031/konto/confirm-email/\S+/", body)
    assert "Bitte bestätigen Sie die Adresse über diesen Link:" in body


def test_english_signup_mail_is_english_and_names_the_site(client, mailoutbox):
    with translation.override("en"):
        url = reverse("account_signup")
    assert url.startswith("/en/")

    response = client.post(url, SIGNUP, HTTP_HOST=HOST)

    assert response.status_code == 302
    (mail,) = mailoutbox
    body = mail.body
    assert (
        "because Nora Nachlass registered an account on Kooperationsraum with your email address."
    ) in body
    assert body.startswith("Hello,")
    assert body.rstrip().endswith("Your Kooperationsraum team")
    assert "Sie " not in body
    assert not HOST_AS_NAME.search(body)


def test_password_reset_mail_is_signed_without_the_host(client, mailoutbox):
    UserFactory(email="alt@example.org")

    response = client.post(
        reverse("account_reset_password"), {"email": "alt@example.org"}, HTTP_HOST=HOST
    )

    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.body.rstrip().endswith("Ihr Kooperationsraum")
    assert not HOST_AS_NAME.search(mail.body)
