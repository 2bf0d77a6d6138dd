"""The admin's revision comparison shows choices by their label and tables as text."""

from wagtail.admin.compare import StreamFieldComparison

import pytest

from wiki.models import TopicPage

TABLE_A = {"data": [["Haus", "Scanner"], ["Archiv", "2"]], "first_row_is_table_header": True}
TABLE_B = {"data": [["Haus", "Scanner"], ["Archiv", "3"]], "first_row_is_table_header": True}


def compare(body_a, change, make_topic):
    """Page A with `body_a`, page B the same blocks (same ids) after `change(first block)`."""
    page_a = make_topic(body=body_a)
    page_a = TopicPage.objects.get(pk=page_a.pk)
    page_b = TopicPage.objects.get(pk=page_a.pk)
    change(page_b.body[0])
    field = TopicPage._meta.get_field("body")
    return StreamFieldComparison(field, page_a, page_b)


@pytest.mark.django_db
def test_heading_level_is_compared_by_its_label(make_topic):
    comparison = compare(
        [("heading", {"text": "Dienste", "level": "h2"})],
        lambda block: block.value.__setitem__("level", "h3"),
        make_topic,
    )

    html = str(comparison.htmldiff())

    assert (
        '<dd>Überschrift <span class="deletion">2</span><span class="addition">3</span></dd>'
        in html
    )
    assert "h2" not in html


@pytest.mark.django_db
def test_table_is_compared_as_cell_text(make_topic):
    comparison = compare(
        [("table", TABLE_A)], lambda block: setattr(block, "value", TABLE_B), make_topic
    )

    html = str(comparison.htmldiff())

    assert "Archiv | " in html
    assert "first_row_is_table_header" not in html
    assert "{" not in html
