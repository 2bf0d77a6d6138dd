"""Search fields that the search page relies on: titles, summaries, body text and tags."""

from wagtail.search import index

import pytest

from wiki.models import TopicIndexPage, TopicPage


def fields(model):
    return {
        (type(field).__name__, field.field_name): getattr(field, "boost", None)
        for field in model.get_search_fields()
    }


def test_topic_page_indexes_title_summary_body_and_tags_with_boosts():
    found = fields(TopicPage)

    assert found[("SearchField", "title")] == 2
    assert found[("SearchField", "summary")] == 2
    assert found[("SearchField", "body")] is None
    assert ("AutocompleteField", "title") in found
    tags = next(
        field
        for field in TopicPage.get_search_fields()
        if isinstance(field, index.RelatedFields) and field.field_name == "tags"
    )
    assert [(type(f).__name__, f.field_name, getattr(f, "boost", None)) for f in tags.fields] == [
        ("SearchField", "name", 3),
        ("FilterField", "slug", None),  # the search page's tag facet, answered by the index
    ]


def test_topic_index_indexes_its_intro():
    assert ("SearchField", "intro") in fields(TopicIndexPage)


@pytest.mark.django_db
def test_body_search_text_contains_headings_and_paragraphs():
    page = TopicPage(
        body=[
            ("heading", {"text": "Geteilte Speicher", "level": "h2"}),
            ("paragraph", "<p>Langzeitarchivierung im Verbund</p>"),
        ]
    )

    text = " ".join(str(part) for part in page.body.stream_block.get_searchable_content(page.body))

    assert "Geteilte Speicher" in text
    assert "Langzeitarchivierung im Verbund" in text
