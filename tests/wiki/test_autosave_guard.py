"""Wagtail's autosave may only save a draft of what the editor loaded (wiki/wagtail_hooks.py).

The edit view's autosave posts the whole form as JSON; after a workflow button was clicked it
carried the workflow action, and it could arrive after the approval had finished.
"""

from django.urls import reverse

import pytest

from wiki.forms import workflow_token

from .test_workflow import form_data

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def submitted_draft(make_topic, editor):
    """A topic page written by the Redaktion, never published, waiting for approval."""
    topic = make_topic(live=False)
    topic.save_revision(user=editor)
    topic.get_workflow().start(topic, editor)
    return topic


def autosave(client, page, **extra):
    revision = page.latest_revision
    data = form_data(
        page,
        loaded_revision_id=str(revision.pk),
        loaded_revision_created_at=revision.created_at.isoformat(),
        **extra,
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **JSON)


@pytest.mark.django_db
def test_autosave_carrying_a_workflow_action_is_refused(client, submitted_draft, chief_editor):
    client.force_login(chief_editor)
    token = workflow_token(submitted_draft)

    response = autosave(
        client,
        submitted_draft,
        loaded_workflow_state=token,
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )

    assert response.status_code == 409
    assert response.json()["error_code"] == "invalid_revision"
    submitted_draft.refresh_from_db()
    assert not submitted_draft.live
    assert submitted_draft.current_workflow_state.status == "in_progress"
    assert submitted_draft.revisions.count() == 1


@pytest.mark.django_db
def test_autosave_loaded_before_the_approval_leaves_the_approved_page_alone(
    client, submitted_draft, editor, chief_editor
):
    client.force_login(chief_editor)
    loaded_token = workflow_token(submitted_draft)
    task = submitted_draft.current_workflow_task
    task.on_action(submitted_draft.current_workflow_task_state, chief_editor, "approve")
    submitted_draft.refresh_from_db()
    assert submitted_draft.live

    response = autosave(client, submitted_draft, loaded_workflow_state=loaded_token)

    assert response.status_code == 409
    submitted_draft.refresh_from_db()
    assert submitted_draft.live
    assert [rev.user_id for rev in submitted_draft.revisions.all()] == [editor.pk]
    assert submitted_draft.latest_revision_id == submitted_draft.live_revision_id


@pytest.mark.django_db
def test_autosave_of_the_current_state_saves_a_draft(client, submitted_draft, chief_editor):
    client.force_login(chief_editor)

    response = autosave(
        client, submitted_draft, loaded_workflow_state=workflow_token(submitted_draft)
    )

    assert response.status_code == 200
    assert response.json()["success"] is True
    assert submitted_draft.revisions.count() == 2


@pytest.mark.django_db
def test_the_edit_form_carries_the_loaded_workflow_state(client, submitted_draft, chief_editor):
    client.force_login(chief_editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[submitted_draft.pk]))

    token = workflow_token(submitted_draft)
    assert token.endswith(f":in_progress:{submitted_draft.current_workflow_task_state.pk}")
    assert f'name="loaded_workflow_state" value="{token}"' in response.content.decode()
    assert "js/admin/autosave-guard.js" in response.content.decode()
