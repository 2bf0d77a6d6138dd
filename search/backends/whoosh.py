"""A modelsearch (Wagtail search) backend on Whoosh, with German-first analysis.

Settings::

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.whoosh",
            "PATH": "/srv/site/var/search-index",  # a directory owned by this backend
            "LANGUAGE": "de",                      # "de" (default) or "en"
            "LOCK_TIMEOUT": 20,                    # seconds a writer waits for the write lock
            "TIME_LIMIT": 5,                       # seconds a single search may take
            "TYPO_TOLERANCE": True,                # expand unknown words to near spellings
            "COMPOUNDS": None,                     # compound-part expansion; default: on for "de"
            "SYNONYMS": {"ki": "künstliche intelligenz"},  # added to the built-in glossary
            "BUILD_PROCS": 1,                      # processes analysing documents in a rebuild
        }
    }

Layout of ``PATH``::

    current -> index-20251113T101500-1a2b3c4d   (symlink, swapped atomically with os.replace)
    index-20251113T101500-1a2b3c4d/              (a complete Whoosh index)
    journal-index-...                            (while a rebuild runs: changes to replay)

Searches always read the directory ``current`` points to. A rebuild writes a fresh directory,
replays the changes that were written to the live index meanwhile (recorded in the journal), and
then swaps the link: searches keep working during a rebuild, and a killed rebuild leaves the live
index as it was. A missing, corrupt or incompatible index raises :class:`IndexUnavailable`;
``update_index`` / ``rebuild_modelsearch_index`` repairs it.

What is done where:

* Whoosh matches the query text (every search field gets an exact and a stemmed sub-field, see
  :mod:`search.backends.analysis`; the stemmed one in the document's language: English pages are
  stemmed as English, see :func:`document_language`), restricted to the searched model and its
  subclasses, and ranks
  with BM25F plus field boosts, an extra boost for exact (unstemmed) matches and low-boosted
  expansions (compound parts, typo corrections).
* The database applies the queryset's filters and ``order_by``; the final objects are always loaded
  through the caller's queryset, so an index that lags behind the database never shows a row the
  queryset excludes.

Performance (measured with ``bench/search.py``; profile before changing any of this):

* Rebuild: fields are analysed by :class:`analysis.AnalysedText` (per-word caches) and written
  by ``_BulkSegmentWriter`` (postings grouped in memory, no sorting pool, uncompressed blocks, a
  new segment every ``BULK_SEGMENT_POSTINGS``), with ``BUILD_PROCS`` > 1 in that many worker
  processes (``_ParallelBuild``); long words go to vocabulary documents, once each
  (``_add_documents``).
* Single writes: ``_SegmentWriter`` writes non-compound segments (Whoosh copies a compound
  segment into memory whenever it is opened) and merges segments in tiers of similar size
  (``_merge_tiers``), never a rebuild's large ones; the opened index is reused.
* Queries: ``_Evaluator`` scores term at a time, a block of postings per loop, instead of
  Whoosh's matchers and collector; the model restriction is a cached set of document numbers per
  segment; primary keys and field lengths are held in memory per segment; the page and the count
  of a search come from one index search, cached on the query compiler; typo lookups reuse their
  automaton and stop at the search's deadline (``TIME_LIMIT`` covers building the query).

This module imports only Django, modelsearch, Whoosh and the standard library.
"""

import contextlib
import fcntl
import json
import logging
import os
import pickle
import secrets
import shutil
import socket
import struct
import threading
import time
import zlib
from array import array
from collections import Counter, OrderedDict
from itertools import accumulate, repeat
from operator import add, itemgetter

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Manager
from django.db.models.signals import post_delete, post_save
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe

from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    get_model_root,
)
from modelsearch.index import (
    AutocompleteField,
    RelatedFields,
    SearchField,
    class_is_indexed,
    get_indexed_instance,
)
from modelsearch.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
)
from modelsearch.utils import get_descendant_models

from whoosh import fields as wfields
from whoosh import index as windex
from whoosh import query as wq
from whoosh import scoring
from whoosh.automata.lev import levenshtein_automaton
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.filedb.filestore import FileStorage
from whoosh.support.levenshtein import damerau_levenshtein
from whoosh.system import emptybytes
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.text import utf8decode
from whoosh.writing import SegmentWriter

from . import analysis

__all__ = [
    "IndexLocked",
    "IndexUnavailable",
    "SearchBackend",
    "WhooshIndex",
    "WhooshRebuilder",
    "WhooshSearchBackend",
    "WhooshSearchQueryCompiler",
    "WhooshSearchResults",
]

logger = logging.getLogger(__name__)

# 5: stemmed fields per document language (sen_*, sde_*).
INDEX_FORMAT = 5

# Ranking weights (relative to a stemmed match, 1.0).
EXACT_BOOST = 1.5
COMPOUND_BOOST = 0.35
FUZZY_BOOST = 0.4
SYNONYM_BOOST = 0.6

# Expansion limits: keep every query bounded however large the vocabulary is.
MAX_EXPANSIONS = 24
MAX_FUZZY = 4
MAX_AUTOCOMPLETE_TERMS = 256
# A word found in this many documents is not expanded to compounds: its own matches fill the
# first pages (expansions rank lower), and the expansions' postings would dominate query time.
COMPOUND_EXPANSION_MAX_DF = 1000
# Hit sets up to this size are checked against the queryset with one pk__in query; larger ones by
# reading the queryset's primary keys.
PK_IN_LIMIT = 2000
# A rebuild starts a new segment after this many postings (about 30 bytes of memory each).
BULK_SEGMENT_POSTINGS = 6_000_000
# Segments written by single changes are merged in tiers of document counts (1-9, 10-99, ...):
# once a tier holds MERGE_FACTOR segments, they are merged into one of the next tier. A change
# then mostly writes one small segment and merges nothing, and each document is rewritten about
# once per tier. Segments above MERGE_MAX_DOCS (a rebuild's, and what merges of the largest tier
# make, one per several thousand writes) are never merged by writes, which bounds the longest
# merge (a few seconds of one task); `update_index` folds them into a fresh index.
MERGE_FACTOR = 8
MERGE_MAX_DOCS = 5_000
# A rebuild journal older than this (or of a dead process on this host) is abandoned.
STALE_BUILD_SECONDS = 24 * 3600

INFLECTION_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "ns", "ens")


class IndexUnavailable(Exception):  # noqa: N818 - public name, reads well in `except`
    """The search index is missing, corrupt, or was built for other settings.

    Searching cannot continue; rebuilding (``manage.py update_index`` or
    ``rebuild_modelsearch_index``) repairs the index.
    """


class IndexLocked(IndexUnavailable):  # noqa: N818
    """Another writer held the index write lock for longer than ``LOCK_TIMEOUT`` seconds."""


# Errors that mean "the files on disk are not a usable Whoosh index".
_CORRUPTION_ERRORS = (
    windex.IndexError,
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    AttributeError,  # an unpicklable schema (code changed since the index was written)
    ImportError,
    ValueError,
    KeyError,
    IndexError,
)
_READ_ERRORS = (OSError, EOFError, struct.error, zlib.error, pickle.UnpicklingError)


def build_schema(language):
    """Return the Whoosh schema: fixed bookkeeping fields plus per-search-field glob fields.

    ``s_<path>`` stemmed text, ``x_<path>`` exact text, ``a_<path>`` autocomplete words, where
    ``<path>`` is the search field's name, with ``__`` through ``RelatedFields``. Documents in
    another supported language than the backend's (English pages on a German site, see
    :func:`document_language`) have their stemmed text in ``s<code>_<path>`` (``sen_title``),
    stemmed for that language; exact and autocomplete fields do not depend on the language.
    """
    schema = wfields.Schema(
        id=wfields.ID(unique=True),
        pk=wfields.ID(sortable=True),
        ct=wfields.KEYWORD(scorable=False),
        rev=analysis.AnalysedText("reversed"),
    )
    schema.add("s_*", analysis.AnalysedText("stem", language), glob=True)
    for other in analysis.LANGUAGES:
        if other != language:
            schema.add(
                stem_prefix(other, language) + "*", analysis.AnalysedText("stem", other), glob=True
            )
    schema.add("x_*", analysis.AnalysedText("exact"), glob=True)
    # Autocomplete fields hold exact words; prefixes are expanded against their vocabulary at
    # query time (edge n-grams would triple the terms a document write has to flush).
    schema.add("a_*", analysis.AnalysedText("exact"), glob=True)
    return schema


def stem_prefix(language, backend_language):
    """The prefix of the stemmed fields of documents in ``language``: ``s_`` for the backend's
    own language, else ``s<code>_`` (``sen_``)."""
    return "s_" if language == backend_language else f"s{language}_"


# Locale primary key -> language code (or None); emptied whenever a locale is saved or deleted.
_locale_languages = {}
_locale_models = set()


def _forget_locale_languages(**kwargs):
    _locale_languages.clear()


def _locale_model(obj):
    """The model of ``obj``'s ``locale`` foreign key (its changes clear the cache), or ``None``."""
    try:
        model = obj._meta.get_field("locale").related_model
    except Exception:  # noqa: BLE001 - no locale foreign key: no language of its own
        return None
    if model is not None and model not in _locale_models:
        for signal in (post_save, post_delete):
            signal.connect(
                _forget_locale_languages, sender=model, weak=False, dispatch_uid="whoosh-locales"
            )
        _locale_models.add(model)
    return model


def document_language(obj):
    """The analysis language of ``obj``: its locale's language (Wagtail pages and other
    translatable objects) if it is one of :data:`analysis.LANGUAGES`, else ``None`` (the
    backend's language). Each locale's code is looked up once (until a locale changes)."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return None
    state = getattr(obj, "_state", None)
    locale = state.fields_cache.get("locale") if state is not None else None
    if locale is not None:
        code = locale.language_code
    elif locale_id in _locale_languages:
        return _locale_languages[locale_id]
    else:
        model = _locale_model(obj)
        if model is None:
            return None
        code = (
            model._default_manager.filter(pk=locale_id)
            .values_list("language_code", flat=True)
            .first()
        )
    code = (code or "").split("-")[0].lower()
    language = code if code in analysis.LANGUAGES else None
    if locale is None:
        _locale_languages[locale_id] = language
    return language


def _content_type_labels(model):
    """Labels under which a document of ``model`` is found: itself and its concrete parents."""
    model = model._meta.concrete_model
    return [model._meta.label_lower] + [
        parent._meta.label_lower for parent in model._meta.get_parent_list()
    ]


def _document_key(model, pk):
    return f"{get_model_root(model._meta.concrete_model)._meta.label_lower}:{pk}"


def _prepare_value(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(_prepare_value(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_prepare_value(item) for item in value.values())
    return force_str(value)


def _collect_texts(obj, search_fields, prefix, search, autocomplete):
    """Append the text of ``obj``'s search/autocomplete fields to the ``path -> [text]`` dicts."""
    for field in search_fields:
        if isinstance(field, SearchField):
            text = _prepare_value(field.get_value(obj))
            if text:
                search.setdefault(prefix + field.field_name, []).append(text)
        elif isinstance(field, AutocompleteField):
            text = _prepare_value(field.get_value(obj))
            if text:
                autocomplete.setdefault(prefix + field.field_name, []).append(text)
        elif isinstance(field, RelatedFields):
            value = field.get_value(obj)
            if value is None:
                continue
            if isinstance(value, Manager):
                related = value.all()
            else:
                if callable(value):
                    value = value()
                related = value if isinstance(value, (list, tuple)) else [value]
            for sub_obj in related:
                _collect_texts(
                    sub_obj, field.fields, prefix + field.field_name + "__", search, autocomplete
                )


def _field_paths(search_fields, kind, prefix=""):
    """Yield ``(path, boost)`` for every ``kind`` field, following ``RelatedFields``."""
    for field in search_fields:
        if isinstance(field, RelatedFields):
            yield from _field_paths(field.fields, kind, prefix + field.field_name + "__")
        elif type(field) is kind:
            boost = getattr(field, "boost", None)
            yield prefix + field.field_name, float(boost) if boost else 1.0


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Lengths:
    """A new segment's field lengths, read into memory once per field.

    Whoosh's writer looks up the field length of every posting it writes, one read from the
    column file each; on a large build that cost as much as everything else together.
    """

    def __init__(self, pdr):
        self._pdr = pdr
        self._fields = {}

    def _load(self, fieldname):
        reader = self._pdr._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if reader is None:
            return None
        try:
            return reader._dbfile.get(reader._basepos, reader._count)
        except AttributeError:  # another column implementation: read it value by value
            return bytes(reader[docnum] for docnum in range(self._pdr.doc_count_all()))

    def doc_field_length(self, docnum, fieldname, default=0):
        try:
            data = self._fields[fieldname]
        except KeyError:
            data = self._fields[fieldname] = self._load(fieldname)
        if data is None:
            return default
        lbyte = data[docnum] if docnum < len(data) else 0
        return byte_to_length(lbyte) if lbyte else None


class _SegmentWriter(SegmentWriter):
    """Whoosh's writer, flushing postings with the field lengths held in memory, writing
    segments as separate files.

    Whoosh's default packs a segment into one compound file, which a reader opens through
    ``BytesIO(memoryview(mmap))``: a copy of the whole segment into memory for every searcher
    (and for every write, which opens the segments to find the document it replaces). Separate
    files are read in place.
    """

    def __init__(self, ix, **kwargs):
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)

    def _flush_segment(self):
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        postings = self.pool.iter_postings()
        self.fieldwriter.add_postings(self.schema, _Lengths(pdr) if pdr else None, postings)
        self.fieldwriter.close()
        if pdr:
            pdr.close()


def _merge_tiers(writer, segments):
    """Whoosh merge policy: merge the segments of a tier once it has ``MERGE_FACTOR`` of them.

    A segment's tier is the number of digits of its document count; segments whose documents
    were all deleted are dropped, segments of more than ``MERGE_MAX_DOCS`` are kept as they are.
    """
    from whoosh.reading import SegmentReader

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


def _add_documents(writer, docs, known, replace=False):
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


def _fill_blocks(postings, docnums, weights, values, lengths):
    """Hand a term's postings to Whoosh 3's postings writer a block at a time.

    Does what ``W3PostingsWriter.add_posting`` does once per posting (append to the block's
    arrays, track the maximum weight and the length range, write a full block), per block.
    The test of the bulk writer compares the result with Whoosh's own writer.
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


def _bulk_codec():
    """Whoosh 3's codec without compressing posting blocks: a rebuild spent a tenth of its time
    in zlib, and every search decompressed the blocks again (the index is about a third
    larger). Readers take the compression of each block from the block itself."""
    from whoosh.codec.whoosh3 import W3Codec

    return W3Codec(compression=0)


class _BulkSegmentWriter(_SegmentWriter):
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
                postings = getattr(writer, "_postwriter", None)
                if hasattr(postings, "_blocklimit") and hasattr(postings, "_ids"):
                    _fill_blocks(postings, docnums, weights, values, lengths)
                else:
                    for docnum, weight, value in zip(docnums, weights, values, strict=True):
                        add(docnum, weight, emptybytes if value is None else value, lengths(docnum))
                writer.finish_term()
            writer.finish_field()
        self._postings = self._lengths = None
        writer.close()


# Columns of segments (immutable once written) kept in memory: the primary keys and the field
# lengths, which Whoosh otherwise reads from disk once per hit and per scored posting.
_SEGMENT_COLUMNS_LIMIT = 256
_segment_columns = OrderedDict()
_segment_columns_lock = threading.Lock()


def _segment_cache(leaf):
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


class _CachedLengths:
    """A segment's per-document reader with the field lengths read into memory once."""

    def __init__(self, perdoc, cache):
        self._perdoc = perdoc
        self._cache = cache
        self._loader = _Lengths(perdoc)

    def __getattr__(self, name):
        return getattr(self._perdoc, name)

    def doc_field_length(self, docnum, fieldname, default=0):
        data = self._cache.get(fieldname, False)
        if data is False:
            data = self._cache[fieldname] = self._loader._load(fieldname)
        if data is None:
            return default
        lbyte = data[docnum] if docnum < len(data) else 0
        return byte_to_length(lbyte) if lbyte else None


def _cache_columns(searcher):
    """Give ``searcher``'s segment readers in-memory field lengths (see ``_segment_columns``)."""
    for leaf, _offset in searcher.reader().leaf_readers():
        perdoc = getattr(leaf, "_perdoc", None)
        if perdoc is not None and not isinstance(perdoc, _CachedLengths):
            leaf._perdoc = _CachedLengths(perdoc, _segment_cache(leaf))
    return searcher


def _primary_keys(searcher):
    """The ``pk`` column of the whole index as a list, built from per-segment lists."""
    pks = searcher.__dict__.get("_primary_keys")
    if pks is None:
        pks = []
        for leaf, _offset in searcher.reader().leaf_readers():
            if not leaf.doc_count_all():
                continue  # an empty index's reader has no segment and no columns
            cache = _segment_cache(leaf) if hasattr(leaf, "segment") else {}
            column = cache.get("pk")
            if column is None:
                column = cache["pk"] = list(leaf.column_reader("pk"))
            pks.extend(column)
        searcher.__dict__["_primary_keys"] = pks
    return pks


# Opened index objects per directory (see ``IndexStore.open``).
_open_indexes = {}

# Searchers are cached per thread and index directory (Whoosh searchers are not shared
# between threads); backends are instantiated often, so the cache lives at module level.
_local = threading.local()


class IndexStore:
    """The directory ``PATH``: the live index behind ``current``, builds, journals and locks."""

    CURRENT = "current"

    def __init__(self, path, language, lock_timeout, build_procs=1):
        self.path = os.path.abspath(path)
        self.language = language
        self.lock_timeout = lock_timeout
        self.build_procs = build_procs

    # -- directories -------------------------------------------------------------------------

    def current_dir(self):
        """Return the live index directory, or ``None`` if no index was ever built here."""
        try:
            target = os.readlink(os.path.join(self.path, self.CURRENT))
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise IndexUnavailable(
                f"{self.path}/{self.CURRENT} is not a link to an index; rebuild the search index."
            ) from exc
        return os.path.join(self.path, target)

    def _new_dir(self):
        os.makedirs(self.path, exist_ok=True)
        name = f"index-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
        directory = os.path.join(self.path, name)
        os.makedirs(directory)
        windex.create_in(directory, build_schema(self.language))
        with open(os.path.join(directory, "meta.json"), "w", encoding="utf-8") as fh:
            json.dump({"format": INDEX_FORMAT, "language": self.language}, fh)
        return directory

    def _activate(self, directory):
        """Point ``current`` at ``directory`` atomically and remove unused index directories."""
        tmp = os.path.join(self.path, f".current-{secrets.token_hex(6)}")
        os.symlink(os.path.basename(directory), tmp)
        os.replace(tmp, os.path.join(self.path, self.CURRENT))
        self._cleanup(keep=directory)

    def _cleanup(self, keep):
        active = {os.path.basename(keep)}
        for journal, name in self._journals(include_stale=True):
            if self._journal_is_stale(journal):
                with contextlib.suppress(OSError):
                    os.remove(journal)
            else:
                active.add(name)
        for entry in os.listdir(self.path):
            if entry.startswith("index-") and entry not in active:
                # Open searchers elsewhere keep their files until they close (POSIX semantics).
                shutil.rmtree(os.path.join(self.path, entry), ignore_errors=True)

    def ensure(self):
        """Create an empty live index if none was ever built; return its directory.

        Processes creating it at once take turns (a lock file in ``PATH``): otherwise the
        second would swap in its own empty index and remove the first one's, with whatever
        the first had written to it meanwhile.
        """
        directory = self.current_dir()
        if directory is not None:
            return directory
        os.makedirs(self.path, exist_ok=True)
        with open(os.path.join(self.path, ".create.lock"), "a+b") as lock:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise IndexLocked(
                            f"Creating the search index in {self.path} took over "
                            f"{self.lock_timeout} s."
                        ) from None
                    time.sleep(0.02)
            try:
                directory = self.current_dir()
                if directory is None:
                    directory = self._new_dir()
                    self._activate(directory)
                    logger.info("Created an empty search index in %s", directory)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        return directory

    def reset(self):
        """Replace the live index by an empty one (the old one is removed only after the swap)."""
        self._activate(self._new_dir())

    # -- opening -----------------------------------------------------------------------------

    def open(self, directory, cached=False):
        """Open the index in ``directory``, raising :class:`IndexUnavailable` if unusable.

        ``cached``: reuse an index object opened before in this process (its schema and
        storage never change; writers and searchers read the current segments themselves).
        """
        if cached:
            ix = _open_indexes.get(directory)
            if ix is not None:
                return ix
        try:
            with open(os.path.join(directory, "meta.json"), encoding="utf-8") as fh:
                meta = json.load(fh)
            ix = windex.open_dir(directory)
        except _CORRUPTION_ERRORS as exc:
            raise IndexUnavailable(
                f"The search index in {directory} cannot be opened ({exc!r}); rebuild it."
            ) from exc
        if meta.get("format") != INDEX_FORMAT or meta.get("language") != self.language:
            raise IndexUnavailable(
                f"The search index in {directory} was built with {meta}, but the backend is "
                f"configured for language {self.language!r}; rebuild it."
            )
        if cached:
            with _segment_columns_lock:
                _open_indexes[directory] = ix
                while len(_open_indexes) > 8:
                    _open_indexes.pop(next(iter(_open_indexes)))
        return ix

    @contextlib.contextmanager
    def searcher(self, refresh=True):
        """Yield an up-to-date searcher on the live index (cached per thread).

        With ``refresh=False`` a cached searcher is used even if the index changed since.
        """
        directory = self.current_dir()
        if directory is None or not os.path.isdir(directory):
            raise IndexUnavailable(
                f"No search index in {self.path}; run `manage.py update_index` to build it."
            )
        cache = getattr(_local, "searchers", None)
        if cache is None:
            cache = _local.searchers = {}
        searcher = cache.get(directory)
        try:
            if searcher is None:
                for stale_dir in [d for d in cache if d.startswith(self.path + os.sep)]:
                    with contextlib.suppress(Exception):  # noqa: BLE001 - best-effort close
                        cache.pop(stale_dir).close()
                searcher = _cache_columns(self.open(directory).searcher())
            elif refresh and not searcher.up_to_date():
                # Not Searcher.refresh(): it reuses segment readers by segment and so keeps
                # their old deletion lists (and re-adds merged-away segments).
                with contextlib.suppress(Exception):  # noqa: BLE001 - best-effort close
                    searcher.close()
                searcher = _cache_columns(self.open(directory).searcher())
        except IndexUnavailable:
            raise
        except _CORRUPTION_ERRORS as exc:
            cache.pop(directory, None)
            raise IndexUnavailable(
                f"The search index in {directory} cannot be read ({exc!r}); rebuild it."
            ) from exc
        cache[directory] = searcher
        try:
            yield searcher
        except _READ_ERRORS as exc:
            cache.pop(directory, None)
            raise IndexUnavailable(
                f"The search index in {directory} cannot be read ({exc!r}); rebuild it."
            ) from exc

    def writer(self, ix, bulk=False, **kwargs):
        """Return a writer, waiting up to ``lock_timeout`` seconds for the write lock.

        ``bulk``: a writer for adding many documents to a fresh index (see ``_BulkSegmentWriter``).
        """
        try:
            if bulk:
                kwargs.setdefault("codec", _bulk_codec())
            writer_class = _BulkSegmentWriter if bulk else _SegmentWriter
            return writer_class(ix, timeout=self.lock_timeout, delay=0.05, **kwargs)
        except windex.LockError as exc:
            raise IndexLocked(
                f"The search index in {ix.storage.folder} stayed locked for {self.lock_timeout} s."
            ) from exc

    def write(self, directory, *, docs=(), delete_keys=()):
        """Apply deletions and (insert-or-replace) documents to the index in ``directory``."""
        ix = self.open(directory, cached=True)
        writer = self.writer(ix)
        try:
            for key in delete_keys:
                writer.delete_by_term("id", key)
            if docs and directory == self.current_dir():
                # A searcher that may miss the latest commits is good enough to tell known
                # words (at worst a word is recorded twice) and saves reopening the index.
                with self.searcher(refresh=False) as searcher:
                    reader = searcher.reader()
                    _add_documents(
                        writer,
                        docs,
                        known=lambda word: reader.doc_frequency("rev", word[::-1]) > 0,
                        replace=True,
                    )
            elif docs:
                _add_documents(writer, docs, known=lambda word: False, replace=True)
        except BaseException:
            writer.cancel()
            raise
        # Each change writes a small segment; segments of similar size are merged in tiers.
        writer.commit(mergetype=_merge_tiers)

    # -- rebuild journals ----------------------------------------------------------------------

    def _journal_path(self, directory):
        return os.path.join(self.path, "journal-" + os.path.basename(directory))

    def _journals(self, include_stale=False):
        try:
            entries = os.listdir(self.path)
        except FileNotFoundError:
            return []
        found = []
        for entry in entries:
            if entry.startswith("journal-"):
                journal = os.path.join(self.path, entry)
                if include_stale or not self._journal_is_stale(journal):
                    found.append((journal, entry[len("journal-") :]))
        return found

    def _journal_is_stale(self, journal):
        try:
            if time.time() - os.path.getmtime(journal) > STALE_BUILD_SECONDS:
                return True
            with open(journal, encoding="utf-8") as fh:
                host, pid = fh.readline().split()
        except (OSError, ValueError):
            return True
        return host == socket.gethostname() and not _pid_alive(int(pid))

    def start_build(self):
        """Create a fresh index directory for a rebuild and start its change journal."""
        directory = self._new_dir()
        with open(self._journal_path(directory), "w", encoding="utf-8") as fh:
            fh.write(f"{socket.gethostname()} {os.getpid()}\n")
        return directory

    def record_change(self, line):
        """Append ``line`` to the journal of every running rebuild."""
        for journal, _name in self._journals():
            with open(journal, "a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def read_journal(self, directory, skip):
        """Return the journal lines of the build in ``directory`` after the first ``skip``."""
        try:
            with open(self._journal_path(directory), encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except FileNotFoundError:
            return []
        return lines[1 + skip :]

    def activate_build(self, directory):
        """Make the rebuilt ``directory`` the live index (its journal stays until removed)."""
        self._activate(directory)

    def remove_journal(self, directory):
        with contextlib.suppress(FileNotFoundError):
            os.remove(self._journal_path(directory))


class WhooshIndex(BaseIndex):
    """The single index of this backend (all models), or a rebuild's fresh copy of it."""

    def __init__(self, backend, directory=None):
        super().__init__(backend)
        #: ``None`` for the live index, else the directory of a rebuild in progress.
        self.directory = directory
        self._writer = None
        self._ix = None

    def get_key(self):
        return "default"

    def __str__(self):
        return f"whoosh:{self.directory or self.backend.store.path}"

    # -- documents --------------------------------------------------------------------------

    @staticmethod
    def document(obj, language="de"):
        """Return the Whoosh document (a dict) for ``obj``, or ``None`` if it has no text.

        ``language`` is the backend's; an object in another language (see
        :func:`document_language`) gets its stemmed text in that language's fields.
        """
        model = type(obj)
        search, autocomplete = {}, {}
        _collect_texts(obj, model.get_search_fields(), "", search, autocomplete)
        doc = {
            "id": _document_key(model, obj.pk),
            "pk": str(obj.pk),
            "ct": " ".join(_content_type_labels(model)),
        }
        stemmed = stem_prefix(document_language(obj) or language, language)
        all_text = []
        for path, texts in search.items():
            text = "\n".join(texts)
            doc[stemmed + path] = text
            doc["x_" + path] = text
            all_text.append(text)
        for path, texts in autocomplete.items():
            doc["a_" + path] = "\n".join(texts)
        if all_text:
            # Not indexed with the document: the writer adds its new words to a vocabulary
            # document (see ``_add_documents``).
            doc["rev"] = "\n".join(all_text)
        return doc

    # -- writing ----------------------------------------------------------------------------

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        docs = [self.document(obj, self.backend.language) for obj in items]
        if not docs:
            return
        if self.directory is not None:
            self._build_writer().update_documents(docs)
            return
        directory = self.backend.store.ensure()
        self.backend.store.write(directory, docs=docs)
        for obj in items:
            self.backend.store.record_change(
                f"upd {type(obj)._meta.concrete_model._meta.label_lower} {obj.pk}"
            )

    def delete_item(self, item):
        key = _document_key(type(item), item.pk)
        if self.directory is not None:
            self._build_writer().delete_key(key)
            return
        directory = self.backend.store.current_dir()
        if directory is None:
            return
        self.backend.store.write(directory, delete_keys=[key])
        self.backend.store.record_change(f"del {key}")

    def reset(self):
        self.backend.store.reset()

    def refresh(self):
        # Commits are visible immediately: every search refreshes its searcher.
        pass

    def _build_writer(self):
        if self._writer is None:
            self._writer = _BuildWriter(self.backend.store, self.directory, bulk=True)
        return self._writer


class _BuildWriter:
    """The writer of a rebuild: adds documents to the fresh index, committed at the end.

    ``bulk`` (the rebuild's main pass) writes a new segment every ``BULK_SEGMENT_POSTINGS``
    postings, which bounds its memory; segments are never merged during a build. With
    ``BUILD_PROCS`` > 1 the bulk pass hands the documents to that many worker processes (see
    ``_ParallelBuild``). Otherwise (the replay of changes) a plain writer is used, which can also
    replace committed documents.
    """

    def __init__(self, store, directory, bulk=False):
        self.store = store
        self.directory = directory
        self.ix = store.open(directory)
        self.bulk = bulk
        self.parallel = None
        self.deleted = []
        if bulk and store.build_procs > 1:
            self.parallel = _ParallelBuild.start(directory, store.build_procs)
        self.writer = None if self.parallel else self._new_writer()
        self.vocabulary = set()

    def _new_writer(self):
        return self.store.writer(self.ix, bulk=self.bulk, limitmb=256)

    def update_documents(self, docs):
        if self.parallel is not None:
            self.parallel.send(docs)
            return
        vocabulary = self.vocabulary
        vocabulary.update(_add_documents(self.writer, docs, known=vocabulary.__contains__))
        if self.bulk and self.writer.posting_count >= BULK_SEGMENT_POSTINGS:
            self.writer.commit(merge=False)
            self.writer = self._new_writer()

    def delete_key(self, key):
        if self.parallel is not None:
            self.deleted.append(key)  # applied once the workers' segments are committed
            return
        self.writer.delete_by_term("id", key)

    def replay(self, lines):
        """Apply journal lines: re-read changed objects from the database, delete removed ones.

        Must run in a writer of its own, after the documents it replaces were committed: Whoosh
        only deletes committed documents, so a pending duplicate would survive.
        """
        writer = self.writer
        latest = {}  # one operation per document: the last one wins
        for line in lines:
            op, _, rest = line.partition(" ")
            if op == "del":
                latest[rest] = ("del", None, None)
            elif op == "upd":
                label, _, pk = rest.partition(" ")
                try:
                    model = apps.get_model(label)
                except LookupError:
                    continue
                latest[_document_key(model, pk)] = ("upd", model, pk)
        for key, (op, model, pk) in latest.items():
            writer.delete_by_term("id", key)
            if op == "upd":
                obj = model._default_manager.filter(pk=pk).first()
                indexed = get_indexed_instance(obj) if obj is not None else None
                if indexed is not None and class_is_indexed(type(indexed)):
                    self.update_documents([WhooshIndex.document(indexed, self.store.language)])

    def commit(self):
        if self.parallel is None:
            self.writer.commit(merge=False)
            return
        segments = self.parallel.finish()
        self.parallel = None
        writer = self._new_writer()
        writer.commit(mergetype=lambda _writer, existing: existing + segments)
        if self.deleted:
            writer = self.store.writer(self.ix)
            for key in self.deleted:
                writer.delete_by_term("id", key)
            writer.commit(merge=False)

    def cancel(self):
        if self.parallel is not None:
            self.parallel.cancel()
            self.parallel = None
        if self.writer is not None:
            self.writer.cancel()


class _PrivateTempStorage(FileStorage):
    """The index's storage, but each writer gets a temporary directory of its own (Whoosh
    names it after the index, which processes writing segments at once would share)."""

    def temp_storage(self, name=None):
        return super().temp_storage(None)


def _close_worker_writer(writer):
    """Finish a lock-less writer's segment without committing a TOC; return the segment."""
    segment = writer._finalize_segment()
    writer._finish()
    return segment


def _build_worker(conn, directory):
    """A worker process of a parallel rebuild: write the documents it receives (lists of
    documents, ``None`` at the end) to segments of their own in ``directory``; send back
    ``("ok", segments)`` or ``("error", traceback)``. It never touches the database."""
    import traceback

    try:
        ix = windex.FileIndex(_PrivateTempStorage(directory))
        segments = []
        vocabulary = set()
        writer = None
        while True:
            docs = conn.recv()
            if docs is None:
                break
            if writer is None:
                writer = _BulkSegmentWriter(ix, _lk=False, limitmb=256, codec=_bulk_codec())
            vocabulary.update(_add_documents(writer, docs, known=vocabulary.__contains__))
            if writer.posting_count >= BULK_SEGMENT_POSTINGS:
                segments.append(_close_worker_writer(writer))
                writer = None
        if writer is not None and writer._added:
            segments.append(_close_worker_writer(writer))
        conn.send(("ok", segments))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        with contextlib.suppress(Exception):
            conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


class _ParallelBuild:
    """The bulk pass of a rebuild in ``procs`` worker processes (forked).

    The rebuilding process reads the database and makes the documents; the workers analyse
    them and write segments (the expensive part), each its own, without the write lock: the
    fresh index directory is not live yet, and nothing commits to it until ``finish`` returns
    the workers' segments for one commit. Chunks are handed out in turn; a worker's pipe
    blocks when it falls behind, which bounds memory.
    """

    def __init__(self, workers):
        self.workers = workers  # [(process, connection)]
        self.turn = 0

    @classmethod
    def start(cls, directory, procs):
        import multiprocessing

        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        context = multiprocessing.get_context("fork")
        workers = []
        for _ in range(procs):
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_build_worker, args=(child_end, directory))
            process.daemon = True
            process.start()
            child_end.close()
            workers.append((process, parent_end))
        return cls(workers)

    def send(self, docs):
        _process, conn = self.workers[self.turn % len(self.workers)]
        self.turn += 1
        conn.send(docs)

    def finish(self):
        segments, errors = [], []
        try:
            for _process, conn in self.workers:
                conn.send(None)
            for _process, conn in self.workers:
                status, result = conn.recv()
                if status == "ok":
                    segments.extend(result)
                else:
                    errors.append(result)
        except (EOFError, OSError) as exc:
            errors.append(repr(exc))
        finally:
            for process, conn in self.workers:
                conn.close()
                process.join(timeout=60)
        if errors:
            raise RuntimeError("A search index build process failed:\n" + "\n".join(errors))
        return segments

    def cancel(self):
        for process, conn in self.workers:
            conn.close()
            process.terminate()
            process.join(timeout=10)


class WhooshRebuilder:
    """Rebuild into a fresh directory, then swap it in; the live index is never emptied first.

    Changes written to the live index while the rebuild runs are journalled and replayed into
    the new index (from the database, so the newest state wins) before and after the swap.
    """

    def __init__(self, index):
        self.index = index
        self.new_index = None

    def start(self):
        store = self.index.backend.store
        self.new_index = WhooshIndex(self.index.backend, directory=store.start_build())
        return self.new_index

    def finish(self):
        store = self.index.backend.store
        directory = self.new_index.directory
        self.new_index._build_writer().commit()
        lines = store.read_journal(directory, 0)
        self._replay(store, directory, lines)
        store.activate_build(directory)
        # Changes recorded between reading the journal and the swap went to the old live index
        # only; they are few, so apply them to the new live index the same way.
        self._replay(store, directory, store.read_journal(directory, len(lines)))
        store.remove_journal(directory)

    @staticmethod
    def _replay(store, directory, lines):
        """Apply journalled changes to the index in ``directory`` in one commit."""
        if not lines:
            return
        writer = _BuildWriter(store, directory)
        try:
            writer.replay(lines)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()


class _Or(wq.Or):
    """Or, scored term at a time: each subquery's postings are added into an array of scores.

    A German word becomes many terms (exact, stemmed, compound parts, typo corrections, per
    field); Whoosh's default binary tree of union matchers costs a dozen Python calls per document
    and level, which made a frequent word take seconds on 20 000 documents.
    """

    matcher_type = wq.Or.ARRAY_MATCHER


class _QueryBuilder:
    """Translate a modelsearch query tree into a Whoosh query for one search."""

    def __init__(self, backend, reader, paths, autocomplete=False):
        self.backend = backend
        self.language = backend.language
        self.reader = reader
        self.paths = paths  # [(path, boost)]
        self.autocomplete = autocomplete
        self._known_cache = {}
        # [(field prefix, language, [(path, boost)])]: the stemmed fields to search, the
        # backend's language first; another language's only where the index has such fields
        # (so a single-language index gets exactly the query it would get without them).
        names = _field_names(reader)
        self.stemmings = [("s_", self.language, paths)]
        for other in analysis.LANGUAGES:
            if other == self.language:
                continue
            prefix = stem_prefix(other, self.language)
            other_paths = [(p, b) for p, b in paths if prefix + p in names]
            if other_paths:
                self.stemmings.append((prefix, other, other_paths))
        #: The languages of the searched documents (stop words of all of them are ignored).
        self.languages = tuple(language for _prefix, language, _paths in self.stemmings)

    # -- tree -------------------------------------------------------------------------------

    def build(self, query, boost=1.0):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, Not):
            inner = self.build(query.subquery, boost)
            if inner is wq.NullQuery:
                return wq.Every()
            if isinstance(inner, wq.Every):
                return wq.NullQuery
            return wq.Not(inner)
        if isinstance(query, Boost):
            return self.build(query.subquery, boost * query.boost)
        if isinstance(query, And):
            parts = [self.build(sub, boost) for sub in query.subqueries]
            if any(part is wq.NullQuery for part in parts):
                return wq.NullQuery
            parts = [part for part in parts if not isinstance(part, wq.Every)]
            if not parts:
                return wq.Every()
            return parts[0] if len(parts) == 1 else wq.And(parts)
        if isinstance(query, Or):
            parts = [self.build(sub, boost) for sub in query.subqueries]
            parts = [part for part in parts if part is not wq.NullQuery]
            if not parts:
                return wq.NullQuery
            return parts[0] if len(parts) == 1 else _Or(parts)
        if isinstance(query, PlainText):
            return self.plain(query.query_string, query.operator, boost * query.boost)
        if isinstance(query, Fuzzy):
            return self.plain(query.query_string, query.operator, boost, fuzzy=True)
        if isinstance(query, Phrase):
            return self.phrase(query.query_string, boost)
        raise NotImplementedError(
            f"`{query.__class__.__name__}` is not supported by the Whoosh search backend."
        )

    def plain(self, text, operator, boost, fuzzy=False):
        if self.autocomplete:
            words = analysis.query_words(text, self.language, stop=False)
            clauses = [self.autocomplete_clause(word, boost) for word in words]
        else:
            words = analysis.query_words(text, self.languages)
            clauses = [self.word_clause(word, boost, fuzzy) for word in words]
            self.add_synonyms(words, clauses, boost)
        clauses = [clause for clause in clauses if clause is not wq.NullQuery or operator == "and"]
        if not clauses or any(c is wq.NullQuery for c in clauses):
            return wq.NullQuery
        if len(clauses) == 1:
            return clauses[0]
        return wq.And(clauses) if operator == "and" else _Or(clauses)

    def add_synonyms(self, words, clauses, boost):
        """Let an abbreviation also match its spelled-out form and vice versa (lower weight)."""
        synonyms = self.backend.synonyms
        if not synonyms:
            return
        folded = [analysis.fold(word) for word in words]
        stems = [analysis.stem(word, self.language) for word in words]
        for i, key in enumerate(folded):
            if key in synonyms:
                alternative = self.phrase(synonyms[key], boost * SYNONYM_BOOST)
                clauses[i] = self._or([clauses[i], alternative])
        for abbreviation, spelled in synonyms.items():
            parts = [analysis.stem(part, self.language) for part in spelled.split()]
            if abbreviation in folded or not all(part in stems for part in parts):
                continue
            i = stems.index(parts[0])
            alternative = self.word_clause(abbreviation, boost * SYNONYM_BOOST)
            clauses[i] = self._or([clauses[i], alternative])

    def phrase(self, text, boost):
        words = analysis.query_words(text, self.language, stop=False)
        if not words:
            return wq.NullQuery
        if self.autocomplete or len(words) == 1:
            return self.plain(text, "and", boost)
        phrases = []
        for prefix, language, paths in self.stemmings:
            stems = [analysis.stem(word, language) for word in words]
            phrases.extend(
                wq.Phrase(prefix + path, stems, boost=boost * fboost) for path, fboost in paths
            )
        return self._or(phrases)

    # -- words ------------------------------------------------------------------------------

    @staticmethod
    def _or(subqueries):
        if not subqueries:
            return wq.NullQuery
        return subqueries[0] if len(subqueries) == 1 else _Or(subqueries)

    def autocomplete_clause(self, word, boost):
        """Words starting with ``word`` in the autocomplete fields (at most
        ``MAX_AUTOCOMPLETE_TERMS`` per field, so one-letter prefixes stay fast)."""
        prefix = analysis.fold(word)
        subqueries = []
        for path, fboost in self.paths:
            fieldname = "a_" + path
            for n, btext in enumerate(self.reader.expand_prefix(fieldname, prefix)):
                if n >= MAX_AUTOCOMPLETE_TERMS:
                    break
                subqueries.append(wq.Term(fieldname, utf8decode(btext)[0], boost=boost * fboost))
        return self._or(subqueries)

    def word_clause(self, word, boost, fuzzy=False):
        exact = analysis.fold(word)
        terms = [(exact, EXACT_BOOST)]
        known = self.known(word)
        if (
            self.backend.compounds
            and len(exact) >= 4
            and self.frequency(word) < COMPOUND_EXPANSION_MAX_DF
        ):
            terms.extend((t, COMPOUND_BOOST) for t in self.compound_terms(word) if t != exact)
        if (fuzzy or (self.backend.typo_tolerance and not known)) and len(exact) >= 5:
            terms.extend((t, FUZZY_BOOST) for t in self.fuzzy_terms(word) if t != exact)
        subqueries = []
        for prefix, stemmed, paths in self.stems(word):
            subqueries.extend(
                wq.Term(prefix + path, stemmed, boost=boost * fboost) for path, fboost in paths
            )
        for path, fboost in self.paths:
            subqueries.extend(
                wq.Term("x_" + path, term, boost=boost * fboost * tboost) for term, tboost in terms
            )
        return self._or(subqueries)

    def stems(self, word):
        """``[(field prefix, stem of word, [(path, boost)])]`` for each searched language."""
        return [
            (prefix, analysis.stem(word, language), paths)
            for prefix, language, paths in self.stemmings
        ]

    def frequency(self, word):
        """How many documents have the stemmed word in a searched field (counted per field)."""
        reader = self.reader
        return sum(
            reader.doc_frequency(prefix + path, stemmed)
            for prefix, stemmed, paths in self.stems(word)
            for path, _boost in paths
        )

    def known(self, word):
        """Whether the word occurs in any searched field, exactly or stemmed."""
        exact = analysis.fold(word)
        if exact not in self._known_cache:
            reader = self.reader
            self._known_cache[exact] = any(
                reader.doc_frequency("x_" + path, exact) for path, _boost in self.paths
            ) or any(
                reader.doc_frequency(prefix + path, stemmed)
                for prefix, stemmed, paths in self.stems(word)
                for path, _boost in paths
            )
        return self._known_cache[exact]

    def _expand(self, fieldnames, prefix, limit):
        """Up to ``limit`` indexed terms starting with ``prefix`` in each of ``fieldnames``."""
        found = set()
        for fieldname in fieldnames:
            for n, btext in enumerate(self.reader.expand_prefix(fieldname, prefix)):
                if n >= limit:
                    break
                found.add(utf8decode(btext)[0])
        return found

    def compound_terms(self, word):
        """Indexed words containing ``word`` as first or last part of a compound (folded).

        "Sammlung" finds "Sammlungsdaten" and "Museumssammlungen"; "Daten" finds "Normdaten".
        """
        folded = analysis.fold(word)
        base = folded
        for ending in ("ern", "en", "er", "es", "e", "n", "s"):
            if folded.endswith(ending) and len(folded) - len(ending) >= 5:
                base = folded[: -len(ending)]
                break
        expanded = set()
        # First part: the word (or its base, or its stem) starts a longer word.
        heads = {base}
        stem_prefix = analysis.umlaut_stem_prefix(word, self.language)
        if stem_prefix and len(stem_prefix) >= 5:
            heads.add(analysis.fold(stem_prefix))
        fields = ["x_" + path for path, _boost in self.paths]
        for probe in heads:
            for term in self._expand(fields, probe, MAX_EXPANSIONS):
                if len(term) >= len(probe) + 3:
                    expanded.add(term)
        # Last part: the word, maybe inflected, ends a longer word (eight letters or more).
        for ending in INFLECTION_ENDINGS:
            tail = base + ending
            if len(tail) < 4:
                continue
            for term in self._expand(["rev"], tail[::-1], MAX_EXPANSIONS):
                if len(term) >= len(tail) + 3:
                    expanded.add(term[::-1])
        if not self.known(word):
            expanded.update(self.decompound(word))
        if len(expanded) > MAX_EXPANSIONS:
            reader = self.reader
            expanded = sorted(
                expanded,
                key=lambda t: -sum(reader.doc_frequency(f, t) for f in fields),
            )[:MAX_EXPANSIONS]
        return expanded

    def decompound(self, word):
        """Indexed words that ``word`` is a compound of ("Museumsdigitalisierung" gives
        "museum" and "digitalisierung"; "beantrage" gives "antrage", known by its stem)."""
        folded = analysis.fold(word)
        stops = analysis.stopwords(self.language)
        parts = set()
        # Longest known last part (the head of a German compound).
        for i in range(2, len(folded) - 4):
            right = folded[i:]
            if right not in stops and self.known(right):
                parts.add(right)
                break
        # Longest known first part, with or without a linking s/es/n/en.
        for i in range(len(folded) - 3, 3, -1):
            left = folded[:i]
            candidates = [left]
            for link in ("s", "es", "n", "en"):
                if left.endswith(link) and len(left) - len(link) >= 4:
                    candidates.append(left[: -len(link)])
            found = next(
                (c for c in candidates if c not in stops and self.known(c)),
                None,
            )
            if found:
                parts.add(found)
                break
        return parts

    def fuzzy_terms(self, word):
        """Indexed words within one or two edits of ``word`` (folded), most frequent first."""
        return self.backend._near_words(self.reader, word)


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "or"
    HANDLES_ORDER_BY_EXPRESSIONS = True  # ordering happens in the database
    FIELD_KIND = SearchField
    AUTOCOMPLETE = False

    def search_paths(self):
        """``[(path, boost)]`` of the fields searched: the model's and its subclasses' fields."""
        paths = {}
        if self.fields is None:
            models = [m for m in get_descendant_models(self.queryset.model) if class_is_indexed(m)]
            for model in models:
                for path, boost in _field_paths(model.get_search_fields(), self.FIELD_KIND):
                    paths[path] = max(boost, paths.get(path, 0.0))
        else:
            own = dict(_field_paths(self.queryset.model.get_search_fields(), self.FIELD_KIND))
            for name in self.fields:
                if name in own:
                    paths[name] = own[name]
        return sorted(paths.items())

    def content_type_filter(self):
        return wq.Term("ct", self.queryset.model._meta.concrete_model._meta.label_lower)

    def simplified_query(self):
        """The query with MATCH_ALL/MATCH_NONE folded in: a ``MatchAll``, ``None`` or a tree."""
        return _simplify(self.query)

    def whoosh_query(self, backend, reader):
        builder = _QueryBuilder(backend, reader, self.search_paths(), self.AUTOCOMPLETE)
        return builder.build(self.simplified_query())


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    FIELD_KIND = AutocompleteField
    AUTOCOMPLETE = True


def _simplify(query):
    """Fold MATCH_ALL / MATCH_NONE; returns ``MatchAll()``, ``None`` (match nothing) or a query."""
    if isinstance(query, MatchAll):
        return query
    if isinstance(query, Not):
        inner = _simplify(query.subquery)
        if inner is None:
            return MatchAll()
        if isinstance(inner, MatchAll):
            return None
        if isinstance(inner, Not):
            return inner.subquery
        return Not(inner)
    if isinstance(query, Boost):
        inner = _simplify(query.subquery)
        if inner is None or isinstance(inner, MatchAll):
            return inner
        return Boost(inner, query.boost)
    if isinstance(query, And):
        parts = [_simplify(sub) for sub in query.subqueries]
        if any(part is None for part in parts):
            return None
        parts = [part for part in parts if not isinstance(part, MatchAll)]
        if not parts:
            return MatchAll()
        return parts[0] if len(parts) == 1 else And(parts)
    if isinstance(query, Or):
        parts = [_simplify(sub) for sub in query.subqueries]
        if any(isinstance(part, MatchAll) for part in parts):
            return MatchAll()
        parts = [part for part in parts if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(parts)
    return query


class _Timeout(Exception):  # noqa: N818 - internal signal
    """A search ran past its time limit."""


# Field length bytes (Whoosh quantises lengths to one byte) -> length.
_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]


class _Evaluator:
    """Evaluate a Whoosh query term at a time, per segment, into ``{docnum: score}``.

    Whoosh's matchers advance posting by posting through several Python method calls each (and
    score each posting through three more); a frequent German word is a dozen terms (exact,
    stemmed, compound parts, per field), so a search of 100 000 posts spent seconds there. Here a
    term's postings are read a block at a time and scored in one loop with the same BM25F
    formula, in the same order of additions as Whoosh's union matcher; ``Or`` sums, ``And``
    intersects (a ``Not`` part excludes, adding 1.0 as Whoosh's inverse matcher does). Other
    queries (phrases, ``Every``, a lone ``Not``) are handed to Whoosh's own matchers per segment.
    ``tests/search/test_search_paths.py`` compares the results with Whoosh's collector.
    """

    def __init__(self, searcher, scored=True, deadline=None):
        self.searcher = searcher
        self.scored = scored
        self.deadline = deadline
        weighting = searcher.weighting
        self.bm25 = type(weighting) is scoring.BM25F and not weighting._field_B
        self.K1 = getattr(weighting, "K1", 1.2)
        self.B = getattr(weighting, "B", 0.75)
        self._denominators = {}
        self._context = None

    def run(self, query, allowed):
        """``{global docnum: score}`` of the documents matching ``query`` in ``allowed``.

        ``allowed(leaf_index, subsearcher)`` returns the set of a segment's document numbers a
        hit may have (undeleted documents of the searched models). Raises :class:`_Timeout`
        with the hits found so far as its argument.
        """
        results = {}
        try:
            for n, (subsearcher, offset) in enumerate(self.searcher.leaf_searchers()):
                found = self.evaluate(query, subsearcher)
                if not found:
                    continue
                keep = found.keys() & allowed(n, subsearcher)
                scores = map(found.__getitem__, keep)
                docnums = map(offset.__add__, keep) if offset else keep
                results.update(zip(docnums, scores, strict=True))
        except _Timeout:
            raise _Timeout(results) from None
        return results

    def _check_time(self):
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _Timeout

    def evaluate(self, query, s):
        """``{segment docnum: score}`` of ``query`` in the segment searcher ``s`` (deleted
        documents may be included; ``run`` removes them)."""
        kind = type(query)
        if kind is wq.Term:
            return self.term(query, s)
        if kind in (wq.Or, _Or) and not query.minmatch and query.scale is None:
            subs = query.subqueries
            if not subs:
                return {}
            if len(subs) == 1:  # Whoosh uses the only subquery's matcher, without the boost
                return self.evaluate(subs[0], s)
            boost = query.boost
            total = {}
            get = total.get
            for sub in subs:
                found = self.evaluate(sub, s)
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
            return total
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

    def term(self, query, s):
        fieldname = query.fieldname
        schema = s.schema
        if fieldname not in schema:
            return {}
        field = schema[fieldname]
        try:
            btext = field.to_bytes(query.text)
        except ValueError:
            return {}
        reader = s.reader()
        if (fieldname, btext) not in reader:
            return {}
        terms = getattr(reader, "_terms", None)
        if terms is None or (self.scored and not (self.bm25 and field.scorable)):
            return self.whoosh(query, s)
        matcher = terms.matcher(fieldname, btext, field.format)
        if not all(hasattr(matcher, a) for a in ("_read_data", "_data", "_byteids", "_next_block")):
            return self.whoosh(query, s)
        self._check_time()
        found = {}
        if not self.scored:
            while matcher.is_active():
                found.update(dict.fromkeys(_block_ids(matcher), 0.0))
                matcher._next_block()
            return found
        top = self.searcher
        table = _ScoreTable(
            top.idf(fieldname, btext), self.K1 + 1, self._denominator_table(fieldname), query.boost
        )
        lengths = _segment_lengths(reader, fieldname)
        if lengths is not None and len(lengths) < reader.doc_count_all():
            lengths = bytes(lengths) + bytes(reader.doc_count_all() - len(lengths))
        score_of = table.__getitem__
        while matcher.is_active():
            ids = _block_ids(matcher)
            matcher._read_weights()
            weights = matcher._weights
            # One score per (weight, length byte), computed once (``_ScoreTable``): the loop
            # over the postings runs in C.
            if lengths is None:
                keys = zip(weights, repeat(0), strict=False)
            else:
                keys = zip(weights, map(lengths.__getitem__, ids), strict=True)
            found.update(zip(ids, map(score_of, keys), strict=True))
            matcher._next_block()
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


def _block_ids(matcher):
    """The document numbers of a Whoosh 3 postings matcher's current block (what its
    ``_read_ids`` makes, with the deltas summed in C instead of a generator)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    return ids if matcher._byteids else list(accumulate(ids))


def _segment_lengths(reader, fieldname):
    """The length bytes of ``fieldname`` in a segment (cached), or ``None`` if not stored."""
    perdoc = getattr(reader, "_perdoc", None)
    if isinstance(perdoc, _CachedLengths):
        data = perdoc._cache.get(fieldname, False)
        if data is False:
            data = perdoc._cache[fieldname] = perdoc._loader._load(fieldname)
        return data
    if perdoc is None:
        return None
    return _Lengths(perdoc)._load(fieldname)


def _model_documents(searcher, ct_term):
    """``allowed(leaf_index, subsearcher)`` for :meth:`_Evaluator.run`: a segment's undeleted
    documents matching ``ct_term``.

    Cached per segment and number of deleted documents (a segment never changes otherwise), so
    a write, which makes every search open a new searcher, costs only its own small segment.
    """
    cache = searcher.__dict__.setdefault("_model_documents", {})

    def allowed(n, subsearcher):
        key = (n, ct_term.text)
        docs = cache.get(key)
        if docs is None:
            leaf = subsearcher.reader()
            try:
                segment_cache = _segment_cache(leaf)
                deleted = leaf.segment().deleted_count()
            except AttributeError:  # not a plain segment reader
                segment_cache, deleted = {}, None
            # Only the latest state of a segment is kept.
            cached = segment_cache.get(("ct", ct_term.text))
            if cached is not None and deleted is not None and cached[0] == deleted:
                docs = cached[1]
            else:
                docs = frozenset(subsearcher.docs_for_query(ct_term))
                segment_cache[("ct", ct_term.text)] = (deleted, docs)
            cache[key] = docs
        return docs

    return allowed


_INTEGER_KEYS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
}


def _primary_key_strings(queryset, ordered=False):
    """The primary keys of ``queryset`` as strings (as the index stores them): a set, or with
    ``ordered`` a list in the queryset's order.

    For integer keys the rows are read with a plain cursor: Django's per-row machinery cost
    more than the query when a frequent word's hits are checked against 100 000 rows.
    """
    pk = queryset.model._meta.pk
    target = pk.target_field if pk.is_relation else pk
    values = queryset.values_list("pk", flat=True)
    if target.get_internal_type() in _INTEGER_KEYS and not values.query.is_sliced:
        from django.db import connections

        try:
            sql, params = values.query.sql_with_params()
        except EmptyResultSet:
            return [] if ordered else set()
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            keys = list(map(str, map(itemgetter(0), cursor.fetchall())))
    else:
        keys = [str(key) for key in values]
    return keys if ordered else set(keys)


class _Hits:
    """``[(pk, score)]`` of a search, best first, converted from ``[(docnum, score)]`` when
    read: a page needs ten of tens of thousands of hits, and the count none."""

    __slots__ = ("_items", "_pks")

    def __init__(self, items, pks):
        self._items = items
        self._pks = pks

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __iter__(self):
        pks = self._pks
        for docnum, score in self._items:
            yield pks[docnum], score

    def keep(self, allowed):
        """The hits whose primary key is in the set ``allowed``, in the same order."""
        pks = self._pks
        return _Hits([item for item in self._items if pks[item[0]] in allowed], pks)

    def __getitem__(self, index):
        pks = self._pks
        if isinstance(index, slice):
            return [(pks[docnum], score) for docnum, score in self._items[index]]
        docnum, score = self._items[index]
        return pks[docnum], score


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    # -- pipeline ---------------------------------------------------------------------------

    def _queryset(self):
        queryset = self.query_compiler.queryset
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def _hits(self, searcher, scored=True):
        """``[(pk, score)]`` of the index's matches for the model, best first.

        Kept on the query compiler, which the clones of these results share, so that a search
        page asking for the count and for a page runs the index search once.
        """
        compiler = self.query_compiler
        generation = (self.backend.store.current_dir(), searcher.reader().generation())
        cached = getattr(compiler, "_whoosh_hits", None)
        if cached is not None and cached[0] == generation:
            _, cached_scored, hits = cached
            if cached_scored or not scored:
                return hits
        hits = self._search_index(searcher, scored)
        compiler._whoosh_hits = (generation, scored, hits)
        return hits

    def _search_index(self, searcher, scored):
        compiler = self.query_compiler
        # TIME_LIMIT covers building the query too (typo lookups, see ``_near_words``).
        deadline = time.monotonic() + self.backend.time_limit
        _local.deadline = deadline
        try:
            query = compiler.whoosh_query(self.backend, searcher.reader())
        finally:
            _local.deadline = None
        if query is wq.NullQuery:
            return []
        # The model restriction is a set of document numbers per segment, made once per
        # searcher and model.
        allowed = _model_documents(searcher, compiler.content_type_filter())
        evaluator = _Evaluator(searcher, scored, deadline)
        try:
            results = evaluator.run(query, allowed)
        except _Timeout as stopped:
            logger.warning("Search %r stopped after %s s", compiler.query, self.backend.time_limit)
            results = stopped.args[0] if stopped.args else {}
        pks = _primary_keys(searcher)
        if scored:
            # Best first, equal scores in index order (two C-level sorts; the second is stable).
            items = sorted(results.items(), key=itemgetter(0))
            items.sort(key=itemgetter(1), reverse=True)
        else:
            items = [(docnum, 0.0) for docnum in sorted(results)]
        return _Hits(items, pks)

    def _filtered(self, hits):
        """Keep the hits whose objects are in the queryset (in the given order)."""
        queryset = self.query_compiler.queryset
        if not hits:
            return []
        if len(hits) <= PK_IN_LIMIT:
            rows = queryset.filter(pk__in=[pk for pk, _ in hits]).values_list("pk", flat=True)
            allowed = {str(pk) for pk in rows}
        else:
            # Many hits: read the queryset's keys (one scan, faster than counting and choosing).
            allowed = _primary_key_strings(queryset)
        return hits.keep(allowed)

    def _fetch(self, page):
        """Load the objects of ``page`` (``[(pk, score)]``) in that order, through the queryset."""
        if not page:
            return []
        objects = {
            str(obj.pk): obj for obj in self._queryset().filter(pk__in=[pk for pk, _ in page])
        }
        result = []
        for pk, score in page:
            obj = objects.get(pk)
            if obj is None:
                continue  # deleted or excluded since it was indexed
            if self._score_field:
                setattr(obj, self._score_field, score)
            result.append(obj)
        return result

    def _is_filtered(self):
        return bool(self.query_compiler.queryset.query.where)

    def _ordered_queryset(self):
        queryset = self._queryset()
        if not queryset.query.order_by:
            # A stable order keeps pages consistent (wagtail/wagtail#3729).
            queryset = queryset.order_by("-pk")
        return queryset

    def _run(self, count_only=False):
        """Evaluate the search: returns ``(objects or None, total)``."""
        compiler = self.query_compiler
        query = compiler.simplified_query()
        if query is None:
            return [], 0
        if isinstance(query, MatchAll):
            queryset = (
                self._ordered_queryset() if not compiler.order_by_relevance else self._queryset()
            )
            if count_only:
                return None, queryset.count()
            return list(queryset[self.start : self.stop]), None

        with self.backend.store.searcher() as searcher:
            if compiler.order_by_relevance:
                # All hits, scored: the union matchers score every posting anyway, and the
                # count and the page then come from one search (see ``_hits``).
                hits = self._hits(searcher)
                if self._is_filtered():
                    # Kept with the hits, so that the count and the page filter once.
                    cached = getattr(compiler, "_whoosh_filtered", None)
                    if cached is not None and cached[0] is hits:
                        hits = cached[1]
                    else:
                        filtered = self._filtered(hits)
                        compiler._whoosh_filtered = (hits, filtered)
                        hits = filtered
                if count_only:
                    return None, len(hits)
                return self._fetch(hits[self.start : self.stop]), len(hits)

            hits = self._hits(searcher, scored=bool(self._score_field))
        scores = dict(hits)
        if not scores:
            return [], 0
        queryset = self._ordered_queryset()
        if len(scores) <= PK_IN_LIMIT:
            matching = queryset.filter(pk__in=list(scores))
            if count_only:
                return None, matching.count()
            objects = list(matching[self.start : self.stop])
            if self._score_field:
                for obj in objects:
                    setattr(obj, self._score_field, scores.get(str(obj.pk), 0.0))
            return objects, None
        ordered = []
        seen = set()
        for key in _primary_key_strings(queryset, ordered=True):
            if key in scores and key not in seen:
                seen.add(key)
                ordered.append(key)
        if count_only:
            return None, len(ordered)
        page = [(pk, scores[pk]) for pk in ordered[self.start : self.stop]]
        return self._fetch(page), len(ordered)

    def _clip(self, total):
        start = min(self.start, total)
        stop = total if self.stop is None else min(self.stop, total)
        return max(0, stop - start)

    def _do_search(self):
        objects, total = self._run()
        if total is not None and self._count_cache is None:
            self._count_cache = self._clip(total)
        return objects

    def _do_count(self):
        _objects, total = self._run(count_only=True)
        return self._clip(total)

    # -- facets -----------------------------------------------------------------------------

    def facet(self, field_name):
        compiler = self.query_compiler
        field = compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to '
                f"{compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name,
            )
        query = compiler.simplified_query()
        queryset = compiler.queryset
        counts = Counter()
        if query is None:
            return OrderedDict()
        if isinstance(query, MatchAll):
            querysets = [queryset]
        else:
            with self.backend.store.searcher() as searcher:
                hits = self._hits(searcher, scored=False)
            pks = [pk for pk, _ in hits]
            querysets = [
                queryset.filter(pk__in=pks[i : i + PK_IN_LIMIT])
                for i in range(0, len(pks), PK_IN_LIMIT)
            ]
        for chunk in querysets:
            for row in chunk.values(field_name).annotate(count=Count("pk")).order_by("-count"):
                counts[row[field_name]] += row["count"]
        return OrderedDict(sorted(counts.items(), key=lambda item: -item[1]))

    # -- helpers for the search page --------------------------------------------------------

    def snippet(self, obj, text=None, max_chars=240):
        """Return an HTML snippet of ``obj`` (or ``text``) with this search's words in ``<mark>``.

        The text is HTML-escaped; the result is a ``SafeString`` ready for templates. Without
        ``text``, the object's own search fields are used, highest boost first.
        """
        if text is None:
            text = self.backend.document_text(obj)
        return self.backend.highlight(
            text,
            self.query_compiler.query,
            max_chars=max_chars,
            language=self.backend.document_language(obj),
        )

    def suggestion(self):
        """Return a corrected query ("Meinten Sie …?") or ``None``; see ``backend.suggest``."""
        words = _query_strings(self.query_compiler.query)
        if not words:
            return None
        return self.backend.suggest(" ".join(words))


def _query_strings(query, negated=False):
    """The user-visible query strings in a query tree (skipping negated parts)."""
    if isinstance(query, str):
        return [query]
    if isinstance(query, (PlainText, Phrase, Fuzzy)):
        return [] if negated else [query.query_string]
    if isinstance(query, Not):
        return _query_strings(query.subquery, not negated)
    if isinstance(query, Boost):
        return _query_strings(query.subquery, negated)
    if isinstance(query, (And, Or)):
        return [s for sub in query.subqueries for s in _query_strings(sub, negated)]
    return []


class WhooshSearchBackend(BaseSearchBackend):
    """A modelsearch backend storing its index with Whoosh; see the module docstring."""

    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.language = params.get("LANGUAGE", "de")
        if self.language not in analysis.LANGUAGES:
            raise ValueError(f"LANGUAGE must be one of {analysis.LANGUAGES}, not {self.language!r}")
        path = params.get("PATH") or os.path.join(os.getcwd(), "var", "search-index")
        self.time_limit = float(params.get("TIME_LIMIT", 5))
        self.typo_tolerance = bool(params.get("TYPO_TOLERANCE", True))
        compounds = params.get("COMPOUNDS")
        self.compounds = self.language == "de" if compounds is None else bool(compounds)
        self.catch_indexing_errors = bool(params.get("CATCH_INDEXING_ERRORS", False))
        self.synonyms = {
            analysis.fold(key): " ".join(analysis.fold(w) for w in value.split())
            for key, value in {
                **analysis.SYNONYMS.get(self.language, {}),
                **params.get("SYNONYMS", {}),
            }.items()
        }
        self.store = IndexStore(
            path,
            self.language,
            lock_timeout=float(params.get("LOCK_TIMEOUT", 20)),
            build_procs=int(params.get("BUILD_PROCS", 1)),
        )

    def get_index_for_model(self, model):
        return WhooshIndex(self)

    def delete_by_pk(self, model, pk):
        """Remove the document of ``model`` with primary key ``pk`` (the object may be gone).

        For a background task that runs after a deletion was committed: it needs no instance.
        """
        key = _document_key(model, pk)
        directory = self.store.current_dir()
        if directory is not None:
            self.store.write(directory, delete_keys=[key])
        self.store.record_change(f"del {key}")

    # -- helpers for the search page --------------------------------------------------------

    def document_text(self, obj):
        """The text of ``obj``'s own search fields, highest boost first, for snippets."""
        fields = sorted(
            (f for f in type(obj).get_search_fields() if isinstance(f, SearchField)),
            key=lambda f: -(f.boost or 1.0),
        )
        return "\n".join(
            text for text in (_prepare_value(f.get_value(obj)) for f in fields) if text
        )

    def document_language(self, obj):
        """The language ``obj`` is analysed in ("de" or "en"; see :func:`document_language`)."""
        return document_language(obj) or self.language

    def highlight(self, text, query, max_chars=240, language=None):
        """Return ``text`` cut to about ``max_chars`` around the query's words, HTML-escaped,
        with matching words (also inflected, transliterated or compound forms) in ``<mark>``.

        ``query`` is a string or a modelsearch query; ``language`` that of the text (default:
        the backend's), which decides the stemming. Returns a ``SafeString``.
        """
        text = text or ""
        language = language if language in analysis.LANGUAGES else self.language
        languages = tuple(dict.fromkeys((self.language, language)))
        words = []
        for string in _query_strings(query):
            words.extend(analysis.query_words(string, languages))
        exact = {analysis.fold(w) for w in words}
        stems = {analysis.stem(w, language) for w in words}
        parts = {e for e in exact if len(e) >= 4} if self.compounds else set()
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
                    len(folded) > len(p) and (folded.startswith(p) or folded.endswith(p))
                    for p in parts
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

    def suggest(self, query_string):
        """Return a "did you mean" correction of ``query_string``, or ``None``.

        Words found in the index are kept; unknown words of five or more letters are replaced by
        the most frequent indexed word within one edit (two for long words). Returns ``None``
        when nothing would change or the index is unavailable.
        """
        words = analysis.query_words(query_string, self.language, stop=False)
        if not words:
            return None
        try:
            with self.store.searcher() as searcher:
                reader = searcher.reader()
                corrected, changed = [], False
                fields = _exact_fields(reader)
                for word in words:
                    folded = analysis.fold(word)
                    if len(folded) < 5 or any(reader.doc_frequency(f, folded) for f in fields):
                        corrected.append(word)
                        continue
                    near = self._near_words(reader, word, limit=1)
                    if near:
                        corrected.append(near[0])
                        changed = True
                    else:
                        corrected.append(word)
        except IndexUnavailable:
            return None
        return " ".join(corrected) if changed else None

    def _near_words(self, reader, word, limit=MAX_FUZZY):
        """Indexed words (folded) near ``word``: closest first, then most frequent.

        Within one edit (two for words of eight letters or more), sharing the first letter. The
        Levenshtein automaton is built once per word and distance (and cached), then run over
        each segment's vocabulary; the lookup stops at the running search's deadline (set by
        ``WhooshSearchResults._search_index``) or after ``NEAR_WORDS_SECONDS``, and after
        ``MAX_NEAR_CANDIDATES`` candidates.
        """
        folded = analysis.fold(word)
        if len(folded) < 5:
            return []
        maxdist = 1 if len(folded) < 8 else 2
        fields = _exact_fields(reader)
        deadline = time.monotonic() + NEAR_WORDS_SECONDS
        running = getattr(_local, "deadline", None)
        if running is not None:
            deadline = min(deadline, running)
        found = {}
        try:
            for dist in range(1, maxdist + 1):
                dfa = _levenshtein_dfa(folded, dist)
                for leaf, _offset in reader.leaf_readers():
                    leaf_fields = _field_names(leaf)
                    for fieldname in fields:
                        if fieldname not in leaf_fields:
                            continue
                        for n, term in enumerate(_dfa_matches(dfa, leaf.cursor(fieldname))):
                            if term != folded and term not in found:
                                found[term] = dist
                            if not n & 63 and time.monotonic() > deadline:
                                raise _Timeout
                            if len(found) >= MAX_NEAR_CANDIDATES:
                                raise _Timeout
                        if time.monotonic() > deadline:
                            raise _Timeout
                if found:
                    break
        except _Timeout:
            pass

        def frequency(term):
            return sum(reader.doc_frequency(f, term) for f in fields)

        ranked = sorted(found, key=lambda t: (found[t], -frequency(t)))
        return ranked[:limit]


def _field_names(reader):
    """The set of indexed field names of ``reader`` (cached on it: a reader never changes)."""
    names = reader.__dict__.get("_field_names")
    if names is None:
        names = reader.__dict__["_field_names"] = frozenset(reader.indexed_field_names())
    return names


# Seconds a typo lookup may take at most (also within a search's own TIME_LIMIT), and how many
# candidate words it collects at most before ranking them.
NEAR_WORDS_SECONDS = 1.0
MAX_NEAR_CANDIDATES = 200
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


def _exact_fields(reader):
    """The exact (``x_*``) fields present in the index."""
    return [name for name in reader.indexed_field_names() if name.startswith("x_")]


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


SearchBackend = WhooshSearchBackend
