"""Links from board posts to pages of this site (for the wiki's "Wird erwähnt in").

When a post is saved with a new text, ``update_post_links`` reads the links of its rendered
HTML (so every Markdown form counts: ``[text](url)``, ``<url>`` and bare URLs), keeps those that
point to this site – absolute URLs to one of its hosts, or paths starting with ``/`` – and
resolves them to Wagtail pages, in German (``/themen/…``) and in the other languages
(``/en/topics/…``). The result is stored as ``PostPageLink`` rows. Links to other hosts, to
routes that are not pages (``/fragen/…``) and relative paths (``../x``) are ignored.

Which posts are public is decided when the links are read (``threads_linking_to``), so a post
that is hidden, waits for approval or sits in a merged thread drops out without any update here.
"""

from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db.models.signals import post_save

from wagtail.models import Page, Site

MAX_LINKS_PER_POST = 50


class _HrefCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href.strip())


def hrefs(html):
    """The ``href`` of every link in ``html``, in order."""
    collector = _HrefCollector()
    collector.feed(html or "")
    collector.close()
    return collector.hrefs


def _hostname(value):
    return (urlsplit(value if "//" in value else f"//{value}").hostname or "").lower()


def site_hosts(sites):
    """Host names that mean "this site": the Wagtail sites, the admin base URL, ALLOWED_HOSTS."""
    hosts = {site.hostname.lower() for site in sites if site.hostname}
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if base_url:
        hosts.add(_hostname(base_url))
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*":
            hosts.add(host.lower())
    hosts.discard("")
    return hosts


def _is_own_host(hostname, hosts):
    for host in hosts:
        if host.startswith("."):
            if hostname == host[1:] or hostname.endswith(host):
                return True
        elif hostname == host:
            return True
    return False


def _split_language(path):
    """(language code, path without the language prefix); the default language has none."""
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        prefix = f"/{code}/"
        if path == f"/{code}" or path.startswith(prefix):
            return code, path[len(prefix) - 1 :] or "/"
    return settings.LANGUAGE_CODE, path


def internal_paths(links, sites):
    """(site, language code, path) for each of ``links`` (``hrefs``) that points to this site.

    ``sites`` are the Wagtail sites; a path without a host belongs to the default site.
    """
    hosts = site_hosts(sites)
    by_host = {site.hostname.lower(): site for site in sites}
    default = next((site for site in sites if site.is_default_site), None)
    found = []
    for href in links[:MAX_LINKS_PER_POST]:
        try:
            parts = urlsplit(href)
            hostname = parts.hostname
        except ValueError:
            continue
        if parts.scheme and parts.scheme not in ("http", "https"):
            continue
        if parts.netloc:
            if not hostname or not _is_own_host(hostname.lower(), hosts):
                continue
            site = by_host.get(hostname.lower(), default)
        elif parts.path.startswith("/"):
            site = default
        else:
            continue  # relative to wherever the post is shown: not a stable address
        if site is None:
            continue
        path = unquote(parts.path or "/")
        if any(ord(char) < 32 or ord(char) == 127 for char in path):
            continue  # no page has such a path, and PostgreSQL refuses NUL in a query
        if not path.endswith("/"):
            path += "/"
        language, path = _split_language(path)
        found.append((site, language, path))
    return found


def resolve_pages(html):
    """The pages of this site that ``html`` links to (any page type, any language)."""
    links = hrefs(html)
    if not links:
        return []  # most posts link nowhere: no query
    sites = list(Site.objects.select_related("root_page"))
    paths = internal_paths(links, sites)
    if not paths:
        return []
    root_keys = {site.root_page.translation_key for site, _language, _path in paths}
    roots = {
        (page.translation_key, page.locale.language_code): page
        for page in Page.objects.filter(translation_key__in=root_keys).select_related("locale")
    }
    url_paths = set()
    for site, language, path in paths:
        root = roots.get((site.root_page.translation_key, language), site.root_page)
        url_paths.add(root.url_path.rstrip("/") + path)
    return list(Page.objects.filter(url_path__in=url_paths).order_by("pk"))


def update_post_links(post, created=False):
    """Store which pages ``post`` links to now (replacing what was stored before; a ``created``
    post has nothing stored yet)."""
    from .models import PostPageLink

    pages = resolve_pages(post.current_body_html())
    if created and not pages:
        return pages
    PostPageLink.objects.filter(post=post).exclude(page__in=pages).delete()
    known = set(PostPageLink.objects.filter(post=post).values_list("page_id", flat=True))
    PostPageLink.objects.bulk_create(
        [PostPageLink(post=post, page=page) for page in pages if page.pk not in known]
    )
    return pages


def _post_saved(sender, instance, raw=False, update_fields=None, created=False, **kwargs):
    if raw:
        return
    if update_fields is not None and not {"body", "body_html"} & set(update_fields):
        return
    update_post_links(instance, created=created)


def threads_linking_to(page_ids):
    """Public threads with a published post (question or reply) linking to one of ``page_ids``.

    Public as the board defines it (``Thread.objects.public()``, ``Post.objects.public()``):
    the thread is listed for everyone, and the linking post itself is published. One query;
    only what a listing needs (no author: anonymous questions stay anonymous).
    """
    from .models import Post, PostPageLink, Thread

    links = PostPageLink.objects.filter(
        page_id__in=list(page_ids), post__in=Post.objects.public()
    ).values("post__thread_id")
    return (
        Thread.objects.public()
        .filter(pk__in=links)
        .only("pk", "title", "slug", "language")
        .order_by("title", "pk")
    )


def connect():
    """Called from ``BoardConfig.ready``."""
    from .models import Post

    post_save.connect(_post_saved, sender=Post, dispatch_uid="board.links.update_post_links")
