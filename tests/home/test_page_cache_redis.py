"""The page cache on Redis, as in production: django-redis, whose stored values the cache's
lookups read without django-redis's per-value work (home/page_cache.py). The other page-cache
tests use the per-process cache; these need a Redis server and run only when
``KOOPERATIONSRAUM_TEST_REDIS_URL`` names a database they may write to (keys under a prefix of
their own, deleted afterwards), e.g. ``redis://127.0.0.1:6379/9``."""

import os
import uuid

from django.core.cache import cache

import pytest

from board import services

from .test_page_cache_headers import Front, without_cache_headers

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


def test_a_hit_through_redis_is_the_fresh_page(site, settings, django_assert_num_queries):
    cached = settings.PAGE_CACHE
    front = Front()
    for name, url in site.urls.items():
        settings.PAGE_CACHE = {**cached, "ENABLED": False}
        fresh = front.get(url)
        settings.PAGE_CACHE = cached
        front.get(url)
        reached = front.reached_django
        with django_assert_num_queries(0):
            hit = front.get(url)
        assert front.reached_django == reached, name  # served from Redis before Django
        assert hit["body"] == fresh["body"], name
        assert without_cache_headers(hit["headers"]) == without_cache_headers(fresh["headers"])


def test_a_change_shows_on_the_next_request_through_redis(site, change):
    front = Front()
    url = site.urls["thread"]
    front.get(url)
    assert b"Neu im Saal" not in front.get(url)["body"]
    change(lambda: services.post_reply(thread=site.thread, author=site.ben, body="Neu im Saal"))
    assert b"Neu im Saal" in front.get(url)["body"]
    reached = front.reached_django
    assert b"Neu im Saal" in front.get(url)["body"]
    assert front.reached_django == reached
