"""Rich-text links to pages, as visitors see them.

Wagtail's `PageLinkHandler` writes `<a href>` for any page that still exists, live or not, so
a topic page kept linking to a page that had been unpublished (a 404). Here a link to a page
that is not live (or no longer exists) keeps its text but is no link: `<a>` without `href`,
which is what Wagtail itself writes for a deleted page. Editors find such links in the report
"Links auf nicht veröffentlichte Seiten" (`home/reports.py`).
"""

from django.utils.html import escape

from wagtail.rich_text.pages import PageLinkHandler


class LivePageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        tags = []
        for page in cls.get_many(attrs_list):
            url = page.localized.url if page is not None and page.live else None
            tags.append(f'<a href="{escape(url)}">' if url else "<a>")
        return tags
