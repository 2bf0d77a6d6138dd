"""Pathological Markdown at the maximum size of a post (``board.services.MAX_BODY_LENGTH``).

Each entry repeats a pattern that made some part of the pipeline superlinear, or might: link
labels and brackets, emphasis and strikethrough delimiters, backticks, nested blockquotes and
lists, entities, autolinks, tables, line breaks, and runs that bleach's linkifier scans. Used by
tests/board/test_markdown_bounds.py (work counted) and bench/markdown_bounds.py (timed), which
compare with ``pipeline_before_the_bounds()``.
"""

from functools import partial

SIZE = 10_000

PATTERNS = {
    "open brackets": "[",
    "close brackets": "]",
    "[a": "[a",
    "[*": "[*",
    "[a*": "[a*",
    "![": "![",
    "[](": "[](",
    "[a](": "[a](",
    "[a](b) chain": "[a](b)",
    "[a][b]": "[a][b]",
    "\\[": "\\[",
    "*a": "*a",
    "a*": "a*",
    "_a": "_a",
    "**a": "**a",
    "*a **": "*a **",
    "*_": "*_",
    "*a_": "*a_",
    "~~a": "~~a",
    "`a": "`a",
    "``a`": "``a`",
    "> (nested blockquotes)": ">",
    "> > ": "> ",
    "- (nested list markers)": "- ",
    "1. ": "1. ",
    "> - ": "> - ",
    "&amp;": "&amp;",
    "&": "&",
    "&#": "&#",
    "<": "<",
    "<a": "<a",
    "<http://a": "<http://a",
    "<a@b.c>": "<a@b.c>",
    "[a]: b (definitions)": "[a]: b\n",
    "|a": "|a",
    "a|b rows": "a|b\n-|-\n",
    "a\\n (line breaks)": "a\n",
    "a  \\n (hard breaks)": "a  \n",
    "a\\n=\\n": "a\n=\n",
    "```\\n": "```\n",
    "    a\\n (indented code)": "    a\n",
    "***\\n": "***\n",
    "\\": "\\",
    "(": "(",
    "[a](( (link destination)": None,  # see CASES
    "a-": "a-",
    "a.": "a.",
    "a-.": "a-.",
    "(a.de ": "(a.de ",
    "www.": "www.",
    "http://": "http://",
    "a@": "a@",
}


def _cases():
    cases = {}
    for name, pattern in PATTERNS.items():
        if pattern is None:
            continue
        cases[name] = (pattern * (SIZE // len(pattern) + 1))[:SIZE]
    cases["[a](( (link destination)"] = ("[a](" + "(" * SIZE)[:SIZE]
    cases["[[…]] (balanced nesting)"] = "[" * (SIZE // 2) + "]" * (SIZE // 2)
    cases["nested lists (indented)"] = "".join("  " * i + "- a\n" for i in range(200))[:SIZE]
    cases["backtick runs"] = "".join("`" * i + "a" for i in range(1, 200))[:SIZE]
    cases["table, many rows"] = ("a|b\n-|-\n" + "a|b\n" * SIZE)[:SIZE]
    cases["table, many columns"] = ("|a" * (SIZE // 4)) + "\n" + ("|-" * (SIZE // 4))
    cases["prose"] = (
        "Die Digitalisierung von Sammlungen braucht Kooperation zwischen Museen, Archiven und "
        "Bibliotheken, siehe https://www.zib.de/projekte und [die Tagung](https://example.org). "
    ) * (SIZE // 170 + 1)
    cases["prose"] = cases["prose"][:SIZE]
    return cases


CASES = _cases()


def pipeline_before_the_bounds():
    """``render(text)`` as board/markdown.py was before its work was bounded: markdown-it's
    ``js-default`` nesting of 100, bleach's own linkify pattern, no token budget."""
    import bleach
    from bleach.linkifier import LinkifyFilter
    from markdown_it import MarkdownIt

    from board import markdown

    def set_rel(attrs, new=False):  # every link gets the site's rel and no target
        attrs[(None, "rel")] = markdown.LINK_REL
        attrs.pop((None, "target"), None)
        return attrs

    parser = MarkdownIt("js-default", {"html": False, "breaks": True, "linkify": False})
    parser.disable(["heading", "lheading", "image", "html_block", "html_inline"])
    cleaner = bleach.Cleaner(
        tags=markdown.ALLOWED_TAGS,
        attributes=markdown.ALLOWED_ATTRIBUTES,
        protocols=markdown.ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[partial(LinkifyFilter, callbacks=[set_rel], skip_tags={"pre", "code"})],
    )
    return lambda text: cleaner.clean(parser.render(text))
