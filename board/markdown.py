"""The one render-and-sanitise pipeline for participant content.

``render_markdown(text)`` turns a participant's Markdown into HTML that is safe to show:

1. markdown-it-py with the ``js-default`` preset (CommonMark plus tables and strikethrough), raw
   HTML off, hard line breaks on. Headings are off (a post must not break the page's heading
   hierarchy: ``# Text`` stays text) and so are images (``![alt](url)`` stays a link to the URL,
   never an external image).
2. The sanitiser, always last: a strict allowlist of tags and attributes, only ``http``,
   ``https`` and ``mailto`` links, every link with ``rel="nofollow ugc noopener noreferrer"``,
   bare URLs linkified.

The sanitiser is the ``SANITIZER`` object below; to swap bleach for nh3, replace that one object
(anything with a ``clean(html) -> str`` method).

Posts keep their rendered HTML (``Post.body_html``, written by ``board.services`` on save and on
edit) together with the ``HTML_VERSION`` it was rendered with. **Raise ``HTML_VERSION`` whenever
this pipeline changes** (allowlist, presets, link handling): the thread page then renders stale
posts afresh instead of showing their stored HTML, and ``manage.py refresh_board_html`` stores
the new HTML for every stale post (run it after deploying).

**Bounded work.** A post may hold ``board.services.MAX_BODY_LENGTH`` characters, and every input
of that size must render in a fraction of a second (the preview renders whatever is posted).
Two parts of the pipeline were superlinear on crafted input:

- markdown-it's link rule looks for the closing ``]`` of every ``[`` by skipping token after
  token, up to ``maxNesting`` levels deep; the ``js-default`` preset allows 100 levels, so a run
  of ``[`` (or ``[*``, ``![``, ``[[[…]]]``) cost about 100 skip steps per character (``"[" * 10000``
  about 3 s). ``MAX_NESTING`` (20, CommonMark's own preset) bounds that and the depth of nested
  blockquotes and lists.
- bleach's linkify pattern starts with ``\\(*`` and scans host labels with ``[\\w-]+``: at every
  start position the regular expression consumes the rest of a run of ``(`` (or of ``a-a-a-…``)
  and backtracks, quadratic in the run (``"[a](" + "(" * 9995`` about 4 s, ``"a-." * 3333``
  about 70 s). ``URL_RE`` below is the same pattern with bounded repetitions (a few parentheses,
  DNS-sized labels), so each start position costs a bounded number of steps; the links it finds
  in ordinary text are the same.

The rest is linear in the input, but the sanitiser (bleach on html5lib, pure Python) costs about
as much per HTML element as markdown-it: a text that parses into more than ``MAX_TOKENS`` tokens
is shown as plain paragraphs of escaped text instead. A post of ten thousand characters written
by a person has a few hundred tokens, a densely formatted one about 3 600; ``"a|b\\n" * 2500`` is
a table of 2 500 rows, 25 000 tokens. tests/board/test_markdown_bounds.py counts the work on a
corpus of pathological inputs at the maximum size; ``bench/markdown_bounds.py`` times them.
"""

import re
from functools import partial
from html import escape

import bleach
from bleach import html5lib_shim
from bleach.linkifier import TLDS, LinkifyFilter
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener noreferrer"
MAX_RENDER_LENGTH = 50_000
#: markdown-it's recursion limit (CommonMark preset; ``js-default`` has 100). See "Bounded work".
MAX_NESTING = 20
#: More Markdown tokens than this and the text is shown as plain paragraphs (see "Bounded work").
MAX_TOKENS = 5_000

#: Version of this pipeline; stored with each post's HTML (see the module docstring).
HTML_VERSION = 2


def build_url_re(tlds=TLDS, protocols=html5lib_shim.allowed_protocols):
    """bleach's ``linkifier.build_url_re`` with bounded repetitions (see "Bounded work").

    At most three leading parentheses (bleach strips them from the link again); host names of at
    most ten labels, each starting with a letter or digit (as in DNS) and at most 63 characters
    long; ports of at most five digits; the protocols and top-level domains as trees of
    alternatives (one branch tried per character, not every one of 274 top-level domains). So
    each place where a link might start costs a bounded number of steps. Only the path at the
    end repeats without bound, and nothing after it can make it backtrack. Links in ordinary
    text are found as by bleach's.
    """
    schemes, domains = _alternation_tree(protocols), _alternation_tree(tlds)
    return re.compile(
        rf"""\({{0,3}}  # a few opening parentheses (bleach: any number)
        \b(?<![@.])(?:(?:{schemes}):/{{0,3}}(?:(?:\w{{1,64}}:)?\w{{1,64}}@)?)?  # http://
        (?:\w[\w-]{{0,62}}\.){{1,10}}(?:{domains})(?:\:[0-9]{{1,5}})?(?!\.\w)\b  # xx.yy.tld(:##)?
        (?:[/?][^\s\{{\}}\|\\\^`<>"]*)?  # /path/zz (bleach's set of excluded characters)
        """,
        re.IGNORECASE | re.VERBOSE | re.UNICODE,
    )


def _alternation_tree(words):
    """``a|ab|b`` as ``(?:a(?:b)?|b)``: the regular expression engine tries one branch per
    character instead of every word (bleach lists 274 top-level domains, tried
    at every place a host name might end)."""
    tree = {}
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node):
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


URL_RE = build_url_re()


def _set_rel(attrs, new=False):
    """bleach linkify callback: every link, old or new, gets the same rel and no target."""
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


class BleachSanitizer:
    """Strict allowlist sanitiser (bleach). Replace ``SANITIZER`` to swap the implementation."""

    def __init__(self):
        self._cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
            filters=[
                partial(
                    LinkifyFilter,
                    callbacks=[_set_rel],
                    skip_tags={"pre", "code"},
                    url_re=URL_RE,
                )
            ],
        )

    def clean(self, html):
        return self._cleaner.clean(html)


SANITIZER = BleachSanitizer()


def _markdown_parser():
    parser = MarkdownIt(
        "js-default",
        {"html": False, "breaks": True, "linkify": False, "maxNesting": MAX_NESTING},
    )
    parser.disable(["heading", "lheading", "image", "html_block", "html_inline"])
    return parser


_PARSER = _markdown_parser()


def render_markdown(text):
    """Participant Markdown -> sanitised HTML (the only way board content becomes HTML)."""
    text = (text or "")[:MAX_RENDER_LENGTH]
    tokens = _PARSER.parse(text)
    if token_count(tokens) > MAX_TOKENS:
        return SANITIZER.clean(_plain_html(text)).strip()
    return SANITIZER.clean(_PARSER.renderer.render(tokens, _PARSER.options, {})).strip()


def token_count(tokens):
    """Block tokens and the inline tokens inside them."""
    return sum(1 + len(token.children or ()) for token in tokens)


def _plain_html(text):
    """Text that would be more than ``MAX_TOKENS`` elements: paragraphs of plain, escaped text."""
    paragraphs = (part.strip() for part in re.split(r"\n\s*\n", text))
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs if part)
