"""The search index's health for operators: a system check and the admin dashboard's line.

Both ask the backend (``index_health()``, Whoosh only) whether the index exists, can be read and
holds as many documents per model as the database has objects to index (issue 11, M5). Other
backends keep their index in the database or a search server and are not checked here.
"""

from django.apps import apps
from django.core import checks
from django.core.cache import cache
from django.utils.translation import gettext as _

from wagtail.search.backends import get_search_backend

CACHE_KEY = "search:index-health"
CACHE_SECONDS = 60


def current_health():
    """The default backend's ``IndexHealth``, or ``None`` for a backend without one."""
    backend = get_search_backend()
    index_health = getattr(backend, "index_health", None)
    return index_health() if index_health is not None else None


def _model_name(label):
    try:
        return str(apps.get_model(label)._meta.verbose_name_plural)
    except LookupError:
        return label


def describe(health):
    """A German status line (one sentence) for ``health``, or ``None`` if nothing can be said."""
    if health is None or health.state == "unknown":
        return None
    if health.state == "ok":
        total = sum(indexed for indexed, _in_db in health.counts.values())
        return _("Suchindex in Ordnung: %(count)s Dokumente, wie in der Datenbank.") % {
            "count": total
        }
    if health.state == "missing":
        return _(
            "Der Suchindex fehlt, obwohl die Datenbank Inhalte hat: die Suche findet nichts. "
            "Bitte „manage.py update_index“ ausführen."
        )
    if health.state == "unavailable":
        return _(
            "Der Suchindex ist nicht lesbar (%(reason)s). Bitte „manage.py update_index“ ausführen."
        ) % {"reason": health.reason}
    details = "; ".join(
        _("%(model)s: %(indexed)s im Index, %(in_db)s in der Datenbank")
        % {"model": _model_name(label), "indexed": indexed, "in_db": in_db}
        for label, (indexed, in_db) in health.differing.items()
    )
    return _(
        "Der Suchindex weicht von der Datenbank ab (%(details)s). Kurz nach Änderungen ist das "
        "normal; bleibt es so, bitte „manage.py update_index“ ausführen."
    ) % {"details": details}


def cached_health():
    """:func:`current_health`, reused for ``CACHE_SECONDS`` (the admin dashboard)."""
    health = cache.get(CACHE_KEY)
    if health is None:
        health = current_health()
        if health is not None:
            cache.set(CACHE_KEY, health, CACHE_SECONDS)
    return health


def check_search_index(app_configs=None, **kwargs):
    """System check: a missing, unreadable or out-of-step Whoosh index is a warning."""
    health = current_health()
    message = describe(health)
    if health is None or health.state in ("ok", "unknown") or message is None:
        return []
    ids = {"missing": "search.W001", "unavailable": "search.W002", "out_of_step": "search.W003"}
    return [
        checks.Warning(
            message,
            hint=_("„manage.py update_index“ baut den Index neu auf, während die Suche läuft."),
            id=ids[health.state],
        )
    ]
