"""A page served from the anonymous cache carries exactly the headers of a fresh rendering
(security headers, Content-Security-Policy, Permissions-Policy, X-Frame-Options), whether the
page-cache middleware serves it or the WSGI application in front of Django
(home/page_cache.py, ``CachedPages``); and what that front serves, and what it leaves to Django."""

from urllib.parse import unquote_to_bytes, urlsplit

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

import pytest

from board import services
from home.page_cache import CachedPages, PageCacheMiddleware

# Headers the cache sets itself: Cache-Control ("private, no-cache" on a fresh rendering without
# the cache) and its ETag, which replaces the validators a view set (a feed's Last-Modified).
CACHE_HEADERS = {"cache-control", "etag", "expires", "last-modified"}
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture
def production_headers(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_REFERRER_POLICY = "same-origin"
    settings.X_FRAME_OPTIONS = "DENY"


def without_cache_headers(headers):
    return {name.lower(): value for name, value in headers if name.lower() not in CACHE_HEADERS}


class Front:
    """The site's WSGI application (as config/wsgi.py builds it, with the current settings),
    called as a server would; counts the requests that reached Django."""

    def __init__(self):
        self.application = CachedPages(WSGIHandler())
        self.reached_django = 0

    def get(self, url, *, secure=True, headers=None):
        environ = RequestFactory().get(url, secure=secure, headers=headers or {}).environ
        # As a server sends it (PEP 3333): the path's bytes as latin-1 (the request factory's
        # request has written its decoded path into the environ).
        environ["PATH_INFO"] = unquote_to_bytes(urlsplit(url).path).decode("iso-8859-1")
        answer = {}

        def start_response(status, response_headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["headers"] = response_headers

        def count(**kwargs):
            self.reached_django += 1

        # As Django's test client does: the test's database connection stays open.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        request_started.connect(count)
        try:
            result = self.application(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        finally:
            request_started.disconnect(count)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        answer["body"] = body
        return answer


def test_the_site_is_served_through_the_cache_in_front_of_django():
    from config import wsgi

    assert isinstance(wsgi.application, CachedPages)
    assert isinstance(wsgi.application.application, WSGIHandler)


def test_the_page_cache_middleware_comes_first(settings):
    assert settings.MIDDLEWARE[0] == f"{PageCacheMiddleware.__module__}.PageCacheMiddleware"


def test_a_hit_from_the_middleware_has_the_headers_of_a_fresh_rendering(
    client, site, settings, production_headers
):
    cached = settings.PAGE_CACHE
    for name, url in site.urls.items():
        settings.PAGE_CACHE = {**cached, "ENABLED": False}
        fresh = client.get(url, secure=True)
        settings.PAGE_CACHE = cached
        stored = client.get(url, secure=True)
        hit = client.get(url, secure=True)
        assert hit.content == fresh.content, name
        assert without_cache_headers(hit.items()) == without_cache_headers(fresh.items()), name
        assert without_cache_headers(stored.items()) == without_cache_headers(fresh.items()), name
        for header in SECURITY_HEADERS:
            assert hit.has_header(header), (name, header)
        assert hit["ETag"] == stored["ETag"], name
        assert "nonce" not in hit["Content-Security-Policy"]


def test_a_hit_from_the_front_has_the_headers_of_a_fresh_rendering(
    client, site, settings, production_headers, django_assert_num_queries
):
    cached = settings.PAGE_CACHE
    front = Front()
    for name, url in site.urls.items():
        settings.PAGE_CACHE = {**cached, "ENABLED": False}
        fresh = front.get(url)
        settings.PAGE_CACHE = cached
        stored = front.get(url)
        reached = front.reached_django
        with django_assert_num_queries(0):
            hit = front.get(url)
        assert front.reached_django == reached, name  # served before Django
        assert hit["status"] == 200, name
        assert hit["body"] == fresh["body"], name
        assert without_cache_headers(hit["headers"]) == without_cache_headers(fresh["headers"])
        assert without_cache_headers(stored["headers"]) == without_cache_headers(fresh["headers"])
        headers = dict(hit["headers"])
        for header in SECURITY_HEADERS:
            assert header in headers, (name, header)
        assert headers["ETag"] == dict(stored["headers"])["ETag"]
        assert headers["Cache-Control"] == "public, max-age=10"


def test_the_front_answers_a_repeated_conditional_request_with_304(client, site):
    front = Front()
    url = site.urls["thread"]
    front.get(url)
    etag = dict(front.get(url)["headers"])["ETag"]
    reached = front.reached_django
    again = front.get(url, headers={"if-none-match": etag})
    assert again["status"] == 304
    assert again["body"] == b""
    assert front.reached_django == reached


def test_a_change_shows_on_the_next_request_through_the_front(client, site, change):
    front = Front()
    url = site.urls["thread"]
    front.get(url)
    assert b"Neu im Saal" not in front.get(url)["body"]
    change(lambda: services.post_reply(thread=site.thread, author=site.ben, body="Neu im Saal"))
    reached = front.reached_django
    fresh = front.get(url)
    assert front.reached_django == reached + 1  # rendered by Django, and stored
    assert b"Neu im Saal" in fresh["body"]
    assert b"Neu im Saal" in front.get(url)["body"]
    assert front.reached_django == reached + 1


def test_the_front_leaves_signed_in_visitors_and_other_methods_to_django(client, site, settings):
    front = Front()
    url = site.urls["home"]
    front.get(url)
    front.get(url)
    reached = front.reached_django
    front.get(url, headers={"cookie": f"{settings.SESSION_COOKIE_NAME}=abc"})
    front.get(url, headers={"cookie": "messages=abc"})
    assert front.reached_django == reached + 2


def test_https_and_http_copies_are_kept_apart(client, site, settings, production_headers):
    front = Front()
    url = site.urls["home"]
    front.get(url, secure=True)
    front.get(url, secure=True)
    plain = front.get(url, secure=False)
    assert "Strict-Transport-Security" not in dict(plain["headers"])
    assert "Strict-Transport-Security" in dict(front.get(url, secure=True)["headers"])


def test_a_request_to_be_redirected_to_https_is_redirected_not_served(client, site, settings):
    front = Front()
    url = site.urls["home"]
    front.get(url, secure=True)
    front.get(url, secure=True)
    settings.SECURE_SSL_REDIRECT = True
    front = Front()  # the security middleware reads its settings when it is made
    assert front.get(url, secure=False)["status"] == 301
    assert client.get(url, secure=False).status_code == 301
    assert front.get(url, secure=True)["status"] == 200


def test_an_address_with_umlauts_reaches_django_as_the_server_sent_it(client, site):
    # The front reads the request before Django does; Django must still get the path as the
    # server sent it, or an ß is decoded twice ("%DF") and the page answers 404 on a miss.
    site.topic.tags.add("Förderung")
    site.topic.save_revision().publish()
    slug = site.topic.tags.get(name="Förderung").slug
    url = site.topic_index.url + site.topic_index.reverse_subpage("tag", args=[slug])
    assert client.get(url).status_code == 200
    front = Front()
    first = front.get(url)  # a miss: rendered by Django and stored
    again = front.get(url)  # served from the stored copy
    assert first["status"] == again["status"] == 200
    assert "Förderung".encode() in first["body"]
    assert again["body"] == first["body"]
