"""The editorial roles as Wagtail groups: "Redaktion" (content), "Chefredaktion" (approves topic
pages in the workflow "Redaktionelle Prüfung", see wiki/workflows.py) and "Moderation" (the board).

`ensure_roles()` is idempotent; it runs after every `migrate` and from `load_demo_data`, so a
new deployment has both groups without demo content.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

EDITORS = "Redaktion"
CHIEF_EDITORS = "Chefredaktion"
MODERATORS = "Moderation"

# Page permissions on the whole tree.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Collection permissions on the root collection (images and documents).
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
# Model permissions by "app_label.codename"; missing ones (an app not yet migrated) are skipped.
GROUP_MODEL_PERMISSIONS = {
    EDITORS: (
        "wagtailadmin.access_admin",
        "taggit.add_tag",
        "taggit.change_tag",
        "simple_translation.submit_translation",
    ),
    CHIEF_EDITORS: (
        "wagtailadmin.access_admin",
        "taggit.add_tag",
        "taggit.change_tag",
        "simple_translation.submit_translation",
        # Publishes topic pages past the workflow, deletes live pages (home/permissions.py).
        "home.act_as_chief_editor",
    ),
    MODERATORS: (
        "wagtailadmin.access_admin",
        "board.view_thread",
        "board.change_thread",
        "board.view_post",
        "board.change_post",
        "board.view_flag",
        "board.change_flag",
        "board.moderate_board",
        "board.export_questions",
    ),
}


def _permissions(dotted_names):
    permissions = []
    for dotted in dotted_names:
        app_label, codename = dotted.split(".", 1)
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            permissions.append(permission)
    return permissions


def ensure_roles():
    """Create or complete the groups; never removes what an administrator added."""
    groups = {}
    for name, dotted_names in GROUP_MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(dotted_names))
        groups[name] = group

    # Chefredaktion holds the same content rights; publishing topic pages directly is its
    # permission (home.act_as_chief_editor, home/permissions.py), everybody else goes through
    # the workflow.
    for editors in (groups[EDITORS], groups[CHIEF_EDITORS]):
        _grant_content_permissions(editors)
    return groups


def _grant_content_permissions(editors):
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in EDITOR_COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=permission
            )
