"""Production settings: refuse to start without secrets, pass `check --deploy` cleanly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_refuses_to_start_naming_the_variable():
    result = run_manage("check", env_overrides={"DJANGO_ALLOWED_HOSTS": "example.org"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "nicht gesetzt" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start():
    result = run_manage("check", env_overrides={"DJANGO_SECRET_KEY": "x" * 60})

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


@pytest.mark.slow  # manage.py check --deploy in a process of its own
def test_production_check_deploy_has_no_warnings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SECRET_KEY": "kR7#pQ2v!Lm9zX4tB8wN1sD6fG3hJ0yU5eA-cV_bT2nM8qW4rE",
            "DJANGO_ALLOWED_HOSTS": "kooperationsraum.example.org",
            "DJANGO_VAR_DIR": str(tmp_path),
            "REDIS_URL": "redis://127.0.0.1:6379/1",
        },
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PRODUCTION = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "example.org"}


@pytest.mark.slow  # manage.py check --deploy in a process of its own
def test_production_without_redis_shares_a_file_cache_and_the_deploy_check_says_so(tmp_path):
    """Issue 11, L5: without REDIS_URL every process counted its own limits. The processes now
    share a file cache under DJANGO_VAR_DIR (DESIGN.md's production-like run names no REDIS_URL
    and must start), and the deploy check warns."""
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'], "
        "settings.CACHES['default']['LOCATION'])",
        env_overrides={**PRODUCTION, "DJANGO_VAR_DIR": str(tmp_path)},
    )
    check = run_manage(
        "check", "--deploy", env_overrides={**PRODUCTION, "DJANGO_VAR_DIR": str(tmp_path)}
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.core.cache.backends.filebased.FileBasedCache",
        str(tmp_path / "cache"),
    ]
    assert "kooperationsraum.W002" in check.stdout + check.stderr


@pytest.mark.slow  # manage.py check --deploy in a process of its own
def test_production_in_one_process_starts_and_the_deploy_check_says_so(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        env_overrides={
            **PRODUCTION,
            "DJANGO_SINGLE_PROCESS": "true",
            "DJANGO_VAR_DIR": str(tmp_path),
        },
    )

    assert result.returncode == 0, result.stderr
    assert "kooperationsraum.W001" in result.stdout + result.stderr


def test_deploy_check_reports_a_per_process_cache(settings):
    from home.checks import shared_cache_check

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    assert [message.id for message in shared_cache_check()] == ["kooperationsraum.E001"]
    settings.SINGLE_PROCESS = True
    assert [message.id for message in shared_cache_check()] == ["kooperationsraum.W001"]
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "x"}}
    assert shared_cache_check() == []
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "x",
        }
    }
    assert [message.id for message in shared_cache_check()] == ["kooperationsraum.W002"]
