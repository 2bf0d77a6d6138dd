"""The page cache on Redis, as in production: django-redis, whose stored values the cache's
lookups read without django-redis's per-value work (home/page_cache.py): the front's tests of
tests/home/test_page_cache_headers.py again (hits have the fresh page's body and headers and run
no query, 304s, a change shows on the next request). The other page-cache tests use the
per-process cache; these need a Redis server and run only when
``KOOPERATIONSRAUM_TEST_REDIS_URL`` names a database they may write to (keys under a prefix of
their own, deleted afterwards), e.g. ``redis://127.0.0.1:6379/9``."""

import os
import uuid

from django.core.cache import cache

import pytest

# The front's tests, collected here again: with this module's ``site`` they run on Redis.
from .test_page_cache_headers import (  # noqa: F401
    production_headers,
    test_a_change_shows_on_the_next_request_through_the_front,
    test_a_hit_from_the_front_has_the_headers_of_a_fresh_rendering,
    test_the_front_answers_a_repeated_conditional_request_with_304,
)

REDIS_URL = os.environ.get("KOOPERATIONSRAUM_TEST_REDIS_URL")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="KOOPERATIONSRAUM_TEST_REDIS_URL is not set")


@pytest.fixture
def redis_cache(settings):
    prefix = f"test-page-cache-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield cache
    client = cache.client.get_client()
    for key in client.scan_iter(f"{prefix}:*"):  # this prefix's keys only, of every version
        client.delete(key)


@pytest.fixture
def site(redis_cache, db, settings):
    from tests.crowd import build_site

    settings.PAGE_CACHE = {"ENABLED": True, "TIMEOUT": 600, "MAX_AGE": 10, "SEARCH_TIMEOUT": 60}
    return build_site()
