"""Every allauth page (login – which is also the admin's login –, sign-up, password reset and
change, e-mail management, confirmation, reauthentication, logout), also with form errors and
with valid and expired keys, speaks one language: no English on the German pages (issue 14,
item 7: "Password", "Remember Me", "Forgot password?" on the admin login) and no German on the
English ones.

The English strings looked for are allauth's own msgids (its catalogue is the list of what it
can print) plus a few common English words; the German ones a few words every German account
page uses. Visible text and the attributes a person perceives (placeholder, title, aria-label,
alt, button values) are checked.
"""

import html
import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

import allauth
import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Kooperation-2025!"

# allauth msgids that are also German words or names (they may appear on German pages).
SAME_IN_GERMAN = {"Name", "Institution", "E-mail", "Email", "Token", "Code", "OK", "Info"}


def _allauth_msgids():
    catalogue = Path(allauth.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
    text = catalogue.read_text(encoding="utf-8")
    ids = set()
    for block in re.findall(r'^msgid((?: ".*"\n)+)', text, re.MULTILINE):
        msgid = "".join(re.findall(r'"(.*)"', block)).replace('\\"', '"').replace("\\n", " ")
        msgid = re.sub(r"%\(\w+\)s|%s|%d|<[^>]+>|\{[^}]*\}", " ", msgid)
        for part in re.split(r"\s{2,}|[.:?!]\s", msgid):
            part = part.strip(" .:?!,")
            if len(part) >= 4 and re.search(r"[A-Za-z]{3}", part) and part not in SAME_IN_GERMAN:
                ids.add(part)
    return ids


ALLAUTH_ENGLISH = _allauth_msgids()
ENGLISH_WORDS = re.compile(
    r"\b(the|your|you|password|remember|forgot|forgotten|sign in|sign up|sign out|log in|"
    r"log out|email address|e-mail address|please|confirm|verify|account|change|reset|"
    r"submit|cancel|remove|primary|verified|unverified)\b",
    re.IGNORECASE,
)
GERMAN_WORDS = re.compile(
    r"\b(Passwort|Anmelden|Abmelden|Registrieren|E-Mail-Adresse|Konto|Bitte|Ihr|Ihre|Sie|"
    r"vergessen|bestätigen|ändern|zurücksetzen|Entfernen|Hinzufügen)\b"
)
# The site's own words that are the same in both languages, or names of the other language
# in the language switcher ("Deutsch", "English").
NEUTRAL = re.compile(r"Kooperationsraum|Kooperations raum|Deutsch|English")


def perceived_text(page):
    """Visible text and perceivable attributes of a page, without scripts, styles, the
    language switcher and the e-mail addresses of the test account."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    page = re.sub(r'<input type="hidden"[^>]*>', " ", page)
    attributes = re.findall(r'\b(?:placeholder|title|aria-label|alt|value)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    text = html.unescape(" ".join([text, *attributes]))
    text = re.sub(r"\S+@\S+", " ", text)
    return re.sub(r"\s+", " ", NEUTRAL.sub(" ", text)).strip()


def english_in(text):
    found = {s for s in ALLAUTH_ENGLISH if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)}
    found.update(match.lower() for match in ENGLISH_WORDS.findall(text))
    return sorted(found)


def german_in(text):
    return sorted(set(GERMAN_WORDS.findall(text)))


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def account(email):
    user = UserFactory(email=email, password=PASSWORD)
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def visit_all(client, language):
    """Every account page in ``language``: {what was visited: perceived text}."""
    pages = {}

    def get(label, path, **kwargs):
        response = client.get(path, follow=True, **kwargs)
        assert response.status_code == 200, (label, response.status_code)
        pages[label] = perceived_text(response.content.decode())

    def post(label, path, data):
        response = client.post(path, data, follow=True)
        assert response.status_code in (200, 400, 429), (label, response.status_code)
        pages[label] = perceived_text(response.content.decode())

    # Visitors
    get("login", url("account_login", language))
    if language == "de":
        get("admin login", "/admin/login/?next=/admin/")
        # German addresses stay German whatever the browser prefers.
        get("admin login, English browser", "/admin/login/?next=/admin/", HTTP_ACCEPT_LANGUAGE="en")
    post(
        "login with error",
        url("account_login", language),
        {"login": "x@example.org", "password": "x"},
    )
    get("signup", url("account_signup", language))
    post(
        "signup with errors", url("account_signup", language), {"email": "kaputt", "password1": "1"}
    )
    get("password reset", url("account_reset_password", language))
    post(
        "password reset sent", url("account_reset_password", language), {"email": "nie@example.org"}
    )
    get("verification sent", url("account_email_verification_sent", language))
    get("inactive", url("account_inactive", language))
    get("confirm e-mail, bad key", url("account_confirm_email", language, key="abc"))
    get(
        "password from key, bad key",
        url("account_reset_password_from_key", language, uidb36="zz", key="abc-def"),
    )
    get("password from key done", url("account_reset_password_from_key_done", language))
    # Keys that work
    user = account(f"schluessel-{language}@example.org")
    unconfirmed = EmailAddress.objects.create(
        user=user, email=f"zweite-{language}@example.org", verified=False, primary=False
    )
    get(
        "confirm e-mail",
        url("account_confirm_email", language, key=EmailConfirmationHMAC(unconfirmed).key),
    )
    get(
        "password from key",
        url(
            "account_reset_password_from_key",
            language,
            uidb36=user_pk_to_url_str(user),
            key=default_token_generator.make_token(user),
        ),
    )
    # Signed in (allauth's flash messages: signed in, confirmation sent)
    post(
        "signed in",
        url("account_login", language) + "?next=" + url("account_email", language),
        {"login": user.email, "password": PASSWORD},
    )
    post(
        "e-mail address added",
        url("account_email", language),
        {"action_add": "", "email": f"dritte-{language}@example.org"},
    )
    get("e-mail addresses", url("account_email", language))
    post(
        "e-mail addresses with error",
        url("account_email", language),
        {"action_add": "", "email": "kaputt"},
    )
    get("change password", url("account_change_password", language))
    post(
        "change password with errors",
        url("account_change_password", language),
        {"oldpassword": "falsch", "password1": "1", "password2": "2"},
    )
    get("reauthenticate", url("account_reauthenticate", language))
    post(
        "reauthenticate with error", url("account_reauthenticate", language), {"password": "falsch"}
    )
    get("logout", url("account_logout", language))
    client.logout()
    return pages


def test_german_account_pages_show_no_english(client):
    pages = visit_all(client, "de")

    english = {label: english_in(text) for label, text in pages.items()}
    assert {label: words for label, words in english.items() if words} == {}
    assert len(pages) == 24
    assert "Sie sind als" in pages["signed in"]  # the flash messages were on the pages
    assert "Eine Bestätigungs-E-Mail wurde an" in pages["e-mail address added"]


def test_english_account_pages_show_no_german(client):
    pages = visit_all(client, "en")

    german = {label: german_in(text) for label, text in pages.items()}
    assert {label: words for label, words in german.items() if words} == {}
    assert len(pages) == 22
    assert "Successfully signed in as" in pages["signed in"]
    assert "Confirmation email sent to" in pages["e-mail address added"]


def test_the_scan_finds_english_on_a_page():
    """Guards the guard: the words the issue saw on the German admin login are found."""
    text = perceived_text(
        '<label>Password</label><input type="checkbox"> Remember Me <a>Forgot password?</a>'
        '<button value="Sign In">'
    )

    assert {"Password", "Remember Me", "forgot", "sign in"} <= set(english_in(text))
    assert english_in(perceived_text("<label>Passwort</label> Angemeldet bleiben")) == []
