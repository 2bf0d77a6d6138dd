"""Writing segments: single changes, merges in size tiers, and a rebuild's bulk writer.

* :class:`IndexWriter` (single writes): Whoosh's segment writer, flushing postings with the
  field lengths held in memory and writing each segment as separate files (Whoosh copies a
  compound segment into memory whenever it is opened); it finds the documents a write replaces
  and the words the index already has through readers of the committed segments kept open in
  the process (:class:`CommittedSegments`) instead of opening every segment for each write.
* :func:`merge_tiers` merges segments in tiers of similar size, never a rebuild's large ones;
  single writes do not merge (:func:`keep_segments`), :func:`merge_due` tells when a merge is
  due (``IndexStore.merge`` runs it, in a task of its own).
* :class:`BulkWriter` (rebuilds): postings grouped in memory, no sorting pool, uncompressed
  blocks (:func:`bulk_codec`).
* :func:`add_documents` adds documents and their long words, once each, to vocabulary documents.
"""

import os
import secrets
import threading
from array import array

from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from .. import analysis
from .columns import SegmentLengths
from .internals import block_writer, fill_blocks

# Segments written by single changes are merged in tiers of document counts (1-9, 10-99, ...):
# once a tier holds MERGE_FACTOR segments, they are merged into one of the next tier. A change
# then mostly writes one small segment and merges nothing, and each document is rewritten about
# once per tier. Segments above MERGE_MAX_DOCS (a rebuild's, and what merges of the largest tier
# make, one per several thousand writes) are never merged by writes, which bounds the longest
# merge (a few seconds of one task); `update_index` folds them into a fresh index.
MERGE_FACTOR = 8
MERGE_MAX_DOCS = 5_000


class CommittedSegments:
    """Readers of an index directory's committed segments, kept open in this process.

    A segment's files never change once committed (its deletions live in the table of
    contents), so a reader opened once serves every later write: Whoosh's writer opens a
    reader of every segment for each ``update_document`` to find the document it replaces.
    Writers use them under the index's write lock; readers of segments that are gone are
    closed when a writer sees the new list, those of a directory that is gone (swapped out by
    a rebuild) when a writer opens another one.
    """

    _lock = threading.Lock()
    _readers = {}  # (folder, segment id) -> SegmentReader
    _words = {}  # (folder, segment id) -> frozenset of the segment's vocabulary (``rev``)

    @classmethod
    def readers(cls, storage, schema, segments):
        """A reader of each of ``segments`` (in order); readers of other segments of the same
        directory are closed."""
        from whoosh.reading import SegmentReader

        folder = getattr(storage, "folder", id(storage))
        keys = [(folder, segment.segment_id()) for segment in segments]
        with cls._lock:
            wanted = set(keys)
            gone = {
                k[0]
                for k in cls._readers
                if k[0] != folder and isinstance(k[0], str) and not os.path.isdir(k[0])
            }
            for key in [k for k in cls._readers if k not in wanted and k[0] in {folder, *gone}]:
                cls._words.pop(key, None)
                cls._readers.pop(key).close()
            readers = []
            for key, segment in zip(keys, segments, strict=True):
                reader = cls._readers.get(key)
                if reader is None:
                    reader = cls._readers[key] = SegmentReader(storage, schema, segment)
                readers.append(reader)
        return readers

    @classmethod
    def words(cls, reader, fieldname):
        """The terms of ``fieldname`` in the segment ``reader`` reads (read once)."""
        storage = reader.storage()
        key = (getattr(storage, "folder", id(storage)), reader.segment().segment_id())
        words = cls._words.get(key)
        if words is None:
            words = frozenset(reader.field_terms(fieldname)) if fieldname in reader.schema else ()
            cls._words[key] = words
        return words


class IndexWriter(SegmentWriter):
    """Whoosh's writer, flushing postings with the field lengths held in memory, writing
    segments as separate files, finding committed documents through :class:`CommittedSegments`.

    Whoosh's default packs a segment into one compound file, which a reader opens through
    ``BytesIO(memoryview(mmap))``: a copy of the whole segment into memory for every searcher
    (and for every write, which opens the segments to find the document it replaces). Separate
    files are read in place.
    """

    def __init__(self, ix, **kwargs):
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self._committed = None

    def committed_readers(self):
        """``[(segment, reader)]`` of the committed segments this writer started from."""
        if self._committed is None:
            readers = CommittedSegments.readers(self.storage, self.schema, self.segments)
            self._committed = list(zip(self.segments, readers, strict=True))
        return self._committed

    def delete_by_term(self, fieldname, text, searcher=None):
        """Delete the committed documents with ``text`` in ``fieldname``; return how many."""
        if searcher is not None:
            return super().delete_by_term(fieldname, text, searcher=searcher)
        deleted = 0
        for segment, reader in self.committed_readers():
            if (fieldname, text) not in reader:
                continue
            for docnum in reader.postings(fieldname, text).all_ids():
                if not segment.is_deleted(docnum):
                    segment.delete_document(docnum)
                    deleted += 1
        return deleted

    def update_document(self, **fields):
        """Replace the committed documents with the same unique field values by ``fields``."""
        for name, field in self.schema.items():
            if field.unique and name in fields:
                self.delete_by_term(name, fields[name])
        self.add_document(**fields)

    def has_word(self, fieldname, word):
        """Whether a committed segment has ``word`` in ``fieldname`` (deleted documents too)."""
        return any(
            word in CommittedSegments.words(reader, fieldname)
            for _segment, reader in self.committed_readers()
        )

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        postings = self.pool.iter_postings()
        self.fieldwriter.add_postings(self.schema, SegmentLengths(pdr) if pdr else None, postings)
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def _tiers(segments):
    """``(tiers, kept)``: the segments that merges may take, by tier (the number of digits of
    their document count), and the rebuild's large ones; segments with no documents left are
    in neither."""
    tiers = {}
    keep = []
    for segment in segments:
        total = segment.doc_count_all()
        if segment.doc_count() == 0:
            continue  # nothing left to search: drop it
        if total > MERGE_MAX_DOCS:
            keep.append(segment)
        else:
            tiers.setdefault(len(str(total)), []).append(segment)
    return tiers, keep


def merge_due(segments):
    """Whether a tier of ``segments`` has ``MERGE_FACTOR`` segments (:func:`merge_tiers` would
    merge)."""
    tiers, _keep = _tiers(segments)
    return any(len(members) >= MERGE_FACTOR for members in tiers.values())


def keep_segments(writer, segments):
    """Whoosh merge policy of single writes: merge nothing, drop segments with no documents
    left (a write stays short; merges run apart, see ``IndexStore.merge``)."""
    return [segment for segment in segments if segment.doc_count()]


def merge_tiers(writer, segments):
    """Whoosh merge policy: merge the segments of a tier once it has ``MERGE_FACTOR`` of them.

    A segment's tier is the number of digits of its document count; segments whose documents
    were all deleted are dropped, segments of more than ``MERGE_MAX_DOCS`` are kept as they are.
    """
    from whoosh.reading import SegmentReader

    tiers, keep = _tiers(segments)
    for _tier, members in sorted(tiers.items()):
        if len(members) < MERGE_FACTOR:
            keep.extend(members)
            continue
        for segment in members:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            try:
                writer.add_reader(reader)
            finally:
                reader.close()
    return keep


def add_documents(writer, docs, known, replace=False):
    """Add (or with ``replace``, insert-or-replace) ``docs`` and their vocabulary.

    The reversed field (``rev``, for finding compounds by their last part) is only ever read as a
    vocabulary, never for its postings. So rather than one posting per long word and document,
    each long word is indexed once, in a vocabulary document without model or primary key that no
    search can match: ``known(word)`` says whether the index already has it. Vocabulary documents
    are never deleted; a word whose documents are all gone only expands to a term that matches
    nothing, and a rebuild starts afresh.
    """
    new_words = set()
    add = writer.update_document if replace else writer.add_document
    for doc in docs:
        text = doc.pop("rev", None)
        if text:
            new_words.update(w for w in analysis.long_words(text) if not known(w))
        add(**doc)
    if new_words:
        writer.add_document(
            id=f"vocabulary:{secrets.token_hex(8)}", rev=" ".join(sorted(new_words))
        )
    return new_words


def bulk_codec():
    """Whoosh 3's codec without compressing posting blocks: a rebuild spent a tenth of its time
    in zlib, and every search decompressed the blocks again (the index is about a third
    larger); a single write's blocks hold one posting each, too few for zlib to pay. Readers
    take the compression of each block from the block itself."""
    from whoosh.codec.whoosh3 import W3Codec

    return W3Codec(compression=0)


class BulkWriter(IndexWriter):
    """A writer for a rebuild: one new segment, postings grouped by field and term in memory.

    Whoosh's writer puts every posting as a tuple into a sorting pool (spilled to temporary
    files and merged back) and then regroups them; here each term's postings are appended to
    arrays as documents arrive, already in document order, so flushing only sorts the terms.
    Documents may not carry boosts (``_boost``), and fields may not have spelling or vectors.
    ``posting_count`` tells the caller when to commit and continue in a new segment.
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self._postings = {}  # fieldname -> {btext: (array of docnums, array of weights, [values])}
        self._lengths = {}  # fieldname -> {docnum: length as stored (quantised), or None}
        self.posting_count = 0

    def add_document(self, **fields):
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        postings = self._postings
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    terms = postings.get(fieldname)
                    if terms is None:
                        terms = postings[fieldname] = {}
                    items = field.index(value)
                    if not isinstance(items, list):
                        items = list(items)
                    for btext, freq, weight, vbytes in items:
                        length += freq
                        entry = terms.get(btext)
                        if entry is None:
                            terms[btext] = (array("I", (docnum,)), array("f", (weight,)), [vbytes])
                        else:
                            entry[0].append(docnum)
                            entry[1].append(weight)
                            entry[2].append(vbytes)
                    self.posting_count += len(items)
                    if not field.scorable:
                        length = 0
                    if length:
                        self._lengths.setdefault(fieldname, {})[docnum] = (
                            byte_to_length(length_to_byte(length)) or None
                        )
                perdocwriter.add_field(fieldname, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        writer = self.fieldwriter
        add = writer.add
        for fieldname in sorted(self._postings):
            terms = self._postings[fieldname]
            lengths = self._lengths.get(fieldname, {}).get
            writer.start_field(fieldname, self.schema[fieldname])
            for btext in sorted(terms):
                docnums, weights, values = terms[btext]
                writer.start_term(btext)
                postings = block_writer(writer)
                if postings is not None:
                    fill_blocks(postings, docnums, weights, values, lengths)
                else:
                    for docnum, weight, value in zip(docnums, weights, values, strict=True):
                        add(docnum, weight, emptybytes if value is None else value, lengths(docnum))
                writer.finish_term()
            writer.finish_field()
        self._postings = self._lengths = None
        writer.close()
