import re
from urllib.parse import quote_plus

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import dateformat, translation
from django.utils.translation import pgettext

from wagtail.models import Page, Site

from home import fragments, tags, versions

register = template.Library()


def cached_fragment(request, name, build, *parts):
    """``build()`` cached per host, language and site version (plus ``parts``)."""
    return fragments.cached(request, name, build, *parts)


@register.simple_tag(takes_context=True)
def site_version(context):
    """For ``{% cache %}`` fragments that show what the site version covers (the footer)."""
    return fragments.template_version(context.get("request"), versions.SITE)


@register.simple_tag(takes_context=True)
def board_version(context):
    """For ``{% cache %}`` fragments that show board content (a topic page's thread links)."""
    return fragments.template_version(context.get("request"), versions.BOARD)


def _site_root(request):
    """The site's home page in the active language, looked up once per request and language."""
    if request is None:
        return None
    language = translation.get_language()
    cache = request.__dict__.setdefault("_site_root_by_language", {})
    if language not in cache:
        site = Site.find_for_request(request)
        cache[language] = site.root_page.localized if site is not None else None
    return cache[language]


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the active language."""
    return _site_root(context.get("request"))


@register.simple_tag(takes_context=True)
def site_root_url(context):
    """The address of the home page in the active language (cached, see ``cached_fragment``)."""
    request = context.get("request")

    def build():
        root = _site_root(request)
        return (root.get_url(request) if root is not None else None) or "/"

    return cached_fragment(request, "root_url", build)


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")

    def build():
        root = _site_root(request)
        if root is None:
            return []
        return [
            {"url": page.get_url(request), "title": page.title, "path": page.path}
            for page in root.get_children().live().public().in_menu()
        ]

    current_page = context.get("page")
    current_path = current_page.path if isinstance(current_page, Page) else ""
    items = [
        {**item, "current": current_path.startswith(item["path"])}
        for item in cached_fragment(request, "main_menu", build)
    ]
    return {"items": items, "request": request}


def _translations(page, codes):
    """The live translations of `page` by language code, `page`'s own type, in one query."""
    pages = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale__language_code__in=codes)
        .live()
        .select_related("locale")
    )
    return {translated.locale.language_code: translated for translated in pages}


def _nearest_translated_ancestors(page, codes):
    """For each language in `codes`: the deepest ancestor of `page` with a live translation,
    that translation (e.g. the English topic index for a topic page only in German). One query."""
    ancestors = Page.objects.ancestor_of(page).filter(depth__gt=1).values("translation_key")
    candidates = (
        Page.objects.filter(translation_key__in=ancestors, locale__language_code__in=codes)
        .live()
        .select_related("locale")
        .order_by("depth")
    )
    return {candidate.locale.language_code: candidate for candidate in candidates}


def _translated_url(translated, request):
    """The translation's address; on a routable sub-page (a tag page, the recent changes) the
    same sub-page of the translation when the page knows how to find it."""
    match = getattr(request, "routable_resolver_match", None) if request else None
    name = getattr(match, "url_name", None)
    if name and hasattr(translated, "language_switch_url"):
        url = translated.language_switch_url(request, name, args=match.args, kwargs=match.kwargs)
        if url:
            return url
    return translated.get_url(request)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of the current page (and of its routable
    sub-page), else the translation of its nearest translated ancestor, else (views that are
    no pages) the translated URL of the current path."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return _language_links(request, page)
    # Keyed by the path and the page: a routable sub-page shares its page's path prefix only.
    key = (request.get_full_path(), str(getattr(page, "pk", "")))
    return cached_fragment(request, "language_links", lambda: _language_links(request, page), *key)


def _language_links(request, page):
    current = translation.get_language()
    codes = [code for code, _name in settings.LANGUAGES]
    others = [code for code in codes if code != current]
    translations = {}
    if isinstance(page, Page) and others:
        translations = _translations(page, others)
        missing = [code for code in others if code not in translations]
        if missing and page.depth and page.depth > 2:
            # No translation: the nearest page above it that has one (the path under the
            # other language's prefix would lead nowhere when parent slugs are translated).
            translations.update(_nearest_translated_ancestors(page, missing))
    links = []
    for code in codes:
        url = None
        translated = translations.get(code)
        if code == current and request is not None:
            url = request.get_full_path()  # shown as the current language, not as a link
        elif translated is not None:
            with translation.override(code):
                url = _translated_url(translated, request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        label = translation.get_language_info(code)["name_local"]
        links.append({"code": code, "name": label, "url": url, "current": code == current})
    return links


@register.inclusion_tag("components/credit_line.html")
def credit_line(image):
    return {"image": image, "parts": image.credit_parts() if image else []}


@register.simple_tag
def site_name():
    """The site's name for texts outside a page, e.g. e-mails: a fixed setting, never the request's
    host (allauth's ``current_site`` is the domain, e.g. "127.0.0.1:8031", without
    django.contrib.sites)."""
    return settings.WAGTAIL_SITE_NAME


@register.filter
def weekday_date(value):
    """A date with its weekday in the active language: "Donnerstag, 13. November 2025",
    "Thursday, 13 November 2025" (the format is a translated string, so both stay consistent
    with DATE_FORMAT in config/formats)."""
    if not value:
        return ""
    return dateformat.format(value, pgettext("date format with weekday", "l, j. F Y"))


@register.filter
def query_value(value):
    """A value for a link's query string as the site's own links write it (``+`` for a space,
    like ``urlencode``): the anonymous page cache keeps a page under that spelling only
    (``home/page_cache.py``); Django's ``urlencode`` filter writes ``%20``."""
    return quote_plus(str(value))


@register.filter
def tag_label(tag):
    """A tag's name in the active language: `{{ tag|tag_label }}` (home/tags.py)."""
    return tags.tag_label(tag.slug, tag.name)


# A run of spaces, tabs and line breaks that holds a line break (no other white space: a
# no-break space is text).
_INDENTED_LINES = re.compile(r"[ \t\r]*\n[ \t\r\n]*")


class CompactNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return _INDENTED_LINES.sub("\n", self.nodelist.render(context))


@register.tag
def compact(parser, token):
    """``{% compact %}...{% endcompact %}``: every run of white space that holds a line break
    becomes one line break, so the template's indentation and blank lines are not sent. A
    browser shows the result exactly as before (white space in text collapses to one space
    either way) and so does a screen reader; not for content inside ``<pre>``, ``<textarea>``
    or elements styled ``white-space: pre*``. The search page uses it: its nested result list
    was half indentation (24.8 kB of which 12.7 kB white space), kept in the page cache and
    sent on every request."""
    nodelist = parser.parse(("endcompact",))
    parser.delete_first_token()
    return CompactNode(nodelist)
