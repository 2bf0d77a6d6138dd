import pytest

from .factories import make_site_home


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, as `load_demo_data` sets it up."""
    return make_site_home()


@pytest.fixture(autouse=True)
def german_by_default():
    """Each test starts in German, as a visitor without a language prefix does."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()
