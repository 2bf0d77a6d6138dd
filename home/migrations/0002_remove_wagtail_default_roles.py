"""Remove Wagtail's starter roles, which this site replaces with its own (home/roles.py).

Wagtail's migrations create the groups "Moderators" and "Editors" (English names, page rights on
the whole tree) and a workflow "Moderators approval" on the root page. Next to "Redaktion",
"Chefredaktion" and "Moderation" they only confuse: "Moderators" is not the board's moderation,
and its workflow offered editors a submission nobody reviews. Topic pages have their own
workflow (wiki/workflows.py); other pages are published by the Redaktion directly.

Only what is unused goes: a group that has members, or a workflow that has ever been started,
stays as it is.
"""

from django.db import migrations

DEFAULT_GROUPS = ("Moderators", "Editors")
DEFAULT_WORKFLOW = "Moderators approval"


def remove_default_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")

    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        if WorkflowState.objects.filter(workflow=workflow).exists():
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])
        Task.objects.filter(pk__in=task_ids).update(active=False)

    Group.objects.filter(name__in=DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(remove_default_roles, migrations.RunPython.noop)]
