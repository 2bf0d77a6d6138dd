import pytest

from .factories import make_site_home


@pytest.fixture
def home_page(db):
    """A HomePage as the default site's root, as `load_demo_data` sets it up."""
    return make_site_home()
