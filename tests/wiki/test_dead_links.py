"""Rich-text links to pages that are not live: plain text for visitors, a report for editors."""

from django.urls import reverse

from wagtail.rich_text import expand_db_html

import pytest

from home.reports import dead_links

from ..factories import UserFactory
from .test_backlinks import link_to, publish_link


@pytest.fixture
def target(make_topic):
    return make_topic(title="Ziel", slug="ziel")


@pytest.mark.django_db
def test_link_to_a_live_page_is_a_link(target):
    html = expand_db_html(f'<a linktype="page" id="{target.pk}">Ziel</a>')

    assert html == f'<a href="{target.url}">Ziel</a>'


@pytest.mark.django_db
def test_link_to_an_unpublished_page_is_plain_text_for_visitors(client, make_topic, target):
    source = publish_link(make_topic(title="Quelle"), target)
    target.unpublish()

    html = client.get(source.url).content.decode()

    assert "Link</a>" in html
    assert f'href="{target.url}"' not in html
    assert "<a>Link</a>" in html


@pytest.mark.django_db
def test_link_to_a_deleted_page_is_plain_text(make_topic, target):
    target_id = target.pk
    target.delete()

    assert expand_db_html(f'<a linktype="page" id="{target_id}">Weg</a>') == "<a>Weg</a>"


@pytest.mark.django_db
def test_report_lists_live_pages_linking_to_pages_that_are_not_live(make_topic, target):
    source = publish_link(make_topic(title="Quelle"), target)
    publish_link(make_topic(title="Verlinkt Lebendes"), make_topic(title="Lebendig"))
    draft = make_topic(title="Entwurf", live=False, body=link_to(target))
    draft.save_revision()
    target.unpublish()

    links = dead_links()

    assert [(link.source.pk, link.target.pk, link.field) for link in links] == [
        (source.pk, target.pk, "Inhalt → Text")
    ]


@pytest.mark.django_db
def test_report_page_for_editors_only(client, make_topic, target, editor):
    publish_link(make_topic(title="Quelle mit totem Link"), target)
    target.unpublish()
    url = reverse("home_dead_links")

    client.force_login(UserFactory(is_staff=True))
    refused = client.get(url)
    client.force_login(editor)
    shown = client.get(url)

    assert refused.status_code == 302
    assert shown.status_code == 200
    assert "Quelle mit totem Link" in shown.content.decode()
    assert "nicht veröffentlicht" in shown.content.decode()
