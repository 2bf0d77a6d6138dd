"""A queryset's filters applied in the index, and the filter values of hits.

:func:`lookup_node` turns one lookup of a queryset's ``where`` clause (on a field the model
declares as ``index.FilterField``, see :mod:`.schema`) into a node of a small filter tree;
the query compiler connects the nodes (``and``/``or``/``not``) through modelsearch's own
``_get_filters_from_queryset``. Anything the index cannot answer exactly raises
:class:`FilterError`, and the search falls back to the database (``results._filtered``).

Nodes are tuples:

* ``("all",)``, ``("none",)``;
* ``("terms", field, frozenset(terms))``: ``exact``, ``in``, ``isnull``;
* ``("prefix", field, text)``: ``startswith``;
* ``("range", field, lookup, value)``: ``gt``, ``gte``, ``lt``, ``lte`` (compared per term);
* ``("join", field, ct, tree)``: ``<fk>__in=<queryset of an indexed model>`` whose own filters
  the index answers: the values of ``field`` among the primary keys of that model's documents
  matching ``tree`` (``Post.objects.filter(thread__in=Thread.objects.filter(...))``);
* ``("and", [nodes])``, ``("or", [nodes])``, ``("not", node)``.

A subquery the index cannot answer is read from the database when it has at most
:data:`SUBQUERY_ROWS` rows (a handful of visible editions), else the filter goes to the database.

:func:`evaluate` gives a node's set of document numbers in one segment. A term's documents are
cached per segment (segments never change; deleted documents are removed by the model
restriction), so a filter over tens of thousands of documents costs set operations only.
:func:`value_column` gives a segment's filter values per document (built from the terms, cached),
which :mod:`.documents` returns with the hits.
"""

import datetime

from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql import Query

from modelsearch.backends.base import FieldError, FilterError  # noqa: F401 - re-exported
from modelsearch.index import class_is_indexed
from modelsearch.query import MATCH_ALL

from .columns import segment_cache
from .schema import (
    DAY_FILTER_TYPES,
    NULL_TERM,
    filter_indexed,
    filter_term,
    filter_value,
    is_primary_key,
)

__all__ = [
    "SUBQUERY_ROWS",
    "FieldError",
    "FilterError",
    "evaluate",
    "lookup_node",
    "primary_key_docnums",
    "value_column",
]

#: A subquery the index cannot answer is read from the database up to this many rows.
SUBQUERY_ROWS = 1000

#: ``{pk: docnum}`` maps kept per segment (one per model, see :func:`primary_key_docnums`).
PRIMARY_KEY_MAPS = 4
#: Joins' keys kept per searcher (one per filter tree).
JOIN_CACHE_LIMIT = 32

ALL = ("all",)
NONE = ("none",)


def connect(nodes, connector, negated):
    """Combine nodes as modelsearch's ``_connect_filters`` asks."""
    if connector == "AND":
        if any(node == NONE for node in nodes):
            node = NONE
        else:
            nodes = [node for node in nodes if node != ALL]
            node = ALL if not nodes else nodes[0] if len(nodes) == 1 else ("and", nodes)
    else:
        if not nodes or any(node == ALL for node in nodes):
            node = ALL  # an empty where clause (or one of ignored lookups) lets all through
        else:
            nodes = [node for node in nodes if node != NONE]
            node = NONE if not nodes else nodes[0] if len(nodes) == 1 else ("or", nodes)
    if negated:
        if node == ALL:
            return NONE
        if node == NONE:
            return ALL
        return ("not", node)
    return node


def field_name(model, field_path):
    """The index field of a filter field path (``[RelatedFields…, FilterField]``)."""
    related, field = field_path[:-1], field_path[-1]
    owner = model
    for rel in related:
        owner = rel.get_field(owner).related_model
    if not related and is_primary_key(field, owner):
        return "pk"
    if not filter_indexed(field, owner) or field.get_type(owner) in DAY_FILTER_TYPES:
        raise FilterError(f"{field.field_name} is filtered by the database")
    return "f_" + "__".join([rel.field_name for rel in related] + [field.field_name])


def _term(field, value):
    if field == "pk":
        if value is None:
            return None
        return str(value.pk if hasattr(value, "_meta") and hasattr(value, "pk") else value)
    return filter_term(value)


def lookup_node(compiler, field_path, lookup, value):
    """The filter node of one lookup; raises :class:`FilterError` where the index cannot answer."""
    model = compiler.queryset.model
    field = field_name(model, field_path)
    if isinstance(value, datetime.datetime):
        raise FilterError("date-times are filtered by the database")
    if lookup == "exact":
        if isinstance(value, (Query, QuerySet)):
            raise FilterError("exact lookup on a subquery")
        term = _term(field, value)
        return ("terms", field, frozenset([term])) if term else NONE
    if lookup == "isnull":
        if field == "pk":
            return NONE if value else ALL
        node = ("terms", field, frozenset([NULL_TERM]))
        return node if value else ("not", node)
    if lookup == "in":
        if isinstance(value, QuerySet):
            value = value.query
        if isinstance(value, Query):
            return _subquery_node(compiler, field, value)
        terms = frozenset(t for t in (_term(field, item) for item in value) if t)
        return ("terms", field, terms) if terms else NONE
    if lookup == "startswith" and isinstance(value, str):
        return ("prefix", field, value if field == "pk" else filter_term(value))
    if lookup in ("gt", "gte", "lt", "lte") and isinstance(value, (int, datetime.date, str)):
        if isinstance(value, bool):
            raise FilterError("range on a boolean")
        return ("range", field, lookup, value)
    if lookup == "range" and isinstance(value, (list, tuple)) and len(value) == 2:
        low = lookup_node(compiler, field_path, "gte", value[0])
        high = lookup_node(compiler, field_path, "lte", value[1])
        return ("and", [low, high])
    raise FilterError(f'lookup "{lookup}" is filtered by the database')


def _subquery_node(compiler, field, query):
    """``field__in=<subquery>``: a join in the index, or the subquery's rows from the database."""
    if query.is_sliced:
        raise FilterError("a sliced subquery is filtered by the database")
    model = query.model
    select = [col.target for col in query.select] if query.select else []
    if (
        class_is_indexed(model)
        and len(select) == 1
        and select[0] == model._meta.pk
        and not query.combinator
    ):
        sub = type(compiler)(
            QuerySet(model=model, query=query), MATCH_ALL, order_by_relevance=False
        )
        tree = sub.index_filter()
        if tree is not None:
            return ("join", field, sub.content_type_filter().text, tree)
    if len(select) != 1 or query.combinator:
        raise FilterError("subquery of several columns")
    sql, params = query.get_compiler(using=compiler.queryset.db).as_sql()
    with connections[compiler.queryset.db].cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {SUBQUERY_ROWS + 1}", params)
        rows = [row[0] for row in cursor.fetchall()]
    if len(rows) > SUBQUERY_ROWS:
        raise FilterError("a large subquery is filtered by the database")
    terms = frozenset(t for t in (_term(field, row) for row in rows) if t)
    return ("terms", field, terms) if terms else NONE


# -- evaluation --------------------------------------------------------------------------------


def _cache(leaf):
    try:
        return segment_cache(leaf)
    except AttributeError:  # not a plain segment reader (an empty index)
        return {}


def term_docs(leaf, field, term):
    """The segment's documents holding ``term`` in ``field`` (deleted ones included)."""
    cache = _cache(leaf)
    key = ("fdocs", field, term)
    docs = cache.get(key)
    if docs is None:
        try:
            docs = frozenset(leaf.postings(field, term).all_ids())
        except Exception:  # noqa: BLE001 - TermNotFound (or no such field in this segment)
            docs = frozenset()
        cache[key] = docs
    return docs


def term_index(leaf, field):
    """``{term: (docnums)}`` of ``field`` in the segment (cached per segment)."""
    cache = _cache(leaf)
    key = ("fterms", field)
    index = cache.get(key)
    if index is None:
        index = {}
        if field in leaf.indexed_field_names():
            for term in leaf.field_terms(field):
                index[term] = tuple(leaf.postings(field, term).all_ids())
        cache[key] = index
    return index


def segment_keys(leaf):
    """The segment's primary keys (strings) per document number (cached per segment)."""
    cache = _cache(leaf)
    keys = cache.get("pk")
    if keys is None:
        keys = cache["pk"] = list(leaf.column_reader("pk")) if leaf.doc_count_all() else []
    return keys


def value_column(leaf, field):
    """``[values or None per document]`` of ``field`` in the segment (tuples of strings)."""
    cache = _cache(leaf)
    key = ("fvalues", field)
    column = cache.get(key)
    if column is None:
        column = [None] * leaf.doc_count_all()
        decode = (lambda term: term) if field == "pk" else filter_value
        for term, docnums in term_index(leaf, field).items():
            value = decode(term)
            for docnum in docnums:
                found = column[docnum]
                column[docnum] = (value,) if found is None else (*found, value)
        cache[key] = column
    return column


def _compare(term, field, lookup, value):
    raw = term if field == "pk" else filter_value(term)
    if raw is None:
        return False
    try:
        if isinstance(value, int):
            raw = int(raw)
        elif isinstance(value, datetime.date):
            raw = datetime.date.fromisoformat(raw[:10])
    except ValueError:
        return False
    if lookup == "gt":
        return raw > value
    if lookup == "gte":
        return raw >= value
    if lookup == "lt":
        return raw < value
    return raw <= value


def evaluate(node, leaf, context):
    """The set of document numbers of segment ``leaf`` that ``node`` lets through.

    ``context`` (a :class:`FilterContext`) answers joins, which look at every segment.
    """
    kind = node[0]
    if kind == "all":
        return frozenset(range(leaf.doc_count_all()))
    if kind == "none":
        return frozenset()
    if kind == "terms":
        _kind, field, terms = node
        sets = [term_docs(leaf, field, term) for term in terms]
        return sets[0] if len(sets) == 1 else frozenset().union(*sets)
    if kind == "prefix":
        _kind, field, prefix = node
        index = term_index(leaf, field)
        return frozenset().union(*(index[t] for t in index if t.startswith(prefix)))
    if kind == "range":
        _kind, field, lookup, value = node
        index = term_index(leaf, field)
        return frozenset().union(
            *(docs for t, docs in index.items() if _compare(t, field, lookup, value))
        )
    if kind == "join":
        _kind, field, ct, tree = node
        keys = context.join_keys(ct, tree, raw=field == "pk")
        cache = _cache(leaf)
        cached = cache.get(("fjoin", field))
        if cached is not None and (cached[0] is keys or cached[0] == keys):
            return cached[1]
        index = term_index(leaf, field)
        docs = frozenset().union(*(index[t] for t in keys & index.keys()))
        cache[("fjoin", field)] = (keys, docs)
        return docs
    if kind == "and":
        sets = sorted((evaluate(child, leaf, context) for child in node[1]), key=len)
        return sets[0].intersection(*sets[1:])
    if kind == "or":
        return frozenset().union(*(evaluate(child, leaf, context) for child in node[1]))
    if kind == "not":
        return frozenset(range(leaf.doc_count_all())) - evaluate(node[1], leaf, context)
    raise ValueError(f"unknown filter node {kind!r}")


class FilterContext:
    """One search's view of the index for filters: joins answered once per search."""

    def __init__(self, searcher, model_documents):
        self.searcher = searcher
        self.model_documents = model_documents  # (ct label) -> allowed(n, subsearcher)
        # Kept on the searcher, which is reused until the index changes: a join reads every
        # document of its model.
        self._joins = searcher.__dict__.setdefault("_kr_join_keys", {})

    def join_keys(self, ct, tree, raw=False):
        """The terms (``=pk``, or with ``raw`` the primary keys) of the documents of model
        ``ct`` that ``tree`` lets through."""
        key = (ct, repr(tree), raw)
        keys = self._joins.get(key)
        if keys is None:
            allowed = self.model_documents(ct)
            found = set()
            for n, (subsearcher, _offset) in enumerate(self.searcher.leaf_searchers()):
                leaf = subsearcher.reader()
                docs = allowed(n, subsearcher) & evaluate(tree, leaf, self)
                pks = segment_keys(leaf)
                prefix = "" if raw else "="
                found.update(prefix + pks[d] for d in docs)
            if len(self._joins) >= JOIN_CACHE_LIMIT:
                self._joins.clear()
            keys = self._joins[key] = frozenset(found)
        return keys


def primary_key_docnums(leaf, docs):
    """``{pk: docnum}`` of the segment documents ``docs`` (a set; the maps of the last few
    sets asked for are kept per segment, so asking again for the same set costs nothing)."""
    maps = _cache(leaf).setdefault("pkdocs", {})
    cached = maps.get(id(docs))
    if cached is not None and cached[0] is docs:
        return cached[1]
    pks = segment_keys(leaf)
    found = {pks[d]: d for d in docs}
    while len(maps) >= PRIMARY_KEY_MAPS:
        del maps[next(iter(maps))]
    maps[id(docs)] = (docs, found)
    return found
