"""Natural-language questions: a document matching more of a question's words ranks before one
that matches a single word many times (coordination, for "any word" searches), and a word's
Latin singular or plural also finds compounds of it."""

import pytest

from .conftest import search_threads, whoosh_only

pytestmark = [whoosh_only]

TITLES = {
    "both": "Glasplatten im Magazin",
    "one": "Negative, Negative: nur Negative",
    "museum": "Verteilte Museumssammlungen erschließen",
    # Words of the question in other titles: "Glasplatten" and "Magazin" are frequent.
    "plates": "Glasplatten reinigen",
    "plates2": "Glasplatten scannen",
    "store": "Das Magazin umziehen",
    "store2": "Klima im Magazin",
}


@pytest.fixture
def threads(titled_threads):
    return titled_threads(TITLES)


def test_documents_matching_more_of_the_words_come_first(threads):
    order = search_threads("Wie lagert man Negative und Glasplatten im Magazin?", threads, "or")
    assert order[0] == "both", order


def test_a_latin_plural_finds_compounds_of_the_singular(threads):
    assert search_threads("Museen", threads) == ["museum"]
