"""Turn what a visitor typed into a modelsearch query, without any query parser.

Supported syntax: words (all must match), ``"a phrase"`` in double quotes (also „…“ and “…”),
and a leading minus to exclude a word or a phrase (``-archiv``, ``-"offene daten"``). Everything
else is text: ``field:value``, ``*``, ``AND``/``OR``/``NOT``, brackets and control characters have
no special meaning. The input is cut to :data:`MAX_CHARS` characters, :data:`MAX_TERMS` terms and
words of :data:`MAX_WORD_CHARS` characters, so every search stays bounded.
"""

import re
from dataclasses import dataclass, field

from modelsearch.query import And, Not, Phrase, PlainText

MAX_CHARS = 200
MAX_TERMS = 10
#: Longer "words" are cut (the longest German compounds in use have about 40 letters).
MAX_WORD_CHARS = 40

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"'})
# A minus directly before a quoted phrase or a word, or a quoted phrase, or a run of non-space.
_TOKEN = re.compile(r'(?P<neg>(?<!\S)-)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))')
_WORD = re.compile(r"\w+")


def clean(text):
    """The query text without control characters, with normalised quotes and spaces."""
    text = _CONTROL.sub(" ", str(text or "")).translate(_QUOTES)
    return " ".join(text.split())


def _words(text):
    # Only letters and digits reach the backend; punctuation separates words.
    return [word[:MAX_WORD_CHARS] for word in _WORD.findall(text)]


@dataclass
class ParsedQuery:
    text: str = ""
    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    excluded_words: list = field(default_factory=list)
    excluded_phrases: list = field(default_factory=list)
    truncated: bool = False

    @property
    def is_empty(self):
        """No positive term: nothing to search for (a lone ``-word`` does not count)."""
        return not (self.words or self.phrases)

    def positive_text(self):
        """The words and phrases that must match, as plain text (for suggestions)."""
        return " ".join([*self.words, *self.phrases])

    def to_query(self, any_word=False):
        """The modelsearch query tree, or ``None`` if there is nothing to search for; with
        ``any_word``, any of the words may match (phrases and exclusions still apply)."""
        if self.is_empty:
            return None
        parts = []
        if self.words:
            parts.append(PlainText(" ".join(self.words), operator="or" if any_word else "and"))
        parts.extend(Phrase(phrase) for phrase in self.phrases)
        if self.excluded_words:
            parts.append(Not(PlainText(" ".join(self.excluded_words), operator="or")))
        parts.extend(Not(Phrase(phrase)) for phrase in self.excluded_phrases)
        return parts[0] if len(parts) == 1 else And(parts)


def parse(raw):
    """Parse the visitor's text into a :class:`ParsedQuery`; never raises."""
    text = clean(raw)
    truncated = len(text) > MAX_CHARS
    text = text[:MAX_CHARS]
    parsed = ParsedQuery(text=text, truncated=truncated)
    terms = 0
    for match in _TOKEN.finditer(text):
        if terms >= MAX_TERMS:
            parsed.truncated = True
            break
        negated = bool(match.group("neg"))
        phrase = match.group("phrase")
        if phrase is not None:
            words = _words(phrase)
            if not words:
                continue
            terms += len(words)
            if len(words) == 1:
                target = parsed.excluded_words if negated else parsed.words
                target.append(words[0])
            else:
                target = parsed.excluded_phrases if negated else parsed.phrases
                target.append(" ".join(words))
            continue
        for word in _words(match.group("word")):
            if terms >= MAX_TERMS:
                parsed.truncated = True
                break
            terms += 1
            (parsed.excluded_words if negated else parsed.words).append(word)
    return parsed
