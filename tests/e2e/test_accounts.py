"""Accounts in a real browser: sign up, confirm by e-mail, log in, edit the profile, log out.

The live server runs in this process with Django's locmem e-mail backend, so the verification
mail lands in `mailoutbox`.
"""

import json
import re
import uuid

CONFIRM_LINK = re.compile(r"https?://\S+/konto/confirm-email/[^/\s]+/")
PASSWORD = "Kooperation-2025!"


def field(page, label):
    """The input labelled exactly `label`; required fields add " *" to their label."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def fill_signup(page, *, email, password2):
    field(page, "E-Mail-Adresse").fill(email)
    field(page, "Anzeigename").fill("Erika Erschließung")
    field(page, "Institution (optional)").fill("Stadtbibliothek Beispielstadt")
    field(page, "Passwort").fill(PASSWORD)
    field(page, "Passwort (Wiederholung)").fill(password2)


def test_signup_confirm_signs_in_edit_profile_logout(site, mailoutbox):
    page = site.page
    site.goto("/konto/signup/")
    assert page.locator("h1").inner_text() == "Registrieren"
    assert site.axe_violations() == []

    # A mistake: the page comes back with a German error, accessible, and nothing typed is lost.
    fill_signup(page, email="erika@example.org", password2="vertippt-2025!")
    page.get_by_label(re.compile("^Ich habe die Datenschutzhinweise gelesen")).check()
    page.get_by_role("button", name="Konto anlegen").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Bitte geben Sie zweimal dasselbe Passwort ein.").is_visible()
    assert field(page, "E-Mail-Adresse").input_value() == "erika@example.org"
    assert field(page, "Anzeigename").input_value() == "Erika Erschließung"
    assert field(page, "Institution (optional)").input_value() == ("Stadtbibliothek Beispielstadt")
    assert field(page, "Passwort (Wiederholung)").get_attribute("aria-invalid") == "true"
    assert site.axe_violations() == []

    field(page, "Passwort").fill(PASSWORD)
    field(page, "Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_role("button", name="Konto anlegen").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Bitte bestätigen Sie Ihre E-Mail-Adresse"

    # Not confirmed yet: logging in leads back to the verification notice.
    site.goto("/konto/login/")
    field(page, "E-Mail-Adresse").fill("erika@example.org")
    field(page, "Passwort").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Bitte bestätigen Sie Ihre E-Mail-Adresse"

    (mail,) = mailoutbox
    assert mail.to == ["erika@example.org"]
    confirm_url = CONFIRM_LINK.search(mail.body).group(0)

    page.goto(confirm_url)
    assert page.locator("h1").inner_text() == "E-Mail-Adresse bestätigen"
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_load_state("networkidle")
    # Confirming signs the person in (issue 10: no second login after the e-mail).
    assert not page.url.endswith("/konto/login/")
    assert page.get_by_text(
        "Sie haben die E-Mail-Adresse erika@example.org bestätigt."
    ).is_visible()
    meta_nav = page.get_by_role("navigation", name="Konto und Sprache")
    assert meta_nav.get_by_role("link", name="Erika Erschließung").is_visible()

    meta_nav.get_by_role("link", name="Erika Erschließung").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Ihr Profil"
    assert field(page, "Institution").input_value() == ("Stadtbibliothek Beispielstadt")
    field(page, "Institution").fill("Landesbibliothek Beispielland")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Ihr Profil wurde gespeichert.").is_visible()
    assert field(page, "Institution").input_value() == ("Landesbibliothek Beispielland")
    assert site.axe_violations() == []

    meta_nav.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Sie haben sich abgemeldet.").is_visible()
    assert meta_nav.get_by_role("link", name="Anmelden").is_visible()
    assert site.foreign_hosts() == set()


def test_login_page_is_accessible_and_links_to_signup_and_reset(site):
    site.goto("/konto/login/")

    assert site.page.locator("h1").inner_text() == "Anmelden"
    main = site.page.locator("main")
    assert main.get_by_role("link", name="Registrieren Sie sich").get_attribute("href") == (
        "/konto/signup/"
    )
    assert main.get_by_role("link", name="Passwort vergessen?").get_attribute("href") == (
        "/konto/password/reset/"
    )
    assert site.axe_violations() == []


def test_failed_login_is_german_and_accessible(site):
    site.goto("/konto/login/")

    field(site.page, "E-Mail-Adresse").fill("anna@kooperationsraum.test")
    field(site.page, "Passwort").fill("falsch")
    site.page.locator("main").get_by_role("button", name="Anmelden").click()
    site.page.wait_for_load_state("networkidle")

    alert = site.page.get_by_role("alert")
    assert alert.inner_text() == "Die E-Mail-Adresse und/oder das Passwort sind nicht korrekt."
    assert field(site.page, "E-Mail-Adresse").input_value() == ("anna@kooperationsraum.test")
    assert site.axe_violations() == []


def test_demo_participant_can_log_in(site):
    site.goto("/konto/login/")

    field(site.page, "E-Mail-Adresse").fill("anna@kooperationsraum.test")
    field(site.page, "Passwort").fill("demo-teilnahme")
    site.page.locator("main").get_by_role("button", name="Anmelden").click()
    site.page.wait_for_load_state("networkidle")

    assert site.page.get_by_text("Sie sind als Anna Archiv angemeldet.").is_visible()


def verified_member(email):
    """A participant of the test's own, committed, so the live server sees it."""
    from django.contrib.auth import get_user_model

    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(
        email=email, password=PASSWORD, display_name="Dora Datenschutz"
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_member_downloads_own_data_then_deletes_account_and_posts_stay(site):
    from django.contrib.auth import get_user_model

    from board import services
    from home.models import EventPage

    email = f"dora-{uuid.uuid4().hex[:8]}@example.org"
    member = verified_member(email)
    thread = services.ask_question(
        edition=EventPage.objects.get(slug="2025", locale__language_code="de"),
        author=member,
        title=f"Wer sieht meine Daten {uuid.uuid4().hex[:8]}?",
        body="Eine Frage, die bleiben soll.",
    )
    page = site.page
    site.goto("/konto/login/")
    field(page, "E-Mail-Adresse").fill(email)
    field(page, "Passwort").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("networkidle")
    site.goto("/konto/profil/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Meine Daten herunterladen").click()
    with open(download_info.value.path(), encoding="utf-8") as export_file:
        export = json.load(export_file)
    assert export["profile"]["email"] == email
    assert [question["title"] for question in export["questions"]] == [thread.title]

    page.get_by_role("link", name="Konto löschen").click()
    page.wait_for_load_state("networkidle")
    assert site.axe_violations() == []
    field(page, "Ihr Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Konto endgültig löschen").click()
    page.wait_for_load_state("networkidle")

    assert page.get_by_text("Ihr Konto ist gelöscht.", exact=False).is_visible()
    assert not get_user_model().objects.filter(email=email).exists()
    site.goto(thread.get_absolute_url())
    question = page.locator(".post--question")
    assert "gelöschtes Konto" in question.inner_text()
    assert "Dora Datenschutz" not in page.locator("main").inner_text()
