"""Production settings: refuse to start without secrets, pass `check --deploy` cleanly."""

import os
import subprocess
import sys
from pathlib import Path

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
        },
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
