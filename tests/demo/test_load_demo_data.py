import io

from django.core.management import call_command

from wagtail.models import Page

import pytest

from board.models import Post
from home.models import CreditedImage, EventPage, HomePage, StandardPage


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, HomePage, EventPage, StandardPage, CreditedImage)
    }


@pytest.mark.django_db
def test_load_demo_data_builds_the_site_and_is_idempotent(client, demo_site):
    first = counts()
    call_command("load_demo_data", "--skip-index", stdout=io.StringIO())

    assert counts() == first
    edition = EventPage.objects.get(locale__language_code="de", slug="2025")
    assert edition.date.isoformat() == "2025-11-13"
    assert edition.venue_name == "Zuse-Institut Berlin"
    assert len(edition.programme) >= 6
    assert edition.announcement[0].block_type == "save_the_date"
    assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200
    assert client.get("/ausgaben/2025/").status_code == 200
    assert client.get("/en/editions/2025/").status_code == 200
    assert client.get("/impressum/").status_code == 200
    assert client.get("/en/legal-notice/").status_code == 200
    assert all(image.licence for image in CreditedImage.objects.all())

    # The English pages are English: home intro, programme and documentation.
    english_home = HomePage.objects.get(locale__language_code="en")
    assert "accompanies the annual conference" in english_home.intro
    english_edition = EventPage.objects.get(locale__language_code="en", slug="2025")
    assert len(english_edition.programme) == len(edition.programme)
    titles = [session.value["title"] for session in english_edition.programme]
    assert "Arrival and welcome" in titles
    assert not any("Begrüßung" in title for title in titles)
    assert "Slides and notes" in str(english_edition.documentation)


@pytest.mark.django_db
def test_demo_data_is_built_with_the_limits_on(demo_site):
    """The demo's accounts are minutes old and write dozens of posts; the builder is exempt.
    The shared demo site is built with one post per account in ten minutes (tests/demo_site.py)."""
    assert demo_site.rate_limits["post"] == "1/10m/account,1/10m/ip,1/10m/young"

    assert Post.objects.count() > 10


@pytest.mark.django_db
def test_every_demo_page_opens_in_the_editor(client, demo_site):
    """Wagtail's editor converts each page's rich text to its own format on opening; text it
    cannot read (an HTML ``<br>`` where it stores ``<br/>``) answered 500 for the Impressum."""
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    failed = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        if response.status_code != 200:
            failed[page.url_path] = response.status_code
    assert failed == {}
