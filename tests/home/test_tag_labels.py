"""Tags in the reader's language (issue 15): an English label per tag, else the German name."""

import re

from django.core.cache import cache

import pytest
from taggit.models import Tag

from home.models import TagTranslation
from home.tags import tag_label

from ..wiki.test_english_routes import build_bilingual_wiki


def tag_links(html):
    return re.findall(r'<a class="tag" href="[^"]*">([^<]*)</a>', html)


@pytest.mark.django_db
def test_tag_label_is_english_where_translated_else_german(django_capture_on_commit_callbacks):
    ki = Tag.objects.create(name="KI", slug="ki")
    Tag.objects.create(name="Nur Deutsch", slug="nur-deutsch")
    with django_capture_on_commit_callbacks(execute=True):
        TagTranslation.objects.create(tag=ki, name_en="AI")

    assert tag_label("ki", "KI", "en") == "AI"
    assert tag_label("ki", "KI", "de") == "KI"
    assert tag_label("nur-deutsch", "Nur Deutsch", "en") == "Nur Deutsch"


@pytest.mark.django_db
def test_changed_label_shows_after_commit(django_capture_on_commit_callbacks):
    ki = Tag.objects.create(name="KI", slug="ki")
    with django_capture_on_commit_callbacks(execute=True):
        label = TagTranslation.objects.create(tag=ki, name_en="AI")
    assert tag_label("ki", "KI", "en") == "AI"

    with django_capture_on_commit_callbacks(execute=True):
        label.name_en = "Artificial intelligence"
        label.save()

    assert tag_label("ki", "KI", "en") == "Artificial intelligence"


@pytest.mark.django_db
def test_english_topic_page_shows_translated_tags(client, django_capture_on_commit_callbacks):
    _index, topic, _index_en, topic_en = build_bilingual_wiki()
    with django_capture_on_commit_callbacks(execute=True):
        TagTranslation.objects.create(tag=Tag.objects.get(name="KI"), name_en="AI")
    cache.clear()

    english = tag_links(client.get(topic_en.url).content.decode())
    german = tag_links(client.get(topic.url).content.decode())

    assert english == ["AI"]
    assert sorted(german) == ["KI", "Nur Deutsch"]


@pytest.mark.django_db
def test_labels_of_all_tags_cost_one_query(django_assert_num_queries):
    for number in range(5):
        tag = Tag.objects.create(name=f"Wort {number}", slug=f"wort-{number}")
        TagTranslation.objects.create(tag=tag, name_en=f"Word {number}")
    cache.clear()

    with django_assert_num_queries(1):
        labels = [tag_label(f"wort-{n}", f"Wort {n}", "en") for n in range(5)]

    assert labels == [f"Word {n}" for n in range(5)]
