"""Admin widgets of the wiki."""

from wagtail.admin.panels import PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser


class TopicChooser(AdminPageChooser):
    """A page chooser for topic pages that opens at the topic index, not at the tree's root.

    Wagtail opens the chooser at the chosen page's parent, or at the root when nothing is
    chosen yet; topic pages only live below a topic index.
    """

    def get_js_init_options(self, id_, name, value_data):
        opts = super().get_js_init_options(id_, name, value_data)
        if "parentId" not in opts:
            from .models import TopicIndexPage

            index = TopicIndexPage.objects.order_by("depth", "path").first()
            if index is not None:
                opts["parentId"] = index.pk
        return opts


class TopicChooserPanel(PageChooserPanel):
    """`PageChooserPanel(field, "wiki.TopicPage")` whose chooser opens at the topic index."""

    def __init__(self, field_name, **kwargs):
        kwargs.setdefault("page_type", "wiki.TopicPage")
        super().__init__(field_name, **kwargs)

    def get_form_options(self):
        opts = super().get_form_options()
        opts.setdefault("widgets", {})[self.field_name] = TopicChooser(
            target_models=self.page_type, can_choose_root=self.can_choose_root
        )
        return opts
