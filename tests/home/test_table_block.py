"""The StreamField table renders its cells, header row and header column, escaped."""

from django.utils.html import escape

from home.blocks import content_blocks


def _render(table_value):
    block = dict(content_blocks())["table"]
    return block.render(block.to_python(table_value))


def _table(**options):
    return {
        "data": [
            ["Modell", "Träger", "Kosten"],
            ["Verbund", "Land", "geteilt"],
            ["Dienst", None, "<script>alert(1)</script>"],
        ],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Modelle im Vergleich",
        **options,
    }


def test_cells_header_and_caption_are_rendered():
    html = _render(_table())

    assert "<caption>Modelle im Vergleich</caption>" in html
    assert '<th scope="col">Träger</th>' in html
    assert "<td>Verbund</td>" in html and "<td>geteilt</td>" in html
    assert html.count("<tr>") == 3
    assert "None" not in html


def test_cell_text_is_escaped():
    html = _render(_table())

    assert "<script>" not in html
    assert escape("<script>alert(1)</script>") in html


def test_without_header_row_every_row_is_data_and_first_column_can_be_header():
    html = _render(_table(first_row_is_table_header=False, first_col_is_header=True))

    assert "<thead>" not in html
    assert '<th scope="row">Modell</th>' in html
    assert '<th scope="row">Dienst</th>' in html
    assert html.count("<tr>") == 3
