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

# Rate limits, cache versions and sessions' counters must be shared by every process: without
# REDIS_URL each gunicorn worker would count (and invalidate) on its own. Only a site that runs
# in one process (DJANGO_SINGLE_PROCESS=true, e.g. `runserver` or one gunicorn worker with one
# thread) may use the local-memory cache; `check --deploy` reports it (config.checks).
SINGLE_PROCESS = env_bool("DJANGO_SINGLE_PROCESS")
if not os.environ.get("REDIS_URL", "").strip() and not SINGLE_PROCESS:
    raise ImproperlyConfigured(
        "REDIS_URL is not set: without a shared cache every process counts its own rate limits. "
        "Set REDIS_URL, or DJANGO_SINGLE_PROCESS=true if the site runs in a single process. "
        "Die Umgebungsvariable REDIS_URL ist nicht gesetzt: ohne gemeinsamen Cache zählt jeder "
        "Prozess eigene Limits. Setzen Sie REDIS_URL oder, wenn die Site in einem einzigen "
        "Prozess läuft, DJANGO_SINGLE_PROCESS=true. See .env.example."
    )

if os.environ.get("DJANGO_EMAIL_BACKEND") is None and os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
