"""Natural-language questions: a document matching more of a question's words ranks before one
that matches a single word many times (coordination, for "any word" searches); a word's Latin
singular or plural also finds compounds of it; possessives, modal verbs and question adverbs are
stop words; a separable verb's particle at the end of a question joins its verb."""

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
    "register": "Anmeldung zum Workshop",
}


@pytest.fixture
def threads(titled_threads):
    return titled_threads(TITLES)


def test_documents_matching_more_of_the_words_come_first(threads):
    order = search_threads("Wie lagert man Negative und Glasplatten im Magazin?", threads, "or")
    assert order[0] == "both", order


def test_a_latin_plural_finds_compounds_of_the_singular(threads):
    assert search_threads("Museen", threads) == ["museum"]


def test_the_words_of_a_question_that_say_nothing_about_its_subject_need_not_match(threads):
    assert search_threads("Sollten wir unsere Glasplatten scannen?", threads) == ["plates2"]


def test_a_particle_ending_a_question_joins_its_verb(threads):
    assert search_threads("Wie melde ich mich zum Workshop an?", threads) == ["register"]
