"""Who may delete what, per role.

- Administrators (superusers) delete anything Wagtail lets them.
- The Chefredaktion deletes pages as Wagtail allows an editor with publishing rights (leaf
  pages, live ones included: it may take any page offline anyway).
- The Redaktion deletes only its own drafts that are not live; a live page, or a page somebody
  else created, goes through the Chefredaktion (Wagtail alone let edit+publish rights delete
  any live leaf page, although the Redaktion may not even unpublish a topic page).
- Images and documents that are in use (Wagtail's reference index knows a page, snippet or
  setting that shows them) are deleted by administrators only; anybody with the right to
  change them may delete unused ones.

`Page.permissions_for_user` (the documented override point, asked by the delete view and the
bulk delete) returns a `RolePagePermissionTester` on every page type of this site; the image
and document permission policies are registered in `home.apps`.
"""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import PagePermissionTester, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

CHIEF_EDITOR_PERMISSION = "home.act_as_chief_editor"


def has_chief_rights(user):
    """Superusers and holders of the Chefredaktion's permission (the group "Chefredaktion" has
    it, home/roles.py): a permission, never a group's name."""
    return bool(user.is_active and user.has_perm(CHIEF_EDITOR_PERMISSION))


class RolePagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if has_chief_rights(self.user):
            return True
        pages = self.page.get_descendants(inclusive=True)
        return not pages.exclude(live=False, owner=self.user).exists()


class RolePermissionsMixin:
    """For page models: permissions through `RolePagePermissionTester` (or a subclass)."""

    permission_tester_class = RolePagePermissionTester

    def permissions_for_user(self, user):
        return self.permission_tester_class(user, self)


class RememberedRestrictionsMixin:
    """For page models: the view restrictions that ``home.routing.serve`` remembered with the
    page's route, if it did (none of Wagtail's queries then); else Wagtail's own."""

    remembered_view_restrictions = None

    def get_view_restrictions(self):
        if self.remembered_view_restrictions is not None:
            return self.remembered_view_restrictions
        return super().get_view_restrictions()


def _referenced_ids(model):
    content_type = ContentType.objects.get_for_model(model)
    return ReferenceIndex.objects.filter(to_content_type=content_type).values("to_object_id")


class UnusedOnlyDeletePolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection policy, except that only superusers delete what is in use."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if "delete" in actions and not (user.is_active and user.is_superuser):
            others = [action for action in actions if action != "delete"]
            if others and super().user_has_any_permission_for_instance(user, others, instance):
                return True
            if ReferenceIndex.get_references_to(instance).exists():
                return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) == {"delete"} and not (user.is_active and user.is_superuser):
            pks = [
                int(pk)
                for pk in _referenced_ids(self.model).values_list("to_object_id", flat=True)
                if pk.isdigit()
            ]
            instances = instances.exclude(pk__in=pks)
        return instances
