"""The wiki: a topic index with tag pages, recent changes and feeds, and the topic pages."""

from urllib.parse import urlencode

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Revision
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase

from board.blocks import CommunityAnswerBlock
from home import fragments, page_cache
from home.permissions import RememberedRestrictionsMixin, RolePermissionsMixin
from home.site_urls import absolute_url, page_url
from home.slugs import GermanSlugPageMixin

from . import feeds, services
from .blocks import topic_blocks
from .forms import WorkflowGuardedPageForm
from .permissions import TopicPermissionTester
from .toc import nested_toc, reading_minutes, table_of_contents
from .widgets import TopicChooserPanel

RECENT_CHANGES_LIMIT = 50


class TopicIndexPage(
    GermanSlugPageMixin, RolePermissionsMixin, RememberedRestrictionsMixin, RoutablePageMixin, Page
):
    """The entry to the topic pages: all topics, filterable by tag, plus the wiki's routes.

    Routes below the index, translated like the site's other URLs (gettext, resolved in the
    active language): `schlagwort/<tag>/` and its `feed/`, `letzte-aenderungen/`, and `feed/`
    (the recent changes as Atom); in English `tag/<tag>/`, `tag/<tag>/feed/`, `recent-changes/`.
    The German sub-paths still work under another language and redirect to its own.
    """

    intro = models.TextField(_("Einleitung"), blank=True, max_length=1000)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["wiki.TopicPage"]
    max_count_per_parent = 1
    base_form_class = WorkflowGuardedPageForm

    class Meta:
        verbose_name = _("Themenübersicht")

    permission_tester_class = TopicPermissionTester

    def topics(self):
        """The live, public topic pages of this index, tags prefetched."""
        return (
            TopicPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(services.tag_prefetch())
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topics = self.topics()
        tags = services.tags_with_counts(topics)
        selected_slug = request.GET.get("tag", "").strip()
        selected_tag = next((tag for tag in tags if tag.slug == selected_slug), None)
        if selected_slug:
            topics = topics.filter(tagged_items__tag__slug=selected_slug)
        # The index's only parameter, a tag it shows (its sub-pages, rendered with this context,
        # take none): the anonymous page cache keeps the page under no other query string
        # (home/page_cache.py).
        match = getattr(request, "routable_resolver_match", None)
        on_index = match is None or match.url_name == "index_route"
        tag_param = selected_tag.slug if selected_tag and on_index else None
        page_cache.allow_query(request, [("tag", tag_param)])
        context.update(
            topics=list(topics),
            tags=tags,
            selected_tag=selected_tag,
            selected_slug=selected_slug,
        )
        return context

    def _feed_links(self, request, tag=None):
        base = self.get_url(request)
        links = [(base + self.reverse_subpage("feed"), gettext("Letzte Änderungen"))]
        if tag is not None:
            links.append(
                (
                    base + self.reverse_subpage("tag_feed", args=[tag.slug]),
                    gettext("Themen mit dem Schlagwort „%(tag)s“") % {"tag": tag.name},
                )
            )
        return links

    def _tag_or_404(self, slug, *order):
        """The tag and this index's public topics that carry it; 404 (the tag page and its feed
        alike) for a tag that no such topic carries, so made-up addresses are no pages."""
        tag = get_object_or_404(Tag, slug=slug)
        topics = list(self.topics().filter(tagged_items__tag=tag).order_by(*order))
        if not topics:
            raise Http404("No public topic with this tag")
        return tag, topics

    @path(_("schlagwort/<str:tag>/"), name="tag")
    def tag_view(self, request, tag):
        tag, topics = self._tag_or_404(tag, "title")
        return self.render(
            request,
            template="wiki/tag_page.html",
            context_overrides={
                "tag": tag,
                "topics": topics,
                "feeds": self._feed_links(request, tag),
            },
        )

    @path(_("schlagwort/<str:tag>/feed/"), name="tag_feed")
    def tag_feed(self, request, tag):
        tag, topics = self._tag_or_404(tag, "-last_published_at")
        return feeds.atom_response(
            title=gettext("%(tag)s – Themen im Kooperationsraum") % {"tag": tag.name},
            link=page_url(self, request) + self.reverse_subpage("tag", args=[tag.slug]),
            feed_url=absolute_url(request.get_full_path()),
            subtitle=gettext("Alle Themenseiten mit dem Schlagwort „%(tag)s“.") % {"tag": tag.name},
            items=feeds.topic_items(topics, request),
        )

    def recent_changes(self):
        pages = TopicPage.objects.descendant_of(self).live().public()
        return services.recent_changes(pages, limit=RECENT_CHANGES_LIMIT)

    @path(_("letzte-aenderungen/"), name="recent_changes")
    def recent_changes_view(self, request):
        return self.render(
            request,
            template="wiki/recent_changes.html",
            context_overrides={
                "changes": self.recent_changes(),
                "feeds": self._feed_links(request),
            },
        )

    @path("feed/", name="feed")
    def recent_changes_feed(self, request):
        return feeds.atom_response(
            title=gettext("Letzte Änderungen – Themen im Kooperationsraum"),
            link=page_url(self, request) + self.reverse_subpage("recent_changes"),
            feed_url=absolute_url(request.get_full_path()),
            subtitle=gettext("Neu veröffentlichte Fassungen der Themenseiten."),
            items=feeds.change_items(self.recent_changes(), request),
        )

    # Sub-paths in German, for addresses given out before they were translated: under another
    # language they redirect to that language's sub-path (in German the routes above match first).
    @path("schlagwort/<str:tag>/feed/", name="tag_feed_de")
    @path("schlagwort/<str:tag>/", name="tag_de")
    @path("letzte-aenderungen/", name="recent_changes_de")
    def german_sub_path(self, request, **kwargs):
        name = request.routable_resolver_match.url_name.removesuffix("_de")
        return redirect(
            self.get_url(request) + self.reverse_subpage(name, kwargs=kwargs), permanent=True
        )

    def _has_tagged_topics(self, slug):
        return self.topics().filter(tagged_items__tag__slug=slug).exists()

    def language_switch_url(self, request, name, args=(), kwargs=None):
        """This index's address for the sub-page `name` a reader has open in another language.

        For the language switcher, called in this page's language. None for a tag that no
        topic in this language carries (the switcher then offers this index itself).
        """
        kwargs = kwargs or {}
        if name == "index_route":
            # The index filtered by a tag keeps the filter where topics there carry the tag.
            slug = request.GET.get("tag", "").strip()
            if slug and self._has_tagged_topics(slug):
                return self.get_url(request) + "?" + urlencode({"tag": slug})
            return None
        if name.endswith("_de"):
            return None
        if name in ("tag", "tag_feed") and not self._has_tagged_topics(kwargs.get("tag")):
            return None
        return self.get_url(request) + self.reverse_subpage(name, args=args, kwargs=kwargs)


class TopicPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "wiki.TopicPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TopicPage(GermanSlugPageMixin, RolePermissionsMixin, RememberedRestrictionsMixin, Page):
    """A curated page on one cooperation topic."""

    summary = models.TextField(
        _("Zusammenfassung"),
        max_length=600,
        help_text=_("Zwei bis drei Sätze; erscheint in Listen, Suche und Feeds."),
    )
    body = StreamField(
        [*topic_blocks(), ("community_answer", CommunityAnswerBlock())],
        verbose_name=_("Inhalt"),
        blank=True,
    )
    tags = ClusterTaggableManager(through=TopicPageTag, blank=True, verbose_name=_("Schlagwörter"))
    last_reviewed = models.DateField(
        _("Zuletzt geprüft"),
        null=True,
        blank=True,
        help_text=_("Wann die Redaktion den Inhalt zuletzt fachlich geprüft hat."),
    )
    contact_institution = models.CharField(
        _("Verantwortliche Institution"), max_length=200, blank=True
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_url = models.URLField(_("Website"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("related_topic_links", label=_("Verwandte Themen"), max_num=8),
        MultiFieldPanel(
            [
                FieldPanel("contact_institution"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_url"),
            ],
            heading=_("Kontakt und Verantwortung"),
        ),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.AutocompleteField("summary"),
        index.SearchField("body"),
        index.SearchField("contact_institution"),
        index.RelatedFields(
            "tags", [index.SearchField("name", boost=3), index.FilterField("slug")]
        ),
        index.FilterField("last_reviewed"),
    ]
    parent_page_types = ["wiki.TopicIndexPage"]
    subpage_types = []
    base_form_class = WorkflowGuardedPageForm

    class Meta:
        verbose_name = _("Themenseite")
        verbose_name_plural = _("Themenseiten")

    permission_tester_class = TopicPermissionTester

    @property
    def tag_list(self):
        """The page's tags by name; free of queries when `services.tag_prefetch()` was used."""
        return sorted((item.tag for item in self.tagged_items.all()), key=lambda t: t.name)

    def tags_for_display(self):
        """The page's tags by name in one query (or none, for an in-memory preview)."""
        items = self.tagged_items.all().select_related("tag")
        return sorted((item.tag for item in items), key=lambda t: t.name)

    def table_of_contents(self):
        return table_of_contents(self.body)

    @property
    def reading_minutes(self):
        return reading_minutes(self.body, self.summary)

    def related_topics(self):
        """The chosen related topics that are live and public, in this page's language."""
        ids = [link.page_id for link in self.related_topic_links.all()]
        if not ids:
            return []
        found = TopicPage.objects.filter(pk__in=ids).live().public().in_bulk()
        return services.localized_pages([found[pk] for pk in ids if pk in found], self.locale_id)

    def last_editor(self):
        """Display name of whoever wrote the live revision, or ''."""
        if not self.live_revision_id:
            return ""
        revision = Revision.objects.select_related("user").filter(pk=self.live_revision_id)
        revision = revision.first()
        return revision.user.get_short_name() if revision and revision.user else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        toc = self.table_of_contents()
        anchors = {entry.block_id: entry.anchor for entry in toc}
        target_ids = SimpleLazyObject(lambda: services.translation_ids(self))
        topic_index = SimpleLazyObject(lambda: TopicIndexPage.objects.parent_of(self).first())
        # The tags, related topics and links here are rendered in a fragment cached under the
        # site's and the board's versions (templates/wiki/topic_page.html): these lazy values
        # query only when that fragment is built.
        context.update(
            toc=nested_toc(toc),
            body_blocks=[(block, anchors.get(block.id)) for block in self.body],
            backlinks=SimpleLazyObject(lambda: services.backlinks(self, target_ids)),
            thread_backlinks=SimpleLazyObject(lambda: services.thread_backlinks(self, target_ids)),
            related_topics=SimpleLazyObject(self.related_topics),
            tags=SimpleLazyObject(self.tags_for_display),
            topic_index=topic_index,
            **self._surroundings(request, topic_index),
        )
        return context

    def _surroundings(self, request, topic_index):
        """The index's feed and "recent changes" addresses and the last editor's name, cached
        under the site's version (publishing, moving, public names bump it)."""

        def build():
            index_url = topic_index.get_url(request) if topic_index else None
            return {
                "feed_url": index_url + topic_index.reverse_subpage("feed") if index_url else "",
                "recent_changes_url": (
                    index_url + topic_index.reverse_subpage("recent_changes") if index_url else ""
                ),
                "last_editor": self.last_editor(),
            }

        return fragments.cached(request, "topic_surroundings", build, str(self.pk))


class TopicRelatedTopic(Orderable):
    """A topic page that an editor recommends from another one."""

    source = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="related_topic_links")
    page = models.ForeignKey(
        TopicPage,
        verbose_name=_("Themenseite"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [TopicChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("Verwandtes Thema")
        verbose_name_plural = _("Verwandte Themen")

    def __str__(self):
        return str(self.page)
