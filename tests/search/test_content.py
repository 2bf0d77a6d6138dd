"""What the site's blocks contribute to the search index."""

import pytest

from home.blocks import HeadingBlock
from search import services
from tests.factories import TopicPageFactory
from wiki.blocks import TopicHeadingBlock

from .conftest import whoosh_only


@pytest.mark.parametrize("block_class", [HeadingBlock, TopicHeadingBlock])
def test_heading_block_contributes_only_its_text(block_class):
    block = block_class()
    value = block.to_python({"text": "Geteilte Dienste", "level": "h3"})

    assert block.get_searchable_content(value) == ["Geteilte Dienste"]


@whoosh_only
def test_topic_page_snippet_shows_the_heading_without_its_level(corpus, indexing):
    with indexing():
        page = TopicPageFactory(
            parent=corpus["topic"].get_parent(),
            title="Depotplanung",
            slug="depotplanung",
            summary="Planung für das Depot.",
            body=[
                ("heading", {"text": "Klimatisierte Magazine", "level": "h2"}),
                ("paragraph", "<p>Regale aus Stahl.</p>"),
            ],
        )

    outcome = services.search_site("Magazine")
    (result,) = outcome.page.object_list

    assert result.url == page.url
    assert "Überschrift" not in str(result.snippet)
    assert "<mark>Magazine</mark>" in str(result.snippet)
    assert services.search_site("Überschrift").total == 0
