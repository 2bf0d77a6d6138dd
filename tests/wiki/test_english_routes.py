"""Sub-paths of the topic index (and the edition's calendar) in each language, and the language
switcher on those sub-pages."""

import re

from django.utils import translation

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase

import pytest

from ..factories import (
    EventIndexPageFactory,
    EventPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    make_site_home,
)


def build_bilingual_wiki():
    """German home, index and topic (tags "KI" and "Nur Deutsch") with English translations;
    the English topic carries only "KI"."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = make_site_home()
    index = TopicIndexPageFactory(parent=home)
    topic = TopicPageFactory(parent=index, title="Künstliche Intelligenz", slug="ki")
    topic.tags.add("KI", "Nur Deutsch")
    topic.save_revision().publish()
    home_en = home.copy_for_translation(english)
    home_en.save_revision().publish()
    index_en = index.copy_for_translation(english)
    index_en.title = "Topics"
    index_en.slug = "topics"
    index_en.save_revision().publish()
    topic_en = topic.copy_for_translation(english)
    topic_en.title = "Artificial intelligence"
    topic_en.slug = "ai"
    topic_en.save_revision().publish()
    topic_en.tags.remove("Nur Deutsch")
    topic_en.save_revision().publish()
    for page in (index_en, topic_en):
        page.refresh_from_db()
    return index, topic, index_en, topic_en


def switcher_links(html):
    """{language code: href} of the language switcher's links (the current one has none)."""
    links = re.findall(r'<a class="lang" href="([^"]*)" hreflang="([^"]*)"', html)
    return {code: href for href, code in links}


class EnglishIndexRoutesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.topic, cls.index_en, cls.topic_en = build_bilingual_wiki()

    def setUp(self):
        translation.activate("en")
        self.addCleanup(translation.activate, "de")

    def test_english_sub_paths_are_routable_and_renderable(self):
        self.assertEqual(self.index_en.url, "/en/topics/")
        for route in ("recent-changes/", "feed/", "tag/ki/", "tag/ki/feed/"):
            with self.subTest(route=route):
                # assertPageIsRoutable would route "/en/…" from the root, prefix included.
                result = self.index_en.route(self.dummy_request, route.strip("/").split("/"))
                self.assertEqual(result.page, self.index_en)
                self.assertPageIsRenderable(self.index_en, route)

    def test_english_sub_paths_answer_under_en(self):
        for path, template in (
            ("/en/topics/recent-changes/", "wiki/recent_changes.html"),
            ("/en/topics/tag/ki/", "wiki/tag_page.html"),
        ):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                self.assertTemplateUsed(response, template)
                self.assertEqual(response.headers["Content-Language"], "en")
        feed = self.client.get("/en/topics/tag/ki/feed/")
        self.assertEqual(feed["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertIn(b'/en/topics/tag/ki/" rel="alternate"', feed.content)
        self.assertIn("Topics in the Kooperationsraum", feed.content.decode())

    def test_english_pages_link_to_english_sub_paths(self):
        index_html = self.client.get("/en/topics/").content.decode()
        topic_html = self.client.get(self.topic_en.url).content.decode()

        self.assertIn('href="/en/topics/recent-changes/"', index_html)
        self.assertIn('href="/en/topics/feed/"', index_html)
        self.assertIn('href="/en/topics/tag/ki/"', index_html)
        self.assertIn('href="/en/topics/tag/ki/"', topic_html)
        self.assertNotIn("schlagwort", index_html + topic_html)
        self.assertNotIn("letzte-aenderungen", index_html + topic_html)

    def test_german_sub_paths_under_en_redirect_to_the_english_ones(self):
        for old, new in (
            ("/en/topics/letzte-aenderungen/", "/en/topics/recent-changes/"),
            ("/en/topics/schlagwort/ki/", "/en/topics/tag/ki/"),
            ("/en/topics/schlagwort/ki/feed/", "/en/topics/tag/ki/feed/"),
        ):
            with self.subTest(old=old):
                response = self.client.get(old)
                self.assertRedirects(response, new, status_code=301)


class GermanIndexRoutesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.topic, cls.index_en, cls.topic_en = build_bilingual_wiki()

    def test_german_sub_paths_stay_german(self):
        for route in ("letzte-aenderungen/", "feed/", "schlagwort/ki/", "schlagwort/ki/feed/"):
            with self.subTest(route=route):
                self.assertPageIsRoutable(self.index, route)
                self.assertEqual(self.client.get(self.index.url + route).status_code, 200)
        html = self.client.get(self.index.url).content.decode()
        self.assertIn(f'href="{self.index.url}schlagwort/ki/"', html)
        self.assertIn(f'href="{self.index.url}letzte-aenderungen/"', html)

    def test_english_sub_paths_are_not_german_addresses(self):
        for route in ("recent-changes/", "tag/ki/"):
            with self.subTest(route=route):
                self.assertEqual(self.client.get(self.index.url + route).status_code, 404)


# --- the language switcher ---------------------------------------------------------------------


@pytest.fixture
def wiki(db):
    return build_bilingual_wiki()


@pytest.mark.django_db
def test_switcher_on_a_tag_page_goes_to_the_same_tag_in_the_other_language(client, wiki):
    index, _topic, index_en, _topic_en = wiki

    german = switcher_links(client.get(index.url + "schlagwort/ki/").content.decode())
    english = switcher_links(client.get("/en/topics/tag/ki/").content.decode())

    assert german == {"en": "/en/topics/tag/ki/"}
    assert english == {"de": index.url + "schlagwort/ki/"}


@pytest.mark.django_db
def test_switcher_on_recent_changes_goes_to_recent_changes(client, wiki):
    index, _topic, _index_en, _topic_en = wiki

    german = switcher_links(client.get(index.url + "letzte-aenderungen/").content.decode())
    english = switcher_links(client.get("/en/topics/recent-changes/").content.decode())

    assert german == {"en": "/en/topics/recent-changes/"}
    assert english == {"de": index.url + "letzte-aenderungen/"}


@pytest.mark.django_db
def test_switcher_on_a_tag_without_topics_in_the_other_language_goes_to_its_index(client, wiki):
    index, _topic, _index_en, _topic_en = wiki

    response = client.get(index.url + "schlagwort/nur-deutsch/")

    assert response.status_code == 200
    assert switcher_links(response.content.decode()) == {"en": "/en/topics/"}


@pytest.mark.django_db
def test_switcher_on_pages_and_untranslated_pages(client, wiki):
    index, topic, _index_en, topic_en = wiki
    untranslated = TopicPageFactory(parent=index, title="Nur auf Deutsch", slug="nur-deutsch")

    assert switcher_links(client.get(topic.url).content.decode()) == {"en": topic_en.url}
    assert switcher_links(client.get(index.url).content.decode()) == {"en": "/en/topics/"}
    # No translation: the nearest translated page above it (the English index), not the German
    # path under /en/, which leads nowhere when the index's slug is translated.
    target = switcher_links(client.get(untranslated.url).content.decode())["en"]
    assert target == "/en/topics/"
    assert client.get("/en" + untranslated.url).status_code == 404
    assert client.get(target).status_code == 200


@pytest.mark.django_db
def test_switcher_on_a_page_whose_translation_is_a_draft_goes_to_the_translated_index(client, wiki):
    _index, topic, _index_en, topic_en = wiki
    topic_en.unpublish()

    assert switcher_links(client.get(topic.url).content.decode()) == {"en": "/en/topics/"}


@pytest.mark.django_db
def test_switcher_on_other_views_translates_the_path(client, wiki):
    html = client.get("/fragen/").content.decode()

    assert switcher_links(html) == {"en": "/en/questions/"}


# --- the edition's calendar ---------------------------------------------------------------------


@pytest.mark.django_db
def test_calendar_sub_path_is_english_under_en(client, home_page):
    english = Locale.objects.get(language_code="en")
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), slug="2025")
    home_en = home_page.copy_for_translation(english)
    home_en.save_revision().publish()
    event_en = event.copy_for_translation(english, copy_parents=True)
    event_en.save_revision().publish()
    event_en.refresh_from_db()

    assert client.get(event.url + "kalender/")["Content-Type"] == "text/calendar"
    assert client.get(event.url + "calendar/").status_code == 404
    with translation.override("en"):
        english_url = event_en.url
        html = client.get(english_url).content.decode()
        assert client.get(english_url + "calendar/")["Content-Type"] == "text/calendar"
        old = client.get(english_url + "kalender/")
    assert f'href="{english_url}calendar/"' in html
    assert old.status_code == 301
    assert old["Location"] == english_url + "calendar/"


@pytest.mark.django_db
def test_switcher_on_the_index_filtered_by_tag_keeps_the_filter_where_it_applies(client, wiki):
    index, _topic, _index_en, _topic_en = wiki

    kept = switcher_links(client.get(index.url, {"tag": "ki"}).content.decode())
    dropped = switcher_links(client.get(index.url, {"tag": "nur-deutsch"}).content.decode())

    assert kept == {"en": "/en/topics/?tag=ki"}
    assert dropped == {"en": "/en/topics/"}


@pytest.mark.django_db
def test_bilingual_pages_with_the_switcher_stay_within_the_query_bounds(
    client, wiki, django_assert_max_num_queries
):
    from .test_pages import INDEX_QUERY_BOUND, TOPIC_QUERY_BOUND

    index, topic, _index_en, topic_en = wiki
    untranslated = TopicPageFactory(parent=index, title="Nur auf Deutsch", slug="nur-deutsch")
    pages = [
        (index.url + "schlagwort/ki/", INDEX_QUERY_BOUND),
        ("/en/topics/tag/ki/", INDEX_QUERY_BOUND),
        ("/en/topics/recent-changes/", INDEX_QUERY_BOUND),
        ("/en/topics/?tag=ki", INDEX_QUERY_BOUND),
        (topic_en.url, TOPIC_QUERY_BOUND),
        (untranslated.url, TOPIC_QUERY_BOUND),
    ]
    for url, bound in pages:
        client.get(url)  # warm caches
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200
