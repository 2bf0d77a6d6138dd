from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the active language."""
    return _site_root(context.get("request"))


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    root = _site_root(request)
    current_page = context.get("page")
    current_path = current_page.path if isinstance(current_page, Page) else ""
    items = []
    if root is not None:
        for page in root.get_children().live().public().in_menu():
            items.append({"page": page, "current": current_path.startswith(page.path)})
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of the current page, else the translated URL."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            try:
                translated = page.get_translation(Locale.objects.get(language_code=code))
            except (Page.DoesNotExist, Locale.DoesNotExist):
                translated = None
            if translated is not None and translated.live:
                url = translated.get_url(request)
        if url is None and request is not None:
            url = translate_url(request.get_full_path(), code)
        label = translation.get_language_info(code)["name_local"]
        links.append({"code": code, "name": label, "url": url, "current": code == current})
    return links


@register.inclusion_tag("components/credit_line.html")
def credit_line(image):
    return {"image": image, "parts": image.credit_parts() if image else []}
