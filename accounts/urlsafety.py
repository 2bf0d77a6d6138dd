"""Where a ``next`` parameter may send someone: the one check every view uses.

A ``next`` (or ``return_url``) from a request is followed only if it stays on this site
(Django's ``url_has_allowed_host_and_scheme`` with the request's host, HTTPS required when the
request came over HTTPS); anything else, ``//evil.example`` and ``https://evil.example``
included, falls back to a default.
"""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, candidate, default):
    """``candidate`` if it is a local address for this request, else ``default``."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
