"""No German UI string on English pages (issue 15): every page type on /en/, scanned in the browser
for the msgids of locale/en that have an English translation of their own.

Content in another language is not UI: elements marked `lang="de"` (a German question listed on
the English board) are left out of the scan, as are the language switch's own names.
"""

import re
from pathlib import Path

import pytest

from .test_board import fresh_thread, login

PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Text a reader sees or hears: text nodes, alternative texts, labels, placeholders, tooltips and
# button captions, outside elements in another language, <script>, <style>, hidden inputs and what
# a person typed (<textarea>). The document title is left out: it names German content (a German
# question's title) and cannot mark its language.
VISIBLE_TEXT = """() => {
    const parts = [];
    const skip = (el) => el.closest(
        '[lang]:not([lang^="en"]), script, style, template, noscript, textarea');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        if (!skip(node.parentElement)) parts.push(node.textContent);
    }
    const labelled = '[alt], [title], [aria-label], [placeholder], input[type=submit][value]';
    for (const el of document.querySelectorAll(labelled)) {
        if (skip(el)) continue;
        for (const name of ['alt', 'title', 'aria-label', 'placeholder']) {
            if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
        }
        if (el.type === 'submit') parts.push(el.value);
    }
    return parts.join('\\n');
}"""

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>|\{\{[^}]*\}\}")


def po_entries(text):
    """(msgid, msgid_plural, [msgstr...], fuzzy) of each entry of a .po file."""
    entries = []
    for block in text.split("\n\n"):
        fields, current = {}, None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith('"'):
                fields[current] += _unquote(line)
                continue
            key, _, value = line.partition(" ")
            current = key
            fields[key] = _unquote(value)
        if "msgid" in fields and fields["msgid"]:
            strings = [value for key, value in fields.items() if key.startswith("msgstr")]
            entries.append((fields["msgid"], fields.get("msgid_plural"), strings, fuzzy))
    return entries


def _unquote(quoted):
    return quoted.strip()[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def german_fragments():
    """Literal pieces of German msgids that must not appear on an English page.

    An entry counts when it is translated and its English text differs (a msgid such as "Live"
    or "Mastodon" is the same in both languages). Placeholders split a msgid into pieces; a piece
    counts when it is at least two words or eight characters long, so that "von", "am" and
    single letters do not match English text by chance.
    """
    fragments = set()
    entries = po_entries(PO_FILE.read_text(encoding="utf-8"))
    # Words that English uses too: any piece found in some English translation ("Moderation" is
    # German for the staff badge "Moderator" and English in "Moderation log").
    english = "\n".join(string for _id, _plural, strings, _fuzzy in entries for string in strings)
    for msgid, plural, strings, fuzzy in entries:
        if fuzzy or not all(strings):
            continue
        for source in filter(None, (msgid, plural)):
            if source in strings or "/" in source:  # the same in English, or a URL path
                continue
            for piece in PLACEHOLDER.split(source):
                piece = " ".join(piece.split()).strip(" .,:;!?–-„“\"'()")
                if any(piece in string for string in strings) or re.search(
                    rf"(?<!\w){re.escape(piece)}(?!\w)", english
                ):
                    continue  # a name kept in English, e.g. "Kooperationsraum"
                if len(piece) >= 8 or (" " in piece and len(piece) >= 5):
                    fragments.add(piece)
                elif len(piece) >= 4 and piece == source.strip(" .:"):
                    fragments.add(piece)  # a whole short msgid, e.g. "Vorab", "Offen"
    return fragments


# German words that are content, not UI: the demo site's editor is called "Rita Redaktion".
CONTENT_WORDS = {"Redaktion"}


def leaks(text, fragments):
    found = set()
    for fragment in fragments - CONTENT_WORDS:
        if fragment in text and re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text):
            found.add(fragment)
    return sorted(found)


def test_catalogue_parser_finds_german_fragments():
    """Guards the guard: the scan knows German strings and finds them in a text."""
    fragments = german_fragments()

    assert "Zum Inhalt springen" in fragments
    assert "Vorab" in fragments
    assert "Kooperationsraum" not in fragments
    assert "Moderation" not in fragments
    assert leaks("Skip\nZum Inhalt springen\n", fragments) == ["Inhalt", "Zum Inhalt springen"]
    assert leaks("Skip to content", fragments) == []


def in_english(name, *args, query=""):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(name, args=args) + query


def english_paths():
    from board.models import Thread

    thread = Thread.objects.public().order_by("-reply_count").first()
    return [
        "/en/",
        "/en/editions/",
        "/en/editions/2025/",
        "/en/editions/2024/",
        "/en/legal-notice/",
        "/en/privacy/",
        "/en/accessibility/",
        "/en/topics/",
        "/en/topics/ai-in-collections-practice/",
        "/en/topics/tag/ki/",
        "/en/topics/recent-changes/",
        in_english("board:index"),
        in_english("board:index", query="?ausgabe=2025&phase=vorab"),
        in_english("board:thread", thread.pk, thread.slug),
        in_english("search", query="?q=Digitalisierung"),
        in_english("search", query="?q=zzzzqqq"),
        in_english("search"),
        in_english("account_login"),
        in_english("account_signup"),
        "/en/gibt-es-nicht/",
    ]


@pytest.fixture
def german_strings():
    return german_fragments()


def scan(site, paths, german_strings):
    found = {}
    for path in paths:
        response = site.goto(path)
        assert response.status in (200, 404), (path, response.status)
        leaked = leaks(site.page.evaluate(VISIBLE_TEXT), german_strings)
        if leaked:
            found[site.page.url.removeprefix(site.base_url)] = leaked
    return found


def test_english_pages_show_no_german_ui_string(site, german_strings):
    assert scan(site, english_paths(), german_strings) == {}


def test_english_pages_of_a_participant_show_no_german_ui_string(site, german_strings):
    from django.utils import translation

    with translation.override("de"):  # a German question, as written on a German page
        thread, _answer = fresh_thread(asker="anna@kooperationsraum.test")
    login(site, "anna@kooperationsraum.test", "demo-teilnahme")
    paths = [
        in_english("board:thread", thread.pk, thread.slug),
        in_english("board:ask", query="?ausgabe=2025"),
        in_english("board:edit", thread.posts.get(parent=None).pk),
        in_english("accounts:profile"),
        in_english("board:mine"),
        in_english("board:mine_replies"),
        in_english("board:mine_subscriptions"),
        in_english("board:mine_votes"),
    ]
    assert scan(site, paths, german_strings) == {}


def test_english_history_page_shows_no_german_ui_string(site, german_strings):
    from board import services

    with translation_de():
        thread, _answer = fresh_thread(asker="anna@kooperationsraum.test", with_reply_by=None)
        root = thread.posts.get(parent=None)
        services.edit_post(post=root, editor=root.author, body="Neu gefasst.", version=1)
    path = in_english("board:history", root.pk)
    assert scan(site, [path], german_strings) == {}


def translation_de():
    from django.utils import translation

    return translation.override("de")
