"""The search index's status line on the Wagtail dashboard (superusers and the Redaktion)."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from home.roles import CHIEF_EDITORS, EDITORS

from . import health


class SearchIndexPanel(Component):
    """One line: the index is fine, missing, unreadable or out of step with the database."""

    name = "search_index_health"
    template_name = "search/admin/index_health_panel.html"
    order = 60

    def __init__(self, message, state):
        self.message = message
        self.state = state

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(message=self.message, healthy=self.state == "ok")
        return context


def _sees_index_status(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name__in=(EDITORS, CHIEF_EDITORS)).exists()


@hooks.register("construct_homepage_panels")
def add_search_index_panel(request, panels):
    if not _sees_index_status(request.user):
        return
    status = health.cached_health()
    message = health.describe(status)
    if message is not None:
        panels.append(SearchIndexPanel(message, status.state))
