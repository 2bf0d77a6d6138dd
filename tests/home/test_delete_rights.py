"""What each role may delete (home/permissions.py): pages, images, documents."""

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import Collection

import pytest

from home.roles import CHIEF_EDITORS, EDITORS, ensure_roles

from ..factories import (
    CreditedImageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
)


def member(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_roles()[group_name])
    return user


@pytest.fixture
def rita(db):
    return member(EDITORS)


@pytest.fixture
def rolf(db):
    """A second member of the Redaktion."""
    return member(EDITORS)


@pytest.fixture
def charlotte(db):
    return member(CHIEF_EDITORS)


@pytest.fixture
def admin(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def topic_index(home_page):
    return TopicIndexPageFactory(parent=home_page)


def image():
    """An image in the root collection, where the roles hold their image rights."""
    return CreditedImageFactory(collection=Collection.get_first_root_node())


def delete_page(client, user, page):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def denied(response):
    """Wagtail's admin answers a refused action with a redirect to the dashboard."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def page_exists(page):
    return type(page).objects.filter(pk=page.pk).exists()


@pytest.mark.django_db
def test_redaktion_cannot_delete_a_live_topic_page_of_somebody_else(client, topic_index, rita):
    topic = TopicPageFactory(parent=topic_index)

    response = delete_page(client, rita, topic)

    assert denied(response)
    assert page_exists(topic)


@pytest.mark.django_db
def test_redaktion_cannot_delete_its_own_live_page(client, home_page, rita):
    page = StandardPageFactory(parent=home_page, owner=rita)

    response = delete_page(client, rita, page)

    assert denied(response)
    assert page_exists(page)


@pytest.mark.django_db
def test_redaktion_cannot_delete_a_draft_of_another_editor(client, topic_index, rita, rolf):
    draft = TopicPageFactory(parent=topic_index, live=False, owner=rolf)

    response = delete_page(client, rita, draft)

    assert denied(response)
    assert page_exists(draft)


@pytest.mark.django_db
def test_redaktion_deletes_its_own_draft(client, topic_index, rita):
    draft = TopicPageFactory(parent=topic_index, live=False, owner=rita)

    response = delete_page(client, rita, draft)

    assert response.status_code == 302
    assert not denied(response)
    assert not page_exists(draft)


@pytest.mark.django_db
def test_redaktion_delete_button_only_on_its_own_drafts(topic_index, rita, rolf):
    own_draft = TopicPageFactory(parent=topic_index, live=False, owner=rita)
    live = TopicPageFactory(parent=topic_index, owner=rita)
    foreign_draft = TopicPageFactory(parent=topic_index, live=False, owner=rolf)

    may_delete = [
        page.permissions_for_user(rita).can_delete() for page in (own_draft, live, foreign_draft)
    ]

    assert may_delete == [True, False, False]


@pytest.mark.django_db
def test_chefredaktion_deletes_a_live_topic_page(client, topic_index, charlotte):
    topic = TopicPageFactory(parent=topic_index)

    response = delete_page(client, charlotte, topic)

    assert response.status_code == 302
    assert not denied(response)
    assert not page_exists(topic)


@pytest.mark.django_db
def test_chefredaktion_cannot_delete_a_page_with_children(client, home_page, charlotte):
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events)

    response = delete_page(client, charlotte, events)

    assert denied(response)
    assert page_exists(events)


@pytest.mark.django_db
def test_admin_deletes_a_live_page(client, home_page, admin):
    page = StandardPageFactory(parent=home_page)

    response = delete_page(client, admin, page)

    assert response.status_code == 302
    assert not denied(response)
    assert not page_exists(page)


@pytest.fixture
def used_image(home_page):
    picture = image()
    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=events, hero_image=picture)
    event.save_revision().publish()
    return picture


def delete_image(client, user, image):
    client.force_login(user)
    return client.post(reverse("wagtailimages:delete", args=[image.pk]))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [EDITORS, CHIEF_EDITORS])
def test_editors_delete_unused_images(client, role):
    unused = image()

    response = delete_image(client, member(role), unused)

    assert response.status_code == 302
    assert not denied(response)
    assert not type(unused).objects.filter(pk=unused.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [EDITORS, CHIEF_EDITORS])
def test_editors_cannot_delete_an_image_in_use(client, used_image, role):
    response = delete_image(client, member(role), used_image)

    assert denied(response)
    assert type(used_image).objects.filter(pk=used_image.pk).exists()


@pytest.mark.django_db
def test_admin_deletes_an_image_in_use(client, used_image, admin):
    response = delete_image(client, admin, used_image)

    assert response.status_code == 302
    assert not denied(response)
    assert not type(used_image).objects.filter(pk=used_image.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_offers_only_unused_images(used_image, rita):
    from wagtail.permissions import policy_registry

    unused = image()
    policy = policy_registry.get_by_type(type(unused))

    deletable = policy.instances_user_has_any_permission_for(rita, ["delete"])

    assert list(deletable) == [unused]
    assert set(policy.instances_user_has_any_permission_for(rita, ["change"])) == {
        unused,
        used_image,
    }


@pytest.mark.django_db
def test_redaktion_deletes_an_unused_document(client, rita):
    document = get_document_model().objects.create(
        title="Folien", file=ContentFile(b"%PDF-1.4", name="folien.pdf")
    )
    client.force_login(rita)

    response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))

    assert response.status_code == 302
    assert not denied(response)
    assert not get_document_model().objects.filter(pk=document.pk).exists()
