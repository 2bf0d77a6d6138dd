import io
import re

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


@pytest.mark.django_db
def test_no_demo_page_shows_the_same_image_twice(client, demo_site):
    """The 2025 edition repeated its hero image in its documentation."""
    repeated = {}
    for page in Page.objects.live().public().filter(depth__gt=1):
        html = client.get(page.url).content.decode()
        # A rendition is "<original name>.<filter spec>.<extension>": one entry per image.
        images = re.findall(r'<img[^>]* src="[^"]*/images/([^"/]+?)\.[^."/]+\.\w+"', html)
        if len(images) != len(set(images)):
            repeated[page.url] = images
    assert repeated == {}


@pytest.mark.django_db
def test_the_build_log_names_the_pages_public_addresses(demo_site):
    """Not Wagtail's tree paths (``/start-en/ausgaben/``): the addresses visitors open."""
    lines = demo_site.output.splitlines()

    assert "  Seite angelegt: http://testserver/ausgaben/2025/" in lines
    assert "  Übersetzung angelegt (en): http://testserver/en/editions/" in lines
    assert "  Übersetzung angelegt (en): http://testserver/en/editions/2025/" in lines
    assert [line for line in lines if "/start/" in line or "/start-en/" in line] == []


@pytest.mark.django_db
def test_demo_logins_use_the_reserved_test_domain(demo_site):
    """`make run` prints these logins: addresses of the site's own name under ".test" (RFC 6761),
    which never resolves, instead of placeholders ("example.org")."""
    from django.contrib.auth import get_user_model
    from django.core.validators import validate_email

    from allauth.account.models import EmailAddress

    from demo.build import logins

    out = io.StringIO()
    call_command("load_demo_data", "--print-logins", stdout=out)
    emails = [email for _role, email, _password, _name in logins()]

    assert "example.org" not in out.getvalue()
    assert len(emails) == 7
    for email in emails:
        assert email.endswith("@kooperationsraum.test")
        assert email in out.getvalue()
        validate_email(email)  # the sign-up and login forms' validation
        assert get_user_model().objects.filter(email=email).exists()
        assert EmailAddress.objects.filter(email=email, verified=True).exists()
