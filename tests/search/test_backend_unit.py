"""Tests of the Whoosh backend's analysis, robustness and German retrieval quality.

The analysis tests are plain functions. The backend checks and the retrieval evaluation need
indexed models; they run in subprocesses with their own throw-away Django configuration
(modelsearch's test app), so they depend neither on the project's settings nor on its apps.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from search.backends import analysis

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def run_script(name, *args):
    return subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(HERE / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Förderung", "foerderung"),
        ("FOERDERUNG", "foerderung"),
        ("Straße", "strasse"),
        ("Forderung", "forderung"),
        ("Café", "cafe"),
        ("Bu\u0308cher", "buecher"),  # decomposed umlaut
    ],
)
def test_fold_transliterates_umlauts_and_sharp_s(word, expected):
    assert analysis.fold(word) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Förderung", "Foerderungen"),
        ("Straße", "Strasse"),
        ("Bücher", "Buch"),
        ("Museen", "Museum"),
        ("Sammlungen", "Sammlung"),
        ("gestützte", "gestützt"),
    ],
)
def test_stem_joins_inflected_and_transliterated_forms(a, b):
    assert analysis.stem(a, "de") == analysis.stem(b, "de")


def test_exact_form_keeps_umlaut_distinct_from_plain_vowel():
    assert analysis.fold("Förderung") != analysis.fold("Forderung")


def test_tokenizer_splits_hyphenated_words_and_keeps_the_joined_form():
    tokens = [t.text for t in analysis.exact_analyzer()("KI-gestützte Erschließung")]
    assert tokens == ["kigestuetzte", "ki", "gestuetzte", "erschliessung"]


def test_query_words_keeps_acronyms_and_drops_stop_words():
    words = analysis.query_words("Wie hilft die KI bei der OCR und GND?", "de")
    assert words == ["hilft", "KI", "OCR", "GND"]


@pytest.mark.parametrize(
    "text",
    ["", "*", '"', "(", "title:x", "AND OR NOT", "\x00\x1b[0m", "x" * 10_000, "🙂"],
)
def test_query_words_accepts_any_input(text):
    words = analysis.query_words(text, "de")
    assert all(w.replace("_", "").isalnum() for w in words)


@pytest.mark.slow
def test_backend_checks_pass():
    result = run_script("backend_checks.py")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_german_collections_meet_quality_targets():
    result = run_script("eval_german.py", "--collection", "both", "--json", "--no-pg")
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    for name in ("project", "independent"):
        whoosh, fts5 = reports[name]["whoosh"], reports[name]["sqlite_fts5"]
        assert whoosh["recall@10"] >= 0.95, name
        assert whoosh["mrr"] >= 0.90, name
        assert whoosh["recall@10"] >= fts5["recall@10"] + 0.15, name
    # Every kind of the independent collection (written without reading the analyser).
    for kind, values in reports["independent"]["whoosh"]["kinds"].items():
        assert values["recall@10"] >= 0.85, kind
        assert values["mrr"] >= 0.85, kind


def _documents():
    from tests.search.german_collection import DOCUMENTS

    for n, (title, body) in enumerate(DOCUMENTS.values()):
        text = f"{title}\n{body}"
        yield {
            "id": f"doc:{n}",
            "pk": str(n),
            "ct": "app.model",
            "s_title": title,
            "x_title": title,
            "s_body": body,
            "x_body": body,
            "a_title": title,
            "rev": text,
        }


@pytest.mark.parametrize(("kind", "language"), [("exact", "de"), ("stem", "de"), ("stem", "en")])
def test_fast_field_indexing_matches_the_analyzers(kind, language):
    from whoosh import fields as wfields

    analyzer = analysis.exact_analyzer() if kind == "exact" else analysis.stem_analyzer(language)
    reference = wfields.TEXT(analyzer=analyzer, phrase=kind == "stem")
    fast = analysis.AnalysedText(kind, language)
    texts = [d["s_body"] + " " + d["s_title"] for d in _documents()]
    texts += ["KI-gestützte 3D‐Scans, Bu\u0308cher; a-b-c x--y -z- FOO_bar", ""]
    for text in texts:
        assert sorted(fast.index(text)) == sorted(reference.index(text))


def test_reversed_field_indexing_matches_the_analyzer():
    from whoosh import fields as wfields

    reference = wfields.TEXT(analyzer=analysis.reversed_analyzer(), phrase=False)
    fast = analysis.AnalysedText("reversed")
    for doc in _documents():
        assert sorted(fast.index(doc["rev"])) == sorted(reference.index(doc["rev"]))


def _postings(directory):
    """Every posting of the index in ``directory``: ``{(field, term): [(doc, weight, value,
    field length)]}``, plus the index's document count and field lengths."""
    from whoosh import index as windex

    found = {}
    with windex.open_dir(directory).reader() as reader:
        for fieldname, text in reader.all_terms():
            if fieldname == "id" and text.startswith(b"vocabulary:"):
                continue  # random names
            matcher = reader.postings(fieldname, text)
            rows = []
            while matcher.is_active():
                docnum = matcher.id()
                rows.append(
                    (
                        docnum,
                        matcher.weight(),
                        matcher.value(),
                        reader.doc_field_length(docnum, fieldname),
                    )
                )
                matcher.next()
            found[(fieldname, text)] = rows
        lengths = {name: reader.field_length(name) for name in reader.indexed_field_names()}
        return found, reader.doc_count_all(), lengths


def test_bulk_writer_writes_the_same_index_as_whoosh(tmp_path):
    from search.backends.whoosh import IndexStore
    from search.backends.whoosh.build import BuildWriter

    docs = list(_documents())
    built = {}
    for bulk in (True, False):
        store = IndexStore(str(tmp_path / f"bulk-{bulk}"), "de", lock_timeout=5)
        directory = store.start_build()
        writer = BuildWriter(store, directory, bulk=bulk)
        for start in range(0, len(docs), 7):
            writer.update_documents([dict(doc) for doc in docs[start : start + 7]])
        writer.commit()
        built[bulk] = _postings(directory)
    bulk_postings, bulk_count, bulk_lengths = built[True]
    plain_postings, plain_count, plain_lengths = built[False]
    assert bulk_count == plain_count
    assert bulk_lengths == plain_lengths
    assert bulk_postings.keys() == plain_postings.keys()
    assert bulk_postings == plain_postings
