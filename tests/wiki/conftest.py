import pytest

from home.roles import CHIEF_EDITORS, EDITORS, ensure_roles

from ..factories import TopicIndexPageFactory, TopicPageFactory, UserFactory


@pytest.fixture
def topic_index(home_page):
    return TopicIndexPageFactory(parent=home_page)


@pytest.fixture
def make_topic(topic_index):
    """Create a published topic page under the index; keyword arguments go to the factory."""

    def make(**kwargs):
        kwargs.setdefault("parent", topic_index)
        return TopicPageFactory(**kwargs)

    return make


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True, display_name="Rita Redaktion")
    user.groups.add(ensure_roles()[EDITORS])
    return user


@pytest.fixture
def chief_editor(db):
    user = UserFactory(is_staff=True, display_name="Charlotte Chefredaktion")
    user.groups.add(ensure_roles()[CHIEF_EDITORS])
    return user
