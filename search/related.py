"""'Weitere Treffer zu Ihrer Frage': related results below a question's few full matches.

The search page requires every word of a query. A natural-language question
(:func:`search.backends.analysis.is_question`) whose full matches do not fill the first page
gets, on that page, up to :data:`RELATED_LIMIT` more results below them, in a list of their
own: one more search with any of its words, which the Whoosh backend expands by its best hits'
distinctive words (pseudo-relevance feedback, ``search/backends/whoosh/feedback.py``), grouped
like the page's results (:func:`search.services.collect_hits`: the same visibility scopes, one
result per conversation) and leaving out what the page already lists. The result count and
the facets stay those of the full matches; a facet selection applies to both lists.

Other queries, later pages and a question with no full match (which shows the results with
some of its words instead, ``SearchOutcome.partial``) run no further search.
"""

from .backends import analysis
from .services import PER_PAGE, _backend, _tag_names, collect_hits, load_results

#: At most this many related results.
RELATED_LIMIT = 5
#: Related hits looked at to find them (replies of conversations already listed are skipped).
RELATED_SCAN = 100


def related_allowed(outcome):
    """Whether the page shown in ``outcome`` gets related results: the first page of a
    question's full matches, with room left on it."""
    page = outcome.page
    return (
        page is not None
        and page.number == 1
        and not outcome.partial
        and 0 < outcome.total < PER_PAGE
        and bool(outcome.query.words)
        and analysis.is_question(outcome.query.text)
    )


def related_results(outcome, *, selected=None, locale=None, request=None):
    """Up to :data:`RELATED_LIMIT` :class:`search.services.Result` objects for the question of
    ``outcome`` (a :func:`search.services.search_site` result) that it does not list, best
    first; ``[]`` without a search where :func:`related_allowed` says no (``request``: as for
    :func:`search.services.load_results`)."""
    if not related_allowed(outcome):
        return []
    selected = selected or {}
    query = outcome.query.to_query(any_word=True)
    exact = _backend(typo_tolerance=False)
    found, _capped = collect_hits(query, locale=locale, backend=exact, feedback=True)
    ranked = found.ranked(selected, "relevanz")
    seen = {hit.unit for hit in outcome.hits[:PER_PAGE]}
    picked = []
    for start in range(0, min(len(ranked), RELATED_SCAN), PER_PAGE):
        for hit in ranked[start : start + PER_PAGE]:
            if hit.unit not in seen:
                seen.add(hit.unit)
                picked.append(hit)
        if len(picked) >= RELATED_LIMIT:
            break
    picked = picked[:RELATED_LIMIT]
    _tag_names(picked)
    return load_results(picked, query, backend=_backend(), locale=locale, request=request)
