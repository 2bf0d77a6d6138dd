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
from itertools import repeat
from operator import ne

from modelsearch.query import MATCH_ALL, MatchAll

from whoosh import query as wq

from .. import analysis
from .feedback import expand_segments
from .filtering import primary_key_docnums, segment_keys, value_column
from .querying import QueryBuilder
from .results import filtered_documents, primary_key_strings
from .scoring import Evaluator, SearchTimeout, model_documents, search_deadline

__all__ = [
    "DocumentHit",
    "ScopeHits",
    "count_documents",
    "document_columns",
    "document_values",
    "documents_with_word",
    "search_documents",
    "unknown_words",
]


class DocumentHit:
    """One hit of :func:`search_documents`: primary key (a string), score, filter values."""

    __slots__ = ("pk", "score", "values")

    def __init__(self, pk, score, values):
        self.pk = pk
        self.score = score
        self.values = values  # {path: (values as strings, None for a missing one)}

    def __repr__(self):
        return f"<DocumentHit {self.pk} {self.score:.3f}>"


class ScopeHits:
    """The hits of one scope of :func:`search_documents`, as parallel columns in no particular
    order: ``pks`` (strings), ``scores`` and ``values`` (``{path: [values or None]}``).

    Read as a sequence it gives :class:`DocumentHit` objects best first (made on first use): a
    frequent word has tens of thousands of hits, and a caller that ranks or counts them reads
    the columns instead.
    """

    __slots__ = ("pks", "scores", "values", "_hits")

    def __init__(self, pks, scores, values):
        self.pks = pks
        self.scores = scores
        self.values = values
        self._hits = None

    def column(self, path):
        """The values of ``path`` per hit (a tuple of strings each, or ``None``)."""
        return self.values[path]

    def keep(self, allowed):
        """The hits whose primary key is in the set ``allowed``."""
        rows = [i for i, pk in enumerate(self.pks) if pk in allowed]
        pick = [self.pks, self.scores, *self.values.values()]
        pks, scores, *columns = ([column[i] for i in rows] for column in pick)
        return ScopeHits(pks, scores, dict(zip(self.values, columns, strict=True)))

    def _documents(self):
        if self._hits is None:
            items = self.values.items()
            self._hits = [
                DocumentHit(pk, score, {path: column[i] or () for path, column in items})
                for i, (pk, score) in enumerate(zip(self.pks, self.scores, strict=True))
            ]
            self._hits.sort(key=_best_first)
        return self._hits

    def __len__(self):
        return len(self.pks)

    def __bool__(self):
        return bool(self.pks)

    def __iter__(self):
        return iter(self._documents())

    def __getitem__(self, index):
        return self._documents()[index]


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


def search_documents(backend, query, scopes, *, values=None, feedback=False, narrow=False):
    """``{scope: [DocumentHit]}`` of ``query`` (a modelsearch query or a string) in ``scopes``,
    ``{name: (queryset, fields or None)}``; ``values``: ``{name: [filter field paths]}``.
    With ``feedback``, a question searched with any of its words is expanded by its best hits'
    distinctive words (:func:`.feedback.expand_segments`). ``narrow``: postings read only near
    the scopes' documents (see ``Evaluator.run_segments``; for a few documents, such as pages).
    """
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
        # The union of the scopes' documents per segment, kept on the searcher like the
        # scopes' own sets (the same visibility rules come with every search).
        unions = searcher.__dict__.setdefault("_kr_scope_unions", {})
        key = tuple(
            (c.content_type_filter().text, repr(c.index_filter())) for c in compilers.values()
        )
        if key not in unions and len(unions) >= 32:
            unions.clear()
        union = unions.setdefault(key, {})

        def allowed_any(n, subsearcher):
            docs = union.get(n)
            if docs is None:
                docs = union[n] = frozenset().union(
                    *(scope_allowed(n, subsearcher) for scope_allowed in allowed.values())
                )
            return docs

        try:
            segments = Evaluator(searcher, True, deadline).run_segments(
                whoosh_query, allowed_any, narrow
            )
        except SearchTimeout as stopped:
            segments = stopped.args[0] if stopped.args else []
        if feedback:
            segments = expand_segments(
                backend,
                searcher,
                segments,
                simplified,
                scopes={name: (c.queryset, allowed[name]) for name, c in compilers.items()},
                allowed_any=allowed_any,
                paths=paths,
                deadline=deadline,
            )
        # Per scope, columns (C-level maps over each segment's hits): no object per hit.
        columns = {name: ([], [], {path: [] for path in values.get(name, ())}) for name in scopes}
        for n, subsearcher, _offset, scores in segments:
            leaf = subsearcher.reader()
            pks = segment_keys(leaf)
            for name, scope_allowed in allowed.items():
                docs = scores.keys() & scope_allowed(n, subsearcher)
                if not docs:
                    continue
                scope_pks, scope_scores, scope_values = columns[name]
                scope_pks.extend(map(pks.__getitem__, docs))
                scope_scores.extend(map(scores.__getitem__, docs))
                for path, column in scope_values.items():
                    column.extend(map(value_column(leaf, _field(path)).__getitem__, docs))
        for name, (scope_pks, scope_scores, scope_values) in columns.items():
            hits = ScopeHits(scope_pks, scope_scores, scope_values)
            compiler = compilers[name]
            if compiler.index_filter() is None and compiler.queryset.query.where:
                hits = hits.keep(primary_key_strings(compiler.queryset))
            found[name] = hits
    return found


def count_documents(backend, query, scopes):
    """``{scope: number of documents}`` that :func:`search_documents` finds, reading the
    postings only near the scopes' documents (``narrow``)."""
    found = search_documents(backend, query, scopes, narrow=True)
    return {name: len(hits) for name, hits in found.items()}


def _best_first(hit):
    return (-hit.score, hit.pk)


def document_values(backend, queryset, keys, paths):
    """``{pk: {path: values}}`` of the documents of ``queryset``'s model with primary keys
    ``keys`` (strings), read from the index (documents missing from it are left out)."""
    keys = list(dict.fromkeys(str(key) for key in keys))
    found, columns = document_columns(backend, queryset, keys, paths)
    return {
        key: {path: columns[path][i] or () for path in paths}
        for i, key in enumerate(keys)
        if found[i]
    }


def document_columns(backend, queryset, keys, paths):
    """``(found, {path: [values or None]})`` of the documents of ``queryset``'s model with
    primary keys ``keys`` (a list of strings), aligned with ``keys``: ``found`` tells which the
    index holds. Columns all the way: no object per document."""
    compiler = backend.query_compiler_class(queryset, MATCH_ALL)
    found = [False] * len(keys)
    columns = {path: [None] * len(keys) for path in paths}
    if not keys:
        return found, columns
    with backend.store.searcher() as searcher:
        numbers, missing = _model_docnums(searcher, compiler.content_type_filter())
        docnums = list(map(numbers.get, keys, repeat(missing)))
        found = list(map(ne, docnums, repeat(missing)))
        for path in paths:
            columns[path] = list(map(_index_column(searcher, _field(path)).__getitem__, docnums))
    return found, columns


def _model_docnums(searcher, ct_term):
    """``({pk: document number in the whole index}, missing)`` of a model's undeleted documents
    (the first segment holding a key wins), ``missing`` the number past the last document (its
    entry in :func:`_index_column` is ``None``). Kept on the searcher, which is reused until the
    index changes."""
    cache = searcher.__dict__.setdefault("_kr_model_docnums", {})
    found = cache.get(ct_term.text)
    if found is None:
        allowed = model_documents(searcher, ct_term)
        numbers = {}
        for n, (subsearcher, offset) in reversed(list(enumerate(searcher.leaf_searchers()))):
            docs = allowed(n, subsearcher)
            if docs:
                keys = primary_key_docnums(subsearcher.reader(), docs)
                numbers.update(zip(keys, map(offset.__add__, keys.values()), strict=True))
        found = cache[ct_term.text] = (numbers, searcher.reader().doc_count_all())
    return found


def _index_column(searcher, field):
    """The values of ``field`` per document number in the whole index, one ``None`` more at
    the end (see :func:`_model_docnums`); kept on the searcher."""
    cache = searcher.__dict__.setdefault("_kr_index_columns", {})
    column = cache.get(field)
    if column is None:
        column = []
        for subsearcher, _offset in searcher.leaf_searchers():
            leaf = subsearcher.reader()
            if leaf.doc_count_all():
                column.extend(value_column(leaf, field))
        column.append(None)
        column = cache[field] = column
    return column


def documents_with_word(backend, word, scopes, limit):
    """``{scope: [pk]}``: up to ``limit`` documents of each scope (``{name: (queryset, fields
    or None)}``, its filters applied in the index where it can) holding ``word`` itself (folded:
    case and umlaut spelling aside) in one of its search fields. Unscored: only the exact
    terms' postings are read, each only as far as it gives every scope its ``limit`` (a term's
    postings come in document order, so the first ``limit`` of all terms are among those read)."""
    folded = analysis.fold(word)
    compilers, paths = _compilers(backend, folded, scopes)
    result = {name: [] for name in scopes}
    if not paths:
        return result
    terms = [wq.Term("x_" + path, folded) for path, _boost in paths]
    with backend.store.searcher() as searcher:
        allowed = {name: filtered_documents(searcher, c) for name, c in compilers.items()}
        evaluator = Evaluator(searcher, scored=False)
        for n, (subsearcher, _offset) in enumerate(searcher.leaf_searchers()):
            wanted = {name: limit - len(found) for name, found in result.items()}
            sets = {
                name: scope_allowed(n, subsearcher)
                for name, scope_allowed in allowed.items()
                if wanted[name] > 0
            }
            if not sets:
                break
            found = {}
            for term in terms:
                found.update(evaluator.term(term, subsearcher, until=_enough(sets, wanted)))
            if not found:
                continue
            pks = segment_keys(subsearcher.reader())
            for name, docs in sets.items():
                first = sorted(found.keys() & docs)[: wanted[name]]
                result[name].extend(pks[docnum] for docnum in first)
    return result


def _enough(sets, wanted):
    """A function of a block's document numbers, true once the blocks seen so far hold
    ``wanted[name]`` documents of each set ``sets[name]``."""
    counts = dict.fromkeys(sets, 0)

    def enough(ids):
        for name, docs in sets.items():
            counts[name] += len(docs.intersection(ids))
        return all(counts[name] >= wanted[name] for name in sets)

    return enough


def unknown_words(backend, text, querysets):
    """The words of ``text`` (not stop words) found in none of the querysets' search fields,
    exactly or stemmed: only these can gain from typo corrections."""
    compilers, paths = _compilers(backend, text, {i: (qs, None) for i, qs in enumerate(querysets)})
    with backend.store.searcher() as searcher:
        builder = QueryBuilder(backend, searcher.reader(), paths)
        words = analysis.query_words(text, builder.languages)
        return [word for word in words if not builder.is_stopword(word) and not builder.known(word)]
