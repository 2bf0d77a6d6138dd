"""Spelling: near words for typo tolerance and "Meinten Sie …?".

:func:`near_words` finds indexed words within one edit (two for words of eight letters or more)
that share the first letter, closest first, then most frequent, with a Levenshtein automaton
built once per word and distance and run over each segment's vocabulary; it stops at the
running search's deadline. :func:`suggest` corrects the unknown words of a query.
"""

import threading
import time
from collections import OrderedDict

from whoosh.automata.lev import levenshtein_automaton

from .. import analysis
from .columns import field_names
from .scoring import SearchTimeout, current_deadline
from .store import IndexUnavailable

# Seconds a typo lookup may take at most (also within a search's own TIME_LIMIT), and how many
# candidate words it collects at most before ranking them.
NEAR_WORDS_SECONDS = 1.0
MAX_NEAR_CANDIDATES = 200
#: Words whose near words are kept per reader (see :func:`near_words`).
NEAR_WORDS_CACHE_LIMIT = 256
_DFA_CACHE_SIZE = 512
_dfa_cache = OrderedDict()
_dfa_cache_lock = threading.Lock()


def _levenshtein_dfa(folded, dist):
    """The automaton accepting words within ``dist`` edits of ``folded`` that share its first
    letter (cached: building it costs more than running it over a vocabulary)."""
    key = (folded, dist)
    with _dfa_cache_lock:
        dfa = _dfa_cache.get(key)
        if dfa is not None:
            _dfa_cache.move_to_end(key)
            return dfa
    dfa = levenshtein_automaton(folded, dist, 1).to_dfa()
    with _dfa_cache_lock:
        _dfa_cache[key] = dfa
        while len(_dfa_cache) > _DFA_CACHE_SIZE:
            _dfa_cache.popitem(last=False)
    return dfa


def _dfa_matches(dfa, cursor):
    """The words of a field cursor that ``dfa`` accepts (Whoosh's ``Automata.find_matches``)."""
    term = cursor.text()
    if term is None:
        return
    match = dfa.next_valid_string(term)
    while match:
        cursor.find(match)
        term = cursor.text()
        if term is None:
            return
        if match == term:
            yield match
            term += "\x00"
        match = dfa.next_valid_string(term)


def exact_fields(reader):
    """The exact (``x_*``) fields present in the index."""
    return [name for name in reader.indexed_field_names() if name.startswith("x_")]


def near_words(reader, word, limit=4):
    """Indexed words (folded) near ``word``: closest first, then most frequent.

    Within one edit (two for words of eight letters or more), sharing the first letter. The
    Levenshtein automaton is built once per word and distance (and cached), then run over
    each segment's vocabulary; the lookup stops at the running search's deadline (set by
    ``scoring.search_deadline``) or after ``NEAR_WORDS_SECONDS``, and after
    ``MAX_NEAR_CANDIDATES`` candidates.
    """
    folded = analysis.fold(word)
    if len(folded) < 5:
        return []
    # Kept on the reader (reused until the index changes): a search page asks twice for an
    # unknown word (the typo-tolerant search and "Meinten Sie"). A lookup cut short by a
    # deadline is not kept.
    deadline = time.monotonic() + NEAR_WORDS_SECONDS
    running = current_deadline()
    if running is not None:
        deadline = min(deadline, running)
    known = reader.__dict__.setdefault("_kr_near_words", {})
    if folded in known and time.monotonic() <= deadline:
        return known[folded][:limit]
    if len(known) >= NEAR_WORDS_CACHE_LIMIT:
        known.clear()
    maxdist = 1 if len(folded) < 8 else 2
    fields = exact_fields(reader)
    found = {}
    complete = True
    try:
        for dist in range(1, maxdist + 1):
            dfa = _levenshtein_dfa(folded, dist)
            for leaf, _offset in reader.leaf_readers():
                leaf_fields = field_names(leaf)
                for fieldname in fields:
                    if fieldname not in leaf_fields:
                        continue
                    for n, term in enumerate(_dfa_matches(dfa, leaf.cursor(fieldname))):
                        if term != folded and term not in found:
                            found[term] = dist
                        if not n & 63 and time.monotonic() > deadline:
                            complete = False
                            raise SearchTimeout
                        if len(found) >= MAX_NEAR_CANDIDATES:
                            raise SearchTimeout
                    if time.monotonic() > deadline:
                        complete = False
                        raise SearchTimeout
            if found:
                break
    except SearchTimeout:
        pass

    def frequency(term):
        return sum(reader.doc_frequency(f, term) for f in fields)

    ranked = sorted(found, key=lambda t: (found[t], -frequency(t)))
    if complete:
        known[folded] = ranked
    return ranked[:limit]


def suggest(backend, query_string, accept=None):
    """Return a "did you mean" correction of ``query_string``, or ``None``.

    Words found in the index are kept; an unknown word of five or more letters is replaced by
    the closest, then most frequent indexed word within one edit (two for long words) that
    ``accept(word)`` allows (default: any): the caller offers only words of documents the
    visitor may see. Returns ``None`` when nothing would change or the index is unavailable.
    """
    words = analysis.query_words(query_string, backend.language, stop=False)
    if not words:
        return None
    try:
        with backend.store.searcher() as searcher:
            reader = searcher.reader()
            corrected, changed = [], False
            fields = exact_fields(reader)
            for word in words:
                folded = analysis.fold(word)
                if len(folded) < 5 or any(reader.doc_frequency(f, folded) for f in fields):
                    corrected.append(word)
                    continue
                candidates = near_words(reader, word, limit=1 if accept is None else 8)
                near = next((c for c in candidates if accept is None or accept(c)), None)
                if near:
                    corrected.append(near)
                    changed = True
                else:
                    corrected.append(word)
    except IndexUnavailable:
        return None
    return " ".join(corrected) if changed else None
