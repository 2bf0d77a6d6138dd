"""The cached model permissions (home/auth_backends.py) expire after ten minutes at the latest."""

from django.core.cache import cache

from home import auth_backends
from tests.factories import UserFactory


def test_cached_permissions_live_ten_minutes(db, monkeypatch):
    user = UserFactory(email="anna@example.org")
    calls = []
    real_set = cache.set

    def recording_set(key, value, timeout=None, *args, **kwargs):
        calls.append((key, timeout))
        return real_set(key, value, timeout, *args, **kwargs)

    monkeypatch.setattr(auth_backends.cache, "set", recording_set)
    auth_backends.CachedPermissionsBackend().get_all_permissions(user)

    perm_calls = [timeout for key, timeout in calls if key.startswith("perms:")]
    assert perm_calls, calls
    assert all(timeout == 600 for timeout in perm_calls)
