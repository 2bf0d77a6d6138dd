"""How the admin's revision comparison shows blocks whose stored value is no text.

Wagtail compares a block through `block.get_comparison_class()` when the block has one
(`wagtail.admin.compare.get_comparison_class_for_block`). A choice showed its stored value
("h2") and a table the raw dict of its data. `comparable(block, Comparison)` gives one block
instance its comparison class without changing the block's type (so no migration).
"""

from django.utils.encoding import force_str
from django.utils.html import escape, linebreaks

from wagtail.admin.compare import BlockComparison, diff_text


def comparable(block, comparison_class):
    block.get_comparison_class = lambda: comparison_class
    return block


class ChoiceLabelComparison(BlockComparison):
    """A choice by its label ("Überschrift 2"), not its stored value ("h2")."""

    def label(self, value):
        return force_str(dict(self.block.field.choices).get(value, value or ""))

    def htmlvalue(self, val):
        return escape(self.label(val))

    def htmldiff(self):
        return diff_text(self.label(self.val_a), self.label(self.val_b)).to_html()


def table_text(value):
    """A table's cells as text: cells separated by " | ", one row a line."""
    rows = (value or {}).get("data") or []
    return "\n".join(
        " | ".join(force_str(cell) if cell is not None else "" for cell in row) for row in rows
    )


class TableComparison(BlockComparison):
    """A table as its rows of cell text, not the dict TableBlock stores."""

    def htmlvalue(self, val):
        return linebreaks(escape(table_text(val)))

    def htmldiff(self):
        return diff_text(table_text(self.val_a), table_text(self.val_b)).to_html()
