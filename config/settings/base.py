"""Settings shared by every environment.

Everything that differs between machines comes from environment variables; `.env.example`
lists them. This module carries no secret and `DEBUG` is off.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    """A comma-separated environment variable as a list without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def require_env(name):
    """Read a variable that has no safe default; refuse to start without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is not set. "
            f"Die Umgebungsvariable {name} ist nicht gesetzt. See .env.example."
        )
    return value


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps, top of the import hierarchy first (demo builds content across all of them).
    "demo",
    "search",
    "wiki",
    "board",
    "home",
    "accounts",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Content-Security-Policy header (config/middleware.py)
    "csp",
    # Accounts
    "allauth",
    "allauth.account",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "whitenoise.runserver_nostatic",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a cached anonymous page runs no other middleware, no session and no query; its entry
    # keeps the headers the middlewares below add (README, "Caching"; home/page_cache.py).
    "home.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SiteCSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "board.limits.ClientAddressMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "board.polling.LivePollMiddleware",  # 304 for live polls from version keys (home/versions.py)
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Content-Security-Policy (django-csp 4) and Permissions-Policy, sent by config/middleware.py in
# every environment, so that development and the browser tests run under the production policy.
# The site's templates have no inline script or style; player frames come from the two video
# hosts a topic page may embed (wiki/blocks.py), only after a click.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "media-src": [_SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    }
}
# Wagtail's admin renders inline scripts (inline panels, date pickers) and inline styles: these
# two are allowed under /admin/ only; its page previews are framed by the admin itself.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [_SELF, "'unsafe-inline'"],
        "style-src": [_SELF, "'unsafe-inline'"],
        "img-src": [_SELF, "data:", "blob:"],
        "font-src": [_SELF, "data:"],
        "frame-src": [_SELF, *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]],
        "frame-ancestors": [_SELF],
    }
}
# Browser features no page of the site uses: off for every page and every frame in it.
# Video players keep fullscreen and picture-in-picture (not listed, so the defaults hold).
# Only features Chromium knows: an unknown one ("bluetooth") is a console error on every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}

# Database: SQLite (WAL, immediate transactions) unless DATABASE_URL names another server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=0, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: a shared Redis cache in production (rate limits must hold across processes).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "kooperationsraum",
        }
    }
else:
    # Room for the post cards of a few long threads (board.rendering.PostCard caches one entry
    # per card; at the default 300 entries a long thread would evict everything else).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }

# The anonymous page cache (home/page_cache.py, README "Caching"). It needs a cache that every
# process shares (version keys are bumped in one process and read in all), so it is on by
# default only with Redis; DJANGO_PAGE_CACHE=0/1 overrides. MAX_AGE: seconds browsers and proxies
# may reuse an anonymous page without asking; TIMEOUT: seconds a stored copy lives at most (it
# bounds how long time-dependent text, such as "today", can lag behind).
PAGE_CACHE = {
    "ENABLED": env_bool("DJANGO_PAGE_CACHE", default=bool(os.environ.get("REDIS_URL"))),
    "TIMEOUT": int(os.environ.get("DJANGO_PAGE_CACHE_TIMEOUT", "600")),
    "MAX_AGE": int(os.environ.get("DJANGO_PAGE_CACHE_MAX_AGE", "10")),
    # Anonymous search results, kept privately under the index's version (home/page_cache.py).
    "SEARCH_TIMEOUT": int(os.environ.get("DJANGO_SEARCH_CACHE_TIMEOUT", "60")),
}
# A reverse proxy or CDN in front (Varnish, nginx with a purge module, Cloudflare ...) is purged
# by wagtail.contrib.frontend_cache on publish/unpublish and by the board on each change
# (board/cache_signals.py), as tasks for the db_worker. Off unless DJANGO_FRONTEND_CACHE_URL
# names the proxy's purge address (HTTP PURGE requests, Wagtail's HTTPBackend).
if os.environ.get("DJANGO_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["DJANGO_FRONTEND_CACHE_URL"],
        }
    }

# Accounts
AUTH_USER_MODEL = "accounts.User"
# Database sessions that record their account (accounts/sessions.py), so deleting an account
# ends its sessions without decoding every session.
SESSION_ENGINE = "accounts.sessions"

AUTHENTICATION_BACKENDS = [
    # Object permissions of the board (board/rules.py), asked as user.has_perm(name, obj).
    "rules.permissions.ObjectPermissionBackend",
    # Model permissions cached between requests (home/auth_backends.py; signs nobody in).
    "home.auth_backends.CachedPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address signs the person in (in the browser that signed up or joined), instead
# of sending them to the login form (issue 10).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
# A taken address at sign-up or password reset gets the same answer as a new one (a mail to its
# owner instead of an error); accounts.forms.SignupForm makes it take the same time too.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kooperationsraum] "
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_EMAIL_NOTIFICATIONS = True  # mail the owner when the password or an address changes
# Rate limits, counted in the default cache (Redis via REDIS_URL in production, so they hold
# across processes and servers). "ip" is the client address, "key" the e-mail address typed in.
# Per-IP limits stay generous because a conference Wi-Fi puts many participants behind one address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/m/ip,50/h/ip",
    "reset_password": "20/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # Wagtail's password form for protected pages (accounts.views.page_password): per client
    # address, and per protected page ("key" is the page's view restriction).
    "page_password": "10/5m/ip,50/h/key",
}
# Behind a reverse proxy the client address is in X-Forwarded-For; say how many proxies to trust.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
# The board's limits (board/limits.py), in the same notation and the same cache: per account,
# per client address (the same trusted-proxy count) and lower ones for accounts younger than a day
# (not in a live edition). The address limits are a flood guard a full room of 500 people behind
# one Wi-Fi address stays below (README, "Limits in the room"); the account limits stop one person.
BOARD_RATE_LIMITS = {
    "post": "10/10m/account,1500/10m/ip,3/10m/young",  # questions, replies, edits
    "vote": "60/m/account,3000/m/ip,20/m/young",
    "flag": "10/h/account,300/h/ip,3/h/young",
    "action": "60/m/account,3000/m/ip",  # follow, accept an answer, set the status
    "export": "10/h/account",  # download one's own data
    "join": "1000/h/ip",  # quick join with an edition's event code
    "join_failed": "100/10m/ip",  # wrong event codes typed in
    "preview": "30/m/account,3000/m/ip,10/m/young",  # Markdown previews
}
BOARD_YOUNG_ACCOUNT_HOURS = 24
BOARD_YOUNG_ACCOUNT_MAX_LINKS = 2  # links per post for an account younger than that

# Internationalisation: German first, English under /en/.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
# One date format per kind of date and language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# E-mail: console unless EMAIL_URL or the SMTP variables are set (production settings insist).
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kooperationsraum <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Django's tasks API. One `manage.py db_worker` runs the queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# The worker's heartbeat (home/taskqueue.py): a task whose worker has not been heard of for
# TASK_WORKER_TIMEOUT seconds runs again, at most TASK_MAX_ATTEMPTS times in all; a task waiting
# TASK_STALE_AFTER seconds past its time counts as stuck (`manage.py task_health`).
TASK_WORKER_HEARTBEAT = float(os.environ.get("TASK_WORKER_HEARTBEAT", "10"))
TASK_WORKER_TIMEOUT = float(os.environ.get("TASK_WORKER_TIMEOUT", "60"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))
TASK_STALE_AFTER = float(os.environ.get("TASK_STALE_AFTER", "600"))

# Wagtail
WAGTAIL_SITE_NAME = "Kooperationsraum"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "home.CreditedImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_admin.CreditedImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pixels, not bytes, decide the memory a thumbnail takes (a 15 kB 1-bit PNG of 11 000 × 11 000
# pixels took a process from 200 MB to 780 MB). 40 megapixels (a 7 700 × 5 200 scan) fit a small
# server with several workers; Wagtail's default is 128.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# The admin signs in through allauth (accounts.views.admin_login takes /admin/login/); Wagtail's
# own password reset would bypass it as well.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Search: one Whoosh index for pages, threads and posts (see the package search/backends/whoosh/).
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search-index"))
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends.whoosh",
        "PATH": str(SEARCH_INDEX_DIR),
        "LANGUAGE": "de",
        # Processes that analyse documents during `update_index` (forked; they never touch the
        # database). Two suit the two-core machines this site runs on.
        "BUILD_PROCS": int(os.environ.get("SEARCH_BUILD_PROCS", "2")),
    }
}

# DJANGO_LOG_LEVEL (default WARNING) is the threshold of the console handler as well as of the
# root logger: commands that raise their own loggers' levels (django_tasks_db's db_worker sets
# "django_tasks" and "django_tasks_db" to INFO for every task) still print nothing below it.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "level": LOG_LEVEL}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
