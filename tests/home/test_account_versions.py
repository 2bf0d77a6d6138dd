"""Saving an account bumps the page versions only when something pages show of it changed."""

import pytest

from home import versions
from tests.crowd import changed_versions as changed
from tests.factories import UserFactory

PAGE_KEYS = (versions.SITE, versions.BOARD)
ALL_KEYS = (*PAGE_KEYS, versions.PERMISSIONS)


@pytest.fixture
def anna(db):
    return UserFactory(email="anna@example.org", display_name="Anna Archiv")


def test_creating_an_account_bumps_nothing(db, django_capture_on_commit_callbacks):
    def create():
        UserFactory(email="neu@example.org", display_name="Neu")

    assert changed(ALL_KEYS, create, django_capture_on_commit_callbacks) == set()


def test_login_and_password_saves_bump_nothing(anna, django_capture_on_commit_callbacks):
    def save_private_fields():
        anna.set_password("ein-neues-Passwort-123")
        anna.save()
        anna.save(update_fields=["last_login"])
        anna.email = "anna@example.net"
        anna.save()
        anna.save(update_fields=["password", "last_login"])

    assert changed(ALL_KEYS, save_private_fields, django_capture_on_commit_callbacks) == set()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("display_name", "Anna A."),
        ("institution", "Stadtbibliothek"),
        ("first_name", "Anna"),
        ("last_name", "Archiv"),
    ],
)
def test_a_public_field_bumps_the_pages(anna, django_capture_on_commit_callbacks, field, value):
    def save():
        setattr(anna, field, value)
        anna.save()

    assert changed(PAGE_KEYS, save, django_capture_on_commit_callbacks) == set(PAGE_KEYS)


@pytest.mark.parametrize("field", ["is_active", "is_superuser"])
def test_rights_bump_pages_and_permissions(anna, django_capture_on_commit_callbacks, field):
    def save():
        setattr(anna, field, not getattr(anna, field))
        anna.save(update_fields=[field])

    assert changed(ALL_KEYS, save, django_capture_on_commit_callbacks) == set(ALL_KEYS)


def test_deleting_an_account_bumps_everything(anna, django_capture_on_commit_callbacks):
    assert changed(ALL_KEYS, anna.delete, django_capture_on_commit_callbacks) == set(ALL_KEYS)
