import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "insecure-test-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Each test process (pytest-xdist worker gw0, gw1, …) has its own: the cache is in its memory,
# the SQLite test database too, and the Whoosh index in a directory of its own (below). The key
# prefix names the worker all the same, in case the cache is ever shared (Redis, files).
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10000},  # room for the post cards of long threads
        "KEY_PREFIX": f"test-{TEST_WORKER}",
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "ENQUEUE_ON_COMMIT": False,
    },
    # The real queue, for the tests that run `manage.py db_worker --backend database`.
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
if os.environ.get("KOOPERATIONSRAUM_TEST_EMAIL_BACKEND"):
    # Worker processes of tests/home/test_task_durability.py record what they send.
    EMAIL_BACKEND = os.environ["KOOPERATIONSRAUM_TEST_EMAIL_BACKEND"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Never the development database, even for code that escapes pytest-django's test database.
    # The worker processes of tests/search/test_writes.py name a copy of the test database.
    DATABASES["default"]["NAME"] = os.environ.get("KOOPERATIONSRAUM_TEST_SQLITE") or str(
        Path(tempfile.mkdtemp(prefix=f"kooperationsraum-test-db-{TEST_WORKER}-")) / "db.sqlite3"
    )
elif os.environ.get("KOOPERATIONSRAUM_TEST_DB_NAME"):
    # Worker processes of the write tests connect to pytest-django's test database.
    DATABASES["default"]["NAME"] = os.environ["KOOPERATIONSRAUM_TEST_DB_NAME"]
SEARCH_INDEX_DIR = Path(
    os.environ.get("KOOPERATIONSRAUM_TEST_INDEX_DIR")
    or tempfile.mkdtemp(prefix=f"kooperationsraum-test-index-{TEST_WORKER}-")
)
WAGTAILSEARCH_BACKENDS["default"]["PATH"] = str(SEARCH_INDEX_DIR)
if os.environ.get("KOOPERATIONSRAUM_TEST_LOCK_TIMEOUT"):
    WAGTAILSEARCH_BACKENDS["default"]["LOCK_TIMEOUT"] = float(
        os.environ["KOOPERATIONSRAUM_TEST_LOCK_TIMEOUT"]
    )
# `SEARCH_BACKEND=database pytest tests/search` runs the backend-independent search tests on
# modelsearch's database backend (PostgreSQL full-text search with DATABASE_URL), the scale path
# the README describes; Whoosh-only tests skip themselves then.
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")
if SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The page cache is switched on by the tests that test it (tests/home/test_page_cache.py).
PAGE_CACHE = {**PAGE_CACHE, "ENABLED": False}  # noqa: F405
