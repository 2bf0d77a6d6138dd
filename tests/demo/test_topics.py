"""The wiki's demo content: structure, links, translations, workflow and schedule."""

import io

from django.core.management import call_command

from wagtail.models import WorkflowState

import pytest

from wiki.models import TopicIndexPage, TopicPage
from wiki.services import backlinks, thread_backlinks


@pytest.fixture
def demo(db, demo_site):
    return demo_site


def test_demo_builds_a_rich_wiki_and_stays_idempotent(demo, client):
    german = TopicPage.objects.filter(locale__language_code="de")
    live = german.live()
    counts = (TopicPage.objects.count(), TopicIndexPage.objects.count())

    call_command("load_demo_data", "--skip-index", stdout=io.StringIO())

    assert (TopicPage.objects.count(), TopicIndexPage.objects.count()) == counts
    assert live.count() >= 8
    for topic in live:
        kinds = [block.block_type for block in topic.body]
        assert kinds.count("heading") >= 3, topic.title
        assert {"table", "quote", "image", "paragraph"} <= set(kinds), topic.title
        assert topic.tags.exists() and topic.related_topic_links.exists(), topic.title
        assert backlinks(topic), topic.title
    assert client.get("/themen/").status_code == 200
    assert client.get("/en/topics/").status_code == 200
    assert client.get("/en/topics/shared-infrastructures/").status_code == 200


def test_demo_has_a_workflow_in_progress_and_a_scheduled_page(demo):
    waiting = TopicPage.objects.get(slug="lizenzen", locale__language_code="de")
    scheduled = TopicPage.objects.get(slug="foerderprogramme-2026")

    assert WorkflowState.objects.get(object_id=str(waiting.pk)).status == "in_progress"
    assert waiting.live and waiting.has_unpublished_changes
    assert not scheduled.live
    assert scheduled.scheduled_revision is not None


def test_demo_links_programme_sessions_and_home_to_topics(demo, client):
    html = client.get("/ausgaben/2025/").content.decode()

    assert "Zum Thema: KI in der Sammlungspraxis" in html
    assert "Ausgewählte Themen" in client.get("/").content.decode()


def test_demo_threads_link_to_topic_pages(demo, client):
    topic = TopicPage.objects.get(slug="geteilte-infrastrukturen", locale__language_code="de")

    threads = thread_backlinks(topic)

    assert "Wie teilen kleine Archive sich einen Aufsichtscanner?" in [t.title for t in threads]
    assert "Aufsichtscanner?</a>" in client.get(topic.url).content.decode()


def test_demo_english_recent_changes_list_each_translation_once_with_its_editor(demo):
    index_en = TopicIndexPage.objects.get(locale__language_code="en")

    changes = index_en.recent_changes()

    assert len(changes) == 3
    assert len({change.page.pk for change in changes}) == 3
    assert all(change.editor for change in changes)
