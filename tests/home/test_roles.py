"""What the groups "Redaktion" and "Moderation" may and may not do."""

from django.urls import reverse

from wagtail.models import Page

import pytest

from home.models import CreditedImage, StandardPage
from home.roles import EDITORS, MODERATORS, ensure_roles

from ..factories import CreditedImageFactory, StandardPageFactory, UserFactory


@pytest.fixture
def editor(db):
    groups = ensure_roles()
    user = UserFactory(is_staff=False)
    user.groups.add(groups[EDITORS])
    return user


@pytest.fixture
def moderator(db):
    groups = ensure_roles()
    user = UserFactory()
    user.groups.add(groups[MODERATORS])
    return user


def test_roles_are_created_by_migrate(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, MODERATORS}


def test_ensure_roles_is_idempotent(db):
    from wagtail.models import GroupPagePermission

    ensure_roles()
    count = GroupPagePermission.objects.count()
    ensure_roles()

    assert GroupPagePermission.objects.count() == count


def test_editor_can_create_edit_and_publish_pages(editor, home_page):
    page = StandardPageFactory(parent=home_page)
    permissions = page.permissions_for_user(editor)

    assert home_page.permissions_for_user(editor).can_add_subpage()
    assert permissions.can_edit()
    assert permissions.can_publish()


def test_editor_can_add_images_and_documents(editor):
    assert editor.has_perm("wagtailadmin.access_admin")
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    documents = policy_registry.get_by_type(get_document_model())
    images = policy_registry.get_by_type(get_image_model())

    assert images.user_has_permission(editor, "add")
    assert images.user_has_permission(editor, "choose")
    assert documents.user_has_permission(editor, "add")


def test_editor_publishes_a_page_through_the_admin(client, editor, home_page):
    client.force_login(editor)
    page = StandardPageFactory(parent=home_page, title="Neu", live=False)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {
            "title": "Impressum neu",
            "slug": page.slug,
            "body-count": "0",
            "action-publish": "publish",
        },
    )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.title == "Impressum neu"


def test_moderator_cannot_edit_or_publish_pages(moderator, home_page):
    page = StandardPageFactory(parent=home_page)
    permissions = page.permissions_for_user(moderator)

    assert moderator.has_perm("wagtailadmin.access_admin")
    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not home_page.permissions_for_user(moderator).can_add_subpage()


def test_moderator_cannot_change_images(moderator, client):
    image = CreditedImageFactory()
    client.force_login(moderator)

    response = client.get(reverse("wagtailimages:edit", args=(image.pk,)))

    assert response.status_code == 302  # redirected away: permission denied
    assert CreditedImage.objects.get().title == image.title


def test_participant_cannot_enter_the_admin(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_moderator_edit_post_is_refused(client, moderator, home_page):
    page = StandardPageFactory(parent=home_page, title="Alt")
    client.force_login(moderator)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        {"title": "Gekapert", "slug": page.slug, "body-count": "0", "action-publish": "1"},
    )

    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=page.pk).title == "Alt"
    assert StandardPage.objects.get(pk=page.pk).live
