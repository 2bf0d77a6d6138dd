"""Absolute addresses of this site, from one configured base: `WAGTAILADMIN_BASE_URL`.

Feeds, e-mails, the sitemap and calendar entries are read away from the site, so their links
must carry the site's public address. It is configured once, as `WAGTAILADMIN_BASE_URL`
(which Wagtail's own workflow e-mails use too), never taken from the request or from the
hostname of the Wagtail `Site` record (the demo's said `localhost:80`). `manage.py
set_site_address` writes the same address into the default `Site` (`make run` does it), so
that Wagtail's own full URLs agree.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url():
    """The configured base, e.g. "https://kooperationsraum.example.org" (no trailing slash)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url):
    """`url` made absolute against the base; an absolute URL (another host) stays as it is."""
    if not url:
        return base_url() + "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url
    return base_url() + url


def page_url(page, request=None):
    """A page's absolute address (in a single-site setup: base + the page's path)."""
    return absolute_url(page.get_url(request))


class BaseUrlRequest:
    """A request that names the configured base as its host, for Django's feed framework.

    `django.contrib.syndication` makes every link absolute with the request's host
    (`RequestSite`); handing it this proxy makes it use the base instead. Everything else is
    the real request.
    """

    def __init__(self, request):
        self._request = request
        self._base = urlsplit(base_url())

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self):
        return self._base.netloc

    def is_secure(self):
        return self._base.scheme == "https"


class BaseUrlFeedMixin:
    """For `django.contrib.syndication.views.Feed` subclasses: links from the base URL."""

    def get_feed(self, obj, request):
        return super().get_feed(obj, BaseUrlRequest(request))
