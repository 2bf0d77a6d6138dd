"""Rate limits on sign-up and login (allauth's ACCOUNT_RATE_LIMITS), answered in German."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from tests.factories import UserFactory

from .conftest import INFORMAL, page_text, signup_data

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_rate_limits_cover_signup_login_reset_and_confirmation():
    limits = settings.ACCOUNT_RATE_LIMITS

    assert set(limits) >= {"login", "login_failed", "signup", "reset_password", "confirm_email"}
    assert "/key" in limits["login_failed"]
    assert "/ip" in limits["signup"]


def test_exceeding_the_signup_limit_gives_a_german_429_in_the_site_layout(client):
    per_minute = int(settings.ACCOUNT_RATE_LIMITS["signup"].split(",")[0].split("/")[0])
    for number in range(per_minute):
        allowed = client.post(
            reverse("account_signup"), signup_data(email=f"person{number}@example.org")
        )
        assert allowed.status_code == 302

    response = client.post(reverse("account_signup"), signup_data(email="zuviel@example.org"))

    text = page_text(response.content.decode())
    assert response.status_code == 429
    assert [t.name for t in response.templates][:2] == ["429.html", "base.html"]
    assert "Zu viele Anfragen – Kooperationsraum" in text
    assert "Bitte warten Sie einige Minuten" in text
    assert "Zum Inhalt springen" in text  # the site's layout, not allauth's bare fallback
    assert INFORMAL.findall(text) == []
    assert not get_user_model().objects.filter(email="zuviel@example.org").exists()


def test_signup_page_can_still_be_read_when_the_limit_is_reached(client):
    per_minute = int(settings.ACCOUNT_RATE_LIMITS["signup"].split(",")[0].split("/")[0])
    for number in range(per_minute + 1):
        client.post(reverse("account_signup"), signup_data(email=f"p{number}@example.org"))

    assert client.get(reverse("account_signup")).status_code == 200


def test_repeated_failed_logins_for_one_address_are_stopped_in_german(client):
    UserFactory(email="anna@example.org")
    wrong = {"login": "anna@example.org", "password": "falsch"}
    for _ in range(5):
        client.post(reverse("account_login"), wrong)

    response = client.post(
        reverse("account_login"), {"login": "anna@example.org", "password": "geheim-und-lang-genug"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Zu viele fehlgeschlagene Anmeldeversuche." in response.content.decode()


def test_production_counts_rate_limits_in_the_shared_redis_cache():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="example.org",
        REDIS_URL="redis://cache.internal:6379/1",
    )
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django_redis.cache.RedisCache"
