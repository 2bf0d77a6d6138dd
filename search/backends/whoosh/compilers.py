"""The query compilers modelsearch asks for, and helpers on modelsearch's query tree.

:class:`WhooshSearchQueryCompiler` decides which fields are searched (the model's and its
subclasses' search fields, or the ones named) and hands the simplified query tree to
:class:`querying.QueryBuilder`; :class:`WhooshAutocompleteQueryCompiler` does the same for
autocomplete fields. :func:`simplify` folds ``MATCH_ALL``/``MATCH_NONE``; :func:`query_strings`
collects what the visitor typed (for highlighting and suggestions).
"""

from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.index import AutocompleteField, SearchField, class_is_indexed
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_descendant_models

from whoosh import query as wq

from . import filtering
from .querying import QueryBuilder
from .schema import field_paths


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
                for path, boost in field_paths(model.get_search_fields(), self.FIELD_KIND):
                    paths[path] = max(boost, paths.get(path, 0.0))
        else:
            own = dict(field_paths(self.queryset.model.get_search_fields(), self.FIELD_KIND))
            for name in self.fields:
                if name in own:
                    paths[name] = own[name]
        return sorted(paths.items())

    def content_type_filter(self):
        return wq.Term("ct", self.queryset.model._meta.concrete_model._meta.label_lower)

    # -- filters in the index (see :mod:`.filtering`) -------------------------------------------

    def index_filter(self):
        """The queryset's filters as a filter tree the index answers (cached), or ``None`` when
        some filter must be left to the database."""
        cached = self.__dict__.get("_index_filter", False)
        if cached is False:
            try:
                cached = self._get_filters_from_queryset(check_only=False)
            except Exception:  # noqa: BLE001 - FilterError, or an expression modelsearch
                # cannot read (Exists, F(), ...): the database applies the filters
                cached = None
            self.__dict__["_index_filter"] = cached
        return cached

    def _process_lookup(self, field_path, lookup, value):
        return filtering.lookup_node(self, field_path, lookup, value)

    def _process_match_none(self):
        return filtering.NONE

    def _connect_filters(self, filters, connector, negated):
        if connector not in ("AND", "OR"):
            raise filtering.FilterError(f"{connector} is filtered by the database")
        return filtering.connect(filters, connector, negated)

    def simplified_query(self):
        """The query with MATCH_ALL/MATCH_NONE folded in: a ``MatchAll``, ``None`` or a tree."""
        return simplify(self.query)

    def whoosh_query(self, backend, reader):
        builder = QueryBuilder(backend, reader, self.search_paths(), self.AUTOCOMPLETE)
        return builder.build(self.simplified_query())


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    FIELD_KIND = AutocompleteField
    AUTOCOMPLETE = True


def simplify(query):
    """Fold MATCH_ALL / MATCH_NONE; returns ``MatchAll()``, ``None`` (match nothing) or a query."""
    if isinstance(query, MatchAll):
        return query
    if isinstance(query, Not):
        inner = simplify(query.subquery)
        if inner is None:
            return MatchAll()
        if isinstance(inner, MatchAll):
            return None
        if isinstance(inner, Not):
            return inner.subquery
        return Not(inner)
    if isinstance(query, Boost):
        inner = simplify(query.subquery)
        if inner is None or isinstance(inner, MatchAll):
            return inner
        return Boost(inner, query.boost)
    if isinstance(query, And):
        parts = [simplify(sub) for sub in query.subqueries]
        if any(part is None for part in parts):
            return None
        parts = [part for part in parts if not isinstance(part, MatchAll)]
        if not parts:
            return MatchAll()
        return parts[0] if len(parts) == 1 else And(parts)
    if isinstance(query, Or):
        parts = [simplify(sub) for sub in query.subqueries]
        if any(isinstance(part, MatchAll) for part in parts):
            return MatchAll()
        parts = [part for part in parts if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(parts)
    return query


def query_strings(query, negated=False):
    """The user-visible query strings in a query tree (skipping negated parts)."""
    if isinstance(query, str):
        return [query]
    if isinstance(query, (PlainText, Phrase, Fuzzy)):
        return [] if negated else [query.query_string]
    if isinstance(query, Not):
        return query_strings(query.subquery, not negated)
    if isinstance(query, Boost):
        return query_strings(query.subquery, negated)
    if isinstance(query, (And, Or)):
        return [s for sub in query.subqueries for s in query_strings(sub, negated)]
    return []
