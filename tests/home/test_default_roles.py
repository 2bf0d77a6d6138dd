"""Wagtail's starter roles are gone after migrate; only the site's own roles remain."""

import importlib

from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

import pytest

from home.roles import CHIEF_EDITORS, EDITORS, MODERATORS

migration = importlib.import_module("home.migrations.0002_remove_wagtail_default_roles")


@pytest.mark.django_db
def test_only_the_sites_roles_exist_after_migrate():
    assert set(Group.objects.values_list("name", flat=True)) == {
        EDITORS,
        CHIEF_EDITORS,
        MODERATORS,
    }
    root = Page.get_first_root_node()
    assert not WorkflowPage.objects.filter(page=root).exists()
    assert not Workflow.objects.filter(name="Moderators approval", active=True).exists()


@pytest.mark.django_db
def test_the_migration_keeps_default_roles_that_are_in_use(django_user_model):
    used = Group.objects.create(name="Moderators")
    unused = Group.objects.create(name="Editors")
    user = django_user_model.objects.create_user(email="m@example.org", password="x")
    user.groups.add(used)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    started = Workflow.objects.create(name="Moderators approval", active=True)
    WorkflowTask.objects.create(workflow=started, task=task, sort_order=0)
    root = Page.get_first_root_node()
    WorkflowPage.objects.create(page=root, workflow=started)
    page_type = ContentType.objects.get_for_model(Page)
    WorkflowState.objects.create(
        content_type=page_type,
        base_content_type=page_type,
        object_id=str(root.pk),
        workflow=started,
        status="approved",
        requested_by=user,
    )

    migration.remove_default_roles(global_apps, None)

    assert Group.objects.filter(pk=used.pk).exists()
    assert not Group.objects.filter(pk=unused.pk).exists()
    started.refresh_from_db()
    assert started.active
    assert WorkflowPage.objects.filter(page=root, workflow=started).exists()


@pytest.mark.django_db
def test_the_migration_removes_an_unused_default_workflow():
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    unused = Workflow.objects.create(name="Moderators approval", active=True)
    WorkflowTask.objects.create(workflow=unused, task=task, sort_order=0)
    root = Page.get_first_root_node()
    WorkflowPage.objects.create(page=root, workflow=unused)

    migration.remove_default_roles(global_apps, None)

    unused.refresh_from_db()
    task.refresh_from_db()
    assert not unused.active
    assert not task.active
    assert not WorkflowPage.objects.filter(page=root).exists()
