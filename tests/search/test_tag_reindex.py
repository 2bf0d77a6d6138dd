"""A tag renamed or merged in the admin (home/tag_admin.py) is found under its new name at once:
the topic pages and questions it tags are reindexed through the task route
(search/tag_handlers.py), not only by the next `manage.py update_index` (issue 14, item 7)."""

from django.urls import reverse

from modelsearch.query import PlainText
from wagtail.search.backends import get_search_backend

import pytest
from taggit.models import Tag

from board.models import Thread
from home.roles import EDITORS, ensure_roles
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
    ask,
    make_site_home,
)
from wiki.models import TopicPage

pytestmark = pytest.mark.django_db


def found(model, text):
    return sorted(
        str(hit) for hit in get_search_backend().search(PlainText(text), model.objects.all())
    )


@pytest.fixture
def editor(db):
    user = UserFactory(is_staff=True, display_name="Rita Redaktion")
    user.groups.add(ensure_roles()[EDITORS])
    return user


@pytest.fixture
def tagged(indexing):
    """A topic page and a question tagged "Normdatenpflege", one question tagged "Kartierung",
    written to the index through the task route."""
    with indexing():
        home = make_site_home()
        topic = TopicPageFactory(parent=TopicIndexPageFactory(parent=home), title="Werkzeuge")
        topic.tags.add("Normdatenpflege")
        topic.save_revision().publish()
        edition = EventPageFactory(parent=EventIndexPageFactory(parent=home), slug="2025")
        author = UserFactory()
        ask(edition, author, title="Wer pflegt die Daten im Verbund?", tags=["Normdatenpflege"])
        ask(edition, author, title="Wie zeichnen Sie alte Pläne nach?", tags=["Kartierung"])
    return topic


def test_renamed_tag_is_found_under_its_new_name(client, tagged, editor, indexing):
    tag = Tag.objects.get(name="Normdatenpflege")
    client.force_login(editor)
    assert (found(TopicPage, "Ortsregister"), found(Thread, "Ortsregister")) == ([], [])

    with indexing():
        response = client.post(
            reverse("tags:edit", args=[tag.pk]), {"name": "Ortsregister", "slug": "ortsregister"}
        )

    assert response.status_code == 302
    assert found(TopicPage, "Ortsregister") == ["Werkzeuge"]
    assert found(Thread, "Ortsregister") == ["Wer pflegt die Daten im Verbund?"]


def test_merged_tag_brings_its_questions_to_the_target_name(client, tagged, editor, indexing):
    source = Tag.objects.get(name="Kartierung")
    target = Tag.objects.get(name="Normdatenpflege")
    client.force_login(editor)
    assert found(Thread, "Normdatenpflege") == ["Wer pflegt die Daten im Verbund?"]

    with indexing():
        response = client.post(reverse("tags:merge", args=[source.pk]), {"target": target.pk})

    assert response.status_code == 302
    assert found(Thread, "Normdatenpflege") == [
        "Wer pflegt die Daten im Verbund?",
        "Wie zeichnen Sie alte Pläne nach?",
    ]
    assert found(Thread, "Kartierung") == []
