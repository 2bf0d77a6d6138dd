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


PLACES = {
    "venue": "Die Tagung findet im Zuse-Institut statt",
    "place": "Anreise zum Zuse-Institut in Dahlem",
    "program": "Programm der Konferenz",
    "workshop": "Workshop zur Langzeitarchivierung",
}


def test_a_question_also_finds_what_its_best_answer_is_about_below_it(titled_threads):
    # Pseudo-relevance feedback: the direct hit names the place; the page about the place
    # shares no word with the question.
    threads = titled_threads(PLACES)
    assert search_threads("Wo findet die Tagung statt?", threads, "or") == ["venue", "place"]


def test_a_query_that_is_no_question_is_not_expanded(titled_threads):
    threads = titled_threads(PLACES)
    assert search_threads("Tagung stattfinden", threads, "or") == ["venue"]
    # All words must match: a question searched with "and" is not expanded either.
    assert search_threads("Wo findet die Tagung statt?", threads) == ["venue"]
