"""One index search over several querysets, with the filter values of the hits.

A site search lists pages, questions and replies in one list with facets. Three modelsearch
searches would evaluate the query three times and check each model's hits against the
database; :func:`search_documents` builds one Whoosh query over the fields of all the
querysets (a scope may name the fields it is searched in), evaluates it once, restricts every
scope to its model and its queryset's filters in the index (:mod:`.filtering`), and returns
``{scope: [DocumentHit]}``, best first, each with the filter values asked for, read from the
index. A scope whose filters the index cannot answer is checked against the database.

:func:`document_values` reads filter values of documents by primary key (a question's edition
for a reply that matched when the question did not); :func:`unknown_words` tells which query
words the searched fields do not hold (only those get typo corrections).
"""

import time

from modelsearch.query import MATCH_ALL, MatchAll

from whoosh import query as wq

from .. import analysis
from .columns import primary_keys
from .filtering import primary_key_docnums, value_column
from .querying import QueryBuilder
from .results import filtered_documents, primary_key_strings
from .scoring import Evaluator, SearchTimeout, model_documents, search_deadline

__all__ = ["DocumentHit", "document_values", "search_documents", "unknown_words"]


class DocumentHit:
    """One hit of :func:`search_documents`: primary key (a string), score, filter values."""

    __slots__ = ("pk", "score", "values")

    def __init__(self, pk, score, values):
        self.pk = pk
        self.score = score
        self.values = values  # {path: (values as strings, None for a missing one)}

    def __repr__(self):
        return f"<DocumentHit {self.pk} {self.score:.3f}>"


def _field(path):
    return "pk" if path == "pk" else "f_" + path


def _compilers(backend, query, scopes):
    compilers, paths = {}, {}
    for name, (queryset, fields) in scopes.items():
        compiler = backend.query_compiler_class(queryset, query, fields=fields)
        compilers[name] = compiler
        for path, boost in compiler.search_paths():
            paths[path] = max(boost, paths.get(path, 0.0))
    return compilers, sorted(paths.items())


def search_documents(backend, query, scopes, *, values=None):
    """``{scope: [DocumentHit]}`` of ``query`` (a modelsearch query or a string) in ``scopes``,
    ``{name: (queryset, fields or None)}``; ``values``: ``{name: [filter field paths]}``."""
    values = values or {}
    compilers, paths = _compilers(backend, query, scopes)
    found = {name: [] for name in scopes}
    if not compilers:
        return found
    simplified = next(iter(compilers.values())).simplified_query()
    if simplified is None:
        return found
    if isinstance(simplified, MatchAll):
        raise ValueError("search_documents needs a query (MATCH_ALL is a database listing)")
    with backend.store.searcher() as searcher:
        deadline = time.monotonic() + backend.time_limit
        with search_deadline(deadline):
            whoosh_query = QueryBuilder(backend, searcher.reader(), paths).build(simplified)
        if whoosh_query is wq.NullQuery:
            return found
        allowed = {name: filtered_documents(searcher, c) for name, c in compilers.items()}
        segments = list(searcher.leaf_searchers())
        union = {}

        def allowed_any(n, subsearcher):
            docs = union.get(n)
            if docs is None:
                docs = union[n] = frozenset().union(
                    *(scope_allowed(n, subsearcher) for scope_allowed in allowed.values())
                )
            return docs

        try:
            scores = Evaluator(searcher, True, deadline).run(whoosh_query, allowed_any)
        except SearchTimeout as stopped:
            scores = stopped.args[0] if stopped.args else {}
        pks = primary_keys(searcher)
        # Per segment: each scope's allowed documents and the columns of the values asked for.
        bounds = [offset for _sub, offset in segments] + [searcher.doc_count_all()]
        by_scope = {name: [] for name in scopes}
        for n, (subsearcher, offset) in enumerate(segments):
            if not scores:
                break
            leaf = subsearcher.reader()
            in_segment = (
                [
                    (docnum, score)
                    for docnum, score in scores.items()
                    if offset <= docnum < bounds[n + 1]
                ]
                if len(segments) > 1
                else list(scores.items())
            )
            for name, scope_allowed in allowed.items():
                docs = scope_allowed(n, subsearcher)
                columns = [
                    (path, value_column(leaf, _field(path))) for path in values.get(name, ())
                ]
                by_scope[name].extend(
                    DocumentHit(
                        pks[docnum],
                        score,
                        {path: column[docnum - offset] or () for path, column in columns},
                    )
                    for docnum, score in in_segment
                    if docnum - offset in docs
                )
        for name, hits in by_scope.items():
            compiler = compilers[name]
            if compiler.index_filter() is None and compiler.queryset.query.where:
                keys = primary_key_strings(compiler.queryset)
                hits = [hit for hit in hits if hit.pk in keys]
            hits.sort(key=_best_first)
            found[name] = hits
    return found


def _best_first(hit):
    return (-hit.score, hit.pk)


def document_values(backend, queryset, keys, paths):
    """``{pk: {path: values}}`` of the documents of ``queryset``'s model with primary keys
    ``keys`` (strings), read from the index (documents missing from it are left out)."""
    keys = {str(key) for key in keys}
    compiler = backend.query_compiler_class(queryset, MATCH_ALL)
    result = {}
    if not keys:
        return result
    with backend.store.searcher() as searcher:
        allowed = model_documents(searcher, compiler.content_type_filter())
        for n, (subsearcher, _offset) in enumerate(searcher.leaf_searchers()):
            leaf = subsearcher.reader()
            docs = allowed(n, subsearcher)
            if not docs:
                continue
            columns = [(path, value_column(leaf, _field(path))) for path in paths]
            for pk, docnum in primary_key_docnums(leaf, docs).items():
                if pk in keys:
                    result[pk] = {path: column[docnum] or () for path, column in columns}
    return result


def unknown_words(backend, text, querysets):
    """The words of ``text`` (not stop words) found in none of the querysets' search fields,
    exactly or stemmed: only these can gain from typo corrections."""
    compilers, paths = _compilers(backend, text, {i: (qs, None) for i, qs in enumerate(querysets)})
    with backend.store.searcher() as searcher:
        builder = QueryBuilder(backend, searcher.reader(), paths)
        words = analysis.query_words(text, builder.languages)
        return [word for word in words if not builder.is_stopword(word) and not builder.known(word)]
