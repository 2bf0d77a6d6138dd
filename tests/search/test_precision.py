"""Every query word must match (issue 12, item 2): a word or one of its analysed forms (stem,
transliteration, synonym, correction of an unknown word); a compound part alone does not
satisfy an invented word; stop words do not match on their own; synonyms work both ways, also
for expressions of several words."""

import pytest

from .conftest import search_threads, whoosh_only

pytestmark = [whoosh_only]

TITLES = {
    "werkstatt": "Werkstatt für Quellen im Archiv",
    "kritik": "Quellenkritik in der Werkstatt",
    "ki": "KI in der Sammlungspraxis",
    "spelled": "Künstliche Intelligenz für Museen",
    "ocr": "OCR für Frakturschrift",
    "texterkennung": "Texterkennung alter Zeitungen",
    "lza": "LZA im Verbund",
    "langzeit": "Langzeitarchivierung von Forschungsdaten",
    "programm": "Tagung mit Programm",
    "die": "Die",
    "about": "Über uns",
}


@pytest.fixture
def threads(titled_threads):
    return titled_threads(TITLES)


def found(text, threads):
    return set(search_threads(text, threads))


def test_an_invented_compound_needs_all_its_parts(threads):
    # "Werkstatt" alone (one part) does not satisfy it; a question with every part does.
    assert found("Quellenkritikwerkstatt", threads) == {"kritik"}


def test_every_word_must_match(threads):
    assert found("Tagung Programm Workshop", threads) == set()
    assert found("Tagung Programm", threads) == {"programm"}


def test_stop_words_alone_match_only_a_title_that_is_exactly_them(threads):
    assert found("die", threads) == {"die"}
    assert found("über uns", threads) == {"about"}
    assert found("der", threads) == set()  # in many titles and every text, never on its own


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("KI", {"ki", "spelled"}),
        ("Künstliche Intelligenz", {"ki", "spelled"}),
        ("künstlicher Intelligenz", {"ki", "spelled"}),
        ("OCR", {"ocr", "texterkennung"}),
        ("Texterkennung", {"ocr", "texterkennung"}),
        ("LZA", {"lza", "langzeit"}),
        ("Langzeitarchivierung", {"lza", "langzeit"}),
        ("KI Sammlungspraxis", {"ki"}),
    ],
)
def test_synonyms_work_both_ways(threads, query, expected):
    assert found(query, threads) == expected
