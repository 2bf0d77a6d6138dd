"""One sign-in path (issue 11, H1): the admin's login is allauth's, with e-mail verification and
the lockout after failed attempts; Wagtail's page-password form is throttled."""

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest
from allauth.account.models import EmailAddress

from tests.factories import StandardPageFactory, UserFactory, make_moderator

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-und-lang-genug"


def staff(verified=True, **kwargs):
    """A moderator (access to the admin) with a primary e-mail address."""
    user = make_moderator(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def signed_in(client):
    return "_auth_user_id" in client.session


def admin_login_form(client, next_url="/admin/"):
    """Where the admin's login sends a visitor (the form they then fill in)."""
    response = client.get(f"/admin/login/?next={next_url}")
    assert response.status_code == 302
    return response["Location"]


def test_admin_login_sends_visitors_to_allauth_with_next_kept(client):
    location = admin_login_form(client, "/admin/pages/")

    url = urlsplit(location)
    assert url.path == reverse("account_login")
    assert parse_qs(url.query) == {"next": ["/admin/pages/"]}


def test_admin_login_drops_an_external_next(client):
    location = admin_login_form(client, "//evil.example/")

    assert parse_qs(urlsplit(location).query) == {"next": ["/admin/"]}


def test_posting_to_admin_login_never_signs_in(client):
    user = staff()

    response = client.post(
        "/admin/login/", {"username": user.email, "login": user.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert not signed_in(client)


def test_unverified_account_cannot_sign_in_through_the_admin_login(client):
    user = staff(verified=False)
    form = admin_login_form(client)

    response = client.post(form, {"login": user.email, "password": PASSWORD})

    assert not signed_in(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")


def test_wrong_passwords_on_the_admin_path_lock_the_account(client):
    user = staff()
    form = admin_login_form(client)
    for _ in range(5):
        client.post(form, {"login": user.email, "password": "falsch"})

    response = client.post(form, {"login": user.email, "password": PASSWORD})

    assert not signed_in(client)
    assert "Zu viele fehlgeschlagene Anmeldeversuche." in response.content.decode()


def test_staff_reach_the_admin_after_signing_in(client):
    user = staff()
    form = admin_login_form(client, "/admin/reports/")

    response = client.post(form, {"login": user.email, "password": PASSWORD})

    assert signed_in(client)
    assert response["Location"] == "/admin/reports/"
    assert client.get("/admin/").status_code == 200


def test_signed_in_staff_opening_the_admin_login_go_on_to_next(client):
    client.force_login(staff())

    response = client.get("/admin/login/?next=/admin/pages/")

    assert (response.status_code, response["Location"]) == (302, "/admin/pages/")


def test_participant_opening_the_admin_gets_403_not_a_redirect_loop(client):
    client.force_login(UserFactory())

    first = client.get("/admin/")
    second = client.get(first["Location"])

    assert first.status_code == 302
    assert second.status_code == 403


def test_admin_logout_is_allauths(client):
    client.force_login(staff())

    response = client.post(reverse("wagtailadmin_logout"))

    assert response.status_code == 302
    assert not signed_in(client)


def test_wagtails_own_password_reset_is_off(client):
    assert client.get("/admin/password_reset/").status_code == 404


@pytest.fixture
def protected_page(home_page):
    page = StandardPageFactory(parent=home_page, title="Nur mit Passwort", slug="geschuetzt")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="richtig"
    )
    url = reverse("wagtailcore_authenticate_with_password", args=(restriction.pk, page.pk))
    return page, url


def page_password_limit(scope):
    """The configured number of attempts for ``"ip"`` or ``"key"`` (the page)."""
    for rate in settings.ACCOUNT_RATE_LIMITS["page_password"].split(","):
        count, _period, per = rate.split("/")
        if per == scope:
            return int(count)
    raise AssertionError(scope)


def test_page_password_is_throttled_per_client_address(client, protected_page):
    page, url = protected_page
    data = {"password": "falsch", "return_url": page.url}
    for _ in range(page_password_limit("ip")):
        assert client.post(url, data).status_code == 200

    refused = client.post(url, {"password": "richtig", "return_url": page.url})
    other_address = client.post(
        url, {"password": "richtig", "return_url": page.url}, REMOTE_ADDR="10.0.0.9"
    )

    assert refused.status_code == 429
    assert other_address.status_code == 302


def test_page_password_is_throttled_per_page(client, protected_page):
    page, url = protected_page
    data = {"password": "falsch", "return_url": page.url}
    for number in range(page_password_limit("key")):
        client.post(url, data, REMOTE_ADDR=f"10.1.{number // 200}.{number % 200 + 1}")

    response = client.post(
        url, {"password": "richtig", "return_url": page.url}, REMOTE_ADDR="10.2.0.1"
    )

    assert response.status_code == 429


def test_page_password_still_lets_the_right_password_in(client, protected_page):
    page, url = protected_page

    response = client.post(url, {"password": "richtig", "return_url": page.url})

    assert (response.status_code, response["Location"]) == (302, page.url)


def test_document_collection_password_is_throttled_per_client_address(client, db):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Intern")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="ok"
    )
    url = reverse("wagtaildocs_authenticate_with_password", args=(restriction.pk,))
    data = {"password": "falsch", "return_url": "/"}
    for _ in range(page_password_limit("ip")):
        assert client.post(url, data).status_code == 200

    refused = client.post(url, {"password": "ok", "return_url": "/"})
    other_address = client.post(url, {"password": "ok", "return_url": "/"}, REMOTE_ADDR="10.0.0.9")

    assert refused.status_code == 429
    assert other_address.status_code == 302
