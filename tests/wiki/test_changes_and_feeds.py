""" "Letzte Änderungen", its Atom feed and the per-tag feeds; untrusted text stays text."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from ..factories import UserFactory

ATOM = "{http://www.w3.org/2005/Atom}"
NASTY = "<script>alert(\"x\")</script> & 'Zitat'"


def parse_feed(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own feed, in a test)


def entries(feed):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


@pytest.mark.django_db
def test_recent_changes_list_published_revisions_newest_first_with_editor(
    client, topic_index, make_topic, editor, chief_editor
):
    first = make_topic(title="Erstes Thema")
    first.save_revision(user=editor).publish(user=chief_editor)
    second = make_topic(title="Zweites Thema")
    second.save_revision(user=chief_editor).publish(user=chief_editor)
    first.summary = "Überarbeitet."
    first.save_revision(user=editor).publish(user=chief_editor)
    draft = make_topic(title="Entwurf", live=False)
    draft.save_revision(user=editor)

    response = client.get(topic_index.url + "letzte-aenderungen/")

    changes = response.context["changes"]
    assert [(c.page.title, c.editor) for c in changes] == [
        ("Erstes Thema", "Rita Redaktion"),
        ("Zweites Thema", "Charlotte Chefredaktion"),
        ("Erstes Thema", "Rita Redaktion"),
    ]
    html = response.content.decode()
    assert "bearbeitet von Rita Redaktion" in html
    assert "Entwurf" not in html
    assert html.count('class="change"') == 3


@pytest.mark.django_db
def test_recent_changes_leave_out_private_and_unpublished_pages(
    client, topic_index, make_topic, editor
):
    private = make_topic(title="Privat")
    private.save_revision(user=editor).publish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    withdrawn = make_topic(title="Zurückgezogen")
    withdrawn.save_revision(user=editor).publish()
    withdrawn.unpublish()
    public = make_topic(title="Öffentlich")
    public.save_revision(user=editor).publish()

    assert [c.page.title for c in topic_index.specific.recent_changes()] == ["Öffentlich"]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_recent_changes_query_count_is_bounded(
    client, topic_index, make_topic, django_assert_max_num_queries, count
):
    for number in range(count):
        topic = make_topic(title=f"Thema {number}")
        topic.save_revision(user=UserFactory()).publish()
    client.get(topic_index.url + "letzte-aenderungen/")

    with django_assert_max_num_queries(26):
        response = client.get(topic_index.url + "letzte-aenderungen/")
    with django_assert_max_num_queries(12):
        client.get(topic_index.url + "feed/")

    assert len(response.context["changes"]) == count


@pytest.mark.django_db
def test_recent_changes_feed_is_atom_with_one_entry_per_publication(
    client, topic_index, make_topic, editor
):
    topic = make_topic(title="Lizenzen", summary="Offen ist, was nachgenutzt werden darf.")
    topic.body = [("heading", {"text": "Welche Lizenz wofür", "level": "h2"})]
    topic.save_revision(user=editor).publish()

    feed = parse_feed(client.get(topic_index.url + "feed/"))

    assert feed.findtext(f"{ATOM}title") == "Letzte Änderungen – Themen im Kooperationsraum"
    (entry,) = entries(feed)
    assert entry["title"] == "Lizenzen"
    assert entry["author"] == "Rita Redaktion"
    assert entry["link"].endswith("/themen/lizenzen/")
    assert entry["summary"] == (
        "<p>Offen ist, was nachgenutzt werden darf.</p><p>Abschnitte: Welche Lizenz wofür</p>"
    )


@pytest.mark.django_db
def test_tag_feed_lists_topics_with_the_tag(client, topic_index, make_topic):
    tagged = make_topic(title="Mit Schlagwort")
    tagged.tags.add("KI")
    tagged.save()
    make_topic(title="Ohne Schlagwort")

    feed = parse_feed(client.get(topic_index.url + "schlagwort/ki/feed/"))

    assert [(e["title"], e["categories"]) for e in entries(feed)] == [("Mit Schlagwort", ["KI"])]
    assert client.get(topic_index.url + "schlagwort/unbekannt/feed/").status_code == 404


@pytest.mark.django_db
def test_pages_link_their_feeds(client, topic_index, make_topic):
    topic = make_topic(title="Thema")
    topic.tags.add("KI")
    topic.save()

    for url in (topic_index.url, topic.url, topic_index.url + "letzte-aenderungen/"):
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml" href="/themen/feed/"' in html
    tag_page = client.get(topic_index.url + "schlagwort/ki/").content.decode()
    assert 'href="/themen/schlagwort/ki/feed/"' in tag_page


@pytest.mark.django_db
def test_markup_in_titles_headings_and_tags_stays_text_everywhere(
    client, topic_index, make_topic, editor
):
    topic = make_topic(title=NASTY, summary=NASTY, slug="boese")
    topic.body = [
        ("heading", {"text": NASTY, "level": "h2"}),
        ("heading", {"text": '"><img src=x onerror=alert(1)>', "level": "h3"}),
    ]
    topic.tags.add(NASTY)
    topic.save_revision(user=editor).publish()

    page_html = client.get(topic.url).content.decode()
    index_html = client.get(topic_index.url).content.decode()
    changes_html = client.get(topic_index.url + "letzte-aenderungen/").content.decode()
    change_feed = parse_feed(client.get(topic_index.url + "feed/"))
    tag_slug = topic.tags.first().slug
    tag_feed = parse_feed(client.get(topic_index.url + f"schlagwort/{tag_slug}/feed/"))

    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Zitat&#x27;"
    for html in (page_html, index_html, changes_html):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert escaped in html
    # Table of contents and anchors: slugs carry no markup.
    assert [entry.anchor for entry in topic.table_of_contents()] == [
        "scriptalertxscript-zitat",
        "img-srcx-onerroralert1",
    ]
    assert f'<a href="#scriptalertxscript-zitat">{escaped}</a>' in page_html
    assert f'<h2 id="scriptalertxscript-zitat">{escaped}</h2>' in page_html
    # Feeds: titles are plain text, summaries (type="html") are escaped HTML.
    for feed in (change_feed, tag_feed):
        (entry,) = entries(feed)
        assert entry["title"] == NASTY
        assert "<script>" not in entry["summary"]
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in entry["summary"]
    assert entries(tag_feed)[0]["categories"] == [NASTY]
