"""StreamField blocks of the topic pages: the shared content blocks plus a privacy-friendly embed.

The embed block never asks a third party for anything while the page is rendered or edited: it
recognises the allowed providers' URLs itself (no oEmbed request) and renders a placeholder; the
player's iframe is only inserted by static/js/wiki.js after the reader clicks.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from home.blocks import HeadingBlock, content_blocks


class TopicHeadingBlock(HeadingBlock):
    """A section heading whose anchor is made unique for the page by the table of contents."""

    class Meta:
        # Same template, icon and preview as the shared heading block.
        label = _("Überschrift")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # TopicPage passes the de-duplicated anchor (see wiki.toc); keep the slug otherwise.
        anchor = (parent_context or {}).get("heading_anchor")
        if anchor:
            context["anchor"] = anchor
        return context


@dataclass(frozen=True)
class EmbedProvider:
    name: str
    pattern: re.Pattern
    embed_url: str  # format string with {id}


_YOUTUBE_ID = r"(?P<id>[A-Za-z0-9_-]{11})"
EMBED_PROVIDERS = (
    EmbedProvider(
        "YouTube",
        re.compile(
            r"^https://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)"
            r"|youtube-nocookie\.com/embed/|youtu\.be/)" + _YOUTUBE_ID + r"(?:[?&#/].*)?$"
        ),
        # The no-cookie domain sets no tracking cookies before the video is played.
        "https://www.youtube-nocookie.com/embed/{id}",
    ),
    EmbedProvider(
        "Vimeo",
        re.compile(
            r"^https://(?:www\.|player\.)?vimeo\.com/(?:video/)?(?P<id>\d{5,12})(?:[?#/].*)?$"
        ),
        "https://player.vimeo.com/video/{id}?dnt=1",
    ),
)


def match_embed_provider(url):
    """Return (provider, embed URL) for an allowed URL, or (None, None)."""
    url = (url or "").strip()
    for provider in EMBED_PROVIDERS:
        match = provider.pattern.match(url)
        if match:
            video_id = match.group("id")
            if provider.name == "YouTube" and "watch" in url:
                # `v` must be the query parameter itself, not part of another one.
                values = parse_qs(urlsplit(url).query).get("v", [])
                if video_id not in values:
                    continue
            return provider, provider.embed_url.format(id=video_id)
    return None, None


class EmbedValue(blocks.StructValue):
    @cached_property
    def _match(self):
        return match_embed_provider(self.get("url"))

    @property
    def provider_name(self):
        provider = self._match[0]
        return provider.name if provider else ""

    @property
    def embed_url(self):
        return self._match[1] or ""


class ConsentEmbedBlock(blocks.StructBlock):
    """A video from an allowed provider that loads only after the reader asks for it."""

    url = blocks.URLBlock(
        label=_("Adresse (URL)"),
        help_text=_("Erlaubt sind Videos von YouTube und Vimeo."),
    )
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=200,
        help_text=_("Wird vor dem Laden angezeigt und benennt den eingebetteten Inhalt."),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Eingebettetes Video")
        template = "wiki/blocks/embed_block.html"
        value_class = EmbedValue
        description = _(
            "Ein Video von YouTube oder Vimeo; es wird erst geladen, wenn Lesende es anfordern."
        )
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Vortrag: Geteilte Infrastrukturen",
            "caption": "Mitschnitt der Konferenz",
        }

    def clean(self, value):
        value = super().clean(value)
        provider, _embed_url = match_embed_provider(value.get("url"))
        if provider is None:
            names = ", ".join(p.name for p in EMBED_PROVIDERS)
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _(
                            "Diese Adresse kann nicht eingebettet werden. Erlaubt sind nur "
                            "Inhalte von: %(providers)s. Verlinken Sie andere Inhalte im Text."
                        )
                        % {"providers": names}
                    )
                }
            )
        return value


def topic_blocks():
    """The topic page body: the shared blocks with a TOC-aware heading, plus embeds."""
    shared = [(name, block) for name, block in content_blocks() if name != "heading"]
    return [
        ("heading", TopicHeadingBlock()),
        *shared[:5],  # paragraph, image, quote, callout, table
        ("embed", ConsentEmbedBlock()),
        *shared[5:],  # document
    ]
