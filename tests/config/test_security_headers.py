"""Security headers on every response (issue 11, L7): a strict Content-Security-Policy for the
site, a relaxed one for Wagtail's admin only, and a Permissions-Policy."""

import pytest

pytestmark = pytest.mark.django_db


def directives(header):
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_site_pages_get_the_strict_policy(client, home_page):
    response = client.get("/")

    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_admin_gets_inline_scripts_and_styles_and_nothing_else_more(client, home_page):
    response = client.get("/admin/login/")

    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]


def test_permissions_policy_switches_unused_features_off(client, home_page):
    header = client.get("/")["Permissions-Policy"]

    assert "camera=()" in header
    assert "geolocation=()" in header
    assert "microphone=()" in header
