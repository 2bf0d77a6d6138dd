from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from home.blocks import content_blocks


class TopicIndexPage(Page):
    """The entry to the topic pages."""

    intro = models.TextField(_("Einleitung"), blank=True, max_length=1000)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["wiki.TopicPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Themenübersicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = TopicPage.objects.child_of(self).live().public().order_by("title")
        return context


class TopicPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "wiki.TopicPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TopicPage(Page):
    """A curated page on one cooperation topic."""

    summary = models.TextField(_("Zusammenfassung"), max_length=600)
    body = StreamField(content_blocks(), verbose_name=_("Inhalt"), blank=True)
    tags = ClusterTaggableManager(through=TopicPageTag, blank=True, verbose_name=_("Schlagwörter"))
    last_reviewed = models.DateField(_("Zuletzt geprüft"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]
    parent_page_types = ["wiki.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Themenseite")
        verbose_name_plural = _("Themenseiten")
