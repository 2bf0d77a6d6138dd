"""Per-segment columns held in memory: field lengths, primary keys, field names.

Whoosh reads a field length from disk once per scored posting and a stored primary key once per
hit. Segments never change once written (only their deletion lists do), so these columns are
read once per segment into a bounded, process-wide cache keyed by the index directory and the
segment's id, and every searcher on that segment shares them.
"""

import threading
from collections import OrderedDict

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
