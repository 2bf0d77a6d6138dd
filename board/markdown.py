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
"""

from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter
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

#: Version of this pipeline; stored with each post's HTML (see the module docstring).
HTML_VERSION = 1


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
            filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
        )

    def clean(self, html):
        return self._cleaner.clean(html)


SANITIZER = BleachSanitizer()


def _markdown_parser():
    parser = MarkdownIt("js-default", {"html": False, "breaks": True, "linkify": False})
    parser.disable(["heading", "lheading", "image", "html_block", "html_inline"])
    return parser


_PARSER = _markdown_parser()


def render_markdown(text):
    """Participant Markdown -> sanitised HTML (the only way board content becomes HTML)."""
    text = (text or "")[:MAX_RENDER_LENGTH]
    return SANITIZER.clean(_PARSER.render(text)).strip()
