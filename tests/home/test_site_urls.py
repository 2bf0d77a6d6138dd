"""Absolute links come from one configured base, WAGTAILADMIN_BASE_URL (home/site_urls.py),
not from the Site record (the demo's said localhost:80) nor from the request's host."""

import xml.etree.ElementTree as ET

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Site

import pytest

from ..factories import (
    EventIndexPageFactory,
    EventPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
    ask,
    reply,
)

BASE = "https://kooperationsraum.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def configured_base(settings, home_page):
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()


def feed_links(response):
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed, in a test)
    feed = [link.get("href") for link in root.findall(f"{ATOM}link")]
    entries = [entry.find(f"{ATOM}link").get("href") for entry in root.findall(f"{ATOM}entry")]
    return feed, entries


@pytest.fixture
def edition(home_page):
    return EventPageFactory(parent=EventIndexPageFactory(parent=home_page), slug="2025")


@pytest.mark.django_db
def test_topic_feeds_link_to_the_base(client, home_page):
    index = TopicIndexPageFactory(parent=home_page, slug="themen")
    topic = TopicPageFactory(parent=index, slug="digitalisierung")
    topic.save_revision().publish()

    response = client.get("/themen/feed/", HTTP_HOST="intern.example.net")

    feed, entries = feed_links(response)
    assert entries == [f"{BASE}/themen/digitalisierung/"]
    assert sorted(feed) == [f"{BASE}/themen/feed/", f"{BASE}/themen/letzte-aenderungen/"]


@pytest.mark.django_db
def test_board_feed_links_to_the_base(client, edition):
    thread = ask(edition, UserFactory(), title="Wie teilen kleine Häuser ihre Scanner?")

    response = client.get(
        reverse("board:edition_feed", args=[2025]), HTTP_HOST="intern.example.net"
    )

    feed, entries = feed_links(response)
    assert entries == [BASE + thread.get_absolute_url()]
    assert all(link.startswith(BASE + "/") for link in feed)


@pytest.mark.django_db
def test_notification_mail_links_to_the_base(edition, django_capture_on_commit_callbacks):
    asker = UserFactory()
    thread = ask(edition, asker, title="Wer digitalisiert Glasplattennegative?")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        answer = reply(thread, UserFactory(), body="Wir.")

    (message,) = mail.outbox
    assert f"Zur Frage: {BASE}{answer.get_absolute_url()}\n" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{BASE}/")
    assert "localhost" not in message.body


@pytest.mark.django_db
def test_sitemap_lists_pages_at_the_base(client, home_page, edition):
    response = client.get("/sitemap.xml", HTTP_HOST="intern.example.net")

    root = ET.fromstring(response.content)  # noqa: S314
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{ns}loc") for url in root.findall(f"{ns}url")]
    assert f"{BASE}/" in locations
    assert edition.get_url().startswith("/")
    assert BASE + edition.get_url() in locations
    assert all(location.startswith(BASE + "/") for location in locations)


@pytest.mark.django_db
def test_calendar_entry_links_to_the_base(client, edition):
    response = client.get(edition.url + "kalender/", HTTP_HOST="intern.example.net")

    text = response.content.decode().replace("\r\n ", "")
    assert f"URL:{BASE}{edition.url}" in text
    assert "@kooperationsraum.example.org" in text


@pytest.mark.django_db
def test_set_site_address_writes_the_base_into_the_site():
    call_command("set_site_address", stdout=None)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("kooperationsraum.example.org", 443, BASE)


@pytest.mark.django_db
def test_set_site_address_takes_the_served_address():
    call_command("set_site_address", url="http://127.0.0.1:8150")

    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8150"
