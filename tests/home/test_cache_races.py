"""Review (helper r) of the remembered routes, fragments and cached permissions (562235c): a
remembered route never serves a page that is no longer public to the person asking, and a
change that commits while a request is building an entry never leaves a stale entry under the
new version (every version is read before what it covers)."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site

import pytest

from home import routing
from tests.factories import HomePageFactory, StandardPageFactory, UserFactory, make_site_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def bumps(django_capture_on_commit_callbacks):
    """Run ``action`` as a commit: the version bumps it causes happen when it returns."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def page(db):
    home = make_site_home()
    return StandardPageFactory(parent=home, title="Protokoll", slug="protokoll")


def test_a_group_restriction_is_checked_for_everyone_on_a_remembered_route(page, bumps):
    board = Group.objects.create(name="Vorstand")
    member, other = UserFactory(), UserFactory()
    member.groups.add(board)

    def restrict():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(board)

    assert Client().get("/protokoll/").status_code == 200  # remembered while public
    bumps(restrict)
    as_member, as_other = Client(), Client()
    as_member.force_login(member)
    as_other.force_login(other)

    assert as_member.get("/protokoll/").status_code == 200  # remembered with the restriction
    assert as_other.get("/protokoll/").status_code != 200
    assert Client().get("/protokoll/").status_code == 302  # to the login


def test_a_password_passed_by_one_visitor_opens_the_page_for_that_visitor_only(page, bumps):
    bumps(
        lambda: PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )
    )
    restriction = PageViewRestriction.objects.get(page=page)
    insider, outsider = Client(), Client()
    insider.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "geheim", "return_url": "/protokoll/"},
    )

    assert "Protokoll" in insider.get("/protokoll/").text
    assert 'name="password"' in outsider.get("/protokoll/").text


def test_an_expired_page_is_gone_at_once_although_its_route_was_remembered(page, bumps):
    assert Client().get("/protokoll/").status_code == 200
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(1))

    bumps(lambda: call_command("publish_scheduled"))

    assert Client().get("/protokoll/").status_code == 404


def test_a_page_moved_to_another_site_is_no_longer_served_on_the_first(page, bumps):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="zweite")
    Site.objects.create(hostname="zweite.example", root_page=other_home)
    assert Client().get("/protokoll/").status_code == 200

    bumps(lambda: Page.objects.get(pk=page.pk).move(other_home, pos="last-child"))

    assert Client().get("/protokoll/").status_code == 404
    assert Client(HTTP_HOST="zweite.example").get("/protokoll/").status_code == 200


def test_a_commit_between_routing_and_remembering_leaves_no_stale_route(page, bumps, monkeypatch):
    """The version is read before the tree: an entry built from the old tree while an
    unpublication commits is stored under the old version, which nobody reads any more."""
    route_for_request = Page.route_for_request

    def routing_then_unpublish(request, path):
        result = route_for_request(request, path)
        bumps(lambda: Page.objects.get(pk=page.pk).specific.unpublish())
        return result

    monkeypatch.setattr(routing.Page, "route_for_request", routing_then_unpublish)
    assert Client().get("/protokoll/").status_code == 200  # built before the commit
    monkeypatch.setattr(routing.Page, "route_for_request", route_for_request)

    assert Client().get("/protokoll/").status_code == 404


def test_a_commit_between_reading_and_caching_permissions_leaves_no_stale_set(bumps, monkeypatch):
    from django.contrib.auth.backends import ModelBackend

    user = UserFactory()
    perm = Permission.objects.get(codename="access_admin")
    user.user_permissions.add(perm)
    get_permissions = ModelBackend._get_permissions

    def read_then_revoke(self, user_obj, obj, from_name):
        found = get_permissions(self, user_obj, obj, from_name)
        if from_name == "user":
            bumps(lambda: user.user_permissions.remove(perm))
        return found

    monkeypatch.setattr(ModelBackend, "_get_permissions", read_then_revoke)
    assert type(user).objects.get(pk=user.pk).has_perm("wagtailadmin.access_admin")
    monkeypatch.setattr(ModelBackend, "_get_permissions", get_permissions)

    assert not type(user).objects.get(pk=user.pk).has_perm("wagtailadmin.access_admin")


def test_a_former_superuser_keeps_no_cached_permissions(bumps):
    user = UserFactory(is_superuser=True)
    assert type(user).objects.get(pk=user.pk).get_all_permissions()  # every permission, cached

    def demote():
        user.is_superuser = False
        user.save()

    bumps(demote)

    assert type(user).objects.get(pk=user.pk).get_all_permissions() == set()
