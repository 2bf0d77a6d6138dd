import re

import pytest

# Informal German address: du, dein*, dich, dir (any case, whole words).
INFORMAL = re.compile(r"\b(du|dein\w*|dich|dir)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts requests in the cache; each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def page_text(html):
    """The visible text of an HTML page: no scripts, styles or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def signup_data(**overrides):
    data = {
        "email": "neu@example.org",
        "display_name": "Nora Nachlass",
        "institution": "Stadtarchiv Beispielstadt",
        "password1": "Kooperation-2025!",
        "password2": "Kooperation-2025!",
        "privacy_accepted": "on",
        "website": "",
    }
    data.update(overrides)
    return data
