"""The admin form of pages under the workflow "Redaktionelle Prüfung".

Wagtail's edit view autosaves the form in the background (a JSON POST of the whole form,
`AutosaveController`). The form remembers which workflow state the editor loaded
(`loaded_workflow_state`, a hidden field rendered with the form's other unclaimed fields), so
that an autosave arriving after the workflow moved on (approved, rejected, cancelled, restarted)
is refused instead of saving a stray draft over the page (`wiki/wagtail_hooks.py`).
"""

from django import forms

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import WorkflowState

NO_WORKFLOW = "-"


def workflow_token(page):
    """A string that changes whenever the page's latest workflow state changes (one query)."""
    if page.pk is None:
        return NO_WORKFLOW
    state = (
        WorkflowState.objects.for_instance(page)
        .order_by("-pk")
        .values_list("pk", "status", "current_task_state_id")
        .first()
    )
    if state is None:
        return NO_WORKFLOW
    return ":".join(str(part) for part in state)


class WorkflowGuardedPageForm(WagtailAdminPageForm):
    loaded_workflow_state = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_workflow_state"].initial = workflow_token(self.instance)

    @property
    def changed_data(self):
        # The token is bookkeeping, not content: it never makes a revision.
        return [name for name in super().changed_data if name != "loaded_workflow_state"]
