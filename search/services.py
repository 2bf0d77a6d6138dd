"""The site search: one result list over pages, conversations and replies, with facets.

Every search goes through the configured modelsearch backend (``WAGTAILSEARCH_BACKENDS``) as
one index search over three querysets, each restricted to what a visitor may see as the
visibility rules define it (:func:`scopes`):

* topic, edition and standard pages that are live and public, in the active language;
* questions (threads) that are published and not merged, found by their title and tags;
* published posts of such questions: a question's text (with its title) and replies, a reply
  by its own words only (``Post.search_fields``).

The Whoosh backend applies these filters in its index and returns each hit's filter values
(edition, phase, tags, the question of a post), so neither the result list nor the facets read
keys from the database. Hits are grouped into conversations (:mod:`search.conversations`, from
the hits' columns, no object per hit): a question
is one result, scored from its title, its question text and its best matching reply, showing
the best passage and linking the best reply; other replies whose own text matches follow as
results of their own, below their question. Facets count a conversation once. Only the shown
page of results is loaded from the database. A typo-tolerant second search runs only where it
can help (:func:`typo_pass_helps`).
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelsearch.query import And, Not, Or, PlainText
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from taggit.models import Tag

from accounts.text import parse_year
from board.models import Post, Thread
from home.models import EventPage, StandardPage
from home.tags import tag_label
from wiki.models import TopicPage

from .backends import analysis
from .backends.whoosh import IndexUnavailable
from .conversations import Found, Hit, best_keys, columns, parse_day
from .documents import documents
from .query import parse

__all__ = [
    "IndexUnavailable",
    "SearchOutcome",
    "autocomplete",
    "search_site",
    "similar_questions",
]

#: Typo tolerance (near spellings of unknown words) is the expensive part of a search, so it is
#: only tried when the exact search found nothing, and for short queries: at most this many words
#: with at most this many letters together. The same bound applies to 'Meinten Sie …?'.
FUZZY_MAX_WORDS = 3
FUZZY_MAX_LETTERS = 30
#: A question (ending in "?" or starting with a question word) of at least this many words that
#: say something (not stop words), which no result matches with all of them, shows the results
#: matching some, those with more of them first. Other queries keep "all words must match".
PARTIAL_MIN_WORDS = 2
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
    reply_count: int | None = None  # a conversation's replies
    reply_url: str = ""  # a conversation's best matching reply
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
    partial: bool = False  # no result had all the words: these have some of them
    #: ``{language code: number of pages}``: pages of the site's other languages with all the
    #: words, when no page of this language has them (:func:`other_language_pages`).
    other_languages: dict = field(default_factory=dict)
    related: list = field(default_factory=list)  # Result: more for a question (search.related)


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


#: Filter values read from the index for every hit (see ``search_documents``).
HIT_VALUES = {
    "page": ["content_type", "date", "last_published_at", "tags__slug"],
    "post": ["thread_id", "depth", "created_at"],
}
#: A conversation's filter values, read from the index by the question's key.
THREAD_VALUES = ["edition_id", "phase", "tags__slug", "created_at"]


def _first(values, default=None):
    return values[0] if values else default


def scopes(locale=None):
    """What the site search searches, each as the visibility rules define it: live public pages
    of the language, public questions (title and tags), and published posts of public questions
    (a question's text with its title; a reply by its own text only, see ``Post.search_fields``)."""
    return {
        "page": (page_queryset(locale), None),
        "thread": (thread_queryset(), None),
        "post": (post_queryset(), None),
    }


def _page_kinds():
    types = ContentType.objects.get_for_models(TopicPage, EventPage)
    return {str(types[TopicPage].pk): "topic", str(types[EventPage].pk): "edition"}


def _negated(query):
    """The excluded parts of a query tree (``-Wort``, ``-"zwei Wörter"``) as one query."""
    if isinstance(query, Not):
        return query.subquery
    if isinstance(query, And):
        parts = [part for part in map(_negated, query.subqueries) if part is not None]
        if parts:
            return parts[0] if len(parts) == 1 else Or(parts)
    return None


def _negated_conversations(query, backend, locale):
    """Questions whose title, tags or question text hold an excluded word: a conversation is
    one unit, so a reply without the word does not bring it back (a second search, only for
    queries with excluded words)."""
    negated = _negated(query)
    if negated is None:
        return set()
    scope = scopes(locale)
    found = documents(backend).search_documents(
        negated,
        {"thread": scope["thread"], "post": scope["post"]},
        values={"post": ["thread_id", "depth"]},
    )
    excluded = set(columns(found["thread"], ())[0])
    _pks, _scores, values = columns(found["post"], ["thread_id", "depth"])
    for thread, depth in zip(values["thread_id"], values["depth"], strict=True):
        if thread and depth and depth[0] == "0":
            excluded.add(thread[0])
    return excluded


def collect_hits(query, *, locale=None, backend=None, feedback=False):
    """All visible hits of ``query``, grouped (:class:`conversations.Found`): pages, one per
    conversation (a question with whatever matched in it), and replies whose own text matches
    besides the one a conversation shows. One index search (``feedback``: a question searched
    with any word is expanded, see :mod:`search.related`); facet values come from the index.
    Returns ``(found, capped)`` (``capped`` is always ``False``: every hit is counted)."""
    backend = backend or _backend()
    reader = documents(backend)
    scope = scopes(locale)
    found = reader.search_documents(query, scope, values=HIT_VALUES, feedback=feedback)
    pages = []
    kinds = _page_kinds() if found["page"] else {}
    for hit in found["page"]:
        kind = kinds.get(_first(hit.values["content_type"]), "page")
        edition_day = parse_day(_first(hit.values["date"]))
        pages.append(
            Hit(
                kind=kind,
                pk=int(hit.pk),
                score=hit.score,
                date=edition_day or parse_day(_first(hit.values["last_published_at"])),
                year=edition_day.year if edition_day and kind == "edition" else None,
                tags={slug: slug for slug in hit.values["tags__slug"] if slug},
            )
        )

    def thread_columns(pks):
        return reader.document_columns(scope["thread"][0], pks, THREAD_VALUES)

    def edition_years(pks):
        values = reader.document_values(EventPage.objects.all(), pks, ["date"])
        years = {pk: parse_day(_first(row["date"])) for pk, row in values.items()}
        return {pk: date.year for pk, date in years.items() if date}

    grouped = Found(
        pages,
        columns(found["thread"], ())[:2],
        columns(found["post"], HIT_VALUES["post"]),
        thread_columns,
        edition_years,
        excluded=_negated_conversations(query, backend, locale),
    )
    return grouped, False


def other_language_pages(query, *, locale=None, backend=None):
    """``{language code: number of pages}`` of the live public pages in the site's other
    languages that match ``query`` (all its words), in one index search.

    The search lists pages of the active language only (an English page is analysed as
    English, and its German original would only repeat it); questions and replies, which carry
    no locale, are found in either. Someone who types a German question on the English site
    finds the German questions but not the German page that answers it: the search page offers
    these counts as a link to the same search in the other language.
    """
    active = locale or Locale.get_active()
    # Only languages the site serves: a locale left from another has no search page to link.
    served = [code for code, _name in settings.LANGUAGES]
    others = {
        other.language_code: (page_queryset(other), None)
        for other in Locale.objects.exclude(pk=active.pk)
        .filter(language_code__in=served)
        .order_by("language_code")
    }
    if not others:
        return {}
    reader = documents(backend or _backend(typo_tolerance=False))
    if hasattr(reader, "count_documents"):  # the Whoosh backend: only near the pages' postings
        counts = reader.count_documents(query, others)
    else:
        counts = {code: len(hits) for code, hits in reader.search_documents(query, others).items()}
    return {code: count for code, count in counts.items() if count}


def facet_counts(found, selected):
    """``{facet: [FacetValue]}``; each facet counts the hits that the *other* facets leave, a
    conversation once (its question and its replies are one unit)."""
    facets = {}
    for facet in FACETS:
        counts = found.counts(facet, selected)
        labels = {}
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
            names = _tag_names_of(set(counts))
            labels = {slug: tag_label(slug, names.get(slug, slug)) for slug in counts}
            order = sorted(counts, key=lambda k: (-counts[k], labels[k].lower()))[:20]
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


def load_results(hits, query, *, backend=None, locale=None, request=None):
    """Turn the hits of one page into :class:`Result` objects (a fixed number of queries).

    ``request``, when given, keeps the site's root paths for the pages' addresses (Wagtail reads
    them once per request instead of once per page).

    The objects are loaded through the visibility rules again (the index may lag behind the
    database: a question hidden a moment ago is left out, never shown)."""
    backend = backend or _backend()
    by_kind = {}
    for hit in hits:
        by_kind.setdefault(
            "page" if hit.kind in ("topic", "edition", "page") else hit.kind, []
        ).append(hit.pk)
    pages = (
        page_queryset(locale).filter(pk__in=by_kind["page"]).specific().in_bulk()
        if by_kind.get("page")
        else {}
    )
    threads = (
        thread_queryset().filter(pk__in=by_kind["thread"]).select_related("edition").in_bulk()
        if by_kind.get("thread")
        else {}
    )
    posts = post_queryset()  # built once: the visibility rules are several subqueries
    questions = {
        post.thread_id: post
        for post in posts.filter(thread_id__in=list(threads), depth=0).only(
            "thread_id", "body", "language"
        )
    }
    passage_pks = [hit.best_reply for hit in hits if hit.kind == "thread" and hit.best_reply]
    passages = (
        posts.filter(pk__in=passage_pks).only("pk", "thread_id", "body", "language").in_bulk()
        if passage_pks
        else {}
    )
    replies = (
        posts.filter(pk__in=by_kind["reply"]).select_related("thread", "thread__edition").in_bulk()
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
                    url=page.get_url(request) or "",
                    snippet=_highlight(backend, text, query, obj=page),
                    **common,
                )
            )
        elif hit.kind == "thread":
            thread = threads.get(hit.pk)
            if thread is None:
                continue
            question = questions.get(thread.pk)
            passage = passages.get(hit.passage) if hit.passage else None
            linked = passages.get(hit.best_reply) if hit.best_reply else None
            source = passage or question
            text = _markdown_text(source.body) if source else ""
            results.append(
                Result(
                    title=_highlight(backend, thread.title, query, max_chars=500),
                    url=thread.get_absolute_url(),
                    snippet=_highlight(backend, text, query),
                    title_language=thread.language,
                    language=source.language if source else thread.language,
                    reply_count=thread.reply_count,
                    reply_url=linked.get_absolute_url() if linked else "",
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
    pages and hidden posts; a word found only there is never offered. One index search (on the
    Whoosh backend: of the word's exact terms, unscored), then at most a few objects per scope
    whose text is checked."""
    backend = backend or _backend(typo_tolerance=False)
    folded = analysis.fold(word)
    scope = scopes(locale)
    holding = getattr(backend, "documents_with_word", None)
    if holding is not None:  # the Whoosh backend: documents holding the word itself
        found = holding(word, scope, VISIBLE_WORD_CANDIDATES)
    else:
        # Exact matches rank first: the first few results hold the word if any visible does.
        hits = documents(backend).search_documents(PlainText(word), scope)
        found = {name: best_keys(hits[name], VISIBLE_WORD_CANDIDATES) for name in scope}
    for name, (queryset, _fields) in scope.items():
        keys = found[name]
        if not keys:
            continue
        if name == "page":
            queryset = queryset.specific()
        for obj in queryset.filter(pk__in=keys):
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
    found = []

    def corrected_hits():
        if not found:
            try:
                found.append(
                    collect_hits(
                        PlainText(corrected, operator="and"), locale=locale, backend=exact
                    )[0]
                )
            except IndexUnavailable:
                found.append([])
        return found[0]

    # One word that ``accept`` let in is in something visible, so the correction finds it;
    # several must be searched together.
    if len(corrected.split()) > 1 and not corrected_hits():
        return ""  # the correction finds nothing the visitor may see
    wanted = {analysis.fold(word) for word in corrected.split()}
    spelling = {}

    def learn(results):
        for result in results:
            for source in (str(result.title), str(result.snippet)):
                for token in re.findall(r"\w+", re.sub(r"<[^>]+>", " ", source)):
                    spelling.setdefault(analysis.fold(token), token)

    learn(shown or [])
    if not wanted <= set(spelling) and corrected_hits():
        top = corrected_hits().ranked({}, "relevanz")[:5]
        _tag_names(top)
        learn(load_results(top, corrected, backend=backend, locale=locale))
    suggestion = " ".join(spelling.get(analysis.fold(word), word) for word in corrected.split())
    if analysis.fold(suggestion) == analysis.fold(" ".join(parsed.words + parsed.phrases)):
        return ""
    return suggestion


def _tag_names_of(slugs):
    """``{slug: name}`` of the tags ``slugs`` (the index holds the slugs): one query."""
    if not slugs:
        return {}
    return dict(Tag.objects.filter(slug__in=slugs).values_list("slug", "name"))


def _tag_names(hits):
    """Give the hits' tags their names: one query."""
    names = _tag_names_of({slug for hit in hits for slug in hit.tags})
    for hit in hits:
        hit.tags = {slug: names.get(slug, slug) for slug in hit.tags}


def typo_pass_helps(parsed, query_text, hits, *, locale=None):
    """Whether a typo-tolerant search could find more: only for short queries (see
    :func:`fuzzy_allowed`) with fewer hits than a page holds and a word the searched texts
    lack (typo tolerance corrects only unknown words)."""
    if len(hits) >= PER_PAGE or not fuzzy_allowed(parsed):
        return False
    exact = _backend(typo_tolerance=False)
    unknown = getattr(exact, "unknown_words", None)
    if unknown is None:
        return True
    querysets = [queryset for queryset, _fields in scopes(locale).values()]
    return bool(unknown(query_text, querysets))


def partial_allowed(parsed):
    """Whether a search that found nothing may show results with some of the words: a
    question with at least :data:`PARTIAL_MIN_WORDS` words that are not stop words."""
    if not analysis.is_question(parsed.text):
        return False
    stops = analysis.stopwords(analysis.LANGUAGES)
    words = analysis.query_words(" ".join(parsed.words), analysis.LANGUAGES)
    return sum(analysis.fold(word) not in stops for word in words) >= PARTIAL_MIN_WORDS


def search_site(
    raw_query, *, selected=None, sort="relevanz", page_number=1, locale=None, request=None
):
    """Run the site search for the visitor's text (``request``: the visitor's, see
    :func:`load_results`). Raises :class:`IndexUnavailable`.

    One index search gives the result list and the facet counts; a second, typo-tolerant one
    runs only when it can help (:func:`typo_pass_helps`), and only then is a correction looked
    for ('Meinten Sie …?'). When nothing has all the words of a question (:func:`partial_allowed`),
    the results with some of them are shown, those with more of them first (``partial``).
    """
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
    query_text = parsed.positive_text()
    typo_helps = bool(query_text) and typo_pass_helps(parsed, query_text, hits, locale=locale)
    if typo_helps:
        fuzzy_hits, outcome.capped = collect_hits(query, locale=locale, backend=backend)
        if len(fuzzy_hits) > len(hits):
            hits = fuzzy_hits
    if not hits.pages:
        outcome.other_languages = other_language_pages(query, locale=locale)
    if not hits and partial_allowed(parsed):
        query = parsed.to_query(any_word=True)
        hits, outcome.capped = collect_hits(
            query, locale=locale, backend=_backend(typo_tolerance=False)
        )
        outcome.partial = bool(hits)
    outcome.facets = facet_counts(hits, selected)
    # Ranked lazily: only the hits of the page shown become objects.
    outcome.hits = hits.ranked(selected, sort if sort in SORTS else "relevanz")
    outcome.total = len(outcome.hits)
    paginator = Paginator(outcome.hits, PER_PAGE)
    page = paginator.get_page(page_number)
    shown = list(page.object_list)
    _tag_names(shown)
    page.object_list = load_results(shown, query, backend=backend, locale=locale, request=request)
    outcome.page = page
    if typo_helps:
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
