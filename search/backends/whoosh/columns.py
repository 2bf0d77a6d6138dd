"""Per-segment columns held in memory: field lengths, primary keys, field names, and the
decoded postings of frequent terms.

Whoosh reads a field length from disk once per scored posting and a stored primary key once per
hit. Segments never change once written (only their deletion lists do), so these columns are
read once per segment into a bounded, process-wide cache keyed by the index directory and the
segment's id, and every searcher on that segment shares them. A frequent word's postings (tens
of thousands of document numbers and weights, unpickled block by block on every search) are
kept the same way, within :data:`POSTINGS_CACHE_LIMIT` (:func:`cached_postings`).
"""

import threading
from array import array
from collections import OrderedDict
from itertools import chain

from whoosh.util.numeric import byte_to_length

from .internals import length_column, segment_perdoc, set_segment_perdoc


class SegmentLengths:
    """A new segment's field lengths, read into memory once per field.

    Whoosh's writer looks up the field length of every posting it writes, one read from the
    column file each; on a large build that cost as much as everything else together.
    """

    def __init__(self, pdr):
        self._pdr = pdr
        self._fields = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        try:
            data = self._fields[fieldname]
        except KeyError:
            data = self._fields[fieldname] = length_column(self._pdr, fieldname)
        if data is None:
            return default
        lbyte = data[docnum] if docnum < len(data) else 0
        return byte_to_length(lbyte) if lbyte else None


# Columns of segments (immutable once written) kept in memory: the primary keys and the field
# lengths, which Whoosh otherwise reads from disk once per hit and per scored posting.
_SEGMENT_COLUMNS_LIMIT = 256
_segment_columns = OrderedDict()
_segment_columns_lock = threading.Lock()


def segment_cache(leaf):
    """The in-memory cache (a dict) of the segment that ``leaf`` reads."""
    key = (
        leaf.storage().folder if hasattr(leaf.storage(), "folder") else id(leaf.storage()),
        leaf.segment().segment_id(),
    )
    with _segment_columns_lock:
        cache = _segment_columns.get(key)
        if cache is None:
            cache = _segment_columns[key] = {}
            while len(_segment_columns) > _SEGMENT_COLUMNS_LIMIT:
                _segment_columns.popitem(last=False)
        else:
            _segment_columns.move_to_end(key)
    return cache


class CachedLengths:
    """A segment's per-document reader with the field lengths read into memory once."""

    def __init__(self, perdoc, cache):
        self._perdoc = perdoc
        self.cache = cache

    def __getattr__(self, name):
        return getattr(self._perdoc, name)

    def lengths(self, fieldname):
        """The length bytes of ``fieldname`` (read once per segment), or ``None``."""
        data = self.cache.get(fieldname, False)
        if data is False:
            data = self.cache[fieldname] = length_column(self._perdoc, fieldname)
        return data

    def doc_field_length(self, docnum, fieldname, default=0):
        data = self.lengths(fieldname)
        if data is None:
            return default
        lbyte = data[docnum] if docnum < len(data) else 0
        return byte_to_length(lbyte) if lbyte else None


def cache_columns(searcher):
    """Give ``searcher``'s segment readers in-memory field lengths (see ``_segment_columns``)."""
    for leaf, _offset in searcher.reader().leaf_readers():
        perdoc = segment_perdoc(leaf)
        if perdoc is not None and not isinstance(perdoc, CachedLengths):
            set_segment_perdoc(leaf, CachedLengths(perdoc, segment_cache(leaf)))
    return searcher


def primary_keys(searcher):
    """The ``pk`` column of the whole index as a list, built from per-segment lists."""
    pks = searcher.__dict__.get("_kr_primary_keys")
    if pks is None:
        pks = []
        for leaf, _offset in searcher.reader().leaf_readers():
            if not leaf.doc_count_all():
                continue  # an empty index's reader has no segment and no columns
            cache = segment_cache(leaf) if hasattr(leaf, "segment") else {}
            column = cache.get("pk")
            if column is None:
                column = cache["pk"] = list(leaf.column_reader("pk"))
            pks.extend(column)
        searcher.__dict__["_kr_primary_keys"] = pks
    return pks


def segment_lengths(reader, fieldname):
    """The length bytes of ``fieldname`` in a segment (cached), or ``None`` if not stored."""
    perdoc = segment_perdoc(reader)
    if isinstance(perdoc, CachedLengths):
        return perdoc.lengths(fieldname)
    if perdoc is None:
        return None
    return length_column(perdoc, fieldname)


def field_names(reader):
    """The set of indexed field names of ``reader`` (cached on it: a reader never changes)."""
    names = reader.__dict__.get("_kr_field_names")
    if names is None:
        names = reader.__dict__["_kr_field_names"] = frozenset(reader.indexed_field_names())
    return names


#: Entries kept per reader and kind by :func:`reader_cache` (one vocabulary lookup each).
READER_CACHE_LIMIT = 20_000


def reader_cache(reader, key):
    """A dict kept on ``reader`` for ``key``, for answers that depend only on the reader's
    vocabulary (a reader never changes); started afresh once it holds
    :data:`READER_CACHE_LIMIT` entries."""
    caches = reader.__dict__.setdefault("_kr_caches", {})
    cache = caches.get(key)
    if cache is None or len(cache) >= READER_CACHE_LIMIT:
        cache = caches[key] = {}
    return cache


#: Decoded postings kept in memory, in all (document numbers and weights: 12 bytes each), the
#: least recently used dropped first; only of terms with at least :data:`POSTINGS_CACHE_MIN`
#: postings in a segment (a rare term is a block or two to read).
POSTINGS_CACHE_LIMIT = 1_500_000
POSTINGS_CACHE_MIN = 1000
_postings = OrderedDict()
_postings_size = [0]
_postings_lock = threading.Lock()


def _postings_key(leaf, fieldname, btext):
    storage = leaf.storage()
    folder = storage.folder if hasattr(storage, "folder") else id(storage)
    return (folder, leaf.segment().segment_id(), fieldname, btext)


def cached_postings(leaf, fieldname, btext):
    """``(document numbers, weights)`` of a term in segment ``leaf`` if kept, else ``None``."""
    try:
        key = _postings_key(leaf, fieldname, btext)
    except AttributeError:  # not a plain segment reader
        return None
    with _postings_lock:
        found = _postings.get(key)
        if found is not None:
            _postings.move_to_end(key)
    return found


def keep_postings(leaf, fieldname, btext, id_blocks, weight_blocks):
    """The term's postings read block by block as ``(document numbers, weights)`` arrays, kept
    (:func:`cached_postings`) if the term is frequent."""
    postings = (
        array("I", chain.from_iterable(id_blocks)),
        array("d", chain.from_iterable(weight_blocks)),
    )
    size = len(postings[0])
    if size < POSTINGS_CACHE_MIN or size > POSTINGS_CACHE_LIMIT:
        return postings
    try:
        key = _postings_key(leaf, fieldname, btext)
    except AttributeError:
        return postings
    with _postings_lock:
        if key not in _postings:
            _postings[key] = postings
            _postings_size[0] += size
            while _postings_size[0] > POSTINGS_CACHE_LIMIT:
                _key, dropped = _postings.popitem(last=False)
                _postings_size[0] -= len(dropped[0])
    return postings
