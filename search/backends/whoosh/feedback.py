"""Pseudo-relevance feedback for natural-language questions (Rocchio/RM3 style).

A question often shares no word with a text that answers it ("Wo findet die Tagung statt?":
"Anreise zum Zuse-Institut"), while its best direct match does ("Die Tagung findet im
Zuse-Institut statt"). For a question searched with any of its words (operator "or"), the
first search's :data:`FEEDBACK_DOCS` best documents are taken as relevant; their most
distinctive words (:func:`feedback_words`: frequent in them, rare in the index, and held by
some other document too) are searched once more, at a low weight (:data:`FEEDBACK_WEIGHT`),
and their scores added to the first search's: a document found only through them scores at
most :data:`FEEDBACK_WEIGHT` of the best direct match, so it ranks below it and below the
documents matching most of the question. Other queries are not expanded.

The technique was chosen after seeing the project collection's three questions that no word of
theirs could find (README, "Natural-language questions"), and :data:`FEEDBACK_WEIGHT` after a
sweep on that collection: 0.5 pushed weak direct matches out of the first ten.
"""

import math
from bisect import bisect_right
from collections import Counter
from operator import itemgetter

from modelsearch.query import PlainText

from .. import analysis
from .filtering import segment_keys
from .querying import ArrayOr, QueryBuilder
from .scoring import Evaluator, SearchTimeout, search_deadline

#: The first search's best documents taken as relevant.
FEEDBACK_DOCS = 3
#: Words added to the question.
FEEDBACK_TERMS = 10
#: The feedback words' best match adds this share of the best direct match's score (RM3's
#: interpolation with the original query at 4:1).
FEEDBACK_WEIGHT = 0.25
#: Words of the texts looked up in the index, per word added.
CANDIDATES = 4
#: Words shorter than this say little about a subject ("uns", "bis").
MIN_WORD_CHARS = 4


def question_text(query, *, asked=False):
    """The text of ``query`` (a modelsearch query tree) if it is a natural-language question
    searched with any of its words, else ``None``. ``asked``: the caller knows it is a question
    (``search_documents(feedback=True)``), so its text need not show it."""
    if (
        isinstance(query, PlainText)
        and query.operator == "or"
        and (asked or analysis.is_question(query.query_string))
    ):
        return query.query_string
    return None


def held_elsewhere(reader, stemmed, paths, docnums):
    """Whether a document other than ``docnums`` has the stemmed word in a searched field
    (read from the word's postings: call it for rare words only)."""
    for path, _boost in paths:
        fieldname = "s_" + path
        if reader.doc_frequency(fieldname, stemmed) and any(
            d not in docnums for d in reader.postings(fieldname, stemmed).all_ids()
        ):
            return True
    return False


def feedback_words(reader, texts, question, language, paths):
    """``[(word, weight)]``: the :data:`FEEDBACK_TERMS` words of ``texts`` (the best documents'
    texts, ``[(docnum, text, score)]``) that best describe them, weights summing to 1.

    A word's weight is its share of each text (term frequency over length), weighted by the
    text's score in the first search (RM3's relevance model), times its inverse document
    frequency (Rocchio's tf-idf). Left out: stop words, numbers, short words, the question's
    own words (by stem) and words no other document holds (they cannot find anything new).
    Forms of a word count together (by stem); the most frequent form is searched.
    """
    stops = analysis.stopwords(analysis.LANGUAGES)
    asked = {
        analysis.stem(word, language)
        for word in analysis.query_words(question, analysis.LANGUAGES, stop=False)
    }
    total_score = sum(score for _docnum, _text, score in texts) or 1.0
    docnums = {docnum for docnum, _text, _score in texts}
    weights, forms = Counter(), {}
    for _docnum, text, score in texts:
        tokens = analysis.index_words(text)
        # A hyphenated word comes joined and in parts ("zuseinstitut", "zuse", "institut"):
        # its parts are enough.
        words = [
            analysis.fold(word)
            for i, (word, pos) in enumerate(tokens)
            if i + 1 == len(tokens) or tokens[i + 1][1] != pos
        ]
        if not words:
            continue
        counts = Counter(
            word
            for word in words
            if len(word) >= MIN_WORD_CHARS and not word.isdigit() and word not in stops
        )
        for word, count in counts.items():
            stemmed = analysis.stem(word, language)
            if stemmed in asked:
                continue
            weights[stemmed] += count / len(words) * score / total_score
            forms.setdefault(stemmed, Counter())[word] += count
    documents = max(reader.doc_count(), 1)
    scored = []
    # The index is asked only about the words most frequent in the texts (long texts have
    # hundreds).
    for stemmed, weight in weights.most_common(CANDIDATES * FEEDBACK_TERMS):
        # Counted per field, as the query builder does.
        frequency = sum(reader.doc_frequency("s_" + path, stemmed) for path, _b in paths)
        if frequency <= 2 * len(texts) and not held_elsewhere(reader, stemmed, paths, docnums):
            continue  # only in the feedback documents: it cannot find anything new
        word = forms[stemmed].most_common(1)[0][0]
        scored.append((word, weight * math.log(documents / frequency)))
    scored = sorted(scored, key=itemgetter(1), reverse=True)[:FEEDBACK_TERMS]
    total = sum(weight for _word, weight in scored)
    if total <= 0:
        return []
    return [(word, weight / total) for word, weight in scored]


def feedback_query(builder, words):
    """The Whoosh query of the feedback ``words``, each at its weight, built by ``builder``
    (a :class:`.querying.QueryBuilder`): a word's exact form and stems only (no compounds,
    typo corrections or synonyms, which would make it a large query and drift further)."""
    return ArrayOr([builder.word_clause(word, weight, expand=False) for word, weight in words])


def expand(results, query, *, reader, paths, language, texts_of, search, asked=False):
    """``results`` (``{docnum: score}`` of ``query``) with the feedback words' scores added
    when ``query`` is a question (:func:`question_text`, ``asked`` as there), else ``results``
    unchanged.

    ``texts_of(docnums)`` gives the documents' texts (``{docnum: text}``); ``search(words)``
    searches the feedback words (:func:`feedback_query`) like the first search did
    (``{docnum: score}``): one more index search, only for questions.
    """
    question = question_text(query, asked=asked)
    if question is None or not results:
        return results
    best = sorted(results.items(), key=itemgetter(1), reverse=True)[:FEEDBACK_DOCS]
    texts = texts_of([docnum for docnum, _score in best])
    words = feedback_words(
        reader,
        [(docnum, texts[docnum], score) for docnum, score in best if texts.get(docnum)],
        question,
        language,
        paths,
    )
    found = search(words) if words else {}
    if not found:
        return results
    # The two searches' scores on one scale: the best feedback match adds FEEDBACK_WEIGHT
    # times the best direct match's score.
    scale = FEEDBACK_WEIGHT * best[0][1] / max(found.values())
    merged = dict(results)
    for docnum, score in found.items():
        merged[docnum] = merged.get(docnum, 0.0) + score * scale
    return merged


def expand_segments(backend, searcher, segments, query, *, scopes, allowed_any, paths, deadline):
    """:func:`expand` for :func:`.documents.search_documents` (the search page's searches):
    ``segments`` (``[(leaf index, subsearcher, offset, {segment docnum: score})]``) with a
    question's feedback words' scores added, per segment again.

    ``scopes`` is ``{name: (queryset, allowed)}``, ``allowed(n, subsearcher)`` a segment's
    documents of the scope: the feedback texts are read through the querysets, so only what a
    visitor may see gives feedback words, and the feedback search is restricted to
    ``allowed_any`` like the first search. The caller asked for feedback: any query with any of
    its words counts as a question (:func:`question_text` with ``asked``).
    """
    if question_text(query, asked=True) is None or not segments:
        return segments
    leaves = list(searcher.leaf_searchers())
    offsets = [offset for _subsearcher, offset in leaves]

    def locate(docnum):
        n = bisect_right(offsets, docnum) - 1
        return n, leaves[n][0], docnum - offsets[n]

    def texts_of(docnums):
        wanted = {}  # scope -> {pk: docnum}
        for docnum in docnums:
            n, subsearcher, local = locate(docnum)
            for name, (_queryset, allowed) in scopes.items():
                if local in allowed(n, subsearcher):
                    wanted.setdefault(name, {})[segment_keys(subsearcher.reader())[local]] = docnum
                    break
        texts = {}
        for name, keys in wanted.items():
            queryset = scopes[name][0]
            if hasattr(queryset, "specific"):  # pages: their text is the specific page's
                queryset = queryset.specific()
            for obj in queryset.filter(pk__in=list(keys)):
                texts[keys[str(obj.pk)]] = backend.document_text(obj)
        return texts

    def search(words):
        with search_deadline(deadline):
            words_query = feedback_query(QueryBuilder(backend, searcher.reader(), paths), words)
        return Evaluator(searcher, True, deadline).run(words_query, allowed_any)

    results = {}
    for _n, _subsearcher, offset, found in segments:
        results.update((offset + docnum, score) for docnum, score in found.items())
    try:
        merged = expand(
            results,
            query,
            reader=searcher.reader(),
            paths=paths,
            language=backend.language,
            texts_of=texts_of,
            search=search,
            asked=True,
        )
    except SearchTimeout:
        return segments
    by_leaf = {}
    for docnum, score in merged.items():
        n, subsearcher, local = locate(docnum)
        by_leaf.setdefault(n, (subsearcher, offsets[n], {}))[2][local] = score
    return [(n, *by_leaf[n]) for n in sorted(by_leaf)]
