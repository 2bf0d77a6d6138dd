"""Highlighting: a snippet of a text around the query's words, with the matches in ``<mark>``.

A word counts as a match when it equals a query word (case and transliteration folded), shares
its stem, starts or ends with it (compounds) or is within one or two edits of it; the window of
``max_chars`` holding the most matches is shown. Every piece of text is HTML-escaped.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from whoosh.support.levenshtein import damerau_levenshtein

from .. import analysis
from .compilers import query_strings


def highlight(text, query, *, language, backend_language, compounds, max_chars=240):
    """Return ``text`` cut to about ``max_chars`` around the query's words, HTML-escaped,
    with matching words (also inflected, transliterated or compound forms) in ``<mark>``.

    ``query`` is a string or a modelsearch query; ``language`` that of the text (default:
    the backend's, ``backend_language``), which decides the stemming. Returns a ``SafeString``.
    """
    text = text or ""
    language = language if language in analysis.LANGUAGES else backend_language
    languages = tuple(dict.fromkeys((backend_language, language)))
    words = []
    for string in query_strings(query):
        words.extend(analysis.query_words(string, languages))
    exact = {analysis.fold(w) for w in words}
    stems = {analysis.stem(w, language) for w in words}
    parts = {e for e in exact if len(e) >= 4} if compounds else set()
    near = {e: (1 if len(e) < 8 else 2) for e in exact if len(e) >= 5}

    def is_typo_of(folded):
        return any(
            abs(len(folded) - len(e)) <= d
            and folded[:1] == e[:1]
            and damerau_levenshtein(folded, e, limit=d + 1) <= d
            for e, d in near.items()
        )

    spans = []
    for token in analysis.WordTokenizer()(text, chars=True):
        folded = analysis.fold(token.text)
        if (
            folded in exact
            or analysis.stem(token.text, language) in stems
            or any(
                len(folded) > len(p) and (folded.startswith(p) or folded.endswith(p)) for p in parts
            )
            or is_typo_of(folded)
        ):
            if spans and token.startchar < spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], token.endchar))
            else:
                spans.append((token.startchar, token.endchar))
    start, end = _snippet_window(text, spans, max_chars)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 - every text piece is escaped above


def _snippet_window(text, spans, max_chars):
    """Choose ``(start, end)`` of a ``max_chars`` window holding the most spans, at word bounds."""
    if len(text) <= max_chars:
        return 0, len(text)
    best_start, best_count = 0, -1
    for anchor, _ in spans:
        start = max(0, anchor - max_chars // 4)
        count = sum(1 for s, e in spans if s >= start and e <= start + max_chars)
        if count > best_count:
            best_start, best_count = start, count
    start = best_start
    if start > 0:
        space = text.find(" ", start, start + 30)
        if space != -1:
            start = space + 1
    end = min(len(text), start + max_chars)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    return start, end
