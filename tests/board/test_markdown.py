"""The render-and-sanitise pipeline: what participants may format, and what never survives."""

import html
import re
from html.parser import HTMLParser

import pytest

from board.markdown import ALLOWED_TAGS, LINK_REL, render_markdown

from .xss_corpus import PAYLOADS

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "background", "xlink:href"}


class Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(markup):
    parser = Collector()
    parser.feed(markup)
    parser.close()
    return parser.elements


def browser_url(value):
    """A URL as a browser resolves it: entities decoded, whitespace and controls dropped."""
    value = html.unescape(value or "")
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


def unsafe_findings(markup, *, allowed_script_src=None):
    """Everything executable or external in a piece of HTML."""
    findings = []
    for tag, attrs in elements(markup):
        if tag == "script" and not (
            allowed_script_src and (attrs.get("src") or "").startswith(allowed_script_src)
        ):
            findings.append(f"script element {attrs}")
        if tag in {"style", "iframe", "object", "embed", "svg", "math", "base"}:
            findings.append(f"{tag} element")
        if tag == "meta" and "http-equiv" in attrs:
            findings.append("meta http-equiv element")
        if tag == "form" and not allowed_script_src:
            findings.append("form element")
        if tag == "img" and re.match(r"(https?:)?//", attrs.get("src") or ""):
            findings.append(f"external image {attrs['src']}")
        for name, value in attrs.items():
            if name.startswith("on"):
                findings.append(f"event handler {name}")
            if name == "style":
                findings.append("style attribute")
            if name in URL_ATTRIBUTES and browser_url(value).startswith(DANGEROUS_SCHEMES):
                findings.append(f"dangerous URL {name}={value}")
    return findings


def test_corpus_has_at_least_80_payloads():
    assert len(PAYLOADS) >= 80
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_produces_no_executable_markup(payload):
    output = render_markdown(payload)

    assert unsafe_findings(output) == []
    assert {tag for tag, _attrs in elements(output)} <= ALLOWED_TAGS
    assert "<script" not in output.lower()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**fett** und *kursiv*", "<p><strong>fett</strong> und <em>kursiv</em></p>"),
        ("- eins\n- zwei", "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>"),
        ("> Zitat", "<blockquote>\n<p>Zitat</p>\n</blockquote>"),
        ("`code`", "<p><code>code</code></p>"),
        ("~~weg~~", "<p><s>weg</s></p>"),
        ("Zeile 1\nZeile 2", "<p>Zeile 1<br>\nZeile 2</p>"),
        ("# Keine Überschrift", "<p># Keine Überschrift</p>"),
    ],
)
def test_markdown_formatting_is_kept(source, expected):
    assert render_markdown(source) == expected


def test_links_get_rel_and_only_safe_schemes():
    output = render_markdown(
        "[Web](https://example.org) [Mail](mailto:a@example.org) [Böse](javascript:alert(1)) "
        "und https://nackt.example.org"
    )

    links = [attrs for tag, attrs in elements(output) if tag == "a"]
    assert [link["href"] for link in links] == [
        "https://example.org",
        "mailto:a@example.org",
        "https://nackt.example.org",
    ]
    assert {link["rel"] for link in links} == {LINK_REL}


def test_images_never_become_img_elements():
    output = render_markdown("![Logo](https://example.org/logo.png)")

    assert "<img" not in output
    assert 'href="https://example.org/logo.png"' in output


def test_empty_and_none_render_to_empty_string():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_sanitiser_can_be_swapped_in_one_place(monkeypatch):
    from board import markdown

    class Shouting:
        def clean(self, markup):
            return markup.upper()

    monkeypatch.setattr(markdown, "SANITIZER", Shouting())

    assert render_markdown("hallo") == "<P>HALLO</P>"


@pytest.mark.django_db
def test_thread_page_with_every_payload_contains_no_executable_markup(
    client, edition, anna, ben, monkeypatch
):
    from board import services
    from board.views import threads as views
    from tests.factories import ask

    monkeypatch.setattr(views, "FLAT_POSTS_PER_PAGE", 1000)
    thread = ask(edition, anna, title="Alle Angriffe auf einer Seite", body=PAYLOADS[0])
    for payload in PAYLOADS[1:]:
        services.post_reply(thread=thread, author=ben, body=payload)

    response = client.get(thread.get_absolute_url() + "?ansicht=flach")
    page = response.content.decode()

    assert response.status_code == 200
    assert page.count('class="post__body prose"') == len(PAYLOADS)
    # The site's header carries its own logo as an inline SVG; everything else on the page,
    # participants' text included, must hold nothing executable.
    logo = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    assert 'class="site-logo__mark"' in logo
    assert unsafe_findings(page.replace(logo, ""), allowed_script_src="/static/") == []
    assert "xss.example" not in re.findall(r'<img[^>]+src="([^"]+)"', page)
