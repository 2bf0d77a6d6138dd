"""Editorial workflow: Redaktion submits, Chefredaktion approves; scheduling, compare, locking."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Workflow, WorkflowPage, WorkflowState

import pytest

from home.roles import EDITORS, ensure_roles
from wiki.models import TopicIndexPage, TopicPage
from wiki.workflows import TASK_NAME, WORKFLOW_NAME, ensure_topic_workflow

from ..factories import StandardPageFactory, TopicPageFactory, UserFactory


@pytest.fixture
def other_editor(db):
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_roles()[EDITORS])
    return user


def form_data(page, **extra):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([("paragraph", rich_text("<p>Neuer Text</p>"))]),
        "tags": "",
        "related_topic_links": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(extra)
    return nested_form_data(data)


def test_workflow_exists_after_migrate_with_chefredaktion_as_approvers(db):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)

    (task,) = [task.specific for task in workflow.tasks]
    assert task.name == TASK_NAME
    assert [group.name for group in task.groups.all()] == ["Chefredaktion"]
    assert workflow.active


@pytest.mark.django_db
def test_every_new_topic_index_gets_the_workflow(topic_index):
    assert WorkflowPage.objects.get(page=topic_index).workflow.name == WORKFLOW_NAME
    ensure_topic_workflow()  # idempotent
    assert WorkflowPage.objects.filter(page=topic_index).count() == 1
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


@pytest.mark.django_db
def test_topic_pages_use_the_workflow_and_other_pages_do_not(make_topic, home_page):
    topic = make_topic()
    standard = StandardPageFactory(parent=home_page)

    assert topic.get_workflow().name == WORKFLOW_NAME
    # Other pages have no workflow: the Redaktion publishes them directly (Wagtail's default
    # "Moderators approval" is removed by home/migrations/0002).
    assert standard.get_workflow() is None


@pytest.mark.django_db
def test_redaktion_cannot_publish_topics_directly_but_other_pages(
    make_topic, home_page, editor, chief_editor
):
    topic = make_topic()
    index = topic.get_parent().specific
    standard = StandardPageFactory(parent=home_page)

    assert topic.permissions_for_user(editor).can_edit()
    assert topic.permissions_for_user(editor).can_submit_for_moderation()
    assert not topic.permissions_for_user(editor).can_publish()
    assert not index.permissions_for_user(editor).can_publish_subpage()
    assert standard.permissions_for_user(editor).can_publish()
    assert topic.permissions_for_user(chief_editor).can_publish()
    assert index.permissions_for_user(chief_editor).can_publish_subpage()


@pytest.mark.django_db
def test_redaktion_publish_button_in_admin_does_not_publish(client, make_topic, editor):
    topic = make_topic(title="Thema", live=False)
    client.force_login(editor)

    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[topic.pk]))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[topic.pk]),
        form_data(topic, **{"action-publish": "publish"}),
    )

    topic.refresh_from_db()
    assert not topic.live
    html = edit_page.content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


@pytest.mark.django_db
def test_redaktion_cannot_take_a_live_topic_offline(client, make_topic, editor, chief_editor):
    topic = make_topic(title="Thema")
    assert topic.live
    client.force_login(editor)

    assert not topic.permissions_for_user(editor).can_unpublish()
    assert topic.permissions_for_user(chief_editor).can_unpublish()
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[topic.pk])).content.decode()
    assert reverse("wagtailadmin_pages:unpublish", args=[topic.pk]) not in edit_page
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[topic.pk]))

    topic.refresh_from_db()
    assert topic.live
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_submitted_topic_waits_for_approval_then_goes_live(
    client, make_topic, editor, chief_editor
):
    topic = make_topic(title="Neues Thema", live=False)
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[topic.pk]),
        form_data(topic, **{"action-submit": "submit"}),
    )

    assert response.status_code == 302
    topic.refresh_from_db()
    assert not topic.live
    state = WorkflowState.objects.get(object_id=str(topic.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor
    assert client.get(topic.url).status_code == 404

    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(topic, chief_editor)
    assert [action[0] for action in task.get_actions(topic, editor)] == []
    task.on_action(task_state, chief_editor, "approve")

    topic.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert topic.live
    assert topic.live_revision.user == editor
    assert "Neuer Text" in client.get(topic.url).content.decode()


@pytest.mark.django_db
def test_approval_through_the_admin_action_url(client, make_topic, editor, chief_editor):
    topic = make_topic(title="Thema", live=False)
    topic.save_revision(user=editor)
    topic.get_workflow().start(topic, editor)
    task_state = WorkflowState.objects.get(object_id=str(topic.pk)).current_task_state
    client.force_login(chief_editor)

    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[topic.pk, "approve", task_state.pk]),
        {"comment": "Passt."},
    )

    assert response.status_code in (200, 302)
    topic.refresh_from_db()
    assert topic.live


@pytest.mark.django_db
def test_scheduled_publishing_goes_live_at_the_time(make_topic, chief_editor, client):
    topic = make_topic(title="Geplant", live=False)
    topic.go_live_at = timezone.now() + datetime.timedelta(days=7)
    revision = topic.save_revision(user=chief_editor)
    revision.publish(user=chief_editor)

    topic.refresh_from_db()
    revision.refresh_from_db()
    assert not topic.live
    assert revision.approved_go_live_at is not None
    assert client.get(topic.url).status_code == 404

    # A week later (moved back instead of waiting):
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")

    topic.refresh_from_db()
    assert topic.live
    index = topic.get_parent().specific
    assert [(c.page.pk, c.editor) for c in index.recent_changes()] == [
        (topic.pk, "Charlotte Chefredaktion")
    ]


@pytest.mark.django_db
def test_redaktion_can_schedule_through_the_workflow(client, make_topic, editor, chief_editor):
    topic = make_topic(title="Später", live=False)
    client.force_login(editor)
    go_live = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")

    client.post(
        reverse("wagtailadmin_pages:edit", args=[topic.pk]),
        form_data(topic, go_live_at=go_live, **{"action-submit": "submit"}),
    )
    task_state = WorkflowState.objects.get(object_id=str(topic.pk)).current_task_state
    task_state.task.specific.on_action(task_state, chief_editor, "approve")

    topic.refresh_from_db()
    assert not topic.live
    assert topic.scheduled_revision is not None
    assert topic.scheduled_revision.approved_go_live_at > timezone.now()


@pytest.mark.django_db
def test_redaktion_can_compare_revisions(client, make_topic, editor):
    topic = make_topic(title="Vergleich")
    first = topic.save_revision(user=editor)
    topic.summary = "Zweite Fassung."
    second = topic.save_revision(user=editor)
    client.force_login(editor)

    response = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[topic.pk, first.pk, second.pk])
    )

    assert response.status_code == 200
    assert "Zweite Fassung." in response.content.decode()


@pytest.mark.django_db
def test_redaktion_can_lock_and_others_cannot_edit(client, make_topic, editor, other_editor):
    topic = make_topic(title="Gesperrt")
    client.force_login(editor)

    response = client.post(reverse("wagtailadmin_pages:lock", args=[topic.pk]))

    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.locked and topic.locked_by == editor
    assert not topic.permissions_for_user(editor).page_locked()
    assert topic.permissions_for_user(other_editor).page_locked()
    client.force_login(other_editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[topic.pk]),
        form_data(topic, summary="Überschrieben"),
    )
    topic.refresh_from_db()
    assert topic.latest_revision is None or "Überschrieben" not in str(
        topic.latest_revision.content
    )


@pytest.mark.django_db
def test_new_topic_created_by_redaktion_is_not_published_directly(client, topic_index, editor):
    client.force_login(editor)
    page = TopicPageFactory.build(title="Ganz neu", slug="ganz-neu")

    client.post(
        reverse("wagtailadmin_pages:add", args=["wiki", "topicpage", topic_index.pk]),
        form_data(page, **{"action-publish": "publish"}),
    )

    created = TopicPage.objects.get(slug="ganz-neu")
    assert not created.live
    assert TopicIndexPage.objects.get(pk=topic_index.pk).live
