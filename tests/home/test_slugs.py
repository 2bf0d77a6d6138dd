"""Slugs keep German letters readable (issue 15): ä/ö/ü → ae/oe/ue, ß → ss, for pages of both
languages, for board threads and in the admin's slug field."""

import html
import json

from wagtail.models import Locale

import pytest

from home.models import StandardPage
from home.slugs import slugify_de

from ..factories import EventIndexPageFactory, EventPageFactory, UserFactory, ask


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("KI-generierte Erschließung", "ki-generierte-erschliessung"),
        ("Förderprogramme für Museen", "foerderprogramme-fuer-museen"),
        ("Übersicht: Ärger mit Größe", "uebersicht-aerger-mit-groesse"),
        ("GROSSE STRASSE ẞ", "grosse-strasse-ss"),
        ("Café Noël", "cafe-noel"),
    ],
)
def test_slugify_de_transliterates_german_letters(title, slug):
    assert slugify_de(title) == slug


@pytest.mark.django_db
def test_page_without_slug_gets_a_transliterated_one(home_page):
    page = home_page.add_child(
        instance=StandardPage(title="Erklärung zur Barrierefreiheit: Straße")
    )

    assert page.slug == "erklaerung-zur-barrierefreiheit-strasse"


@pytest.mark.django_db
def test_english_page_without_slug_follows_the_same_rule(home_page):
    english_home = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    page = english_home.add_child(instance=StandardPage(title="Straße and Größe"))

    assert page.slug == "strasse-and-groesse"


@pytest.mark.django_db
def test_thread_slug_is_transliterated(home_page):
    edition = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    thread = ask(edition, UserFactory(), title="Wie dokumentieren wir KI-generierte Erschließung?")

    assert thread.slug == "wie-dokumentieren-wir-ki-generierte-erschliessung"
    assert thread.get_absolute_url().endswith(f"/{thread.pk}-{thread.slug}/")


@pytest.mark.django_db
def test_admin_slug_field_transliterates_in_the_browser_too(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/add/home/standardpage/{home_page.pk}/")
    page = response.content.decode()

    start = page.index('name="slug"')
    tag = page[page.rindex("<input", 0, start) : page.index(">", start)]
    formatters = json.loads(
        html.unescape(tag.split('data-w-slug-formatters-value="')[1].split('"')[0])
    )
    assert [["ß", "gu"], "ss"] in formatters
    assert [["ä", "gu"], "ae"] in formatters
