import datetime

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest
from icalendar import Calendar

from home.models import EventIndexPage, EventPage, HomePage, StandardPage

from ..factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    UserFactory,
    make_site_home,
)


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_home()
        cls.index = EventIndexPageFactory(parent=cls.home)
        cls.event = EventPageFactory(parent=cls.index)
        cls.standard = StandardPageFactory(parent=cls.home)

    def setUp(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))

    def test_pages_are_routable_and_renderable(self):
        for page in (self.home, self.index, self.event, self.standard):
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_allowed_parents(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertCanNotCreateAt(StandardPage, EventPage)


@pytest.mark.django_db  # Wagtail's Page() looks up its content type (cached once looked up)
def test_phase_follows_the_date():
    event = EventPage(date=datetime.date(2025, 11, 13))

    assert event.phase_on(datetime.date(2025, 11, 12)) == EventPage.Phase.BEFORE
    assert event.phase_on(datetime.date(2025, 11, 13)) == EventPage.Phase.LIVE
    assert event.phase_on(datetime.date(2025, 11, 14)) == EventPage.Phase.AFTER


@pytest.mark.django_db
def test_event_end_before_start_is_invalid(home_page):
    event = EventPageFactory.build(start_time=datetime.time(12), end_time=datetime.time(11))

    with pytest.raises(Exception) as error:
        event.clean()

    assert "end_time" in error.value.message_dict


@pytest.mark.django_db
def test_ics_download_describes_the_edition(client, home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), slug="2025")

    response = client.get(event.url + "kalender/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    calendar = Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert entry.decoded("dtstart").isoformat() == "2025-11-13T09:30:00+01:00"
    assert entry.decoded("dtend").isoformat() == "2025-11-13T17:30:00+01:00"
    assert str(entry["location"]) == "Zuse-Institut Berlin, Takustraße 7, 14195 Berlin"
    assert str(entry["summary"]) == f"{event.title}: Kooperationen"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


@pytest.mark.django_db
def test_event_index_splits_upcoming_and_past(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    past = EventPageFactory(parent=index, date=datetime.date(2020, 11, 12))
    upcoming = EventPageFactory(parent=index, date=datetime.date.today() + datetime.timedelta(30))

    response = client.get(index.url)

    assert [e.pk for e in response.context["upcoming_events"]] == [upcoming.pk]
    assert [e.pk for e in response.context["past_events"]] == [past.pk]


@pytest.mark.django_db
def test_event_index_query_count_does_not_grow(client, home_page, django_assert_max_num_queries):
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=index)
    with django_assert_max_num_queries(30):
        client.get(index.url)
    for _ in range(10):
        EventPageFactory(parent=index)
    with django_assert_max_num_queries(30):
        response = client.get(index.url)
    assert len(response.context["past_events"]) + len(response.context["upcoming_events"]) == 11


@pytest.mark.django_db
def test_unknown_url_gives_german_404_in_site_layout(client, home_page):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "<h1>Seite nicht gefunden</h1>" in content
    assert 'class="site-footer"' in content
    assert '<html lang="de">' in content


@pytest.mark.django_db
def test_unknown_english_url_gives_english_404(client, home_page):
    response = client.get("/en/does-not-exist/")

    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


@pytest.mark.django_db
def test_footer_links_the_legal_pages(client, home_page):
    from home.models import SiteSettings

    imprint = StandardPageFactory(parent=home_page, title="Impressum")
    settings = SiteSettings.for_site(home_page.get_site())
    settings.imprint_page = imprint
    settings.save()

    response = client.get(home_page.url)

    assert f'<a href="{imprint.url}">Impressum</a>' in response.content.decode()


@pytest.mark.django_db
def test_admin_speaks_german(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="de")

    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()


@pytest.mark.django_db
def test_after_the_event_registration_gives_way_to_a_note_and_the_announcement_stays(
    client, home_page
):
    # Issue 15 asks for the Save-the-Date text on the designed edition page, also once the
    # edition is over (it is the record of what the edition was about); what would ask people to
    # come (registration) gives way to a note.
    index = EventIndexPageFactory(parent=home_page)
    announcement = [("save_the_date", {"heading": "Save the Date", "text": "<p>Kommen Sie!</p>"})]
    past = EventPageFactory(
        parent=index,
        slug="2020",
        date=datetime.date(2020, 11, 12),
        registration_url="https://example.org/anmeldung",
        announcement=announcement,
    )
    upcoming = EventPageFactory(
        parent=index,
        slug="kommend",
        date=datetime.date.today() + datetime.timedelta(30),
        registration_url="https://example.org/anmeldung",
        announcement=announcement,
    )

    past_html = client.get(past.url).content.decode()
    upcoming_html = client.get(upcoming.url).content.decode()

    assert "Zur Anmeldung" not in past_html and "Kommen Sie!" in past_html
    assert "Die Konferenz hat am 12. November 2020 stattgefunden." in past_html
    assert "Zur Anmeldung" in upcoming_html and "Kommen Sie!" in upcoming_html
    assert "stattgefunden" not in upcoming_html


@pytest.mark.django_db
def test_home_page_title_names_the_site_once(client, home_page):
    html = client.get(home_page.url).content.decode()

    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.count("Kooperationsraum") == 1
    assert "Museen, Archiven und Bibliotheken" in title
