"""Wagtail's page routing, remembered per address under the site's version (issue 9, item 4).

Wagtail finds the page for an address by walking the tree: the site (one query), the active
locale (one), the localised home page (one), then two queries per level (the child by slug, its
specific page), then two more for the view restrictions of the page and its ancestors – nine
queries before a topic page three levels deep renders anything. Every one of these answers
changes only when the ``SITE`` version changes (publishing, unpublishing, moving or deleting a
page, a new site record or locale, a view restriction: ``home/cache_signals.py``).

``serve`` (the view behind the URL name ``wagtail_serve``) therefore keeps, per host, port,
language, path and ``SITE`` version, which page answers (its type and primary key and how many
path components it consumes), the site and the page's view restrictions. With that entry the
request costs one query, the page itself; Wagtail's ``serve`` then runs as always (the page's
own ``route`` for the rest of the path, so routable sub-pages such as tag pages resolve as
before, the ``before_serve_page`` hooks, the view-restriction check on the remembered
restrictions). An entry is trusted only if the loaded page still sits at the address (depth and
``url_path``), so a page saved without a publish (no signal) is routed afresh. Addresses that
do not resolve (404) are not remembered.
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.urls import re_path
from django.utils import translation

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Page

from . import versions

KEY_PREFIX = "route:"
TIMEOUT = 600


def _components(path):
    return [component for component in path.split("/") if component]


def _key(request, path):
    raw = "|".join(
        (
            request._get_raw_host(),
            str(request.get_port()),
            translation.get_language() or "",
            path,
            versions.for_request(request, versions.SITE),
        )
    )
    return KEY_PREFIX + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _remembered(request, path, entry):
    """Route the request from a cache entry; False if the entry no longer fits the tree."""
    site, content_type_id, pk, consumed, restrictions = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return False
    page = model.objects.select_related("locale").filter(pk=pk).first()
    components = _components(path)
    suffix = "".join(f"{component}/" for component in components[:consumed])
    root_depth = site.root_page.depth
    if (
        page is None
        or page.depth != root_depth + consumed
        or not page.url_path.endswith("/" + suffix)
    ):
        return False
    page.remembered_view_restrictions = restrictions
    request._wagtail_site = site
    try:
        request._wagtail_route_for_request = page.route(request, components[consumed:])
    except Http404:
        request._wagtail_route_for_request = None
    return True


def _remember(request, key):
    result = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return
    page = result[0]
    restrictions = list(page.get_view_restrictions())
    consumed = page.depth - site.root_page.depth
    entry = (site, page.content_type_id, page.pk, consumed, restrictions)
    cache.set(key, entry, TIMEOUT)


def serve(request, path):
    """Wagtail's ``serve`` view, routed from the remembered entry where there is one."""
    key = _key(request, path)
    entry = cache.get(key)
    if entry is None or not _remembered(request, path, entry):
        Page.route_for_request(request, path)
        _remember(request, key)
    return wagtail_views.serve(request, path)


# Wagtail's URLs with this ``serve`` in place of its own, under the same name.
urlpatterns = [
    pattern
    for pattern in wagtail_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtail_serve"
] + [re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve")]
