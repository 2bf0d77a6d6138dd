"""Featured topics on the home page: in the reader's language, in a fixed number of queries."""

from django.utils import translation

from wagtail.models import Locale

import pytest

from home.models import HomeFeaturedTopic
from wiki.models import TopicPage

from ..factories import TopicPageFactory


def feature(home, pages):
    home.featured_topics = [HomeFeaturedTopic(page=page) for page in pages]
    home.save_revision().publish()


@pytest.mark.django_db
def test_featured_topics_are_specific_live_and_localized(client, home_page, topic_index):
    english = Locale.objects.get(language_code="en")
    translated = TopicPageFactory(parent=topic_index, title="Lizenzen")
    german_only = TopicPageFactory(parent=topic_index, title="Nur Deutsch")
    draft = TopicPageFactory(parent=topic_index, title="Entwurf", live=False)
    index_en = topic_index.copy_for_translation(english, copy_parents=True)
    index_en.save_revision().publish()
    licences = translated.copy_for_translation(english)
    licences.title = "Licences"
    licences.save_revision().publish()
    feature(home_page, [translated, draft, german_only])
    home_page.refresh_from_db()

    german = home_page.localized_featured_topics()
    with translation.override("en"):
        english_topics = home_page.localized_featured_topics()

    assert [page.title for page in german] == ["Lizenzen", "Nur Deutsch"]
    assert all(isinstance(page, TopicPage) for page in german + english_topics)
    assert [page.title for page in english_topics] == ["Licences", "Nur Deutsch"]
    html = client.get("/").content.decode()
    assert "Entwurf" not in html and "Lizenzen</a>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_featured_topics_take_a_fixed_number_of_queries(
    home_page, topic_index, django_assert_max_num_queries, count
):
    feature(home_page, [TopicPageFactory(parent=topic_index) for _ in range(count)])

    with django_assert_max_num_queries(4):
        topics = home_page.localized_featured_topics()

    assert len(topics) == count
