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


def test_backend_checks_pass():
    result = run_script("backend_checks.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_german_collection_meets_quality_targets():
    result = run_script("eval_german.py", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    whoosh, fts5 = report["whoosh"], report["sqlite_fts5"]
    assert whoosh["recall@10"] >= 0.85
    assert whoosh["mrr"] >= 0.75
    assert whoosh["recall@10"] >= fts5["recall@10"] + 0.15
