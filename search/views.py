"""The search page, header autocomplete and 'Ähnliche Fragen' for the board's question form."""

import logging
import time

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from accounts.text import parse_pk
from home import page_cache

from . import related, services
from .services import FACET_LABELS, FACETS, SORTS

logger = logging.getLogger(__name__)

UNAVAILABLE = 503


def _param(request, name, limit=1000):
    value = request.GET.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def _query_string(query, sort, selected, **changes):
    """The search page's query string for the given state; ``changes`` toggles or sets values."""
    params = [("q", query)]
    if sort != "relevanz":
        params.append(("sortierung", sort))
    for facet in FACETS:
        for value in sorted(selected.get(facet, ())):
            params.append((facet, value))
    for name, value in changes.items():
        params = [(k, v) for k, v in params if k != "seite"]
        if name == "sortierung":
            params = [(k, v) for k, v in params if k != "sortierung"]
            if value != "relevanz":
                params.append(("sortierung", value))
        elif name == "seite":
            if value and value != 1:
                params.append(("seite", value))
        elif name == "reset":
            params = [(k, v) for k, v in params if k not in FACETS]
        elif (name, value) in params:
            params.remove((name, value))
        else:
            params.append((name, value))
    return "?" + urlencode(params)


def _canonical_params(request, raw_query, sort, selected, shown_page):
    """The parameters of this page's state as the page writes them (the search form's ``?q=``,
    the page's own links): only a request with exactly their query string goes into the
    anonymous search cache (``home/page_cache.py``), so junk, repeated or unknown parameters,
    which would each add an entry, are answered but not stored. A page number is one of them
    only as the page shown (``shown_page``, ``None`` without results), as the links write it (no
    leading zero, never 1): a larger number shows the last page and would add a copy of it."""
    if "q" not in request.GET:
        return []  # the empty search page, stored only without a query string
    params = [("q", raw_query)]
    if sort != "relevanz":
        params.append(("sortierung", sort))
    for facet in FACETS:
        params.extend((facet, value) for value in sorted(selected.get(facet, ())))
    if "seite" in request.GET and shown_page is not None and shown_page != 1:
        params.append(("seite", shown_page))
    return params


@require_GET
def search(request):
    """One result list over visible pages, questions and replies; see search/services.py."""
    raw_query = _param(request, "q")
    sort = _param(request, "sortierung") or "relevanz"
    if sort not in SORTS:
        sort = "relevanz"
    selected = services.clean_selection(request.GET)
    context = {"query": services.parse(raw_query).text, "search_query": raw_query, "sort": sort}
    status = 200
    if context["query"]:
        started = time.monotonic()
        try:
            outcome = services.search_site(
                raw_query,
                selected=selected,
                sort=sort,
                page_number=_param(request, "seite", 10),
                request=request,
            )
        except Exception:  # noqa: BLE001 - IndexUnavailable, or whatever a damaged index raises
            logger.exception("Search unavailable for query %r", context["query"][:100])
            context["unavailable"] = True
            status = UNAVAILABLE
        else:
            context["outcome"] = outcome
            context.update(_facet_context(context["query"], sort, selected, outcome))
            context["other_languages"] = _other_languages(context["query"], outcome)
            _add_related(request, outcome, selected)
            logger.debug("Search %r took %.3f s", context["query"], time.monotonic() - started)
    outcome = context.get("outcome")
    shown_page = outcome.page.number if outcome and outcome.page is not None else None
    params = _canonical_params(request, raw_query, sort, selected, shown_page)
    page_cache.allow_query(request, params)
    response = render(request, "search/search.html", context, status=status)
    if context["query"]:
        add_never_cache_headers(response)
    return response


def _add_related(request, outcome, selected):
    """A question's related results below its few full matches (see search/related.py); the
    page keeps its full matches if that search fails."""
    try:
        outcome.related = related.related_results(outcome, selected=selected, request=request)
    except Exception:  # noqa: BLE001 - as in `search`: never a 500 from the index
        logger.exception("Related results unavailable for %r", outcome.query.text[:100])


def _facet_context(query, sort, selected, outcome):
    groups = []
    for facet in FACETS:
        values = outcome.facets.get(facet, [])
        if not values:
            continue
        for value in values:
            value.url = _query_string(query, sort, selected, **{facet: value.value})
        groups.append({"name": facet, "label": FACET_LABELS[facet], "values": values})
    sorts = [
        {
            "value": value,
            "label": label,
            "current": value == sort,
            "url": _query_string(query, sort, selected, sortierung=value),
        }
        for value, label in SORTS.items()
    ]
    page = outcome.page
    pages = {}
    if page is not None and page.paginator.num_pages > 1:
        if page.has_previous():
            pages["previous"] = _query_string(
                query, sort, selected, seite=page.previous_page_number()
            )
        if page.has_next():
            pages["next"] = _query_string(query, sort, selected, seite=page.next_page_number())
    suggestion_url = ""
    if outcome.suggestion:
        suggestion_url = _query_string(outcome.suggestion, sort, selected)
    return {
        "facet_groups": groups,
        "any_selected": bool(selected),
        "reset_url": _query_string(query, sort, selected, reset=True),
        "sorts": sorts,
        "pages": pages,
        "suggestion_url": suggestion_url,
    }


def _other_languages(query, outcome):
    """The same search on the site in another language, where that language's pages have all
    the words and this one's have none (``SearchOutcome.other_languages``)."""
    offers = []
    for code, count in outcome.other_languages.items():
        with translation.override(code):
            url = reverse("search") + _query_string(query, "relevanz", {})
        offers.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_translated"],
                "count": count,
                "url": url,
            }
        )
    return offers


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, private=True, max_age=0, no_store=True)
    return response


@require_GET
def autocomplete(request):
    """``{"results": [{"title", "url", "type"}]}``: titles starting with the typed words."""
    try:
        results = services.autocomplete(_param(request, "q", 200))
    except Exception:  # noqa: BLE001 - as in `search`: never a 500 from the index
        logger.exception("Autocomplete unavailable")
        return _json({"results": []}, status=UNAVAILABLE)
    return _json({"results": results})


@require_GET
def similar(request):
    """'Ähnliche Fragen' while someone types a question: ``{"heading", "results": [...]}``.

    Parameters: ``q`` (the draft title), optional ``ausgabe`` (the edition's id, listed first)
    and ``ohne`` (a thread id to leave out, when editing).
    """
    try:
        threads = services.similar_questions(
            _param(request, "q", 300),
            edition=parse_pk(request.GET.get("ausgabe")),
            exclude=parse_pk(request.GET.get("ohne")),
        )
    except Exception:  # noqa: BLE001 - as in `search`: never a 500 from the index
        logger.exception("Similar questions unavailable")
        threads = []
    return _json(
        {
            "heading": _("Ähnliche Fragen"),
            # For screen readers (the list's polite status): how many, and where to find them.
            "announcement": ngettext(
                "%(count)d ähnliche Frage unter dem Titelfeld",
                "%(count)d ähnliche Fragen unter dem Titelfeld",
                len(threads),
            )
            % {"count": len(threads)}
            if threads
            else "",
            "results": [
                {
                    "title": thread.title,
                    "url": thread.get_absolute_url(),
                    "edition": thread.edition.title if thread.edition_id else "",
                    "answered": thread.is_answered,
                    "status": thread.get_status_display(),
                    "replies": thread.reply_count,
                    "replies_label": ngettext(
                        "%(count)d Antwort", "%(count)d Antworten", thread.reply_count
                    )
                    % {"count": thread.reply_count},
                }
                for thread in threads
            ],
        }
    )
