"""Search results: the index's hits, checked against the queryset, paged, counted, faceted.

The index finds and ranks and applies the queryset's filters where it can (see
:mod:`.filtering`; otherwise the hits are checked against the queryset's keys); the database
applies ``order_by``, and the objects are always loaded through the caller's queryset, so an
index that lags behind the database never shows a row the queryset excludes. Primary keys are
read only for the hits shown; the page and the count of a search come from one index search,
cached on the query compiler.
"""

import logging
import time
from collections import Counter, OrderedDict
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db.models import Count

from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from modelsearch.query import MatchAll

from whoosh import query as wq

from . import feedback
from .columns import primary_keys
from .compilers import query_strings
from .filtering import FilterContext, evaluate
from .querying import QueryBuilder
from .scoring import Evaluator, SearchTimeout, model_documents, search_deadline

logger = logging.getLogger(__name__)

# Hit sets up to this size are checked against the queryset with one pk__in query; larger ones by
# reading the queryset's primary keys.
PK_IN_LIMIT = 2000
#: Filtered document sets kept per searcher (one per model and filter tree).
FILTER_CACHE_LIMIT = 32
_INTEGER_KEYS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
}


def primary_key_strings(queryset, ordered=False):
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


def filtered_documents(searcher, compiler, filter_tree=False):
    """``allowed(leaf_index, subsearcher)`` for :meth:`Evaluator.run`: the documents of the
    compiler's model that its queryset's filters let through, where the index answers them
    (:meth:`compiler.index_filter`), else all of the model's."""
    tree = compiler.index_filter() if filter_tree is False else filter_tree
    model_allowed = model_documents(searcher, compiler.content_type_filter())
    if tree is None or tree == ("all",):
        return model_allowed
    context = FilterContext(searcher, lambda ct: model_documents(searcher, wq.Term("ct", ct)))
    # Kept on the searcher, which is reused until the index changes: the same filters (the
    # visibility rules) come with every search.
    filters = searcher.__dict__.setdefault("_kr_filtered", {})
    key = (compiler.content_type_filter().text, repr(tree))
    cache = filters.get(key)
    if cache is None:
        if len(filters) >= FILTER_CACHE_LIMIT:
            filters.clear()
        cache = filters[key] = {}

    def allowed(n, subsearcher):
        docs = cache.get(n)
        if docs is None:
            docs = cache[n] = model_allowed(n, subsearcher) & evaluate(
                tree, subsearcher.reader(), context
            )
        return docs

    return allowed


class Hits:
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
        return Hits([item for item in self._items if pks[item[0]] in allowed], pks)

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

    def index_hits(self, searcher, scored=True):
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
        with search_deadline(deadline):
            query = compiler.whoosh_query(self.backend, searcher.reader())
        if query is wq.NullQuery:
            return []
        # The model restriction is a set of document numbers per segment, made once per
        # searcher and model; the queryset's filters join it where the index answers them.
        allowed = filtered_documents(searcher, compiler)
        evaluator = Evaluator(searcher, scored, deadline)
        try:
            results = evaluator.run(query, allowed)
        except SearchTimeout as stopped:
            logger.warning("Search %r stopped after %s s", compiler.query, self.backend.time_limit)
            results = stopped.args[0] if stopped.args else {}
        pks = primary_keys(searcher)
        if scored:
            results = self._feedback(searcher, results, allowed, deadline, pks)
            # Best first, equal scores in index order (two C-level sorts; the second is stable).
            items = sorted(results.items(), key=itemgetter(0))
            items.sort(key=itemgetter(1), reverse=True)
        else:
            items = [(docnum, 0.0) for docnum in sorted(results)]
        return Hits(items, pks)

    def _feedback(self, searcher, results, allowed, deadline, pks):
        """``results`` with a question's feedback words' scores added (see :mod:`.feedback`)."""
        compiler = self.query_compiler
        paths = compiler.search_paths()

        def texts_of(docnums):
            keys = {pks[docnum]: docnum for docnum in docnums}
            return {
                keys[str(obj.pk)]: self.backend.document_text(obj)
                for obj in compiler.queryset.filter(pk__in=list(keys))
            }

        def search(words):
            with search_deadline(deadline):
                builder = QueryBuilder(self.backend, searcher.reader(), paths)
                query = feedback.feedback_query(builder, words)
            return Evaluator(searcher, True, deadline).run(query, allowed)

        try:
            return feedback.expand(
                results,
                compiler.simplified_query(),
                reader=searcher.reader(),
                paths=paths,
                language=self.backend.language,
                texts_of=texts_of,
                search=search,
            )
        except SearchTimeout:
            return results

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
            allowed = primary_key_strings(queryset)
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
                # count and the page then come from one search (see ``index_hits``).
                hits = self.index_hits(searcher)
                if self._is_filtered() and compiler.index_filter() is None:
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

            hits = self.index_hits(searcher, scored=bool(self._score_field))
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
        for key in primary_key_strings(queryset, ordered=True):
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
                hits = self.index_hits(searcher, scored=False)
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
        words = query_strings(self.query_compiler.query)
        if not words:
            return None
        return self.backend.suggest(" ".join(words))
