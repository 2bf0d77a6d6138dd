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

The package, one job per module:

* :mod:`.backend`: ``WhooshSearchBackend``, its options and the entry points modelsearch calls;
* :mod:`.store`: the directory ``PATH`` (live index, rebuild journals, locks, opening, searchers);
* :mod:`.schema`: the schema and how an object becomes a document;
* :mod:`.index`: modelsearch's index object (add, replace, delete documents);
* :mod:`.writing`: segment writers for single changes and rebuilds, merges in size tiers;
* :mod:`.build`: rebuilds (bulk pass, parallel worker processes, journal replay, swap);
* :mod:`.compilers`: the query compilers; :mod:`.querying`: modelsearch's query tree to Whoosh;
* :mod:`.scoring`: term-at-a-time BM25F evaluation, the model restriction, search deadlines;
* :mod:`.results`: hits checked against the queryset, pages, counts, facets;
* :mod:`.feedback`: a question's best hits' distinctive words, searched once more (low weight);
* :mod:`.highlighting`: snippets with ``<mark>``; :mod:`.spelling`: typo lookups, suggestions;
* :mod:`.filtering`: a queryset's filters answered by the index; :mod:`.documents`: one search
  over several querysets;
* :mod:`.columns`: per-segment columns held in memory; :mod:`.health`: index vs. database;
* :mod:`.internals`: the Whoosh internals relied upon, listed and checked.

A missing, corrupt or incompatible index raises :class:`IndexUnavailable`;
``update_index`` / ``rebuild_modelsearch_index`` repairs it (see :mod:`.store`).

What is done where:

* Whoosh matches the query text (every search field gets an exact and a stemmed sub-field, see
  :mod:`search.backends.analysis`; the stemmed one in the document's language: English pages are
  stemmed as English, see :func:`document_language`), restricted to the searched model and its
  subclasses, and ranks
  with BM25F plus field boosts, an extra boost for exact (unstemmed) matches and low-boosted
  expansions (compound parts, typo corrections).
* The index applies the queryset's filters where it can (filter fields are kept in ``f_<path>``
  terms; ``exact``, ``in``, ``isnull``, ``startswith``, ranges, ``__in`` subqueries over indexed
  models, see :mod:`.filtering`), else the database does; ``order_by`` is the database's. The
  final objects are always loaded through the caller's queryset, so an index that lags behind
  the database never shows a row the queryset excludes.
* :mod:`.documents`: one index search over several querysets with the filter values of the hits
  (a site search's list and facets), and which query words the index lacks.

Performance (measured with ``bench/search.py``; profile before changing any of this):

* Rebuild: fields are analysed by :class:`analysis.AnalysedText` (per-word caches) and written
  by ``writing.BulkWriter`` (postings grouped in memory, no sorting pool, uncompressed blocks, a
  new segment every ``BULK_SEGMENT_POSTINGS``), with ``BUILD_PROCS`` > 1 in that many worker
  processes (``build._ParallelBuild``); long words go to vocabulary documents, once each
  (``writing.add_documents``).
* Single writes: ``writing.IndexWriter`` writes one small non-compound segment per change
  (Whoosh copies a compound segment into memory whenever it is opened) and commits it at once;
  it finds the document it replaces and the words the index knows through readers of the
  committed segments kept open in the process (``writing.CommittedSegments``), not by opening
  every segment per write; the opened index is reused. Writes never merge: one that leaves a
  tier of similar-sized segments full asks for a merge (``IndexStore.request_merge``, once until
  it begins), which ``search.tasks.merge_search_index`` runs as a task of its own
  (``IndexStore.merge``, ``writing.merge_tiers``), never touching a rebuild's large segments.
* Queries: ``scoring.Evaluator`` scores term at a time, a block of postings per loop, instead of
  Whoosh's matchers and collector; the model restriction is a cached set of document numbers per
  segment; primary keys and field lengths are held in memory per segment; the page and the count
  of a search come from one index search, cached on the query compiler; typo lookups reuse their
  automaton and stop at the search's deadline (``TIME_LIMIT`` covers building the query).

This package imports only Django, modelsearch, Whoosh and the standard library.
"""

from .backend import WhooshSearchBackend
from .build import WhooshRebuilder
from .compilers import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .index import WhooshIndex
from .results import WhooshSearchResults
from .schema import INDEX_FORMAT
from .store import IndexLocked, IndexMissing, IndexStore, IndexUnavailable
from .writing import MERGE_FACTOR

__all__ = [
    "INDEX_FORMAT",
    "MERGE_FACTOR",
    "IndexLocked",
    "IndexMissing",
    "IndexStore",
    "IndexUnavailable",
    "SearchBackend",
    "WhooshAutocompleteQueryCompiler",
    "WhooshIndex",
    "WhooshRebuilder",
    "WhooshSearchBackend",
    "WhooshSearchQueryCompiler",
    "WhooshSearchResults",
]

SearchBackend = WhooshSearchBackend
