"""The backend class: options, the index store, and the entry points modelsearch calls."""

import logging
import os

from modelsearch.backends.base import BaseSearchBackend
from modelsearch.index import SearchField

from .. import analysis
from . import documents, health, highlighting, spelling
from .build import WhooshRebuilder
from .compilers import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .index import WhooshIndex
from .querying import MAX_FUZZY
from .results import WhooshSearchResults
from .schema import document_key, document_language, prepare_value
from .store import IndexMissing, IndexStore

logger = logging.getLogger(__name__)


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

    def create_missing_index(self, items=()):
        """Create the live index for a write (of ``items``) that found none, unless the
        database holds other content to index: then an empty index would answer searches
        with wrong counts, so the write fails (:class:`IndexMissing`, logged) until
        ``update_index`` builds the index (issue 11, M5)."""
        written = {}
        for obj in items:
            written.setdefault(document_key(type(obj), obj.pk).partition(":")[0], set()).add(obj.pk)
        held = health.database_content(written)
        if held is not None:
            logger.error(
                "No search index in %s although the database holds %s objects; not creating an "
                "empty one. Run `manage.py update_index`.",
                self.store.path,
                held,
            )
            raise IndexMissing(
                f"No search index in {self.store.path} although the database holds {held} "
                "objects; run `manage.py update_index`."
            )
        return self.store.ensure()

    def index_health(self):
        """The index's :class:`health.IndexHealth` (exists, readable, counts per model)."""
        return health.index_health(self.store)

    def get_index_for_model(self, model):
        return WhooshIndex(self)

    def delete_by_pk(self, model, pk):
        """Remove the document of ``model`` with primary key ``pk`` (the object may be gone).

        For a background task that runs after a deletion was committed: it needs no instance.
        """
        key = document_key(model, pk)
        directory = self.store.current_dir()
        if directory is not None:
            self.store.write(directory, delete_keys=[key])
        self.store.record_change(f"del {key}")

    # -- merges ------------------------------------------------------------------------------

    def request_merge(self):
        """Whether this backend's last write left segments to merge and no merge is pending:
        then the caller runs :meth:`merge_segments` (``search.tasks`` in a task of its own)."""
        return self.store.request_merge()

    def merge_segments(self):
        """Merge the index's small segments in tiers; return how many were merged."""
        return self.store.merge()

    # -- helpers for the search page --------------------------------------------------------

    def search_documents(self, query, scopes, values=None, feedback=False):
        """One index search over several querysets: ``{scope: [DocumentHit]}``, best first
        (see :func:`documents.search_documents`; ``feedback`` expands a question)."""
        return documents.search_documents(self, query, scopes, values=values, feedback=feedback)

    def count_documents(self, query, scopes):
        """``{scope: number of documents}`` matching ``query`` (see
        :func:`documents.count_documents`)."""
        return documents.count_documents(self, query, scopes)

    def document_values(self, queryset, keys, paths):
        """Filter values of documents by primary key, from the index (see
        :func:`documents.document_values`)."""
        return documents.document_values(self, queryset, keys, paths)

    def document_columns(self, queryset, keys, paths):
        """Filter values of documents by primary key as columns aligned with ``keys`` (see
        :func:`documents.document_columns`)."""
        return documents.document_columns(self, queryset, keys, paths)

    def documents_with_word(self, word, scopes, limit):
        """Primary keys of documents of each scope holding ``word`` itself (see
        :func:`documents.documents_with_word`)."""
        return documents.documents_with_word(self, word, scopes, limit)

    def unknown_words(self, text, querysets):
        """The words of ``text`` the querysets' search fields do not hold (see
        :func:`documents.unknown_words`)."""
        return documents.unknown_words(self, text, querysets)

    def document_text(self, obj):
        """The text of ``obj``'s own search fields, highest boost first, for snippets."""
        fields = sorted(
            (f for f in type(obj).get_search_fields() if isinstance(f, SearchField)),
            key=lambda f: -(f.boost or 1.0),
        )
        return "\n".join(text for text in (prepare_value(f.get_value(obj)) for f in fields) if text)

    def document_language(self, obj):
        """The language ``obj`` is analysed in ("de" or "en"; see :func:`document_language`)."""
        return document_language(obj) or self.language

    def highlight(self, text, query, max_chars=240, language=None):
        """Return ``text`` cut to about ``max_chars`` around the query's words, HTML-escaped,
        with matching words (also inflected, transliterated or compound forms) in ``<mark>``.

        ``query`` is a string or a modelsearch query; ``language`` that of the text (default:
        the backend's), which decides the stemming. Returns a ``SafeString``.
        """
        return highlighting.highlight(
            text,
            query,
            language=language,
            backend_language=self.language,
            compounds=self.compounds,
            max_chars=max_chars,
        )

    def suggest(self, query_string, accept=None):
        """Return a "did you mean" correction of ``query_string``, or ``None``; only words that
        ``accept(word)`` allows replace unknown ones (see :func:`spelling.suggest`)."""
        return spelling.suggest(self, query_string, accept)

    def near_words(self, reader, word, limit=MAX_FUZZY):
        """Indexed words (folded) near ``word``: closest first, then most frequent (see
        :func:`spelling.near_words`)."""
        return spelling.near_words(reader, word, limit)
