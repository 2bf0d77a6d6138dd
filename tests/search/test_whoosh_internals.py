"""The Whoosh internals the backend relies on are still there (``whoosh/internals.py``).

If one of these fails after a Whoosh upgrade, read the listed Whoosh code again, adapt the
module named in the message, and raise ``internals.CHECKED_VERSION``.
"""

from whoosh import query as wq
from whoosh.writing import SegmentWriter

from search.backends.whoosh import internals


def test_the_installed_whoosh_is_the_version_the_internals_were_checked_against():
    assert internals.installed_version() == internals.CHECKED_VERSION, (
        f"{internals.DISTRIBUTION} {internals.installed_version()} is installed; the internals "
        f"in search/backends/whoosh/internals.py were checked against {internals.CHECKED_VERSION}"
    )


def test_every_listed_internal_exists_in_the_installed_whoosh():
    assert internals.problems() == []


def test_a_missing_internal_is_reported(monkeypatch):
    monkeypatch.delattr(wq.Or, "ARRAY_MATCHER")

    assert internals.problems() == ["whoosh.query.Or.ARRAY_MATCHER (querying.ArrayOr)"]


def test_an_internal_the_check_itself_needs_is_reported(monkeypatch):
    monkeypatch.delattr(SegmentWriter, "_check_state")

    found = internals.problems()

    assert found[0].startswith("writing and reading a test index failed: AttributeError")
    assert "whoosh.writing.SegmentWriter._check_state (writing.BulkWriter.add_document)" in found
