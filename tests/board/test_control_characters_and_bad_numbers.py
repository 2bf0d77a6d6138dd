"""Input that used to break pages and feeds (issue 11): control characters (M2) and crafted
numeric parameters (L3). Text is cleaned at the form and the service, and feeds clean what
was stored before; a bad number is ignored or a 404, never a 500."""

from xml.etree import ElementTree

from django.urls import reverse

import pytest
from taggit.models import Tag

from accounts.text import CleanAtom1Feed, parse_pk, parse_year
from board import services
from board.models import Flag, Thread
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db

BIG = "9223372036854775808"  # one more than a bigint holds
SUPERSCRIPT_TWO = "²"  # str.isdigit() says yes, int() says no


def atom(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own response


# --- M2: control characters ------------------------------------------------------------------


def test_services_drop_control_characters_but_keep_newlines_and_tabs(edition, anna, moderator):
    thread = ask(
        edition,
        anna,
        title="Frage mit\x01 Steuer\x1bzeichen?",
        body="Zeile 1\r\nZeile\x00 2\n\tEingerückt\x7f",
        tags=["a\x02b", "\x03"],
    )
    root = thread.posts.get(parent__isnull=True)
    services.lock_thread(thread=thread, moderator=moderator, reason="Grund\x01\nzwei")

    thread.refresh_from_db()
    assert thread.title == "Frage mit Steuerzeichen?"
    assert root.body == "Zeile 1\nZeile 2\n\tEingerückt"
    assert [tag.name for tag in thread.tags.all()] == ["ab"]
    assert thread.moderation_log.get().reason == "Grund zwei"


def test_flag_text_is_cleaned(thread, root, ben):
    services.flag_post(post=root, reporter=ben, reason=Flag.Reason.SPAM, text="Werbung\x05!\n")

    assert Flag.objects.get().text == "Werbung!"


def test_ask_form_cleans_title_body_and_tags(client, edition, anna):
    client.force_login(anna)

    response = client.post(
        reverse("board:ask"),
        {
            "title": "Wie\x01 teilen\r\nkleine Häuser?",
            "body": "Text\x02 mit\nZeilen",
            "edition": edition.pk,
            "tags": "IIIF\x03, Norm\x04daten",
        },
    )

    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.title == "Wie teilen kleine Häuser?"
    assert thread.posts.get().body == "Text mit\nZeilen"
    assert sorted(tag.name for tag in thread.tags.all()) == ["IIIF", "Normdaten"]


@pytest.fixture
def dirty_thread(edition, anna, ben):
    """A thread as stored before input was cleaned: control characters in title, tag, body."""
    thread = ask(edition, anna, title="Saubere Frage zum Feed", tags=["sauber"])
    reply(thread, ben, "Antwort")
    Thread.objects.filter(pk=thread.pk).update(title="Alte\x01 Frage")
    thread.posts.update(body_html="<p>Alt\x02</p>", body="Alt\x02")
    Tag.objects.filter(name="sauber").update(name="sau\x02ber")
    return thread


def test_edition_feed_survives_stored_control_characters(client, dirty_thread):
    feed = atom(client.get(reverse("board:edition_feed", args=[2025])))

    titles = [entry.findtext("{http://www.w3.org/2005/Atom}title") for entry in feed]
    assert "Alte Frage" in titles


def test_thread_feed_survives_stored_control_characters(client, dirty_thread):
    atom(client.get(reverse("board:thread_feed", args=[dirty_thread.pk])))


def test_tag_feed_survives_stored_and_requested_control_characters(client, dirty_thread):
    atom(client.get(reverse("board:tag_feed", args=["sau\x02ber"])))
    assert client.get("/fragen/feed/schlagwort/a%01b/").status_code == 404  # no such tag


def test_clean_atom_feed_writes_any_text_as_xml():
    feed = CleanAtom1Feed(title="T\x01", link="/", description="D\x02")
    feed.add_item(title="I\x03", link="/i/", description="<p>x\x04</p>", categories=["c\x05"])

    root = ElementTree.fromstring(feed.writeString("utf-8"))  # noqa: S314 - built here

    assert root.findtext("{http://www.w3.org/2005/Atom}title") == "T"


# --- L3: numeric parameters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025", 2025), ("10000", None), ("0", None), (SUPERSCRIPT_TWO, None), ("", None)],
)
def test_parse_year(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), (BIG, None), (str(2**63 - 1), 2**63 - 1), (SUPERSCRIPT_TWO, None), ("-1", None)],
)
def test_parse_pk(value, expected):
    assert parse_pk(value) == expected


@pytest.mark.parametrize(
    "query",
    [
        "ausgabe=10000",
        "ausgabe=" + BIG,
        "ausgabe=%C2%B2",
        "thema=" + BIG,
        "thema=%C2%B2",
    ],
)
def test_thread_list_ignores_bad_numbers(client, thread, query):
    response = client.get(f"/fragen/?{query}")

    assert response.status_code == 200
    assert thread.title in response.content.decode()


@pytest.mark.parametrize("value", ["10000", BIG, "%C2%B2"])
def test_ask_and_moderation_log_ignore_a_bad_edition_year(client, thread, anna, value):
    client.force_login(anna)

    assert client.get(f"/fragen/neu/?ausgabe={value}").status_code == 200
    assert client.get(f"/fragen/moderation/?ausgabe={value}").status_code == 200


def test_edition_feed_of_an_impossible_year_is_404(client, edition):
    assert client.get("/fragen/feed/ausgabe/10000/").status_code == 404
    assert client.get(f"/fragen/feed/ausgabe/{BIG}/").status_code == 404


@pytest.mark.parametrize("value", [BIG, "%C2%B2"])
def test_reply_page_ignores_a_bad_parent(client, thread, ben, value):
    client.force_login(ben)

    response = client.get(f"{reverse('board:reply', args=[thread.pk])}?auf={value}")

    assert response.status_code == 200


def test_reply_with_an_impossible_parent_is_a_form_error(client, thread, ben):
    client.force_login(ben)

    response = client.post(
        reverse("board:reply", args=[thread.pk]), {"body": "Antwort", "parent": BIG}
    )

    assert response.status_code == 200
    assert thread.posts.count() == 1
