"""Text analysis for the Whoosh search backend (German first, English second).

Every indexed search field is analysed twice:

* an **exact** form: lower case, umlauts and ß transliterated (ä→ae, ö→oe, ü→ue, ß→ss) and other
  accents stripped, so "Förderung", "FOERDERUNG" and "Foerderung" are one term, while "Forderung"
  stays different;
* a **stemmed** form: for German the Snowball German stemmer in its "German2" variant (ae/oe/ue are
  read as umlauts first), so "Förderungen", "Foerderung" and "Förderung" share the stem "forder".
  English documents (pages whose locale is English) are stemmed with the English Snowball stemmer
  ("libraries" and "library" share "librari"); the backend keeps them in fields of their own.

Hyphenated words are split into their parts and additionally indexed joined ("KI-gestützt" gives
"ki", "gestuetzt" and "kigestuetzt"). No token is dropped for being short or frequent: acronyms such
as KI, GND, IIIF, OCR or DFG are ordinary terms. Stop words are only ignored on the query side
(those of every language the searched documents are in).

Everything in this module is picklable (Whoosh stores the schema, analysers included, in the index),
and the per-word caches are module-level so they are never pickled.
"""

import re
import unicodedata
from functools import lru_cache

from whoosh import fields as wfields
from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.lang.snowball.english import EnglishStemmer
from whoosh.lang.snowball.german import GermanStemmer
from whoosh.lang.stopwords import stoplists
from whoosh.system import pack_uint

__all__ = [
    "LANGUAGES",
    "AnalysedText",
    "exact_analyzer",
    "fold",
    "index_words",
    "long_words",
    "query_words",
    "reversed_analyzer",
    "stem",
    "stem_analyzer",
]

LANGUAGES = ("de", "en")

# A word: letters/digits, optionally joined by hyphens (ASCII, Unicode and non-breaking hyphen).
# Everything else (punctuation, quotes, brackets, *, :, control characters) separates words.
WORD_RE = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
HYPHEN_RE = re.compile(r"[-\u2010\u2011]")

_UMLAUT_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue"}
_GERMAN2_RE = re.compile(r"(?<!q)ue|ae|oe")
_GERMAN2_MAP = {"ae": "ä", "oe": "ö", "ue": "ü"}


@lru_cache(maxsize=200_000)
def fold(word):
    """Lower-case ``word`` and transliterate it: ä→ae, ö→oe, ü→ue, ß→ss, other accents removed."""
    word = word.lower()
    if word.isascii():
        return word
    word = word.replace("ß", "ss")
    out = []
    for ch in unicodedata.normalize("NFKD", word):
        if ch == "\u0308" and out and out[-1] in "aou":
            # A decomposed umlaut (u + combining diaeresis): transliterate, never drop to plain u.
            out.append("e")
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


_german_stemmer = GermanStemmer()
_english_stemmer = EnglishStemmer()


# Plurals the Snowball stemmer does not join to their singular (Latin/Greek loans, frequent here).
IRREGULAR_DE = {
    "museen": "museum",
    "zentren": "zentrum",
    "gremien": "gremium",
    "kriterien": "kriterium",
    "medien": "medium",
    "themen": "thema",
    "schemata": "schema",
    "firmen": "firma",
    "praktika": "praktikum",
    "konsortien": "konsortium",
    "archivalien": "archivale",
    "lexika": "lexikon",
}


@lru_cache(maxsize=200_000)
def _stem_de(word):
    folded = fold(word)
    folded = IRREGULAR_DE.get(folded, folded)
    # German2 variant: read transliterated umlauts as umlauts, so "foerderung" stems like
    # "förderung". (The stemmer strips umlauts at the end, hence the exact field for ranking.)
    german2 = _GERMAN2_RE.sub(lambda m: _GERMAN2_MAP[m.group(0)], folded)
    return _german_stemmer.stem(german2)


@lru_cache(maxsize=200_000)
def _stem_en(word):
    return _english_stemmer.stem(fold(word))


def umlaut_stem_prefix(word, language):
    """The stem of ``word`` spelled with its umlauts, lower case ("Förderung" → "förder").

    The stemmer drops umlauts; this is the matching prefix of the word itself, to find longer
    words in the vocabulary. ``None`` if it cannot be recovered.
    """
    if language != "de":
        return None
    folded = fold(word)
    german2 = _GERMAN2_RE.sub(lambda m: _GERMAN2_MAP[m.group(0)], folded)
    stemmed = _stem_de(word)
    prefix = german2[: len(stemmed)]
    if prefix.translate(_STRIP_UMLAUTS) == stemmed:
        return prefix
    return None


_STRIP_UMLAUTS = str.maketrans("äöü", "aou")


def stem(word, language):
    """Return the stem of ``word`` for ``language`` ("de" or "en")."""
    if language == "en":
        return _stem_en(word)
    return _stem_de(word)


# Abbreviations and their spelled-out forms (folded). A query using one also finds the other,
# with a lower weight. Extend per site with the backend option SYNONYMS.
SYNONYMS = {
    "de": {
        "ki": "kuenstliche intelligenz",
        "ai": "artificial intelligence",
        "ocr": "texterkennung",
        "lza": "langzeitarchivierung",
        "fdm": "forschungsdatenmanagement",
        "htr": "handschriftenerkennung",
        "gnd": "gemeinsame normdatei",
        "dfg": "deutsche forschungsgemeinschaft",
        "ddb": "deutsche digitale bibliothek",
        "dnb": "deutsche nationalbibliothek",
        "lod": "linked open data",
        "nfdi": "nationale forschungsdateninfrastruktur",
        "zib": "zuse institut berlin",
        "cc": "creative commons",
    },
    "en": {"ai": "artificial intelligence", "ocr": "optical character recognition"},
}


# Query words that carry no meaning for retrieval. Only applied to queries, never to the index,
# and never to words typed in capitals (acronyms such as "IT" or "DA" stay).
_EXTRA_STOPWORDS = {
    "de": {
        "gibt",
        "geht",
        "bitte",
        "welche",
        "welcher",
        "welches",
        "warum",
        "wann",
        "wer",
        "wo",
        "woher",
        "wohin",
        "wozu",
        "wieso",
        "weshalb",
        "einer",
        "eines",
        "sowie",
        "beim",
        "zum",
        "zur",
        "ueber",
        "fuer",
        "koennen",
        "koennte",
        "muessen",
        "moechte",
        "moechten",
        "dass",
        "daß",
        "ja",
        "nein",
        "mehr",
        "neue",
        "neuen",
        # Possessives the stop list lacks (it has "unser", "euer"), modal and auxiliary verbs
        # and question adverbs: the words of a question that say nothing about its subject.
        "unsere",
        "unserem",
        "unseren",
        "unserer",
        "unseres",
        "sollen",
        "sollten",
        "solltest",
        "darf",
        "duerfen",
        "kannst",
        "koennt",
        "musst",
        "muesste",
        "mache",
        "macht",
        "tun",
        "tut",
        "wieviel",
        "wieviele",
        "womit",
        "wofuer",
        "worauf",
        "woran",
        "wobei",
        "wodurch",
        "worum",
        "wovon",
    },
    "en": {"please", "there", "what", "which", "how"},
}


@lru_cache(maxsize=8)
def stopwords(language):
    """Return the folded query stop words for ``language``, a code or a tuple of codes (then
    the stop words of all of them: a query against documents in several languages)."""
    languages = (language,) if isinstance(language, str) else language
    words = set()
    for code in languages:
        words |= set(stoplists.get(code, ())) | _EXTRA_STOPWORDS.get(code, set())
    return frozenset(fold(w) for w in words)


#: The start of a question without a question mark.
QUESTION_START = re.compile(
    r"(wie|was|wo|wer|wem|wen|wann|warum|weshalb|wieso|wozu|woher|wohin|womit|wofür|welche[mnrs]?"
    r"|how|what|where|who|when|why|which)\b",
    re.IGNORECASE,
)


def is_question(text):
    """Whether ``text`` is a natural-language question: it ends in "?" or starts with a
    question word ("Wo findet die Tagung statt", "how to cite")."""
    text = (text or "").strip()
    return text.endswith("?") or bool(QUESTION_START.match(text))


def query_words(text, language, stop=True, max_words=32):
    """Split user input into search words (original spelling), safe for any input.

    ``language`` is a code or a tuple of codes (see :func:`stopwords`).

    Punctuation, quotes, brackets, wildcards, ``field:value`` syntax and control characters only
    separate words; hyphenated words are split into their parts. Stop words are removed unless the
    query consists of nothing else (or ``stop`` is false); words typed in capitals are always kept.
    """
    if not text:
        return []
    words = []
    for match in WORD_RE.finditer(text[:2000]):
        words.extend(part for part in HYPHEN_RE.split(match.group(0)) if part)
    if stop:
        stops = stopwords(language)
        kept = [w for w in words if fold(w) not in stops or (len(w) > 1 and w.isupper())]
        if kept:
            words = kept
    # Remove duplicates, keep order.
    seen = set()
    unique = []
    for w in words:
        key = fold(w)
        if key not in seen:
            seen.add(key)
            unique.append(w)
    return unique[:max_words]


class WordTokenizer(Tokenizer):
    """Split text into words; hyphenated words yield their parts and the joined word.

    The joined word ("kigestützt" for "KI-gestützt") shares the position of the first part so that
    phrase queries over the parts still work.
    """

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar = start_char
                t.endchar = start_char + len(value)
            yield t
            return

        pos = start_pos
        for text, original, start, end, advance in _word_spans(value):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = original
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t
            if advance:
                pos += 1


def _word_spans(value):
    """``(text, original, start, end, advance)`` of each token of ``value``.

    A plain word is one token. A hyphenated word gives the joined word first (its original is
    the hyphenated word; it shares the position of the first part, so ``advance`` is false),
    then each part.
    """
    for match in WORD_RE.finditer(value):
        group = match.group(0)
        group_start = match.start()
        if not HYPHEN_RE.search(group):
            yield group, group, group_start, match.end(), True
            continue
        parts = list(_PART_RE.finditer(group))
        joined = "".join(part.group(0) for part in parts)
        yield joined, group, group_start, match.end(), False
        for part in parts:
            text = part.group(0)
            yield text, text, group_start + part.start(), group_start + part.end(), True


class FoldFilter(Filter):
    """Lower case and transliterate (see :func:`fold`)."""

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            t.text = fold(t.text)
            yield t


class LanguageStemFilter(Filter):
    """Replace each token by its stem in ``language`` (cached per word)."""

    def __init__(self, language="de"):
        self.language = language

    def __eq__(self, other):
        return self.__class__ is other.__class__ and self.language == other.language

    def __call__(self, tokens):
        stemmer = _stem_en if self.language == "en" else _stem_de
        for t in tokens:
            t.text = stemmer(t.text)
            yield t


class MinLengthFilter(Filter):
    """Drop tokens shorter than ``minsize`` characters."""

    def __init__(self, minsize=3):
        self.minsize = minsize

    def __eq__(self, other):
        return self.__class__ is other.__class__ and self.minsize == other.minsize

    def __call__(self, tokens):
        for t in tokens:
            if len(t.text) >= self.minsize:
                yield t


class ReverseFilter(Filter):
    """Reverse each token, so suffix searches become prefix searches."""

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(self, tokens):
        for t in tokens:
            t.text = t.text[::-1]
            yield t


def exact_analyzer():
    """Words, lower-cased and transliterated, unstemmed."""
    return WordTokenizer() | FoldFilter()


def stem_analyzer(language):
    """Words, stemmed for ``language``."""
    return WordTokenizer() | LanguageStemFilter(language)


def reversed_analyzer():
    """Reversed exact words of eight letters or more, to find compounds by their last part."""
    return WordTokenizer() | FoldFilter() | MinLengthFilter(8) | ReverseFilter()


# -- fast indexing ----------------------------------------------------------------------------
#
# Whoosh analyses a field through a chain of generators that hand one Token object along per word;
# on German text that costs more than the rest of indexing. ``AnalysedText`` produces the same
# postings (checked by the tests against the analysers above, which still serve everything else)
# from a list of words and a per-word cache: a vocabulary repeats, so each distinct word is folded,
# stemmed or reversed once per process.

_PART_RE = re.compile(r"\w+")
_TERM_CACHE_LIMIT = 400_000


def index_words(text):
    """``[(word, position)]`` as :class:`WordTokenizer` yields them (joined hyphenated words
    share the position of their first part)."""
    out = []
    append = out.append
    pos = 0
    for group in WORD_RE.findall(text):
        if "-" in group or "\u2010" in group or "\u2011" in group:
            parts = _PART_RE.findall(group)
            append(("".join(parts), pos))
            for part in parts:
                append((part, pos))
                pos += 1
        else:
            append((group, pos))
            pos += 1
    return out


_long_word_cache = {}


def long_words(text):
    """The folded words of eight letters or more in ``text`` (what the reversed field indexes)."""
    cache = _long_word_cache
    if len(cache) > _TERM_CACHE_LIMIT:
        cache.clear()
    found = set()
    for word, _pos in index_words(text):
        folded = cache.get(word, False)
        if folded is False:
            folded = fold(word)
            folded = cache[word] = folded if len(folded) >= 8 else None
        if folded is not None:
            found.add(folded)
    return found


def _exact_term(word):
    return fold(word).encode("utf-8")


def _reversed_term(word):
    folded = fold(word)
    return folded[::-1].encode("utf-8") if len(folded) >= 8 else None


def _stem_term_de(word):
    return _stem_de(word).encode("utf-8")


def _stem_term_en(word):
    return _stem_en(word).encode("utf-8")


_TERM_FUNCTIONS = {
    "exact": _exact_term,
    "reversed": _reversed_term,
    "stem-de": _stem_term_de,
    "stem-en": _stem_term_en,
}
_term_caches = {kind: {} for kind in _TERM_FUNCTIONS}


class AnalysedText(wfields.TEXT):
    """A text field of this module's analysis with a fast ``index()``.

    ``kind`` is ``"exact"``, ``"reversed"`` or ``"stem"`` (with ``language``); the analyzer of the
    same kind is kept for everything but indexing. Only ``"stem"`` fields store positions.
    """

    def __init__(self, kind, language="de"):
        analyzers = {
            "exact": exact_analyzer,
            "reversed": reversed_analyzer,
            "stem": lambda: stem_analyzer(language),
        }
        super().__init__(analyzer=analyzers[kind](), phrase=kind == "stem")
        self.kind = kind if kind != "stem" else f"stem-{language}"

    def index(self, value, **kwargs):
        if not isinstance(value, str) or kwargs.get("mode", "index") != "index":
            return list(super().index(value, **kwargs))
        cache = _term_caches[self.kind]
        if len(cache) > _TERM_CACHE_LIMIT:
            cache.clear()
        function = _TERM_FUNCTIONS[self.kind]
        positions = {}
        for word, pos in index_words(value):
            term = cache.get(word, False)
            if term is False:
                term = cache[word] = function(word)
            if term is None:
                continue
            found = positions.get(term)
            if found is None:
                positions[term] = [pos]
            else:
                found.append(pos)
        fmt = self.format
        boost = fmt.field_boost
        if self.kind.startswith("stem"):
            encode = fmt.encode
            return [
                (term, len(poses), len(poses) * boost, encode(poses))
                for term, poses in positions.items()
            ]
        return [
            (term, len(poses), len(poses) * boost, pack_uint(len(poses)))
            for term, poses in positions.items()
        ]
