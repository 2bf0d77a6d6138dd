"""The Whoosh internals this backend relies on, in one place, with a check that they still exist.

The backend is fast because it bypasses a few of Whoosh's slow paths (see the package docstring):
it reads length columns and posting blocks directly, fills posting blocks a block at a time,
overrides the segment writer's flush and finishes worker segments without a lock. Those paths
use names that Whoosh does not promise to keep. Every such name is listed in :data:`INTERNALS`
with the module of this package that uses it; the small helpers below are the only code that
touches the posting and column internals, and :func:`problems` builds a tiny index with the
installed Whoosh and reports every listed name that is missing.
``tests/search/test_whoosh_internals.py`` fails loudly when one is missing or when the installed
distribution is not the version they were checked against: after an upgrade, re-read the
listed Whoosh code, adapt, and raise :data:`CHECKED_VERSION`.
"""

import tempfile
from importlib import metadata
from itertools import accumulate

#: The distribution and version whose internals were read and checked.
DISTRIBUTION = "whoosh-reloaded"
CHECKED_VERSION = "2.7.5"

#: ``(where, attribute, used by)``: ``where`` names the Whoosh class (for methods) or the kind of
#: object (for instance attributes) that :func:`problems` inspects.
INTERNALS = [
    # writing.py: the segment writers
    ("whoosh.writing.SegmentWriter", "_flush_segment", "writing (overridden)"),
    ("whoosh.writing.SegmentWriter", "_check_state", "writing.BulkWriter.add_document"),
    ("whoosh.writing.SegmentWriter", "_check_fields", "writing.BulkWriter.add_document"),
    ("whoosh.writing.SegmentWriter", "per_document_reader", "writing.IndexWriter"),
    ("whoosh.writing.SegmentWriter", "add_reader", "writing.merge_tiers"),
    ("whoosh.writing.SegmentWriter", "get_segment", "store.write"),
    ("segment writer", "segments", "writing.IndexWriter, store.write, store.merge"),
    ("whoosh.writing.SegmentWriter", "_finalize_segment", "internals.finish_unlocked_segment"),
    ("whoosh.writing.SegmentWriter", "_finish", "internals.finish_unlocked_segment"),
    ("segment writer", "perdocwriter", "writing"),
    ("segment writer", "fieldwriter", "writing"),
    ("segment writer", "pool", "writing.IndexWriter"),
    ("segment writer", "docnum", "writing.BulkWriter"),
    ("segment writer", "_added", "writing.BulkWriter, build"),
    ("segment writer", "codec", "writing.IndexWriter"),
    ("field writer", "_postwriter", "writing.BulkWriter"),
    # internals.fill_blocks: Whoosh 3's postings writer
    ("postings writer", "_blocklimit", "internals.fill_blocks"),
    ("postings writer", "_write_block", "internals.fill_blocks"),
    ("postings writer", "_ids", "internals.fill_blocks"),
    ("postings writer", "_weights", "internals.fill_blocks"),
    ("postings writer", "_values", "internals.fill_blocks"),
    ("postings writer", "_maxweight", "internals.fill_blocks"),
    ("postings writer", "_minlength", "internals.fill_blocks"),
    ("postings writer", "_maxlength", "internals.fill_blocks"),
    # columns.py / internals.length_column: per-document readers and length columns
    ("segment reader", "_perdoc", "columns.cache_columns"),
    ("segment reader", "_terms", "internals.postings_matcher"),
    ("per-document reader", "_cached_reader", "internals.length_column"),
    ("length column reader", "_dbfile", "internals.length_column"),
    ("length column reader", "_basepos", "internals.length_column"),
    ("length column reader", "_count", "internals.length_column"),
    # scoring.py via internals: Whoosh 3's postings matcher, BM25F's parameters
    ("postings matcher", "_read_data", "internals.block_ids"),
    ("postings matcher", "_data", "internals.block_ids"),
    ("postings matcher", "_byteids", "internals.block_ids"),
    ("postings matcher", "_maxid", "internals.block_max_id"),
    ("postings matcher", "_read_weights", "internals.block_weights"),
    ("postings matcher", "_weights", "internals.block_weights"),
    ("postings matcher", "_next_block", "internals.next_block"),
    ("postings matcher", "_read_values", "internals.block_values"),
    ("postings matcher", "_values", "internals.block_values"),
    ("BM25F weighting", "_field_B", "internals.plain_bm25"),
    ("whoosh.query.Or", "ARRAY_MATCHER", "querying.ArrayOr"),
    # build.py: worker processes write segments in the index's storage without a lock
    ("whoosh.filedb.filestore.FileStorage", "temp_storage", "build (overridden)"),
]


def installed_version():
    """The installed Whoosh distribution's version, or ``None``."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


# -- the helpers that touch posting and column internals ----------------------------------------


def length_column(perdoc, fieldname):
    """The length bytes of ``fieldname`` in a segment (one byte per document), or ``None``.

    Whoosh reads a length per document and call; this reads the column's bytes at once.
    """
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    reader = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if reader is None:
        return None
    try:
        return reader._dbfile.get(reader._basepos, reader._count)
    except AttributeError:  # another column implementation: read it value by value
        return bytes(reader[docnum] for docnum in range(perdoc.doc_count_all()))


def fill_blocks(postings, docnums, weights, values, lengths):
    """Hand a term's postings to Whoosh 3's postings writer a block at a time.

    Does what ``W3PostingsWriter.add_posting`` does once per posting (append to the block's
    arrays, track the maximum weight and the length range, write a full block), per block.
    ``tests/search/test_backend_unit.py`` compares the result with Whoosh's own writer.
    """
    limit = postings._blocklimit
    for start in range(0, len(docnums), limit):
        if start:
            postings._write_block()
        ids = docnums[start : start + limit]
        block_weights = weights[start : start + limit]
        postings._ids = ids
        postings._weights = block_weights
        postings._values = [v for v in values[start : start + limit] if v]
        maxweight = max(block_weights)
        postings._maxweight = maxweight if maxweight > 0 else 0
        block_lengths = [length for length in map(lengths, ids) if length]
        if block_lengths:
            postings._minlength = min(block_lengths)
            postings._maxlength = max(block_lengths)


def block_writer(fieldwriter):
    """The field writer's Whoosh 3 postings writer if :func:`fill_blocks` can fill it."""
    postings = getattr(fieldwriter, "_postwriter", None)
    if hasattr(postings, "_blocklimit") and hasattr(postings, "_ids"):
        return postings
    return None


def finish_unlocked_segment(writer):
    """Finish a lock-less writer's segment without committing a TOC; return the segment."""
    segment = writer._finalize_segment()
    writer._finish()
    return segment


def segment_perdoc(leaf):
    """A segment reader's per-document reader (``None`` for other readers)."""
    return getattr(leaf, "_perdoc", None)


def set_segment_perdoc(leaf, perdoc):
    leaf._perdoc = perdoc


def postings_matcher(reader, fieldname, btext, field):
    """A Whoosh 3 postings matcher of the term whose blocks :func:`block_ids` can read, or
    ``None`` (another codec: use Whoosh's matchers)."""
    terms = getattr(reader, "_terms", None)
    if terms is None:
        return None
    matcher = terms.matcher(fieldname, btext, field.format)
    if not all(hasattr(matcher, a) for a in ("_read_data", "_data", "_byteids", "_next_block")):
        return None
    return matcher


def block_ids(matcher):
    """The document numbers of a Whoosh 3 postings matcher's current block (what its
    ``_read_ids`` makes, with the deltas summed in C instead of a generator)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    return ids if matcher._byteids else list(accumulate(ids))


def block_max_id(matcher):
    """The last document number of the matcher's current block (read without decoding it)."""
    return matcher._maxid


def block_weights(matcher):
    """The weights of the matcher's current block."""
    matcher._read_weights()
    return matcher._weights


def block_values(matcher):
    """The values (encoded positions) of the matcher's current block."""
    matcher._read_values()
    return matcher._values


def next_block(matcher):
    matcher._next_block()


def plain_bm25(weighting):
    """Whether ``weighting`` is Whoosh's BM25F without per-field B values."""
    from whoosh import scoring

    return type(weighting) is scoring.BM25F and not weighting._field_B


# -- the check -----------------------------------------------------------------------------------


def _import(dotted):
    module, _, name = dotted.rpartition(".")
    return getattr(__import__(module, fromlist=[name]), name)


def problems():
    """Every listed internal that the installed Whoosh lacks, as ``"where.attribute (used by)"``.

    Classes are inspected directly; instance attributes on the objects of a small index written,
    read and searched in a temporary directory with the package's own writers.
    """

    objects = {}
    found = []
    with tempfile.TemporaryDirectory(prefix="whoosh-internals-") as directory:
        try:
            _inspect(directory, objects)
        except Exception as exc:  # noqa: BLE001 - reported with the names below
            found.append(f"writing and reading a test index failed: {exc!r}")
    for where, attribute, used_by in INTERNALS:
        if "." in where:
            try:
                owner = _import(where)
            except (ImportError, AttributeError):
                found.append(f"{where} ({used_by}): class missing")
                continue
        else:
            owner = objects.get(where)
        if owner is None or not hasattr(owner, attribute):
            found.append(f"{where}.{attribute} ({used_by})")
    return found


def _inspect(directory, objects):
    """Fill ``objects`` (kind -> object) from a small index written and read in ``directory``."""
    from whoosh import fields as wfields
    from whoosh import index as windex

    from .writing import BulkWriter, bulk_codec

    schema = wfields.Schema(id=wfields.ID(unique=True, stored=True), text=wfields.TEXT)
    ix = windex.create_in(directory, schema)
    writer = BulkWriter(ix, codec=bulk_codec())
    objects["segment writer"] = writer
    try:
        for n in range(3):
            writer.add_document(id=str(n), text=f"ein wort {n}")
        # The field writer and its postings writer exist once a field is started.
        fieldwriter = writer.fieldwriter
        objects["field writer"] = fieldwriter
        fieldwriter.start_field("text", schema["text"])
        fieldwriter.start_term(b"wort")
        objects["postings writer"] = fieldwriter._postwriter
    finally:
        writer.cancel()
    writer = ix.writer()
    for n in range(3):
        writer.add_document(id=str(n), text=f"ein wort {n}")
    writer.commit()
    with ix.searcher() as searcher:
        objects["BM25F weighting"] = searcher.weighting
        reader = searcher.reader()
        objects["segment reader"] = reader
        perdoc = getattr(reader, "_perdoc", None)
        objects["per-document reader"] = perdoc
        if perdoc is not None and hasattr(perdoc, "_cached_reader"):
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN

            objects["length column reader"] = perdoc._cached_reader("_text_len", LENGTHS_COLUMN)
        terms = getattr(reader, "_terms", None)
        if terms is not None:
            objects["postings matcher"] = terms.matcher("text", b"wort", schema["text"].format)
