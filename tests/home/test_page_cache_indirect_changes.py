"""Changes that reach no model signal of their own, or none the page cache listened to, still
show on the very next anonymous request (issue 9, item 2): group membership (staff badges),
permissions of signed-in people, earlier duplicates re-pointed by a merge, English tag labels.
"""

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from board import services
from home.models import TagTranslation
from home.roles import MODERATORS, ensure_roles
from tests.crowd import build_site
from tests.factories import ask, make_moderator


def cached(client, url):
    """The page as served; asserts that a second request is a cache hit (no query)."""
    client.get(url)
    return client.get(url)


def test_joining_the_moderation_group_shows_the_staff_badge_to_visitors(
    client, site, change, django_assert_num_queries
):
    url = site.urls["thread"]
    client.get(url)
    with django_assert_num_queries(0):
        assert "badge--staff" not in client.get(url).text

    change(lambda: site.ben.groups.add(ensure_roles()[MODERATORS]))

    assert "badge--staff" in client.get(url).text


def test_leaving_the_moderation_group_removes_the_staff_badge(client, site, change):
    url = site.urls["thread"]
    moderators = ensure_roles()[MODERATORS]
    change(lambda: site.ben.groups.add(moderators))
    assert "badge--staff" in cached(client, url).text

    change(lambda: site.ben.groups.remove(moderators))

    assert "badge--staff" not in client.get(url).text


def test_a_new_permission_reaches_a_signed_in_person_on_the_next_request(site, change):
    def admin_access():
        person = type(site.ben).objects.get(pk=site.ben.pk)  # a new request loads the account
        return person.has_perm("wagtailadmin.access_admin")

    assert admin_access() is False
    assert admin_access() is False  # now from the cache
    group = Group.objects.create(name="Gäste der Redaktion")
    change(lambda: group.permissions.add(Permission.objects.get(codename="access_admin")))
    assert admin_access() is False  # the group has it, ben is not in it yet

    change(lambda: site.ben.groups.add(group))
    assert admin_access() is True

    change(lambda: group.permissions.clear())
    assert admin_access() is False


def test_the_permissions_cache_asks_the_database_once(site, django_assert_num_queries):
    type(site.ben).objects.get(pk=site.ben.pk).has_perm("wagtailadmin.access_admin")
    person = type(site.ben).objects.get(pk=site.ben.pk)
    with django_assert_num_queries(0):
        assert person.has_perm("wagtailadmin.access_admin") is False
        assert person.get_all_permissions() == set()


def test_a_moderators_user_bar_appears_without_a_stale_permission(site, change):
    client = Client()
    client.force_login(site.ben)
    assert "wagtail-userbar" not in client.get(site.urls["home"]).text

    change(lambda: site.ben.groups.add(ensure_roles()[MODERATORS]))

    assert "wagtail-userbar" in client.get(site.urls["home"]).text


def test_merging_a_thread_re_points_its_earlier_duplicates_pages(client, site, change):
    moderator = make_moderator(email="mod@example.org", display_name="Moritz Moderation")
    first = ask(site.edition, site.anna, title="Erste Fassung der Frage", body="Frage")
    second = ask(site.edition, site.anna, title="Zweite Fassung der Frage", body="Frage")
    change(
        lambda: services.merge_threads(
            source=first, target=second, moderator=moderator, reason="Doppelt"
        )
    )
    first_url = first.get_absolute_url()
    assert "Zweite Fassung der Frage" in cached(client, first_url).text

    change(
        lambda: services.merge_threads(
            source=second, target=site.thread, moderator=moderator, reason="Doppelt"
        )
    )

    page = client.get(first_url).text
    assert site.thread.title in page.replace("&#x27;", "'")
    first.refresh_from_db()
    assert first.merged_into_id == site.thread.pk


def test_an_english_tag_label_shows_on_the_next_visit_of_english_pages(client, site, change):
    with translation.override("en"):
        url = reverse("board:index")
    assert url.startswith("/en/")
    assert "Digitisation of things" not in cached(client, url).text
    tag = site.thread.tags.get(slug="digitalisierung")

    change(lambda: TagTranslation.objects.create(tag=tag, name_en="Digitisation of things"))

    assert "Digitisation of things" in client.get(url).text


def test_a_saved_page_route_that_no_longer_fits_is_routed_afresh(db, client):
    # A slug changed by a plain save (no publish, no signal): the remembered route
    # (home/routing.py) is not trusted, the old address is a 404 and the new one serves the
    # page. (Without the page cache: a stored copy would live until the next version bump.)
    site = build_site()
    old = site.urls["standard page"]
    assert client.get(old).status_code == 200
    assert client.get(old).status_code == 200
    page = Page.objects.get(pk=site.standard.pk)
    page.slug = "impressum-neu"
    page.save()

    assert client.get(old).status_code == 404
    assert client.get("/impressum-neu/").status_code == 200


def test_a_permission_given_to_a_group_changes_its_members_badges_for_visitors(
    client, site, change
):
    url = site.urls["thread"]
    group = Group.objects.create(name="Saalhilfe")
    change(lambda: site.ben.groups.add(group))
    assert "badge--staff" not in cached(client, url).text

    change(lambda: group.permissions.add(Permission.objects.get(codename="moderate_board")))

    assert "badge--staff" in client.get(url).text
