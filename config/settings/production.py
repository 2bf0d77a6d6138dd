"""Production: every secret and host comes from the environment, or the site refuses to start."""

from .base import *  # noqa: F403

SECRET_KEY = require_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or [require_env("DJANGO_ALLOWED_HOSTS")]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Rate limits, cache versions and sessions' counters must be shared by every process: a
# local-memory cache would let each gunicorn worker count (and invalidate) on its own. With
# REDIS_URL the cache is Redis (base settings). Without it, the processes of this one server
# share a file cache under DJANGO_VAR_DIR, so the production-like run of DESIGN.md (which names
# no REDIS_URL) still starts with shared limits; `check --deploy` warns that its counters are not
# atomic and that several servers need Redis (home.checks, W002). Only a site that runs in one
# process (DJANGO_SINGLE_PROCESS=true) keeps the local-memory cache (W001).
SINGLE_PROCESS = env_bool("DJANGO_SINGLE_PROCESS")
if not os.environ.get("REDIS_URL", "").strip() and not SINGLE_PROCESS:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": "kooperationsraum",
            # As the per-process cache: the post cards of one long thread must not evict the rest.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }

# Persistent database connections (README, "Database connections"): a gunicorn sync worker
# serves one request at a time, so keeping its PostgreSQL connection costs one server
# connection per worker and saves the connection setup (TCP, authentication, a new server
# process) on every request that misses the page cache. Health checks (base settings) replace a
# connection the server closed. SQLite opens a file: nothing to keep.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DJANGO_CONN_MAX_AGE", "60"))

if os.environ.get("DJANGO_EMAIL_BACKEND") is None and os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
