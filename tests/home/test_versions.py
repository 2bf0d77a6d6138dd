"""Version keys (home/versions.py) change on commit, from signals, whatever path a change takes."""

from django.db import transaction

import pytest

from home import versions
from home.models import SiteSettings
from tests.crowd import changed_versions as changed
from tests.factories import StandardPageFactory, UserFactory, make_site_home


@pytest.fixture
def site_home(db):
    return make_site_home()


def test_a_version_is_stable_until_bumped_and_bumped_only_on_commit(
    db, django_capture_on_commit_callbacks
):
    first = versions.get(versions.SITE)[versions.SITE]
    assert first
    assert versions.get(versions.SITE)[versions.SITE] == first

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        versions.bump(versions.SITE)
    assert versions.get(versions.SITE)[versions.SITE] == first  # not committed yet
    for callback in callbacks:
        callback()
    assert versions.get(versions.SITE)[versions.SITE] != first


def test_a_rolled_back_change_bumps_nothing(db, django_capture_on_commit_callbacks):
    before = versions.get(versions.SITE)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                versions.bump(versions.SITE)
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert versions.get(versions.SITE) == before


PAGE_KEYS = (versions.SITE, versions.BOARD)


def test_page_publish_unpublish_move_and_delete_bump_the_site(
    site_home, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page = StandardPageFactory(parent=site_home, title="Impressum", slug="impressum")
    other = StandardPageFactory(parent=site_home, title="Mehr", slug="mehr")

    def publish():
        page.title = "Impressum neu"
        page.save_revision().publish()

    assert changed(PAGE_KEYS, publish, capture) == set(PAGE_KEYS)
    assert changed(PAGE_KEYS, page.unpublish, capture) == set(PAGE_KEYS)
    assert changed(PAGE_KEYS, lambda: page.move(other, pos="last-child"), capture) == set(PAGE_KEYS)
    assert changed(PAGE_KEYS, lambda: page.delete(), capture) == set(PAGE_KEYS)


def test_a_draft_bumps_nothing(site_home, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=site_home, title="Impressum", slug="impressum")

    def draft():
        page.title = "Entwurf"
        page.save_revision()

    assert changed(PAGE_KEYS, draft, django_capture_on_commit_callbacks) == set()


def test_site_settings_bump_the_site(site_home, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    def save():
        settings.contact_email = "neu@example.org"
        settings.save()

    assert changed(PAGE_KEYS, save, django_capture_on_commit_callbacks) == set(PAGE_KEYS)


def test_a_public_name_bumps_the_site(db, django_capture_on_commit_callbacks):
    anna = UserFactory(email="anna@example.org", display_name="Anna Archiv")

    def rename():
        anna.display_name = "Anna A."
        anna.save()

    assert changed(PAGE_KEYS, rename, django_capture_on_commit_callbacks) == set(PAGE_KEYS)
