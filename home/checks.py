"""System checks of the deployment (``manage.py check --deploy``).

``kooperationsraum.E001``/``W001``: the default cache must be shared by every process of the
site. Rate limits (allauth's and ``board.limits``) and the cache version keys
(``home.versions``) live in it; a local-memory cache in several gunicorn workers lets each
count and invalidate on its own (13 replies accepted against a limit of 10 with three parallel
streams). Production settings use Redis with ``REDIS_URL``, else a file cache that the processes
of one server share (``W002``: its counters are not atomic, several servers need Redis), and a
local-memory cache only with ``DJANGO_SINGLE_PROCESS=true`` (``W001``); any other per-process
cache is an error (``E001``).
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

#: Cache backends whose entries live inside one process.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs=None, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend == "django.core.cache.backends.filebased.FileBasedCache":
        return [
            Warning(
                "The default cache is a file cache: shared by the processes of this server only, "
                "and its counters (rate limits) are not atomic.",
                hint="Set REDIS_URL for a crowd or for more than one server.",
                id="kooperationsraum.W002",
            )
        ]
    if backend not in PER_PROCESS_CACHES:
        return []
    if getattr(settings, "SINGLE_PROCESS", False):
        return [
            Warning(
                "The default cache is local to each process (DJANGO_SINGLE_PROCESS=true).",
                hint=(
                    "Run exactly one process (one gunicorn worker); for more, set REDIS_URL so "
                    "rate limits and cache versions are shared."
                ),
                id="kooperationsraum.W001",
            )
        ]
    return [
        Error(
            "The default cache is local to each process: every process counts its own rate "
            "limits and keeps its own cache versions.",
            hint="Set REDIS_URL, or DJANGO_SINGLE_PROCESS=true if the site runs in one process.",
            id="kooperationsraum.E001",
        )
    ]
