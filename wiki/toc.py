"""Reading aids computed from a topic page's body: table of contents and reading time."""

import math
import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import slugify

WORDS_PER_MINUTE = 200
FALLBACK_ANCHOR = "abschnitt"
# Ids the site layout uses itself (the page's own ids contain "--", which slugs never do).
RESERVED_IDS = ("main",)


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    text: str
    level: int  # 2 or 3
    block_id: str


def heading_anchor(text):
    """The anchor for a heading's text: the same slug the shared HeadingBlock uses."""
    return slugify(text) or FALLBACK_ANCHOR


def table_of_contents(stream):
    """One entry per heading block, with anchors made unique by a counter (`ziele`, `ziele-2`).

    Anchors depend only on the heading texts and their order, so they stay stable while the
    text around them changes.
    """
    entries = []
    used = set(RESERVED_IDS)
    for block in stream:
        if block.block_type != "heading":
            continue
        text = block.value["text"]
        base = heading_anchor(text)
        anchor, number = base, 1
        while anchor in used:
            number += 1
            anchor = f"{base}-{number}"
        used.add(anchor)
        level = 3 if block.value["level"] == "h3" else 2
        entries.append(TocEntry(anchor=anchor, text=text, level=level, block_id=block.id))
    return entries


def nested_toc(entries):
    """Group h3 entries under the preceding h2: [(entry, [sub entries]), ...]."""
    tree = []
    for entry in entries:
        if entry.level == 3 and tree:
            tree[-1][1].append(entry)
        else:
            tree.append((entry, []))
    return tree


_WORD = re.compile(r"\w+")


def word_count(*texts):
    return sum(len(_WORD.findall(strip_tags(text or ""))) for text in texts)


def reading_minutes(stream, *extra_texts):
    """Whole minutes to read the body (at least one), at 200 words a minute."""
    texts = list(extra_texts)
    for block in stream:
        texts.extend(str(part) for part in block.block.get_searchable_content(block.value))
    return max(1, math.ceil(word_count(*texts) / WORDS_PER_MINUTE))
