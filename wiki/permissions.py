"""Who may publish topic pages directly, bypassing the workflow "Redaktionelle Prüfung".

Page permissions in Wagtail add up along the tree, and the group "Redaktion" holds
`publish_page` on the root (it publishes events and standard pages directly). A user who may
publish can also publish past a workflow, so the topic pages narrow it down here: only
superusers and holders of the permission `home.act_as_chief_editor` (given to the group
"Chefredaktion", the workflow's approvers, in home/roles.py) publish topic pages directly;
everybody else submits them to the workflow. `Page.permissions_for_user` is Wagtail's
documented override point, and the admin's edit and create views, bulk actions and the
publish action all ask it.
"""

from django.utils.functional import cached_property

from home.permissions import RolePagePermissionTester, has_chief_rights


def may_publish_topics_directly(user):
    return has_chief_rights(user)


class TopicPermissionTester(RolePagePermissionTester):
    @cached_property
    def publishes_directly(self):
        return may_publish_topics_directly(self.user)

    def can_publish(self):
        return super().can_publish() and self.publishes_directly

    def can_publish_subpage(self):
        return super().can_publish_subpage() and self.publishes_directly

    def can_unpublish(self):
        # Taking a topic page offline changes what readers see as much as publishing does.
        return super().can_unpublish() and self.publishes_directly
