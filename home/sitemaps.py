"""`/sitemap.xml`: every live, public page of the site in every language, with addresses from
the configured base (`home/site_urls.py`)."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page

from .site_urls import absolute_url


class SiteSitemap(Sitemap):
    def items(self):
        # The site's root page and its translations (the English tree is a sibling of the
        # German one, not below it).
        site_root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=site_root.translation_key)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path, depth__gte=root.depth)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            parts = urlsplit(url_info["location"])
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            url_info["location"] = absolute_url(path)
        return urls


def sitemap(request):
    return sitemap_views.sitemap(request, {"seiten": SiteSitemap(request)})
