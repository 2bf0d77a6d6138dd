"""Version keys: one token per area of content, changed on commit whenever the area changes.

Caches never clear themselves by hand: a cached page or fragment carries the versions of the
areas it shows in its key (or remembers them next to its content), so a bumped version makes
every copy built before the change unreachable. Signals bump versions (``home/cache_signals.py``
for pages and settings, ``board/cache_signals.py`` for the board), on transaction commit, so a
change made in the admin, in a service or in ``manage.py shell`` is seen by the very next
request, and a rolled-back transaction bumps nothing.

The areas (README, "Caching", lists which pages each change touches):

- ``SITE`` – everything every page shows: Wagtail pages (publish, unpublish, move, delete,
  translations), site settings, menus, images, documents, public names. Every cached page and
  fragment depends on it.
- ``BOARD`` – anything on the board: the question list, tag pages, feeds and the Wagtail pages
  that list questions (home, editions, topics) depend on it.
- ``thread_key(pk)`` – one question with its replies, votes, status: its thread page and feed.
- ``edition_key(pk)`` – the board content of one edition (conditional polling in the live phase).
- ``SEARCH`` – the search index: bumped when it commits a write or a rebuild (anonymous search
  results are kept in the cache under it, ``home/page_cache.py``).
- ``PERMISSIONS`` – people's model permissions (``home/auth_backends.py``): groups, their
  members and permissions, accounts.

The versions live in the default cache (Redis in production), without expiry; a version the
cache lost is simply made anew, which again leaves every older copy unreachable. Tokens are
opaque strings: compare them for equality only.
"""

import threading
import uuid

from django.core.cache import cache
from django.db import transaction

PREFIX = "version:"
SITE = "site"
BOARD = "board"
PERMISSIONS = "permissions"
SEARCH = "search"


def thread_key(pk):
    return f"board:thread:{pk}"


def edition_key(pk):
    return f"board:edition:{pk}"


def new_token():
    return uuid.uuid4().hex[:16]


def get(*names):
    """The current versions of ``names`` as a dict; a missing one is made (once, atomically)."""
    keys = {PREFIX + name: name for name in names}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, new_token(), timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    return {keys[key]: found.get(key, "") for key in keys}


def for_request(request, name):
    """The version of ``name`` as this request first read it (one cache read per request)."""
    known = request.__dict__.setdefault("_versions", {})
    if name not in known:
        known[name] = get(name)[name]
    return known[name]


_pending = threading.local()


def bump(*names, using=None):
    """Give ``names`` new versions once the current transaction commits (at once outside one).

    Bumps within one transaction are collected and written together after the commit.
    """
    names = {name for name in names if name}
    if not names:
        return
    pending = getattr(_pending, "names", None)
    if pending is None:
        pending = _pending.names = set()
    pending.update(names)
    transaction.on_commit(_flush, using=using)


def _flush():
    names = getattr(_pending, "names", None)
    if not names:
        return
    _pending.names = set()
    cache.set_many({PREFIX + name: new_token() for name in names}, timeout=None)
