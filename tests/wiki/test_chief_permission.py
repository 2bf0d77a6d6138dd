"""The Chefredaktion's right is a permission (home.act_as_chief_editor), not a group's name."""

from django.contrib.auth.models import Group, Permission

from home.permissions import has_chief_rights
from home.roles import CHIEF_EDITORS, ensure_roles
from tests.factories import UserFactory
from wiki.permissions import may_publish_topics_directly


def test_the_chefredaktion_group_holds_the_permission(db):
    group = ensure_roles()[CHIEF_EDITORS]
    assert group.permissions.filter(codename="act_as_chief_editor").exists()
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    assert has_chief_rights(user)
    assert may_publish_topics_directly(user)


def test_the_permission_counts_not_the_group_name(db):
    ensure_roles()
    named_only = UserFactory(is_staff=True)
    named_only.groups.add(Group.objects.create(name="Chefredaktion (alt)"))
    lookalike = Group.objects.get(name=CHIEF_EDITORS)
    lookalike.permissions.clear()
    named_only.groups.add(lookalike)
    assert not may_publish_topics_directly(named_only)

    holder = UserFactory(is_staff=True)
    holder.user_permissions.add(Permission.objects.get(codename="act_as_chief_editor"))
    assert may_publish_topics_directly(holder)


def test_inactive_accounts_have_no_chief_rights(db):
    user = UserFactory(is_staff=True, is_active=False, is_superuser=True)
    assert not has_chief_rights(user)
