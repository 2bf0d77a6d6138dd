"""The site search: one result list over pages, questions and replies, with facets.

Every search goes through the configured modelsearch backend (``WAGTAILSEARCH_BACKENDS``), one
search per kind of object, each restricted by the database to what a visitor may see:

* topic, edition and standard pages that are live and public, in the active language;
* questions (threads) that are published and not merged, found by their title and tags or by
  their question text (the thread's root post);
* replies that are published, in such a question.

The hits (primary key and score, at most :data:`MAX_HITS` per kind) are merged into one list;
facet values (type, edition year, tag, phase) and dates are read for all hits with a fixed number
of queries, facets and sorting happen in Python, and only the shown page of results is loaded.
"""

import re
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelsearch.query import PlainText
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from accounts.text import parse_year
from board.models import Post, Thread, ThreadTag
from home.models import EventPage, StandardPage
from home.tags import tag_label
from wiki.models import TopicPage, TopicPageTag

from .backends import analysis
from .backends.whoosh import IndexUnavailable
from .query import parse

__all__ = [
    "IndexUnavailable",
    "SearchOutcome",
    "autocomplete",
    "search_site",
    "similar_questions",
]

#: Hits read per kind of object; more are counted as "more than".
MAX_HITS = 500
#: Typo tolerance (near spellings of unknown words) is the expensive part of a search, so it is
#: only tried when the exact search found nothing, and for short queries: at most this many words
#: with at most this many letters together. The same bound applies to 'Meinten Sie …?'.
FUZZY_MAX_WORDS = 3
FUZZY_MAX_LETTERS = 30
#: Results looked at (per kind) to tell whether a suggested word is in something visible.
VISIBLE_WORD_CANDIDATES = 5
MAX_SIMILAR_WORDS = 8
PER_PAGE = 10
SNIPPET_CHARS = 240

KINDS = {
    "topic": pgettext_lazy("search result type", "Themenseiten"),
    "edition": pgettext_lazy("search result type", "Ausgaben"),
    "page": pgettext_lazy("search result type", "Seiten"),
    "thread": pgettext_lazy("search result type", "Fragen"),
    "reply": pgettext_lazy("search result type", "Antworten"),
}
KIND_SINGULAR = {
    "topic": pgettext_lazy("search result type", "Themenseite"),
    "edition": pgettext_lazy("search result type", "Ausgabe"),
    "page": pgettext_lazy("search result type", "Seite"),
    "thread": pgettext_lazy("search result type", "Frage"),
    "reply": pgettext_lazy("search result type", "Antwort"),
}
PHASES = dict(EventPage.Phase.choices)
SORTS = {
    "relevanz": pgettext_lazy("search sort", "Relevanz"),
    "neueste": pgettext_lazy("search sort", "Neueste zuerst"),
}
FACETS = ("typ", "jahr", "schlagwort", "phase")
FACET_LABELS = {
    "typ": _("Art"),
    "jahr": _("Ausgabe"),
    "schlagwort": _("Schlagwort"),
    "phase": _("Phase"),
}


@dataclass
class Hit:
    kind: str
    pk: int
    score: float
    date: object = None
    year: int | None = None
    phase: str = ""
    tags: dict = field(default_factory=dict)  # slug -> name

    def values(self, facet):
        if facet == "typ":
            return [self.kind]
        if facet == "jahr":
            return [str(self.year)] if self.year else []
        if facet == "schlagwort":
            return list(self.tags)
        if facet == "phase":
            return [self.phase] if self.phase else []
        return []


@dataclass
class Result:
    kind: str
    kind_label: str
    title: object
    url: str
    snippet: object
    date: object = None
    year: int | None = None
    phase_label: str = ""
    tags: list = field(default_factory=list)
    context: str = ""
    # Language codes of the title and the snippet when known (board posts record theirs), so the
    # template can mark a German question on an English page with lang="de".
    title_language: str = ""
    language: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchOutcome:
    query: object  # ParsedQuery
    hits: list = field(default_factory=list)
    total: int = 0
    capped: bool = False
    page: object = None  # django.core.paginator.Page of Result
    facets: dict = field(default_factory=dict)  # facet -> [FacetValue]
    suggestion: str = ""


def _backend(typo_tolerance=True):
    if typo_tolerance:
        return get_search_backend()
    return get_search_backend("default", TYPO_TOLERANCE=False)


def fuzzy_allowed(parsed):
    words = [w for text in (*parsed.words, *parsed.phrases) for w in text.split()]
    return 0 < len(words) <= FUZZY_MAX_WORDS and sum(len(w) for w in words) <= FUZZY_MAX_LETTERS


def page_queryset(locale=None):
    """Live, public topic, edition and standard pages in ``locale`` (default: the active one)."""
    locale = locale or Locale.get_active()
    return (
        Page.objects.live().public().filter(locale=locale).type(TopicPage, EventPage, StandardPage)
    )


def thread_queryset():
    return Thread.objects.public()


def post_queryset():
    """Published posts of public questions (question texts and replies)."""
    return Post.objects.public()


def _search(queryset, query, backend, limit):
    results = backend.search(query, queryset.only("pk"), order_by_relevance=True)
    return [
        (obj.pk, float(getattr(obj, "_score", 0) or 0))
        for obj in results.annotate_score("_score")[:limit]
    ]


def collect_hits(query, *, locale=None, backend=None, limit=MAX_HITS):
    """All visible hits of ``query`` as :class:`Hit` objects (unsorted), and whether capped."""
    backend = backend or _backend()
    page_hits = _search(page_queryset(locale), query, backend, limit)
    thread_hits = _search(thread_queryset(), query, backend, limit)
    post_hits = _search(post_queryset(), query, backend, limit)
    capped = any(len(h) >= limit for h in (page_hits, thread_hits, post_hits))
    hits = []

    # Pages: kind from the content type, year and tags by type.
    if page_hits:
        scores = dict(page_hits)
        rows = Page.objects.filter(pk__in=scores).values_list(
            "pk", "content_type__model", "content_type__app_label", "last_published_at"
        )
        editions = dict(EventPage.objects.filter(pk__in=scores).values_list("pk", "date"))
        topic_tags = {}
        for pk, slug, name in TopicPageTag.objects.filter(content_object_id__in=scores).values_list(
            "content_object_id", "tag__slug", "tag__name"
        ):
            topic_tags.setdefault(pk, {})[slug] = name
        kinds = {("wiki", "topicpage"): "topic", ("home", "eventpage"): "edition"}
        for pk, model, app_label, published in rows:
            kind = kinds.get((app_label, model), "page")
            date = editions.get(pk) or published
            hits.append(
                Hit(
                    kind=kind,
                    pk=pk,
                    score=scores[pk],
                    date=date,
                    year=editions[pk].year if pk in editions else None,
                    tags=topic_tags.get(pk, {}),
                )
            )

    # Questions: by title/tags, or by their question text (root post); replies on their own.
    thread_scores = dict(thread_hits)
    reply_scores = {}
    if post_hits:
        post_scores = dict(post_hits)
        for pk, depth, thread_id in Post.objects.filter(pk__in=post_scores).values_list(
            "pk", "depth", "thread_id"
        ):
            if depth == 0:
                thread_scores[thread_id] = max(thread_scores.get(thread_id, 0.0), post_scores[pk])
            else:
                reply_scores[pk] = (post_scores[pk], thread_id)
    thread_ids = set(thread_scores) | {thread_id for _score, thread_id in reply_scores.values()}
    if thread_ids:
        threads = {
            pk: (created, phase, edition_date)
            for pk, created, phase, edition_date in Thread.objects.filter(
                pk__in=thread_ids
            ).values_list("pk", "created_at", "phase", "edition__date")
        }
        thread_tags = {}
        for pk, slug, name in ThreadTag.objects.filter(
            content_object_id__in=thread_ids
        ).values_list("content_object_id", "tag__slug", "tag__name"):
            thread_tags.setdefault(pk, {})[slug] = name
        for pk, score in thread_scores.items():
            if pk not in threads:
                continue
            created, phase, edition_date = threads[pk]
            hits.append(
                Hit(
                    kind="thread",
                    pk=pk,
                    score=score,
                    date=created,
                    year=edition_date.year if edition_date else None,
                    phase=phase,
                    tags=thread_tags.get(pk, {}),
                )
            )
        reply_dates = dict(Post.objects.filter(pk__in=reply_scores).values_list("pk", "created_at"))
        for pk, (score, thread_id) in reply_scores.items():
            if thread_id not in threads:
                continue
            _created, phase, edition_date = threads[thread_id]
            hits.append(
                Hit(
                    kind="reply",
                    pk=pk,
                    score=score,
                    date=reply_dates.get(pk),
                    year=edition_date.year if edition_date else None,
                    phase=phase,
                    tags=thread_tags.get(thread_id, {}),
                )
            )
    return hits, capped


def _sort_key_date(hit):
    date = hit.date
    if date is None:
        return (0, 0.0)
    if hasattr(date, "timestamp"):
        return (1, date.timestamp())
    return (1, float(date.toordinal() * 86400 - 62135596800))


def sort_hits(hits, sort):
    if sort == "neueste":
        return sorted(hits, key=lambda h: (_sort_key_date(h), h.score), reverse=True)
    return sorted(hits, key=lambda h: (h.score, _sort_key_date(h)), reverse=True)


def _matches(hit, selected, skip=None):
    for facet, values in selected.items():
        if facet == skip or not values:
            continue
        if not set(hit.values(facet)) & values:
            return False
    return True


def facet_counts(hits, selected):
    """``{facet: [FacetValue]}``; each facet counts the hits that the *other* facets leave."""
    facets = {}
    for facet in FACETS:
        counts, labels = {}, {}
        for hit in hits:
            if not _matches(hit, selected, skip=facet):
                continue
            for value in hit.values(facet):
                counts[value] = counts.get(value, 0) + 1
                if facet == "schlagwort":
                    labels[value] = tag_label(value, hit.tags[value])
        for value in selected.get(facet, ()):
            counts.setdefault(value, 0)  # keep a selected value visible (to unselect it)
        if facet == "typ":
            order = [k for k in KINDS if k in counts]
            labels = {k: str(KINDS[k]) for k in order}
        elif facet == "jahr":
            order = sorted(counts, reverse=True)
            labels = {k: k for k in order}
        elif facet == "phase":
            order = [k for k in PHASES if k in counts]
            labels = {k: str(PHASES[k]) for k in order}
        else:
            order = sorted(counts, key=lambda k: (-counts[k], labels.get(k, k).lower()))[:20]
            order += [k for k in selected.get(facet, ()) if k not in order]
        facets[facet] = [
            FacetValue(
                value=value,
                label=labels.get(value, value),
                count=counts[value],
                selected=value in selected.get(facet, ()),
            )
            for value in order
        ]
    return facets


def clean_selection(params):
    """The facet selections from request parameters (a QueryDict or ``{name: [values]}``)."""
    selected = {}
    for facet in FACETS:
        getlist = params.getlist if hasattr(params, "getlist") else params.get
        values = {str(v)[:100] for v in (getlist(facet) or []) if str(v).strip()}
        if facet == "typ":
            values &= set(KINDS)
        elif facet == "phase":
            values &= set(PHASES)
        elif facet == "jahr":
            values = {v for v in values if len(v) == 4 and parse_year(v) is not None}
        if values:
            selected[facet] = values
    return selected


def _highlight(backend, text, query, max_chars=SNIPPET_CHARS, obj=None):
    """``text`` as a snippet with the query's words marked; ``obj`` (whose text it is) tells
    the backend the text's language (English pages are stemmed as English)."""
    highlight = getattr(backend, "highlight", None)
    if highlight is not None:  # the Whoosh backend, which also knows a text's language
        language = backend.document_language(obj) if obj is not None else None
        return highlight(text, query, max_chars=max_chars, language=language)
    # Backends without highlighting: the beginning of the text, escaped.
    text = " ".join((text or "").split())
    cut = text[:max_chars]
    return mark_safe(escape(cut) + ("…" if len(text) > max_chars else ""))  # noqa: S308


def _markdown_text(text):
    """Markdown source as plain text for snippets (markup characters removed)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    return re.sub(r"[*_`#>~|]+", "", text)


def load_results(hits, query, *, backend=None):
    """Turn the hits of one page into :class:`Result` objects (a fixed number of queries)."""
    backend = backend or _backend()
    by_kind = {}
    for hit in hits:
        by_kind.setdefault(
            "page" if hit.kind in ("topic", "edition", "page") else hit.kind, []
        ).append(hit.pk)
    pages = (
        Page.objects.filter(pk__in=by_kind["page"]).specific().in_bulk()
        if by_kind.get("page")
        else {}
    )
    threads = (
        Thread.objects.filter(pk__in=by_kind["thread"]).select_related("edition").in_bulk()
        if by_kind.get("thread")
        else {}
    )
    questions = {
        post.thread_id: post
        for post in Post.objects.filter(thread_id__in=list(threads), depth=0).only(
            "thread_id", "body"
        )
    }
    replies = (
        Post.objects.filter(pk__in=by_kind["reply"])
        .select_related("thread", "thread__edition")
        .in_bulk()
        if by_kind.get("reply")
        else {}
    )
    results = []
    for hit in hits:
        phase_label = str(PHASES.get(hit.phase, "")) if hit.phase else ""
        tags = sorted((tag_label(slug, name) for slug, name in hit.tags.items()), key=str.lower)
        common = {
            "kind": hit.kind,
            "kind_label": str(KIND_SINGULAR[hit.kind]),
            "date": hit.date,
            "year": hit.year,
            "phase_label": phase_label,
            "tags": tags,
        }
        if hit.kind in ("topic", "edition", "page"):
            page = pages.get(hit.pk)
            if page is None:
                continue
            text = backend_text(backend, page)
            lines = text.split("\n")
            if lines and lines[0] == page.title:
                text = "\n".join(lines[1:])
            results.append(
                Result(
                    title=_highlight(backend, page.title, query, max_chars=500, obj=page),
                    url=page.url or "",
                    snippet=_highlight(backend, text, query, obj=page),
                    **common,
                )
            )
        elif hit.kind == "thread":
            thread = threads.get(hit.pk)
            if thread is None:
                continue
            question = questions.get(thread.pk)
            text = _markdown_text(question.body) if question else ""
            results.append(
                Result(
                    title=_highlight(backend, thread.title, query, max_chars=500),
                    url=thread.get_absolute_url(),
                    snippet=_highlight(backend, text, query),
                    title_language=thread.language,
                    language=question.language if question else thread.language,
                    **common,
                )
            )
        else:
            post = replies.get(hit.pk)
            if post is None:
                continue
            results.append(
                Result(
                    title=_highlight(backend, post.thread.title, query, max_chars=500),
                    url=post.get_absolute_url(),
                    snippet=_highlight(backend, _markdown_text(post.body), query),
                    context=str(_("Antwort auf die Frage")),
                    title_language=post.thread.language,
                    language=post.language,
                    **common,
                )
            )
    return results


def backend_text(backend, obj):
    document_text = getattr(backend, "document_text", None)
    if document_text is not None:
        return document_text(obj)
    return "\n".join(
        str(getattr(obj, name, "") or "") for name in ("title", "summary", "search_description")
    )


def visible_word(word, *, locale=None, backend=None):
    """Whether ``word`` itself (folded: case and umlaut spelling aside) is in the text of
    something anyone may see: a live, public page of ``locale``, a public question or a
    published reply (what the search page lists). The index also holds drafts, restricted
    pages and hidden posts; a word found only there is never offered."""
    backend = backend or _backend(typo_tolerance=False)
    folded = analysis.fold(word)
    querysets = (page_queryset(locale).specific(), thread_queryset(), post_queryset())
    for queryset in querysets:
        # Exact matches rank first: the first few results hold the word if any visible does.
        for obj in backend.search(PlainText(word), queryset)[:VISIBLE_WORD_CANDIDATES]:
            words = analysis.index_words(backend_text(backend, obj))
            if any(analysis.fold(w) == folded for w, _position in words):
                return True
    return False


def suggestion_for(parsed, *, locale=None, backend=None, shown=None):
    """'Meinten Sie …?': a corrected query in the spelling found in the texts, or ``""``.

    The backend corrects unknown words against the indexed (transliterated) vocabulary, e.g.
    "foerderung", offering only words found in what the visitor may see (:func:`visible_word`;
    the index also holds drafts, restricted pages and hidden posts), and only a correction
    that finds visible results. The spelling shown ("Förderung") is taken from the texts of
    those results (``shown``, the results on the page, are looked at first).
    """
    backend = backend or _backend()
    suggest = getattr(backend, "suggest", None)
    text = parsed.positive_text()
    if suggest is None or not text or not fuzzy_allowed(parsed):
        return ""
    exact = _backend(typo_tolerance=False)

    def accept(word):
        return visible_word(word, locale=locale, backend=exact)

    corrected = suggest(text, accept=accept)
    if not corrected:
        return ""
    try:
        hits, _capped = collect_hits(
            PlainText(corrected, operator="and"), locale=locale, backend=exact, limit=3
        )
    except IndexUnavailable:
        hits = []
    if not hits:
        return ""  # the correction finds nothing the visitor may see
    wanted = {analysis.fold(word) for word in corrected.split()}
    spelling = {}

    def learn(results):
        for result in results:
            for source in (str(result.title), str(result.snippet)):
                for token in re.findall(r"\w+", re.sub(r"<[^>]+>", " ", source)):
                    spelling.setdefault(analysis.fold(token), token)

    learn(shown or [])
    if not wanted <= set(spelling):
        learn(load_results(sort_hits(hits, "relevanz")[:5], corrected, backend=backend))
    suggestion = " ".join(spelling.get(analysis.fold(word), word) for word in corrected.split())
    if analysis.fold(suggestion) == analysis.fold(" ".join(parsed.words + parsed.phrases)):
        return ""
    return suggestion


def search_site(raw_query, *, selected=None, sort="relevanz", page_number=1, locale=None):
    """Run the site search for the visitor's text. Raises :class:`IndexUnavailable`."""
    parsed = parse(raw_query)
    outcome = SearchOutcome(query=parsed)
    selected = selected or {}
    query = parsed.to_query()
    if query is None:
        return outcome
    backend = _backend()
    hits, outcome.capped = collect_hits(
        query, locale=locale, backend=_backend(typo_tolerance=False)
    )
    if not hits and fuzzy_allowed(parsed):
        hits, outcome.capped = collect_hits(query, locale=locale, backend=backend)
    outcome.facets = facet_counts(hits, selected)
    hits = [hit for hit in hits if _matches(hit, selected)]
    outcome.hits = sort_hits(hits, sort if sort in SORTS else "relevanz")
    outcome.total = len(outcome.hits)
    paginator = Paginator(outcome.hits, PER_PAGE)
    page = paginator.get_page(page_number)
    page.object_list = load_results(list(page.object_list), query, backend=backend)
    outcome.page = page
    outcome.suggestion = suggestion_for(
        parsed, locale=locale, backend=backend, shown=page.object_list
    )
    return outcome


def autocomplete(text, *, locale=None, limit=8):
    """Titles of visible pages and questions starting with what was typed so far."""
    parsed = parse(text)
    words = " ".join(parsed.words + parsed.phrases)
    if len(words) < 2:
        return []
    backend = _backend(typo_tolerance=False)
    prefixes = [analysis.fold(word) for word in words.split()]
    suggestions, seen = [], set()
    for queryset in (page_queryset(locale).specific(), thread_queryset()):
        for obj in backend.autocomplete(words, queryset)[: limit * 2]:
            url = obj.url if isinstance(obj, Page) else obj.get_absolute_url()
            title_words = [analysis.fold(word) for word in re.findall(r"\w+", obj.title)]
            # Only titles with a word starting with each typed word (the backend may also match
            # other autocomplete fields, such as a topic's summary).
            if url in seen or not all(
                any(word.startswith(prefix) for word in title_words) for prefix in prefixes
            ):
                continue
            seen.add(url)
            suggestions.append(
                {"title": obj.title, "url": url, "type": str(KIND_SINGULAR[_kind_of(obj)])}
            )
    return suggestions[:limit]


def _kind_of(obj):
    if isinstance(obj, TopicPage):
        return "topic"
    if isinstance(obj, EventPage):
        return "edition"
    if isinstance(obj, Thread):
        return "thread"
    return "page"


def similar_questions(text, *, edition=None, exclude=None, limit=5):
    """Published questions similar to ``text`` (a draft title), best first ('Ähnliche Fragen').

    Any of the words may match (the backend ranks questions sharing more of them higher);
    questions of ``edition`` come first when given.
    """
    parsed = parse(text)
    # A draft title is a sentence: its stop words ("wie", "ich") would decide the ranking.
    words = " ".join(analysis.query_words(parsed.text, "de")[:MAX_SIMILAR_WORDS])
    if len(words) < 3:
        return []
    queryset = thread_queryset().select_related("edition")
    backend = _backend(typo_tolerance=fuzzy_allowed(parsed))
    results = [
        thread
        for thread in backend.search(
            PlainText(words, operator="or"), queryset, order_by_relevance=True
        )[: limit * 2 + 1]
        if thread.pk != exclude
    ]
    if edition is not None:
        edition_id = getattr(edition, "pk", edition)
        results.sort(key=lambda thread: thread.edition_id != edition_id)
    return results[:limit]
