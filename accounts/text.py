"""Cleaning text that people type: the one helper every form, service and feed uses.

``clean_text`` keeps what a text may carry (letters, spaces, newline, tab) and drops what it
may not: C0 and C1 control characters (``\\x01``, ``\\x1b``, DEL, ...), which break XML feeds
(XML 1.0 has no way to write them) and terminals, NUL, which PostgreSQL refuses, and the
non-characters U+FFFE/U+FFFF. Line ends become ``\\n``. ``clean_line`` makes one line of it
(titles, names, tags, reasons): any run of whitespace, line ends included, becomes one space,
and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make
a name read backwards, are dropped too, as are zero-width spaces, direction marks and the BOM
(the joiners U+200C/U+200D stay: some scripts and emoji need them).

Forms use ``CleanCharField`` (or call these in ``clean_<field>``), services call them again
on what they store (a management command or a test may skip the form), and the feed layer
once more on output, for what was stored before.

``reserved_name`` says whether a display name or institution could pass for the site's staff
("Moderation", "Redaktion", "Admin", "Kooperationsraum"), regardless of case, spacing,
punctuation, invisible characters and common look-alike letters.

``parse_int`` (with ``parse_year`` and ``parse_pk``) reads a number from a query parameter or
a URL: ASCII digits only ("²" and "٣" count as digits for ``str.isdigit``, not here), within a
range (a year Python's dates can hold, a key the database's bigint can hold), else ``None``,
which views treat as "no filter" or 404, never as a 500.

This lives in ``accounts``, the lowest app, because every other app imports it.
"""

import re
import unicodedata

from django import forms
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import Promise

# C0 controls except tab (\x09) and newline (\x0a), DEL, C1 controls, and the non-characters
# XML 1.0 excludes. Carriage returns are turned into newlines before this applies.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\u2060-\u2064\ufeff]")
_LINE_ENDS = re.compile("\r\n?|[\u2028\u2029\x85]")


def clean_text(value):
    """``value`` without control characters except newline and tab; line ends as ``\\n``."""
    if not value:
        return ""
    return _CONTROL.sub("", _LINE_ENDS.sub("\n", str(value)))


def clean_line(value):
    """``value`` as one line: cleaned, whitespace runs as one space, no bidi overrides."""
    return " ".join(_INVISIBLE.sub("", clean_text(value)).split())


class CleanCharField(forms.CharField):
    """A ``CharField`` that cleans its value before validating it (so ``max_length`` counts
    what is kept): one line by default, several with ``multiline=True``."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        if value not in self.empty_values:
            value = clean_text(value) if self.multiline else clean_line(value)
        return super().to_python(value)


#: The largest primary key a bigint column holds (BigAutoField).
MAX_PK = 2**63 - 1


def parse_int(value, *, minimum, maximum):
    """``value`` (a string from a request, or an int) as an int within the bounds, else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value or "").strip()
        if not text or len(text) > 20 or not (text.isascii() and text.isdigit()):
            return None
        number = int(text)
    return number if minimum <= number <= maximum else None


def parse_year(value):
    """A year a date can hold (1–9999), else None."""
    return parse_int(value, minimum=1, maximum=9999)


def parse_pk(value):
    """A primary key (1 to the bigint maximum), else None."""
    return parse_int(value, minimum=1, maximum=MAX_PK)


def _clean_values(value):
    """Strings (lazy ones too) cleaned, inside lists, tuples and dicts; anything else as is."""
    if isinstance(value, (str, Promise)):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        return [_clean_values(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean_values(item) for key, item in value.items()}
    return value


class CleanAtom1Feed(Atom1Feed):
    """Django's Atom feed with every text it is given cleaned (``clean_text``).

    XML 1.0 cannot carry control characters and Django's feed writer refuses them
    (``UnserializableContentError``), so one such character in a stored title or tag (from
    before input was cleaned, or typed in the admin) or in a crafted URL made a whole feed
    answer 500. Every feed of the site uses this class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*_clean_values(args), **_clean_values(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*_clean_values(args), **_clean_values(kwargs))


#: Words a participant's name or institution may not contain (the staff's names and roles).
RESERVED_WORDS = ("moderation", "moderator", "redaktion", "kooperationsraum", "administ")
#: Words that are reserved only at the start of a word ("Admin", "Admin-Team", not "Badminton").
RESERVED_WORD_STARTS = ("admin",)

# Letters that look like Latin ones (Cyrillic, Greek) and digits used as letters.
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
        "ј": "j", "ѕ": "s", "к": "k", "м": "m", "т": "t", "н": "h", "в": "b", "ԁ": "d",
        "α": "a", "ε": "e", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "τ": "t",
        "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
    }
)  # fmt: skip


def _letters_and_word_starts(value):
    """The letters of ``value`` folded to plain lower-case Latin, and the positions in that
    string where a word starts (after a non-letter, or at a lower-to-upper case change)."""
    text = unicodedata.normalize("NFKD", clean_line(value))
    letters, starts = [], set()
    previous_letter = previous_lower = False
    for char in text:
        if unicodedata.category(char) == "Mn":  # accents: "Módération" is "Moderation"
            continue
        if unicodedata.category(char) == "Cf":  # zero-width and other invisible characters
            continue
        folded = char.lower().translate(_LOOKALIKES)
        if not (folded.isalpha() and folded.isascii()):
            previous_letter = previous_lower = False
            if char.isspace() or not char.isalnum():
                continue
            letters.append("?")  # a letter of another script: keeps words apart
            continue
        if not previous_letter or (previous_lower and char.isupper()):
            starts.add(len(letters))
        letters.append(folded)
        previous_letter, previous_lower = True, char.islower()
    return "".join(letters), starts


def reserved_name(value):
    """Whether ``value`` contains a word reserved for the site's staff.

    Spaces and punctuation between letters are ignored ("M o d e r a t i o n",
    "Kooperations-Raum"), so are case, accents, invisible characters and look-alike letters.
    """
    letters, starts = _letters_and_word_starts(value)
    if any(word in letters for word in RESERVED_WORDS):
        return True
    return any(letters.startswith(word, start) for word in RESERVED_WORD_STARTS for start in starts)
