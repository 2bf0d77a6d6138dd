"""The Markdown pipeline's work is bounded (issue 11, M6): no timing asserts, work counted.

The work of ``render_markdown`` is counted as Python function calls (markdown-it, bleach and
html5lib are pure Python); regular expressions run in C, so the linkify pattern is checked for
unbounded repetitions instead. ``bench/markdown_bounds.py`` times the same corpus.
"""

import sys

import pytest
from bleach.linkifier import URL_RE as BLEACH_URL_RE

from board import markdown
from board.markdown import MAX_TOKENS, URL_RE, render_markdown, token_count
from board.services import MAX_BODY_LENGTH

from .markdown_corpus import CASES, SIZE, pipeline_before_the_bounds
from .xss_corpus import PAYLOADS

#: Python calls per input character; the densest inputs need about 90, ``"[" * 10000`` needed
#: 330 before the nesting limit (and grew with the length).
MAX_CALLS_PER_CHAR = 120
#: Cut in half, these are no longer the same kind of input (a table's delimiter row is lost).
HALF_IS_ANOTHER_STRUCTURE = {"table, many columns"}


def calls(function, *args):
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return count


def test_the_corpus_is_at_the_maximum_size_of_a_post():
    assert SIZE == MAX_BODY_LENGTH
    assert all(len(text) >= SIZE for text in CASES.values())


@pytest.mark.parametrize("name", sorted(CASES))
def test_render_work_is_bounded_and_linear(name):
    text = CASES[name]

    work = calls(render_markdown, text)
    half = calls(render_markdown, text[: len(text) // 2])

    assert work <= MAX_CALLS_PER_CHAR * len(text), f"{work / len(text):.0f} calls per character"
    if name not in HALF_IS_ANOTHER_STRUCTURE:
        assert work <= 2.5 * half + 5_000, f"{half} calls for half the text, {work} for all"


def test_the_work_measure_sees_the_unbounded_bracket_case():
    # The same measure on the pipeline as it was: a run of "[" cost far more per character.
    text = CASES["open brackets"]

    assert calls(pipeline_before_the_bounds(), text) > 2 * MAX_CALLS_PER_CHAR * len(text)


def test_nesting_is_limited_to_twenty_levels():
    html = render_markdown(">" * 50 + " tief")

    assert html.count("<blockquote>") <= markdown.MAX_NESTING


# --- the linkify pattern ---------------------------------------------------------------------


def unbounded_repeats(pattern):
    """Unbounded repetitions of a compiled pattern, except a last one at its end (a path)."""
    from re import _constants as constants
    from re import _parser as parser

    found = []

    def walk(items, tail):
        items = list(items)
        for index, (op, arg) in enumerate(items):
            last = tail and index == len(items) - 1
            if op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
                low, high, body = arg
                if high == constants.MAXREPEAT and not last:
                    found.append(str(body)[:40])
                walk(body, last and high == 1)  # an optional group at the end is still the end
            elif op == constants.SUBPATTERN:
                walk(arg[-1], last)
            elif op == constants.BRANCH:
                for branch in arg[1]:
                    walk(branch, last)
            elif op in (constants.ASSERT, constants.ASSERT_NOT):
                walk(arg[1], False)

    walk(parser.parse(pattern.pattern, pattern.flags), True)
    return found


def test_linkify_pattern_repeats_only_the_path_without_bound():
    assert unbounded_repeats(URL_RE) == []
    assert len(unbounded_repeats(BLEACH_URL_RE)) >= 2  # `\(*` and `([\w-]+\.)+`: quadratic


LINK_TEXTS = [
    *PAYLOADS,
    "Siehe www.zib.de. Und http://example.com/a_(b) oder (https://example.org/x).",
    "((((((http://x.de/a)))))) ok, mailto:a@b.de, ftp://host.org/f, user@host.de",
    "http://user:pw@host.de:8080/x?y=1#z www.a-b.c.de/x_(y) a.b.c.d.e.f.g.de",
    "https://über.example.de/ä und EXAMPLE.COM/Pfad, co.uk.",
]


@pytest.mark.parametrize("text", LINK_TEXTS)
def test_linkify_finds_the_links_bleach_finds(text):
    html = markdown._PARSER.render(text)

    assert markdown.SANITIZER.clean(html) == pipeline_before_the_bounds()(text)


# --- the token budget ------------------------------------------------------------------------


def test_text_with_more_tokens_than_the_budget_is_shown_as_plain_paragraphs():
    text = "a|b\n-|-\n" + "*a*|<b>\n" * 1000 + "\n\nEnde"

    html = render_markdown(text)

    assert token_count(markdown._PARSER.parse(text)) > MAX_TOKENS
    assert "<table>" not in html and "<em>" not in html
    assert html.startswith("<p>a|b\n-|-\n*a*|&lt;b&gt;\n")
    assert html.endswith("<p>Ende</p>")


def test_a_long_written_post_stays_within_the_token_budget():
    section = (
        "Ein Absatz mit **fett**, *kursiv*, `Code` und [einem Link](https://example.org).\n\n"
        "- Punkt eins\n- Punkt zwei mit ~~Streichung~~\n\n> Ein Zitat\n\n"
        "| Spalte | Wert |\n| --- | --- |\n| a | 1 |\n\n"
    )
    text = (section * (MAX_BODY_LENGTH // len(section)))[:MAX_BODY_LENGTH]

    html = render_markdown(text)

    assert token_count(markdown._PARSER.parse(text)) <= MAX_TOKENS
    assert "<table>" in html and "<strong>fett</strong>" in html
