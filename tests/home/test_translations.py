"""Translating for the team: rights of Redaktion and Chefredaktion, the report and dashboard
panel of pages without a translation, the warning on deleting a translated page, and the
English home page's current edition when the newest one is not translated yet."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale, Page

import pytest

from home.reports import pages_missing_translations
from home.roles import CHIEF_EDITORS, EDITORS, MODERATORS, ensure_roles

from ..factories import EventIndexPageFactory, EventPageFactory, StandardPageFactory, UserFactory


def member(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_roles()[group_name])
    return user


def translate(page, locale):
    translated = page.copy_for_translation(locale)
    translated.save_revision().publish()
    return translated


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def english_home(home_page, english):
    return translate(home_page, english)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [EDITORS, CHIEF_EDITORS])
def test_editors_translate_a_page(client, home_page, english_home, english, role):
    page = StandardPageFactory(parent=home_page, title="Barrierefreiheit")
    client.force_login(member(role))
    url = reverse("simple_translation:submit_page_translation", args=[page.pk])

    shown = client.get(url)
    response = client.post(url, {"locales": [english.pk]})

    assert shown.status_code == 200
    assert response.status_code == 302
    translated = page.get_translation(english)
    assert translated.get_parent().pk == english_home.pk
    assert not translated.live  # a draft to be translated, then published


@pytest.mark.django_db
def test_moderation_cannot_translate(client, home_page, english_home):
    page = StandardPageFactory(parent=home_page)
    client.force_login(member(MODERATORS))

    response = client.get(reverse("simple_translation:submit_page_translation", args=[page.pk]))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_report_lists_live_pages_without_translation(home_page, english_home, english):
    translated = StandardPageFactory(parent=home_page, title="Impressum")
    translate(translated, english)
    missing = StandardPageFactory(parent=home_page, title="Datenschutz")
    StandardPageFactory(parent=home_page, title="Entwurf", live=False)

    rows = pages_missing_translations()

    assert [(row.page.pk, [loc.language_code for loc in row.languages]) for row in rows] == [
        (missing.pk, ["en"])
    ]


@pytest.mark.django_db
def test_dashboard_panel_and_report_for_translators(client, home_page, english_home):
    StandardPageFactory(parent=home_page, title="Datenschutz")
    client.force_login(member(EDITORS))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    report = client.get(reverse("home_missing_translations")).content.decode()

    assert "Übersetzungen fehlen" in dashboard
    assert "1 veröffentlichte Seite ist noch nicht übersetzt." in dashboard
    assert "Datenschutz" in report
    assert "Übersetzen" in report


@pytest.mark.django_db
def test_deleting_a_translated_page_warns(client, home_page, english_home, english):
    page = StandardPageFactory(parent=home_page, title="Impressum")
    translated = translate(page, english)
    translated.title = "Imprint"
    translated.save_revision().publish()
    client.force_login(member(CHIEF_EDITORS))

    response = client.get(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Diese Seite ist übersetzt (" in html
    assert "„Imprint“" in html


@pytest.mark.django_db
def test_english_home_shows_the_newest_edition_in_german_until_translated(
    client, home_page, english_home, english
):
    today = timezone.localdate()
    events = EventIndexPageFactory(parent=home_page)
    translate(events, english)
    last_year = EventPageFactory(
        parent=events, title="Konferenz alt", date=today.replace(year=today.year - 1)
    )
    last_year_en = translate(last_year, english)
    upcoming = EventPageFactory(
        parent=events, title="Konferenz neu", date=today + datetime.timedelta(days=30)
    )

    with translation.override("en"):
        before = english_home.specific.current_event()
        upcoming_en = translate(upcoming, english)
        after = english_home.specific.current_event()

    assert last_year_en.pk != before.pk
    assert before.pk == upcoming.pk
    assert after.pk == upcoming_en.pk
    assert Page.objects.get(pk=before.pk).locale.language_code == "de"


@pytest.mark.django_db
def test_english_home_marks_a_german_edition_as_german(client, home_page, english_home):
    today = timezone.localdate()
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, title="Konferenz neu", date=today + datetime.timedelta(days=3))

    html = client.get(english_home.url).content.decode()

    assert '<h2 id="current-event-heading" lang="de">' in html
