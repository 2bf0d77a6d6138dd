"""Admin polish: the German editor guide, branding, an edition's slug from its date, the
related-topics chooser opening at the topic index."""

import datetime
import re

from django.urls import reverse

from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from home.models import EventPage
from home.roles import EDITORS, ensure_roles

from ..factories import (
    EventIndexPageFactory,
    EventPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
)


@pytest.fixture
def rita(db):
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_roles()[EDITORS])
    return user


@pytest.mark.django_db
def test_dashboard_is_branded_and_leads_to_the_german_guide(client, home_page, rita):
    client.force_login(rita)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    guide = client.get(reverse("home_editor_guide"))

    assert re.search(r"<h1[^>]*>\s*Kooperationsraum – Redaktion\s*</h1>", dashboard)
    assert "<title>Dashboard - Kooperationsraum</title>" in dashboard
    assert f'href="{reverse("home_editor_guide")}"' in dashboard
    assert "guide.wagtail.org" not in dashboard
    html = guide.content.decode()
    assert guide.status_code == 200
    for heading in ("Bilder und Lizenzen", "Themenseiten und Freigabe", "Übersetzen"):
        assert f">{heading}</h2>" in html
    assert ">Das Fragenboard moderieren</h2>" in html


def edition_form(**fields):
    data = {
        "title": "Konferenz 2027",
        "slug": "konferenz-2027",
        "theme": "Daten teilen",
        "summary": "",
        "date": "2027-11-11",
        "start_time": "09:00",
        "end_time": "17:30",
        "venue_name": "Zuse-Institut Berlin",
        "venue_address": "Takustraße 7",
        "registration_url": "",
        "mailing_list_url": "",
        "hero_image": "",
        "announcement": streamfield([]),
        "programme": streamfield([]),
        "documentation": streamfield([]),
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        "go_live_at": "",
        "expire_at": "",
        **fields,
    }
    return nested_form_data(data)


def add_edition(client, index, **fields):
    url = reverse("wagtailadmin_pages:add", args=["home", "eventpage", index.pk])
    return client.post(url, edition_form(**fields))


@pytest.mark.django_db
def test_new_edition_takes_its_year_as_slug(client, home_page, rita):
    index = EventIndexPageFactory(parent=home_page)
    client.force_login(rita)

    response = add_edition(client, index)

    assert response.status_code == 302
    assert EventPage.objects.get(title="Konferenz 2027").slug == "2027"


@pytest.mark.django_db
def test_edition_keeps_a_slug_chosen_by_hand_or_taken_year(client, home_page, rita):
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=index, slug="2027", date=datetime.date(2027, 1, 1))
    client.force_login(rita)

    add_edition(client, index, title="Konferenz 2027 bis", slug="konferenz-2027-bis")
    add_edition(client, index, title="Sondertermin", slug="sondertermin-2027")

    assert EventPage.objects.get(title="Konferenz 2027 bis").slug == "konferenz-2027-bis"
    assert EventPage.objects.get(title="Sondertermin").slug == "sondertermin-2027"


@pytest.mark.django_db
def test_related_topics_chooser_opens_at_the_topic_index(client, home_page, rita):
    index = TopicIndexPageFactory(parent=home_page)
    topic = TopicPageFactory(parent=index)
    client.force_login(rita)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[topic.pk])).content.decode()

    assert '"modelNames": ["wiki.topicpage"]' in html
    assert f'"parentId": {index.pk}' in html
