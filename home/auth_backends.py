"""Django's model permissions of a person, cached between requests (issue 9, item 4).

Every page asks at least one model permission of a signed-in person (Wagtail's user bar asks
``wagtailadmin.access_admin``), and Django's ``ModelBackend`` answers with two queries per
request (the person's own and their groups' permissions). This backend keeps both sets in the
cache under the ``PERMISSIONS`` version (``home/versions.py``), which ``home/cache_signals.py``
bumps on commit when a group or permission changes, when someone joins or leaves a group or is
given a permission, and when an account is saved (superuser, active). It sets the same
per-request attributes as ``ModelBackend``, so the backends after it (``ModelBackend`` itself,
allauth's) find the answer and ask nothing. It signs nobody in: ``authenticate`` is left to the
backends after it.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from . import versions

# Ten minutes like the pages and fragments: should a process die between a commit and its
# version bump, a person removed from a group keeps their rights no longer than that.
TIMEOUT = 600


class CachedPermissionsBackend(ModelBackend):
    def authenticate(self, request, **credentials):
        return None

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        attribute = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attribute):
            self._load(user_obj)
        return getattr(user_obj, attribute)

    def _load(self, user_obj):
        """Both sets (the person's own and their groups' permissions) with the version they were
        read under, in one round trip to the cache: one entry per person, used while its version
        is the current one (read in the same round trip)."""
        key = f"perms:{user_obj.pk}"
        version_key = versions.PREFIX + versions.PERMISSIONS
        found = cache.get_many([version_key, key])
        version = found.get(version_key) or versions.get(versions.PERMISSIONS)[versions.PERMISSIONS]
        entry = found.get(key)
        if entry is None or entry[0] != version:
            # The version is read first: sets read while a change commits are kept under the
            # old version, which is no longer current once the change's bump lands.
            entry = (
                version,
                super()._get_permissions(user_obj, None, "user"),
                super()._get_permissions(user_obj, None, "group"),
            )
            cache.set(key, entry, TIMEOUT)
        user_obj._user_perm_cache, user_obj._group_perm_cache = entry[1], entry[2]
