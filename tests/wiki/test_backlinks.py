"""Backlinks ("Wird erwähnt in"): from the reference index, live and public pages only."""

from django.contrib.auth.models import Group

from wagtail.models import Locale, PageViewRestriction

import pytest

from wiki.models import TopicRelatedTopic
from wiki.services import backlinks

from ..factories import StandardPageFactory


def link_to(page, text="Link"):
    return [("paragraph", f'<p><a linktype="page" id="{page.pk}">{text}</a></p>')]


@pytest.fixture
def target(make_topic):
    return make_topic(title="Ziel")


def publish_link(page, target, user=None):
    page.body = link_to(target)
    page.save_revision(user=user).publish()
    return page


@pytest.mark.django_db
def test_backlinks_list_live_pages_linking_in_text_or_as_related_topic(
    client, make_topic, target, home_page
):
    publish_link(make_topic(title="B verlinkt im Text"), target)
    related = make_topic(title="A verweist als verwandtes Thema")
    related.related_topic_links = [TopicRelatedTopic(page=target)]
    related.save_revision().publish()
    StandardPageFactory(parent=home_page, title="Impressum", body=link_to(target))
    make_topic(title="Unbeteiligt")

    response = client.get(target.url)

    assert [page.title for page in response.context["backlinks"]] == [
        "A verweist als verwandtes Thema",
        "B verlinkt im Text",
        "Impressum",
    ]
    html = response.content.decode()
    assert "Wird erwähnt in" in html
    assert f'<a href="{related.url}">A verweist als verwandtes Thema</a>' in html


@pytest.mark.django_db
def test_backlinks_never_show_unpublished_pages(make_topic, target):
    make_topic(title="Nie veröffentlicht", live=False, body=link_to(target))
    unpublished = publish_link(make_topic(title="Zurückgezogen"), target)
    unpublished.unpublish()

    assert backlinks(target) == []


@pytest.mark.django_db
def test_backlinks_ignore_links_only_in_a_draft_revision(make_topic, target):
    live_page = make_topic(title="Live mit Entwurf")
    live_page.body = link_to(target)
    live_page.save_revision()  # draft only, not published

    assert backlinks(target) == []


@pytest.mark.django_db
def test_backlinks_never_show_private_pages(make_topic, target):
    private = publish_link(make_topic(title="Privat"), target)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    group_only = publish_link(make_topic(title="Nur für Gruppe"), target)
    restriction = PageViewRestriction.objects.create(page=group_only, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Intern"))
    publish_link(make_topic(title="Öffentlich"), target)

    assert [page.title for page in backlinks(target)] == ["Öffentlich"]


@pytest.mark.django_db
def test_backlinks_exclude_self_links(target):
    publish_link(target, target)

    assert backlinks(target) == []


@pytest.mark.django_db
def test_backlinks_of_a_translation_show_pages_linking_to_the_original(
    client, make_topic, target, topic_index
):
    english = Locale.objects.get(language_code="en")
    source = publish_link(make_topic(title="Quelle"), target)
    untranslated = publish_link(make_topic(title="Nur Deutsch"), target)
    index_en = topic_index.copy_for_translation(english, copy_parents=True)
    index_en.save_revision().publish()
    target_en = target.copy_for_translation(english)
    target_en.title = "Target"
    target_en.save_revision().publish()
    source_en = source.copy_for_translation(english)
    source_en.title = "Source"
    source_en.save_revision().publish()

    result = backlinks(target_en)

    assert [(page.title, page.locale_id) for page in result] == [
        ("Nur Deutsch", untranslated.locale_id),
        ("Source", english.pk),
    ]
