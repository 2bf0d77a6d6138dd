"""Topic index and topic pages: page types, reading aids, tags, related topics, query counts."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from home.models import EventIndexPage, HomePage, StandardPage
from wiki.models import TopicIndexPage, TopicPage, TopicRelatedTopic

from ..factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
    ask,
    make_site_home,
    reply,
)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html)


class WikiPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_site_home()
        cls.index = TopicIndexPageFactory(parent=cls.home)
        cls.topic = TopicPageFactory(
            parent=cls.index,
            body=[heading("Worum es geht"), paragraph("<p>Text</p>")],
        )
        cls.topic.tags.add("KI")
        cls.topic.save()

    def setUp(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))

    def test_pages_are_routable_and_renderable(self):
        for page in (self.index, self.topic):
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_index_routes_are_routable_and_renderable(self):
        for route in ("letzte-aenderungen/", "feed/", "schlagwort/ki/", "schlagwort/ki/feed/"):
            with self.subTest(route=route):
                self.assertPageIsRoutable(self.index, route)
                self.assertPageIsRenderable(self.index, route)

    def test_allowed_parents(self):
        self.assertCanCreateAt(HomePage, TopicIndexPage)
        self.assertCanCreateAt(TopicIndexPage, TopicPage)
        self.assertCanNotCreateAt(Page, TopicIndexPage)
        self.assertCanNotCreateAt(HomePage, TopicPage)
        self.assertCanNotCreateAt(TopicPage, TopicPage)
        self.assertCanNotCreateAt(EventIndexPage, TopicPage)
        self.assertCanNotCreateAt(StandardPage, TopicPage)
        self.assertCanNotCreateAt(TopicIndexPage, StandardPage)
        self.assertCanNotCreateAt(TopicPage, StandardPage)

    def test_admin_edit_view_renders_for_topic_page(self):
        response = self.client.get(f"/admin/pages/{self.topic.pk}/edit/")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Eingebettetes Video")


@pytest.mark.django_db
def test_table_of_contents_links_to_unique_stable_anchors(client, make_topic):
    topic = make_topic(
        body=[
            heading("Ziele"),
            paragraph("<p>Eins</p>"),
            heading("Ziele", "h3"),
            heading("Übersicht & Kosten"),
            heading("Main"),
            heading("ziele-2"),
        ]
    )

    response = client.get(topic.url)

    html = response.content.decode()
    entries = topic.table_of_contents()
    assert [(e.anchor, e.level) for e in entries] == [
        ("ziele", 2),
        ("ziele-2", 3),
        ("ubersicht-kosten", 2),
        ("main-2", 2),  # "main" is the layout's own id
        ("ziele-2-2", 2),
    ]
    for entry in entries:
        assert f'href="#{entry.anchor}"' in html
        assert html.count(f'id="{entry.anchor}"') == 1
    assert '<h3 id="ziele-2">Ziele</h3>' in html
    # h3 entries nest under their h2
    assert [(e.anchor, [c.anchor for c in cs]) for e, cs in response.context["toc"]][0] == (
        "ziele",
        ["ziele-2"],
    )


@pytest.mark.django_db
def test_anchors_stay_when_text_around_them_changes(make_topic):
    topic = make_topic(body=[heading("Kosten"), paragraph("<p>a</p>"), heading("Formate")])
    before = [e.anchor for e in topic.table_of_contents()]

    topic.body = [paragraph("<p>Neu</p>"), heading("Kosten"), paragraph("<p>b</p>")]
    topic.body.append(heading("Formate"))

    assert [e.anchor for e in topic.table_of_contents()] == before == ["kosten", "formate"]


@pytest.mark.django_db
def test_page_without_headings_has_no_table_of_contents(client, make_topic):
    topic = make_topic(body=[paragraph("<p>Nur Text</p>")])

    response = client.get(topic.url)

    assert response.context["toc"] == []
    assert 'class="toc"' not in response.content.decode()


@pytest.mark.django_db
def test_reading_time_counts_body_and_summary(make_topic):
    words = " ".join(["Wort"] * 390)
    topic = make_topic(summary="zehn " * 10, body=[paragraph(f"<p>{words}</p>")])
    short = make_topic(body=[])

    assert topic.reading_minutes == 2  # 400 words at 200 a minute
    assert short.reading_minutes == 1


@pytest.mark.django_db
def test_topic_page_shows_breadcrumbs_meta_tags_related_and_contact(client, make_topic, editor):
    other = make_topic(title="Lizenzen")
    draft = make_topic(title="Entwurf", live=False)
    topic = make_topic(
        title="Geteilte Infrastrukturen",
        contact_institution="digiS Berlin",
        contact_name="Jonas Scan",
        contact_email="jonas@example.org",
        last_reviewed=datetime.date(2025, 10, 1),
    )
    topic.tags.add("Betrieb", "Infrastruktur")
    topic.related_topic_links = [TopicRelatedTopic(page=draft), TopicRelatedTopic(page=other)]
    topic.save_revision(user=editor).publish()

    response = client.get(topic.url)

    html = response.content.decode()
    assert [p.title for p in response.context["related_topics"]] == ["Lizenzen"]
    assert 'aria-label="Brotkrumennavigation"' in html
    assert '<a href="/themen/">Themen</a>' in html
    assert '<a class="tag" href="/themen/schlagwort/betrieb/">Betrieb</a>' in html
    assert response.context["last_editor"] == "Rita Redaktion"
    assert "von Rita Redaktion" in html
    assert "1. Oktober 2025" in html
    assert "digiS Berlin" in html and "mailto:jonas@example.org" in html
    assert "{% block topic_questions %}" not in html


@pytest.mark.django_db
def test_index_lists_live_public_topics_with_tags(client, topic_index, make_topic):
    first = make_topic(title="B-Thema")
    first.tags.add("KI", "Metadaten")
    first.save()
    second = make_topic(title="A-Thema")
    second.tags.add("KI")
    second.save()
    make_tagged_topic(make_topic, "KI", title="Entwurf", live=False)

    response = client.get(topic_index.url)

    assert [t.title for t in response.context["topics"]] == ["A-Thema", "B-Thema"]
    assert [(t.name, t.topic_count) for t in response.context["tags"]] == [
        ("KI", 2),
        ("Metadaten", 1),
    ]
    assert [t.name for t in response.context["topics"][1].tag_list] == ["KI", "Metadaten"]


@pytest.mark.django_db
def test_index_filters_by_tag(client, topic_index, make_topic):
    tagged = make_topic(title="Mit Schlagwort")
    tagged.tags.add("Lizenzen")
    tagged.save()
    make_topic(title="Ohne Schlagwort")

    response = client.get(topic_index.url, {"tag": "lizenzen"})

    assert [t.title for t in response.context["topics"]] == ["Mit Schlagwort"]
    assert response.context["selected_tag"].name == "Lizenzen"
    assert 'href="?tag=lizenzen" aria-current="true"' in response.content.decode()


@pytest.mark.django_db
def test_index_with_unknown_tag_shows_no_topics(client, topic_index, make_topic):
    make_topic(title="Irgendein Thema")

    response = client.get(topic_index.url, {"tag": "gibt-es-nicht"})

    assert response.status_code == 200
    assert response.context["topics"] == []
    assert "Zu diesem Schlagwort gibt es keine Themenseiten." in response.content.decode()


@pytest.mark.django_db
def test_tag_page_lists_every_public_topic_with_the_tag(client, topic_index, make_topic):
    for title, live, tag in [
        ("Förderung", True, "Förderung"),
        ("Betrieb", True, "Förderung"),
        ("Anderes", True, "KI"),
        ("Entwurf", False, "Förderung"),
    ]:
        make_tagged_topic(make_topic, tag, title=title, live=live)

    response = client.get(topic_index.url + "schlagwort/förderung/")

    assert response.status_code == 200
    assert [t.title for t in response.context["topics"]] == ["Betrieb", "Förderung"]
    assert "2 Themenseiten tragen das Schlagwort „Förderung“." in response.content.decode()


@pytest.mark.django_db
def test_tag_page_unknown_or_without_public_topics_is_404(client, topic_index, make_topic):
    make_tagged_topic(make_topic, "Geheim", title="Entwurf", live=False)

    assert client.get(topic_index.url + "schlagwort/gibt-es-nicht/").status_code == 404
    assert client.get(topic_index.url + "schlagwort/geheim/").status_code == 404


def make_tagged_topic(make_topic, *tags, **kwargs):
    topic = make_topic(**kwargs)
    topic.tags.add(*tags)
    topic.save()
    return topic


def _topics_with_tags(topic_index, count):
    for number in range(count):
        topic = TopicPageFactory(parent=topic_index, title=f"Thema {number:03}")
        topic.tags.add(f"Schlagwort {number % 7}", "Kooperation")
        topic.related_topic_links = []
        topic.save()


INDEX_QUERY_BOUND = 26  # about 14 of them are the site shell (site, menu, languages, footer)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 50])
def test_index_query_count_is_bounded(client, topic_index, django_assert_max_num_queries, count):
    _topics_with_tags(topic_index, count)
    client.get(topic_index.url)  # warm caches (site root paths, content types)

    with django_assert_max_num_queries(INDEX_QUERY_BOUND):
        response = client.get(topic_index.url)
    with django_assert_max_num_queries(INDEX_QUERY_BOUND):
        filtered = client.get(topic_index.url, {"tag": "kooperation"})
    with django_assert_max_num_queries(INDEX_QUERY_BOUND):
        tag_page = client.get(topic_index.url + "schlagwort/kooperation/")

    assert len(response.context["topics"]) == count
    assert len(filtered.context["topics"]) == count
    assert len(tag_page.context["topics"]) == count


TOPIC_QUERY_BOUND = 30  # about 14 of them are the site shell


@pytest.mark.django_db
@pytest.mark.parametrize("backlink_count", [1, 20])
def test_topic_page_query_count_with_many_backlinks_is_bounded(
    client, topic_index, make_topic, django_assert_max_num_queries, backlink_count
):
    target = make_topic(title="Ziel", body=[heading("Eins"), heading("Zwei")])
    target.tags.add("KI", "Metadaten")
    target.related_topic_links = [TopicRelatedTopic(page=make_topic(title="Verwandt"))]
    target.save_revision().publish()
    for number in range(backlink_count):
        source = make_topic(title=f"Quelle {number:02}")
        source.body = [paragraph(f'<p><a linktype="page" id="{target.pk}">Ziel</a></p>')]
        source.save_revision().publish()
    StandardPageFactory(
        parent=topic_index.get_parent(),
        title="Impressum",
        body=[paragraph(f'<p><a linktype="page" id="{target.pk}">x</a></p>')],
    )
    edition = EventPageFactory(parent=EventIndexPageFactory(parent=topic_index.get_parent()))
    asker = UserFactory()
    for number in range(backlink_count):
        thread = ask(
            edition,
            asker,
            title=f"Frage Nummer {number:02} zum Ziel",
            body=f"[Ziel]({target.url})",
            is_anonymous=number % 2 == 0,
        )
        reply(thread, asker, body=f"Auch hier: <http://localhost{target.url}>")
    client.get(target.url)

    with django_assert_max_num_queries(TOPIC_QUERY_BOUND):
        response = client.get(target.url)

    assert len(response.context["backlinks"]) == backlink_count + 1  # and the Impressum
    assert len(response.context["thread_backlinks"]) == backlink_count
