import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "insecure-test-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Never the development database, even for code that escapes pytest-django's test database.
    DATABASES["default"]["NAME"] = str(
        Path(tempfile.mkdtemp(prefix="kooperationsraum-test-db-")) / "db.sqlite3"
    )
SEARCH_INDEX_DIR = Path(tempfile.mkdtemp(prefix="kooperationsraum-test-index-"))
WAGTAILSEARCH_BACKENDS["default"]["PATH"] = str(SEARCH_INDEX_DIR)
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
