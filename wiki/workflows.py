"""The workflow "Redaktionelle Prüfung" that guards publishing of topic pages.

One Wagtail workflow with one group approval task ("Freigabe durch die Chefredaktion"); it is
assigned to every TopicIndexPage (all languages), so it covers the index and all topic pages.
`ensure_topic_workflow()` is idempotent; it runs after every `migrate`, whenever a
TopicIndexPage is created and from `load_demo_data`. It never changes a workflow or task that
an administrator has edited, except adding a missing assignment.
"""

from django.apps import apps
from django.contrib.auth.models import Group

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from home.roles import CHIEF_EDITORS, ensure_roles

WORKFLOW_NAME = "Redaktionelle Prüfung"
TASK_NAME = "Freigabe durch die Chefredaktion"


def ensure_topic_workflow():
    ensure_roles()
    approvers = Group.objects.get(name=CHIEF_EDITORS)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([approvers])
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    topic_index_model = apps.get_model("wiki", "TopicIndexPage")
    for index in topic_index_model.objects.all():
        assign_topic_workflow(index, workflow=workflow)
    return workflow


def assign_topic_workflow(index_page, *, workflow=None):
    """Assign the workflow to a topic index unless it already has a workflow of its own."""
    if WorkflowPage.objects.filter(page=index_page).exists():
        return
    workflow = workflow or Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = ensure_topic_workflow()
        if WorkflowPage.objects.filter(page=index_page).exists():
            return
    WorkflowPage.objects.create(page=index_page, workflow=workflow)
