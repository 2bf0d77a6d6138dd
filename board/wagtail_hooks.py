"""The board in the Wagtail admin: listings for questions, posts and flags, the review queue
and the moderation action pages. Only the Moderation group (and superusers) see them."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import admin_urls, export_views, permissions
from .choosers import answered_thread_chooser_viewset, merge_target_chooser_viewset
from .models import Flag, Post, Thread, Visibility


class ServiceOnlyPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or deletes board content in the admin: the services do (history, log)."""

    denied_actions = ("add", "delete")

    def __init__(self, model, *, denied_actions=None, **kwargs):
        super().__init__(model, **kwargs)
        if denied_actions is not None:
            self.denied_actions = denied_actions

    def user_has_permission(self, user, action):
        if action in self.denied_actions:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions, **kwargs):
        actions = [action for action in actions if action not in self.denied_actions]
        return super().users_with_any_permission(actions, **kwargs)


# Registered before the viewsets exist, so Wagtail never creates a fallback policy. Edits of a
# post go through the site's edit form (history); the admin only lists posts and flags.
register_permission_policy(Thread, ServiceOnlyPermissionPolicy(Thread), exact_class=True)
register_permission_policy(
    Post,
    ServiceOnlyPermissionPolicy(Post, denied_actions=("add", "change", "delete")),
    exact_class=True,
)
register_permission_policy(
    Flag,
    ServiceOnlyPermissionPolicy(Flag, denied_actions=("add", "change", "delete")),
    exact_class=True,
)


class ThreadViewSet(ModelViewSet):
    name = "board_thread"
    model = Thread
    icon = "help"
    menu_label = _("Fragen")
    url_prefix = "fragenboard/fragen"
    list_display = [
        TitleColumn(
            "title",
            label=_("Frage"),
            get_url=lambda thread: reverse("board_admin:thread", args=[thread.pk]),
        ),
        "edition",
        "phase",
        "status",
        "visibility",
        BooleanColumn("is_pinned", label=_("Angeheftet")),
        BooleanColumn("is_locked", label=_("Gesperrt")),
        "vote_count",
        "reply_count",
        "created_at",
    ]
    list_filter = ["edition", "phase", "status", "visibility", "is_pinned", "is_locked"]
    search_fields = ["title"]
    form_fields = ["tags"]
    inspect_view_enabled = True


class PostViewSet(ModelViewSet):
    name = "board_post"
    model = Post
    icon = "comment"
    menu_label = _("Beiträge")
    url_prefix = "fragenboard/beitraege"
    list_display = [
        TitleColumn(
            "__str__",
            label=_("Beitrag"),
            get_url=lambda post: reverse("board_admin:post", args=[post.pk]),
        ),
        "thread",
        Column("author", label=_("Verfasser*in (auch bei „anonym“)")),
        BooleanColumn("is_anonymous", label=_("Anonym")),
        "visibility",
        "vote_count",
        "created_at",
    ]
    ordering = ["-created_at", "-pk"]  # newest first, like the review queue
    list_filter = ["visibility", "is_anonymous", "depth"]
    search_fields = ["body"]
    form_fields = ["body"]
    inspect_view_enabled = True


class FlagViewSet(ModelViewSet):
    name = "board_flag"
    model = Flag
    icon = "warning"
    menu_label = _("Meldungen")
    url_prefix = "fragenboard/meldungen"
    list_display = [
        TitleColumn(
            "post",
            label=_("Beitrag"),
            get_url=lambda flag: reverse("board_admin:post", args=[flag.post_id]),
        ),
        "reason",
        "reporter",
        "created_at",
        "resolution",
    ]
    list_filter = ["reason", "resolution"]
    form_fields = ["resolution"]
    inspect_view_enabled = True


class BoardViewSetGroup(ViewSetGroup):
    items = (ThreadViewSet, PostViewSet, FlagViewSet)
    menu_icon = "help"
    menu_label = _("Fragenboard")
    menu_name = "fragenboard"
    menu_order = 250


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_moderator(request.user)


@hooks.register("register_admin_viewset")
def register_board_viewsets():
    return BoardViewSetGroup()


@hooks.register("register_admin_urls")
def register_board_admin_urls():
    return [path("moderation/", include(admin_urls, namespace="board_admin"))]


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return ModeratorMenuItem(
        _("Moderation"),
        reverse("board_admin:queue"),
        name="board-moderation",
        icon_name="warning",
        order=240,
    )


class ExportMenuItem(MenuItem):
    def is_shown(self, request):
        return export_views.can_export(request.user)


@hooks.register("register_admin_menu_item")
def register_export_menu_item():
    return ExportMenuItem(
        _("Fragen exportieren"),
        reverse("board_admin:export"),
        name="board-export",
        icon_name="download",
        order=245,
    )


@hooks.register("register_admin_viewset")
def register_answered_thread_chooser():
    return answered_thread_chooser_viewset


@hooks.register("register_admin_viewset")
def register_merge_target_chooser():
    return merge_target_chooser_viewset


class ModerationPanel(Component):
    """The moderators' dashboard panel: open flags and posts waiting for approval, with a link
    to the review queue (two counting queries)."""

    name = "board_moderation"
    template_name = "board/admin/home_panel.html"
    order = 50  # above Wagtail's own panels: this is what the Moderation group comes for

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            open_flags=Flag.objects.filter(resolution="").count(),
            pending_posts=Post.objects.filter(visibility=Visibility.PENDING).count(),
            queue_url=reverse("board_admin:queue"),
        )
        return context


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if permissions.is_moderator(request.user):
        panels.append(ModerationPanel())
