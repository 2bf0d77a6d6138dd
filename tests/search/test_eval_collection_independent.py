"""The independent evaluation collection keeps its own rules (see its module docstring)."""

import re
from collections import Counter

import pytest

from .eval_collection_independent import DOCUMENTS, KINDS, QUERIES

DOCS_BY_ID = {doc["id"]: doc for doc in DOCUMENTS}


def _words(text, *, fold):
    """Whole words of ``text``; a hyphen belongs to the word ("Open-Access-Strategie").

    ``lower()``, not ``casefold()``: casefolding would turn "ß" into "ss" and so hide the
    transliteration the umlaut queries are about.
    """
    words = re.findall(r"[\w-]+", text)
    return [word.lower() for word in words] if fold else words


def _contains_exact(doc, query, *, fold):
    """Whether the document holds the query as typed: as a phrase, or every word of it."""
    text = f"{doc['title']}\n{doc['body']}"
    flags = re.IGNORECASE if fold else 0
    phrase = r"\s+".join(re.escape(word) for word in query.split())
    if re.search(rf"(?<![\w-]){phrase}(?![\w-])", text, flags):
        return True
    words = set(_words(text, fold=fold))
    return all(word in words for word in _words(query, fold=fold))


def test_sizes():
    assert len(DOCUMENTS) >= 150
    assert len(QUERIES) >= 60
    per_kind = Counter(query["kind"] for query in QUERIES)
    assert set(per_kind) == set(KINDS)
    assert min(per_kind.values()) >= 7, per_kind


def test_ids_are_unique_and_documents_have_text():
    assert len(DOCS_BY_ID) == len(DOCUMENTS)
    for doc in DOCUMENTS:
        assert doc["id"] and doc["title"].strip() and doc["body"].strip()


def test_queries_are_well_formed_and_unique():
    assert len({query["query"] for query in QUERIES}) == len(QUERIES)
    for query in QUERIES:
        assert query["kind"] in KINDS
        assert query["note"].strip()
        assert 1 <= len(query["relevant"]) <= 3
        assert len(set(query["relevant"])) == len(query["relevant"])


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query["query"])
def test_relevant_documents_exist_and_never_hold_the_query_as_typed(query):
    fold = query["kind"] != "case"
    for doc_id in query["relevant"]:
        assert doc_id in DOCS_BY_ID
        assert not _contains_exact(DOCS_BY_ID[doc_id], query["query"], fold=fold), doc_id


def test_no_document_at_all_holds_a_query_as_typed():
    """Stronger than the rule: no distractor holds the exact form either, so every document a
    search finds for a query was reached through another form of its words."""
    for query in QUERIES:
        fold = query["kind"] != "case"
        holding = [
            doc["id"] for doc in DOCUMENTS if _contains_exact(doc, query["query"], fold=fold)
        ]
        assert not holding, (query["query"], holding)


@pytest.mark.parametrize(
    "query", [q for q in QUERIES if q["kind"] == "case"], ids=lambda query: query["query"]
)
def test_case_queries_differ_from_their_documents_only_in_case(query):
    word = re.escape(query["query"])
    for doc_id in query["relevant"]:
        doc = DOCS_BY_ID[doc_id]
        text = f"{doc['title']}\n{doc['body']}"
        assert re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE), doc_id
