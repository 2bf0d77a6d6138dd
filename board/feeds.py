"""Atom feeds of the board: the questions of an edition or a tag, the posts of a thread.

Only public content, what an anonymous visitor may see (``visible_to(ANONYMOUS)``): threads
listed for everyone, published posts, editions the board shows everyone. Titles are
plain text (the feed writer escapes them). The content of an entry is the post's cached,
sanitised ``body_html`` (``board.markdown``) and nothing else; Atom1Feed declares it
``type="html"`` and escapes it, so a reader receives the same safe HTML the site shows.
``CleanAtom1Feed`` drops control characters from every text, so a stored one never breaks XML.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.text import CleanAtom1Feed, clean_line
from home.site_urls import BaseUrlFeedMixin

from .models import Post, Thread, ThreadTag
from .queries import edition_by_year, edition_threads

FEED_LENGTH = 30
ANONYMOUS = AnonymousUser()  # feeds are public documents, the same for every reader


def with_root_posts(threads):
    """Attach each thread's published question post as ``root`` (one query for all)."""
    threads = list(threads)
    roots = {
        post.thread_id: post
        for post in Post.objects.visible_to(ANONYMOUS)
        .filter(thread__in=threads, parent__isnull=True)
        .select_related("author")
    }
    for thread in threads:
        thread.root = roots.get(thread.pk)
    return [thread for thread in threads if thread.root is not None]


class ThreadsFeed(BaseUrlFeedMixin, Feed):
    """Questions as entries: title, question text, author as the public sees it."""

    feed_type = CleanAtom1Feed

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.root.current_body_html()

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.root.public_author_name()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class EditionFeed(ThreadsFeed):
    def get_object(self, request, year):
        edition = edition_by_year(year, ANONYMOUS)
        if edition is None:
            raise Http404
        return edition

    def title(self, obj):
        return _("Fragen zur Ausgabe %(year)s – Kooperationsraum") % {"year": obj.year}

    def subtitle(self, obj):
        return obj.title

    def link(self, obj):
        return reverse("board:index") + f"?ausgabe={obj.year}"

    def items(self, obj):
        threads = edition_threads(obj, user=ANONYMOUS).order_by("-created_at", "-pk")
        return with_root_posts(threads[:FEED_LENGTH])


def shown_tag_names(tag):
    """The names of ``tag`` (its spellings: the list's filter ignores case) that a question
    visible to anonymous visitors carries, in order; none for a tag no such question has."""
    listed = Thread.objects.listed_for(ANONYMOUS).values("pk")
    names = (
        ThreadTag.objects.filter(tag__name__iexact=tag, content_object__in=listed)
        .values_list("tag__name", flat=True)
        .distinct()
        .order_by("tag__name")
    )
    return list(names)


class TagFeed(ThreadsFeed):
    """404 for a tag that no question shown to anonymous visitors carries, like the wiki's tag
    pages; another spelling of a tag (case) redirects to the address of the name as it is
    written, so made-up paths neither fill the page cache nor give two feeds of one tag."""

    def __call__(self, request, tag):
        names = shown_tag_names(tag)
        if not names:
            raise Http404("No public question with this tag")
        if tag not in names:
            return redirect("board:tag_feed", names[0], permanent=True)
        return super().__call__(request, tag=tag)

    def get_object(self, request, tag):
        return clean_line(tag)[:100]

    def title(self, obj):
        return _("Fragen zum Schlagwort „%(tag)s“ – Kooperationsraum") % {"tag": obj}

    def subtitle(self, obj):
        return _("Neue Fragen mit dem Schlagwort „%(tag)s“.") % {"tag": obj}

    def link(self, obj):
        return reverse("board:index") + "?" + urlencode({"schlagwort": obj})

    def items(self, obj):
        threads = (
            Thread.objects.listed_for(ANONYMOUS)
            .filter(tags__name__iexact=obj)
            .prefetch_related("tags")
            .order_by("-created_at", "-pk")
        )
        return with_root_posts(threads[:FEED_LENGTH])


class ThreadFeed(BaseUrlFeedMixin, Feed):
    """The question and its published replies, newest first."""

    feed_type = CleanAtom1Feed

    def get_object(self, request, pk):
        return get_object_or_404(Thread.objects.visible_to(ANONYMOUS), pk=pk)

    def title(self, obj):
        return _("„%(title)s“ – Kooperationsraum") % {"title": obj.title}

    def subtitle(self, obj):
        return _("Die Frage und ihre Antworten.")

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return (
            Post.objects.visible_to(ANONYMOUS)
            .filter(thread=obj)
            .select_related("author", "thread")
            .order_by("-created_at", "-pk")[: FEED_LENGTH * 2]
        )

    def item_title(self, item):
        if item.parent_id is None:
            return item.thread.title
        return _("Antwort von %(author)s") % {"author": item.public_author_name()}

    def item_description(self, item):
        return item.current_body_html()

    def item_link(self, item):
        return f"{item.thread.get_absolute_url()}#{item.anchor}"

    def item_guid(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return item.public_author_name()

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at
