"""Atom feeds: recent changes of the topic pages and the topics of one tag.

Titles are written as plain text. Summaries are declared `type="html"` by Atom1Feed, so every
text that goes into them is HTML-escaped first: a heading like `<script>` reaches a feed reader
as text, never as markup.
"""

from django.http import HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.text import CleanAtom1Feed
from home.site_urls import page_url

from .toc import table_of_contents


def topic_description(topic):
    """Summary and section headings of a topic page as safe HTML."""
    parts = [format_html("<p>{}</p>", topic.summary)]
    headings = [entry.text for entry in table_of_contents(topic.body) if entry.level == 2]
    if headings:
        parts.append(
            format_html(
                "<p>{} {}</p>",
                _("Abschnitte:"),
                format_html_join(" · ", "{}", ((text,) for text in headings)),
            )
        )
    return "".join(str(part) for part in parts)


def atom_response(*, title, link, feed_url, subtitle, items):
    """Write an Atom feed; `items` are dicts of Atom1Feed.add_item keyword arguments (texts
    without control characters, ``CleanAtom1Feed``)."""
    feed = CleanAtom1Feed(
        title=title,
        link=link,
        description=subtitle,
        feed_url=feed_url,
        feed_guid=feed_url,
        language=get_language(),
    )
    for item in items:
        feed.add_item(**item)
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response


def change_items(changes, request):
    for change in changes:
        url = page_url(change.page, request)
        yield {
            "title": change.page.title,
            "link": url,
            "unique_id": f"{url}#revision-{change.revision_id or change.log_id}",
            "description": topic_description(change.page),
            "pubdate": change.timestamp,
            "updateddate": change.timestamp,
            "author_name": change.editor or _("Redaktion"),
        }


def topic_items(topics, request):
    for topic in topics:
        url = page_url(topic, request)
        yield {
            "title": topic.title,
            "link": url,
            "unique_id": url,
            "description": topic_description(topic),
            "pubdate": topic.first_published_at,
            "updateddate": topic.last_published_at,
            "categories": [tag.name for tag in topic.tag_list],
        }
