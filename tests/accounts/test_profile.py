"""The profile page: login required, kept input on errors, CSRF, no change on GET."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(display_name="Anna Archiv", institution="Landesarchiv Berlin")


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('accounts:profile')}"


def test_profile_shows_the_account_navigation(user_client):
    html = user_client.get(reverse("accounts:profile")).content.decode()

    nav = re.search(r'<nav class="account-nav" aria-label="Ihr Konto">(.*?)</nav>', html, re.S)
    assert nav
    links = re.findall(r'<a href="([^"]+)"', nav.group(1))
    assert links == [
        reverse("accounts:profile"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("board:mine"),  # the participant's own page, filled into the slot by the board
        reverse("privacy:export"),  # board issue item 10, filled into the slot by the board
        reverse("privacy:delete"),
    ]
    assert 'aria-current="page">Profil</a>' in nav.group(1)
    assert html.count("<h1") == 1


def test_profile_edit_saves_and_says_so_in_german(user_client, user):
    response = user_client.post(
        reverse("accounts:profile"),
        {"display_name": "Anna A.", "institution": "Bundesarchiv"},
        follow=True,
    )

    user.refresh_from_db()
    assert (user.display_name, user.institution) == ("Anna A.", "Bundesarchiv")
    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Ihr Profil wurde gespeichert."]


@pytest.mark.parametrize(
    ("display_name", "message"),
    [
        ("", "Bitte geben Sie einen Anzeigenamen ein."),
        ("x" * 81, "höchstens 80 Zeichen"),
    ],
)
def test_profile_with_bad_display_name_keeps_input_and_saves_nothing(
    user_client, user, display_name, message
):
    response = user_client.post(
        reverse("accounts:profile"),
        {"display_name": display_name, "institution": "Neue Institution"},
    )

    html = response.content.decode()
    user.refresh_from_db()
    assert response.status_code == 200
    assert (user.display_name, user.institution) == ("Anna Archiv", "Landesarchiv Berlin")
    assert 'value="Neue Institution"' in html
    assert message in html
    assert 'aria-describedby="id_display_name_errors id_display_name_help"' in html


def test_profile_post_without_csrf_token_is_refused(user):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)

    response = csrf_client.post(
        reverse("accounts:profile"), {"display_name": "Gekapert", "institution": ""}
    )

    user.refresh_from_db()
    assert response.status_code == 403
    assert user.display_name == "Anna Archiv"


def test_profile_get_never_changes_anything(user_client, user):
    response = user_client.get(
        reverse("accounts:profile"), {"display_name": "Per GET", "institution": "Per GET"}
    )

    user.refresh_from_db()
    assert response.status_code == 200
    assert (user.display_name, user.institution) == ("Anna Archiv", "Landesarchiv Berlin")
