"""Reports for the editors in the Wagtail admin ("Berichte").

`DeadLinksView`: live pages whose content links to a page that is not live or no longer
exists, from Wagtail's reference index (which reflects the stored, i.e. live, content of a
published page). Visitors see such links as plain text (`home/rich_text.py`); the report
tells the editors where to repair them.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.pages import PagePermissionPolicy


def may_edit_pages(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


@dataclass(frozen=True)
class DeadLink:
    source: Page
    field: str
    target: Page | None  # None: the page was deleted
    target_id: str


def dead_links():
    """Links from live pages to pages that are not live or were deleted (four queries)."""
    page_type = ContentType.objects.get_for_model(Page)
    references = list(
        ReferenceIndex.objects.filter(base_content_type=page_type, to_content_type=page_type)
        .select_related("content_type", "base_content_type", "to_content_type")
        .order_by("object_id", "content_path")
    )
    target_ids = {int(ref.to_object_id) for ref in references if ref.to_object_id.isdigit()}
    live_targets = set(
        Page.objects.filter(pk__in=target_ids, live=True).values_list("pk", flat=True)
    )
    dead = [ref for ref in references if ref.to_object_id.isdigit()]
    dead = [ref for ref in dead if int(ref.to_object_id) not in live_targets]
    if not dead:
        return []
    dead_targets = Page.objects.in_bulk({int(ref.to_object_id) for ref in dead})
    sources = Page.objects.live().in_bulk({int(ref.object_id) for ref in dead})
    links = []
    for ref in dead:
        source = sources.get(int(ref.object_id))
        if source is None:
            continue
        links.append(
            DeadLink(
                source=source,
                field=ref.describe_source_field(),
                target=dead_targets.get(int(ref.to_object_id)),
                target_id=ref.to_object_id,
            )
        )
    return sorted(links, key=lambda link: (link.source.title.casefold(), link.field))


class DeadLinksView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Links auf nicht veröffentlichte Seiten")
    header_icon = "link"
    template_name = "home/admin/dead_links.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["links"] = dead_links()
        return context
