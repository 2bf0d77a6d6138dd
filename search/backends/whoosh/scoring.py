"""Scoring: a query evaluated term at a time into ``{docnum: score}`` with Whoosh's BM25F.

:class:`Evaluator` reads a term's postings a block at a time and scores them in one C-level
loop (``tests/search/test_fast_paths_match_whoosh.py`` compares it with Whoosh's collector,
hit for hit and score for score); :func:`model_documents` restricts hits to a model's undeleted
documents per segment (cached); :func:`search_deadline` bounds a search, query building included.
"""

import contextlib
import threading
import time
from bisect import bisect_right
from collections import Counter
from itertools import repeat
from operator import add, mul

from whoosh import query as wq
from whoosh.util.numeric import byte_to_length

from .columns import cached_postings, keep_postings, segment_cache, segment_lengths
from .internals import (
    block_ids,
    block_max_id,
    block_values,
    block_weights,
    next_block,
    plain_bm25,
    postings_matcher,
)
from .querying import ArrayOr, Coordinated, WholeField


class SearchTimeout(Exception):  # noqa: N818 - a signal, not an error
    """A search ran past its time limit (``args[0]``: the hits found so far, if any)."""


_deadline = threading.local()


def current_deadline():
    """The ``time.monotonic()`` deadline of the search running in this thread, or ``None``."""
    return getattr(_deadline, "value", None)


@contextlib.contextmanager
def search_deadline(deadline):
    """Run the block as a search ending at ``deadline`` (a ``time.monotonic()`` value): typo
    lookups made meanwhile stop there too (see :func:`spelling.near_words`)."""
    previous = current_deadline()
    _deadline.value = deadline
    try:
        yield
    finally:
        _deadline.value = previous


# Field length bytes (Whoosh quantises lengths to one byte) -> length.
_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]


class Evaluator:
    """Evaluate a Whoosh query term at a time, per segment, into ``{docnum: score}``.

    Whoosh's matchers advance posting by posting through several Python method calls each (and
    score each posting through three more); a frequent German word is a dozen terms (exact,
    stemmed, compound parts, per field), so a search of 100 000 posts spent seconds there. Here a
    term's postings are read a block at a time and scored in one loop with the same BM25F
    formula, in the same order of additions as Whoosh's union matcher; ``Or`` sums, ``And``
    intersects (a ``Not`` part excludes, adding 1.0 as Whoosh's inverse matcher does). Other
    queries (phrases, ``Every``, a lone ``Not``) are handed to Whoosh's own matchers per segment.
    ``tests/search/test_fast_paths_match_whoosh.py`` compares the results with Whoosh's collector.
    """

    def __init__(self, searcher, scored=True, deadline=None):
        self.searcher = searcher
        self.scored = scored
        self.deadline = deadline
        weighting = searcher.weighting
        self.bm25 = plain_bm25(weighting)
        self.K1 = getattr(weighting, "K1", 1.2)
        self.B = getattr(weighting, "B", 0.75)
        self._denominators = {}
        self._context = None
        self._within = None  # see run_segments(narrow=True)

    def run(self, query, allowed):
        """``{global docnum: score}`` of the documents matching ``query`` in ``allowed``.

        ``allowed(leaf_index, subsearcher)`` returns the set of a segment's document numbers a
        hit may have (undeleted documents of the searched models). Raises :class:`SearchTimeout`
        with the hits found so far as its argument.
        """
        results = {}
        try:
            for _n, _subsearcher, offset, found in self.run_segments(query, allowed):
                docnums = map(offset.__add__, found) if offset else found
                results.update(zip(docnums, found.values(), strict=True))
        except SearchTimeout as stopped:
            for _n, _subsearcher, offset, found in stopped.args[0] if stopped.args else ():
                results.update((offset + docnum, score) for docnum, score in found.items())
            raise SearchTimeout(results) from None
        return results

    def run_segments(self, query, allowed, narrow=False):
        """Like :meth:`run`, per segment: ``[(leaf index, subsearcher, offset, {segment
        docnum: score})]`` (segments without hits left out). Raises :class:`SearchTimeout` with
        the segments done so far as its argument. With ``narrow``, a segment's terms are read
        only in the posting blocks that may hold an allowed document (few documents: a frequent
        word's other blocks are skipped)."""
        segments = []
        try:
            for n, (subsearcher, offset) in enumerate(self.searcher.leaf_searchers()):
                if narrow:
                    self._within = sorted(allowed(n, subsearcher))
                    if not self._within:
                        continue
                found = self.evaluate(query, subsearcher)
                if not found:
                    continue
                keep = found.keys() & allowed(n, subsearcher)
                if len(keep) < len(found):
                    found = dict(zip(keep, map(found.__getitem__, keep), strict=True))
                if found:
                    segments.append((n, subsearcher, offset, found))
        except SearchTimeout:
            raise SearchTimeout(segments) from None
        finally:
            self._within = None
        return segments

    def _check_time(self):
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise SearchTimeout

    def evaluate(self, query, s):
        """``{segment docnum: score}`` of ``query`` in the segment searcher ``s`` (deleted
        documents may be included; ``run`` removes them)."""
        kind = type(query)
        if kind is wq.Term:
            return self.term(query, s)
        if kind is WholeField:
            found = self.evaluate(query.child, s)
            lengths = segment_lengths(s.reader(), query.fieldname)
            if not found or lengths is None:
                return {}
            return {
                docnum: score
                for docnum, score in found.items()
                if docnum < len(lengths) and _BYTE_LENGTHS[lengths[docnum]] == query.length
            }
        if kind in (wq.Or, ArrayOr, Coordinated) and not query.minmatch and query.scale is None:
            subs = query.subqueries
            if not subs:
                return {}
            if len(subs) == 1:  # Whoosh uses the only subquery's matcher, without the boost
                return self.evaluate(subs[0], s)
            boost = query.boost
            total = {}
            get = total.get
            matched = Counter() if kind is Coordinated else None
            for sub in subs:
                found = self.evaluate(sub, s)
                if matched is not None:
                    matched.update(found.keys())
                if not total and boost == 1.0:
                    total = dict(found)
                    get = total.get
                elif boost == 1.0:
                    # total[d] + found[d] for the documents in both, then the new ones (C loops).
                    common = found.keys() & total.keys()
                    if common:
                        total.update(
                            zip(
                                common,
                                map(
                                    add,
                                    map(total.__getitem__, common),
                                    map(found.__getitem__, common),
                                ),
                                strict=True,
                            )
                        )
                    if len(common) < len(found):
                        new = found.keys() - common if common else found.keys()
                        total.update(zip(new, map(found.__getitem__, new), strict=True))
                else:
                    for docnum, score in found.items():
                        total[docnum] = get(docnum, 0.0) + score * boost
            if matched is not None and self.scored:
                # The coordination factor: the share of the subqueries a document matches.
                factors = [n / len(subs) for n in range(len(subs) + 1)]
                keys = total.keys()
                total = dict(
                    zip(
                        keys,
                        map(
                            mul,
                            map(total.__getitem__, keys),
                            map(factors.__getitem__, map(matched.__getitem__, keys)),
                        ),
                        strict=True,
                    )
                )
            return total
        if kind is wq.Phrase and query.slop == 1:
            found = self.phrase(query, s)
            if found is not None:
                return found
        if kind is wq.And and query.subqueries:
            positive, negative = [], []
            for sub in query.subqueries:
                if type(sub) is wq.Not:
                    negative.append(self.evaluate(sub.query, s))
                else:
                    positive.append(self.evaluate(sub, s))
            if positive:
                keys = set(min(positive, key=len))
                for found in positive:
                    keys.intersection_update(found.keys())
                for found in negative:
                    keys.difference_update(found.keys())
                extra = float(len(negative)) if self.scored else 0.0
                boost = query.boost
                total = {}
                for docnum in keys:
                    score = extra
                    for found in positive:
                        score += found[docnum]
                    total[docnum] = score * boost if boost != 1.0 else score
                return total
        return self.whoosh(query, s)

    def phrase(self, query, s):
        """``{segment docnum: score}`` of a phrase (words in a row), as Whoosh's ``SpanNear2``
        matcher gives it: the documents holding every word, scored as the intersection of the
        words' terms, kept where the words' positions follow each other. ``None`` where Whoosh
        must do it (a field without positions, another codec)."""
        fieldname = query.fieldname
        schema = s.schema
        if fieldname not in schema or not query.words:
            return {}
        field = schema[fieldname]
        if not field.format or not field.format.supports("positions"):
            return None
        # The rarest word first: a more frequent word's posting blocks that cannot hold one of
        # the documents found so far are not read (a frequent word beside a rare one).
        words = query.words
        reader = s.reader()
        frequencies = [reader.doc_frequency(fieldname, word) for word in words]
        found, blocks = [None] * len(words), [None] * len(words)
        within = None
        for k in sorted(range(len(words)), key=frequencies.__getitem__):
            word_blocks = []
            scores = self.term(wq.Term(fieldname, words[k]), s, word_blocks, within)
            if not scores:
                return {}
            if not word_blocks:
                return None  # scored by Whoosh's matchers: no blocks to read positions from
            found[k] = scores
            blocks[k] = word_blocks
            within = sorted(scores.keys() if within is None else scores.keys() & set(within))
            if not within:
                return {}
        keys = set(within)
        positions = [term_positions(word_blocks, field.format, keys) for word_blocks in blocks]
        starts_of = positions[0]
        keep = []
        for docnum in keys:
            starts = set(starts_of[docnum])
            for offset, of_word in enumerate(positions[1:], 1):
                starts.intersection_update(p - offset for p in of_word[docnum])
                if not starts:
                    break
            else:
                keep.append(docnum)
        self._check_time()
        if not self.scored:
            return dict.fromkeys(keep, 0.0)
        boost = query.boost
        result = {}
        for docnum in keep:
            score = _tree_sum([scores[docnum] for scores in found])
            result[docnum] = score * boost if boost != 1.0 else score
        return result

    def whoosh(self, query, s):
        """Evaluate ``query`` with Whoosh's matchers in the segment searcher ``s``."""
        if self._context is None:
            top = self.searcher
            self._context = top.context() if self.scored else top.boolean_context()
        matcher = query.matcher(s, self._context)
        found = {}
        scored = self.scored
        n = 0
        while matcher.is_active():
            found[matcher.id()] = matcher.score() if scored else 0.0
            matcher.next()
            n += 1
            if not n & 1023:
                self._check_time()
        return found

    def term(self, query, s, blocks=None, within=None, until=None):
        """``{segment docnum: score}`` of a term; with ``blocks`` (a list), each posting block's
        ``(ids, values)`` is appended to it as well (read once, for phrases). With ``within`` (a
        sorted list of document numbers) only the blocks that may hold one of them are read:
        the result has at least those of them that hold the term. Unscored, ``until`` (a
        function of a block's document numbers) ends the reading after a block it is true for:
        the result is then the term's first documents."""
        fieldname = query.fieldname
        schema = s.schema
        if fieldname not in schema:
            return {}
        if within is None:
            within = self._within
        field = schema[fieldname]
        try:
            btext = field.to_bytes(query.text)
        except ValueError:
            return {}
        reader = s.reader()
        if (fieldname, btext) not in reader:
            return {}
        if self.scored and not (self.bm25 and field.scorable):
            return self.whoosh(query, s)
        # A whole term, scored: its postings at once, decoded or kept from an earlier search.
        whole = self.scored and blocks is None and within is None
        postings = cached_postings(reader, fieldname, btext) if whole else None
        if postings is None:
            matcher = postings_matcher(reader, fieldname, btext, field)
            if matcher is None:
                return self.whoosh(query, s)
        self._check_time()
        found = {}
        if not self.scored:
            for _block in _blocks(matcher, within):
                ids = block_ids(matcher)
                found.update(dict.fromkeys(ids, 0.0))
                if blocks is not None:
                    blocks.append((ids, block_values(matcher)))
                if until is not None and until(ids):
                    break
            return found
        top = self.searcher
        table = _ScoreTable(
            top.idf(fieldname, btext), self.K1 + 1, self._denominator_table(fieldname), query.boost
        )
        lengths = segment_lengths(reader, fieldname)
        if lengths is not None and len(lengths) < reader.doc_count_all():
            lengths = bytes(lengths) + bytes(reader.doc_count_all() - len(lengths))
        score_of = table.__getitem__
        if whole:
            if postings is None:
                id_blocks, weight_blocks = [], []
                for _block in _blocks(matcher):
                    id_blocks.append(block_ids(matcher))
                    weight_blocks.append(block_weights(matcher))
                postings = keep_postings(reader, fieldname, btext, id_blocks, weight_blocks)
            ids, weights = postings
            if lengths is None:
                keys = zip(weights, repeat(0), strict=False)
            else:
                keys = zip(weights, map(lengths.__getitem__, ids), strict=True)
            return dict(zip(ids, map(score_of, keys), strict=True))
        for _block in _blocks(matcher, within):
            ids = block_ids(matcher)
            weights = block_weights(matcher)
            # One score per (weight, length byte), computed once (``_ScoreTable``): the loop
            # over the postings runs in C.
            if lengths is None:
                keys = zip(weights, repeat(0), strict=False)
            else:
                keys = zip(weights, map(lengths.__getitem__, ids), strict=True)
            found.update(zip(ids, map(score_of, keys), strict=True))
            if blocks is not None:
                blocks.append((ids, block_values(matcher)))
        return found

    def _denominator_table(self, fieldname):
        """``K1 * ((1 - B) + B * length / avgfl)`` per length byte (index 1: length 1), the
        part of Whoosh's ``bm25()`` that depends on the document."""
        table = self._denominators.get(fieldname)
        if table is None:
            K1, B = self.K1, self.B  # noqa: N806 - BM25's names
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            table = [K1 * ((1 - B) + B * fl / avgfl) for fl in _BYTE_LENGTHS]
            # A document without a stored length: Whoosh's default of 1.
            table[0] = K1 * ((1 - B) + B * 1 / avgfl)
            self._denominators[fieldname] = table
        return table


def _blocks(matcher, within=None):
    """Move ``matcher`` through its posting blocks, stopping (yielding) at each block to read:
    every block, or with ``within`` (a sorted list of document numbers) those whose range of
    document numbers (after the previous block's last, up to its own last) holds one of them."""
    previous = -1
    while matcher.is_active():
        if within is not None:
            last = block_max_id(matcher)
            first = bisect_right(within, previous)
            previous = last
            if first == len(within):
                return
            if within[first] > last:
                next_block(matcher)
                continue
        yield
        next_block(matcher)


def _tree_sum(values):
    """The sum of ``values`` added as Whoosh's binary tree of intersection matchers adds them
    (``make_binary_tree``: halves), so that scores equal Whoosh's to the last bit."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])


def term_positions(blocks, format_, docnums):
    """``{docnum: [positions]}`` of a term's posting blocks (``[(ids, values)]``) for the
    documents ``docnums`` (a set); only their values are decoded."""
    found = {}
    decode = format_.decode_positions
    for ids, values in blocks:
        for i, docnum in enumerate(ids):
            if docnum in docnums:
                found[docnum] = decode(values[i])
    return found


class _ScoreTable(dict):
    """BM25F scores of one term by ``(weight, length byte)``, as Whoosh computes them.

    ``bm25()`` with Whoosh's default length (1) for length byte 0, times the term query's boost
    (as Whoosh's wrapping matcher multiplies it); computed on first use of a key.
    """

    __slots__ = ("idf", "k1p1", "denominators", "boost")

    def __init__(self, idf, k1p1, denominators, boost):
        super().__init__()
        self.idf = idf
        self.k1p1 = k1p1
        self.denominators = denominators
        self.boost = boost

    def __missing__(self, key):
        weight, lbyte = key
        score = self.idf * ((weight * self.k1p1) / (weight + self.denominators[lbyte]))
        if self.boost != 1.0:
            score = score * self.boost
        self[key] = score
        return score


def model_documents(searcher, ct_term):
    """``allowed(leaf_index, subsearcher)`` for :meth:`Evaluator.run`: a segment's undeleted
    documents matching ``ct_term``.

    Cached per segment and number of deleted documents (a segment never changes otherwise), so
    a write, which makes every search open a new searcher, costs only its own small segment.
    """
    cache = searcher.__dict__.setdefault("_kr_model_documents", {})

    def allowed(n, subsearcher):
        key = (n, ct_term.text)
        docs = cache.get(key)
        if docs is None:
            leaf = subsearcher.reader()
            try:
                columns = segment_cache(leaf)
                deleted = leaf.segment().deleted_count()
            except AttributeError:  # not a plain segment reader
                columns, deleted = {}, None
            # Only the latest state of a segment is kept.
            cached = columns.get(("ct", ct_term.text))
            if cached is not None and deleted is not None and cached[0] == deleted:
                docs = cached[1]
            else:
                docs = frozenset(subsearcher.docs_for_query(ct_term))
                columns[("ct", ct_term.text)] = (deleted, docs)
            cache[key] = docs
        return docs

    return allowed
