"""Display names and institutions (issue 11, L2): one line, no control characters, and nothing
that passes for the staff ("Moderation", "Redaktion", "Admin", "Kooperationsraum")."""

from django.urls import reverse

import pytest

from accounts.models import User
from accounts.text import clean_line, clean_text, reserved_name
from tests.factories import UserFactory, make_moderator

from .conftest import signup_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "Moritz Moderation",
        "Moderationsteam Kooperationsraum",
        "M o d e r a t i o n",
        "moderator",
        "REDAKTION",
        "Chefredaktion",
        "Anna (Admin)",
        "A.d.m.i.n",
        "Administratorin",
        "Kooperations-Raum",
        "Mоderation",  # Cyrillic o  # noqa: RUF003
        "M0derati0n",
        "Mod\u200beration",
        "Módération",
    ],
)
def test_reserved_name_catches_staff_words_however_written(name):
    assert reserved_name(name) is True


@pytest.mark.parametrize(
    "name",
    ["Anna Archiv", "Badminton-Verein", "Redakteurin Nora", "Stadtarchiv Beispielstadt", "Maja"],
)
def test_reserved_name_leaves_ordinary_names_alone(name):
    assert reserved_name(name) is False


def test_clean_line_and_clean_text():
    assert clean_line(" Anna\r\n Archiv\x01\x1b[31m\u202e ") == "Anna Archiv[31m"
    assert clean_text("a\r\nb\x00\x02\tc\x7f\x85d") == "a\nb\tc\nd"


def test_signup_keeps_a_name_on_one_line_without_control_characters(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        signup_data(display_name="Nora\r\nNach\x01lass", institution="Stadt\narchiv\x02"),
    )

    user = User.objects.get(email="neu@example.org")
    assert (user.display_name, user.institution) == ("Nora Nachlass", "Stadt archiv")


@pytest.mark.parametrize(
    ("field", "value"),
    [("display_name", "Moritz Moderation"), ("institution", "Moderationsteam Kooperationsraum")],
)
def test_signup_refuses_a_name_that_passes_for_the_staff(client, field, value):
    response = client.post(reverse("account_signup"), signup_data(**{field: value}))

    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "sind dem Team" in html
    assert f'value="{value}"' in html  # what was typed is kept


def test_profile_refuses_a_staff_name_and_keeps_the_old_one(client):
    user = UserFactory(display_name="Anna Archiv", institution="Landesarchiv")
    client.force_login(user)

    response = client.post(
        reverse("accounts:profile"), {"display_name": "Redaktion", "institution": "Landesarchiv"}
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert "Namen wie „Moderation“" in response.content.decode()
    assert user.display_name == "Anna Archiv"


def test_staff_may_use_the_reserved_words(client):
    moderator = make_moderator(display_name="Maja")
    client.force_login(moderator)

    client.post(
        reverse("accounts:profile"),
        {"display_name": "Maja (Moderation)", "institution": "Kooperationsraum"},
    )

    moderator.refresh_from_db()
    assert (moderator.display_name, moderator.institution) == (
        "Maja (Moderation)",
        "Kooperationsraum",
    )


def test_names_saved_outside_the_forms_are_one_line_too():
    user = UserFactory(display_name="Anna\nArchiv\x01", institution="\u202eLandesarchiv\r\n")

    user.refresh_from_db()
    assert (user.display_name, user.institution) == ("Anna Archiv", "Landesarchiv")
