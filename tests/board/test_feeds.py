"""Atom feeds: only visible content, escaped titles, sanitised HTML, bounded queries."""

from xml.etree import ElementTree

from django.urls import reverse

import pytest

from board import services
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own response
    return root, [
        (
            entry.findtext(f"{ATOM}title"),
            entry.findtext(f"{ATOM}summary") or "",
            entry.findtext(f"{ATOM}author/{ATOM}name"),
        )
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_edition_feed_lists_only_public_threads(client, edition, anna, ben, moderator):
    visible = ask(
        edition, anna, title="Sichtbare Frage <script>alert(1)</script>", body="Text *kursiv*"
    )
    hidden = ask(edition, ben, title="Ausgeblendete Frage zum Feed")
    services.hide_post(
        post=hidden.posts.get(parent__isnull=True), moderator=moderator, reason="Spam"
    )
    duplicate = ask(edition, ben, title="Doppelte Frage zum Feed hier")
    services.merge_threads(source=duplicate, target=visible, moderator=moderator, reason="doppelt")
    anonymous = ask(edition, ben, title="Anonyme Frage zum Feed hier", is_anonymous=True)

    response = client.get(reverse("board:edition_feed", args=[2025]))

    root, entries = _entries(response)
    assert root.findtext(f"{ATOM}title") == "Fragen zur Ausgabe 2025 – Kooperationsraum"
    assert [title for title, _s, _a in entries] == [anonymous.title, visible.title]
    assert entries[1][1] == "<p>Text <em>kursiv</em></p>"
    assert entries[1][2] == "Anna Archiv"
    assert entries[0][2] == "anonym"
    assert b"<script>" not in response.content  # the title is escaped in the XML
    assert b"Ben Bibliothek" not in response.content


def test_edition_feed_unknown_year_is_404(client, edition):
    response = client.get(reverse("board:edition_feed", args=[1999]))

    assert response.status_code == 404


def test_tag_feed(client, edition, anna):
    ask(edition, anna, title="Frage mit Schlagwort Scanner", tags=["Scanner"])
    ask(edition, anna, title="Frage ohne passendes Schlagwort", tags=["Lizenzen"])

    response = client.get(reverse("board:tag_feed", args=["Scanner"]))

    _root, entries = _entries(response)
    assert [title for title, _s, _a in entries] == ["Frage mit Schlagwort Scanner"]
    # Another spelling leads to the tag's own feed; a tag no listed question carries has none.
    other = client.get(reverse("board:tag_feed", args=["scanner"]))
    assert other.status_code == 301
    assert other["Location"] == reverse("board:tag_feed", args=["Scanner"])
    assert client.get(reverse("board:tag_feed", args=["Drucker"])).status_code == 404


def test_thread_feed_hides_hidden_and_pending_replies(client, thread, ben, clara, moderator):
    kept = reply(thread, ben, body="Sichtbare Antwort")
    gone = reply(thread, clara, body="Verborgene Antwort")
    services.hide_post(post=gone, moderator=moderator, reason="Spam")

    response = client.get(reverse("board:thread_feed", args=[thread.pk]))

    _root, entries = _entries(response)
    assert [(title, summary) for title, summary, _a in entries] == [
        ("Antwort von Ben Bibliothek", "<p>Sichtbare Antwort</p>"),
        (thread.title, "<p>Frage <strong>fett</strong></p>"),
    ]
    assert b"Verborgene" not in response.content
    assert kept.pk


def test_thread_feed_of_hidden_thread_is_404(client, thread, root, moderator):
    services.hide_post(post=root, moderator=moderator, reason="Spam")

    response = client.get(reverse("board:thread_feed", args=[thread.pk]))

    assert response.status_code == 404


def test_feed_content_is_the_sanitised_html(client, edition, anna):
    thread = ask(
        edition, anna, title="Frage mit gefährlichem Text", body='<img src=x onerror="alert(1)"> ok'
    )

    response = client.get(reverse("board:edition_feed", args=[2025]))

    _root, entries = _entries(response)
    assert entries[0][1] == thread.posts.get(parent__isnull=True).body_html
    assert "<img" not in entries[0][1]


def test_pages_link_their_feeds(client, thread, edition):
    detail = client.get(thread.get_absolute_url()).content.decode()
    listing = client.get(reverse("board:index") + "?ausgabe=2025&schlagwort=a/b").content.decode()

    assert f'href="{reverse("board:thread_feed", args=[thread.pk])}"' in detail
    assert f'href="{reverse("board:edition_feed", args=[2025])}"' in listing
    assert 'href="/fragen/feed/schlagwort/a/b/"' in listing or "feed/schlagwort/a/b/" in listing


@pytest.mark.parametrize("name", ["edition", "thread"])
def test_feed_query_count_does_not_grow(
    client, edition, anna, ben, name, django_assert_max_num_queries
):
    thread = ask(edition, anna, tags=["Scanner"])
    reply(thread, ben)
    url = (
        reverse("board:edition_feed", args=[2025])
        if name == "edition"
        else reverse("board:thread_feed", args=[thread.pk])
    )
    with django_assert_max_num_queries(20) as one:
        client.get(url)
    for number in range(6):
        ask(edition, anna, title=f"Weitere Frage Nummer {number}", tags=["Scanner", "Lizenz"])
        reply(thread, ben, body=f"Antwort {number}")

    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)
