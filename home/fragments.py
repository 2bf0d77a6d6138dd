"""Small pieces of a page kept in the cache under the versions of what they show.

A fragment is built once per host, language, the current versions of ``areas``
(``home/versions.py``) and the caller's ``parts``, and read back by every later request until
one of those versions changes: the menu, the language links, the footer data, a topic page's
surroundings. Values must be plain data (strings, numbers, lists, dicts), never model instances
that would carry a request's state into another one. Previews (drafts) are never cached;
``{% cache %}`` blocks in templates take ``{% site_version %}``, which is unique per preview.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.utils import translation

from . import versions

TIMEOUT = 600


def cached(request, name, build, *parts, areas=(versions.SITE,)):
    """``build()``, cached per host, language and the versions of ``areas`` (plus ``parts``)."""
    if request is None or getattr(request, "is_preview", False):
        return build()  # a preview shows a draft: never stored, never served from the cache
    raw = "|".join(
        (
            name,
            request.get_host(),
            translation.get_language() or "",
            *(versions.for_request(request, area) for area in areas),
            *parts,
        )
    )
    key = "fragment:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def template_version(request, area):
    """The version of ``area`` for a ``{% cache %}`` key; in a preview a new value each time,
    so a draft's rendering is never shown to anybody else."""
    if request is None:
        return ""
    if getattr(request, "is_preview", False):
        return "preview-" + uuid.uuid4().hex
    return versions.for_request(request, area)
