"""``next`` is followed only within the site (issue 11, L7): the moderator's hide action
followed an external address. One helper decides: ``accounts.urlsafety.safe_next_url``."""

from django.test import RequestFactory
from django.urls import reverse

import pytest

from accounts.urlsafety import safe_next_url
from tests.factories import reply

pytestmark = pytest.mark.django_db

EXTERNAL = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "javascript:alert(1)",
    "http://testserver.evil.example/",
]


@pytest.mark.parametrize("target", EXTERNAL)
def test_safe_next_url_refuses_other_hosts_and_schemes(target):
    request = RequestFactory().get("/")

    assert safe_next_url(request, target, "/fallback/") == "/fallback/"


def test_safe_next_url_keeps_local_paths_and_https_on_https():
    request = RequestFactory().get("/", secure=True)

    assert safe_next_url(request, "/fragen/?seite=2", "/") == "/fragen/?seite=2"
    assert safe_next_url(request, "http://testserver/fragen/", "/") == "/"


@pytest.mark.parametrize("target", EXTERNAL)
def test_moderator_hide_action_does_not_follow_an_external_next(
    client, thread, ben, moderator, target
):
    answer = reply(thread, ben, "Antwort")
    client.force_login(moderator)

    response = client.post(
        reverse("board_admin:post_action", kwargs={"pk": answer.pk, "action": "hide"}),
        {"reason": "Spam", "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("board_admin:queue")


def test_moderator_hide_action_follows_a_local_next(client, thread, ben, moderator):
    answer = reply(thread, ben, "Antwort")
    client.force_login(moderator)

    response = client.post(
        reverse("board_admin:post_action", kwargs={"pk": answer.pk, "action": "hide"}),
        {"reason": "Spam", "next": thread.get_absolute_url()},
    )

    assert response["Location"] == thread.get_absolute_url()


def test_follow_form_does_not_follow_an_external_next(client, edition, anna):
    client.force_login(anna)

    response = client.post(
        reverse("board:follow_edition", kwargs={"pk": edition.pk}), {"next": "//evil.example/"}
    )

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_live_settings_of_an_impossible_year_is_404(client, moderator):
    client.force_login(moderator)

    assert client.get("/fragen/live/10000/").status_code == 404
