"""Per-document language: English pages are analysed as English, everything else as German.

The words used here are ones the German stemmer does not join ("library"/"libraries",
"study"/"studies", "digitising"/"digitised") and that no compound or typo expansion reaches, so
they are found only if English pages are stemmed as English.
"""

from wagtail.models import Page

import pytest

from search.backends import analysis
from tests.factories import TopicPageFactory

from .conftest import whoosh_only
from .test_page import result_urls

pytestmark = whoosh_only


def test_the_german_stemmer_alone_does_not_join_the_english_forms_used_here():
    for a, b in [("library", "libraries"), ("study", "studies"), ("digitising", "digitised")]:
        assert analysis.stem(a, "de") != analysis.stem(b, "de")
        assert analysis.stem(a, "en") == analysis.stem(b, "en")


@pytest.fixture
def bilingual(corpus, indexing):
    """The corpus plus an English translation of a topic page and a German topic page."""
    with indexing():
        english = corpus["topic"].copy_for_translation(corpus["en"], copy_parents=True)
        english.title = "Sharing libraries"
        english.slug = "sharing-libraries"
        english.summary = (
            "Small libraries share their scanners. Two studies on archiving: "
            "the archive digitised its photographs."
        )
        english.save_revision().publish()
        german = TopicPageFactory(
            parent=corpus["topic"].get_parent(),
            title="Sammlung im Depot",
            slug="sammlung",
            summary="Die Sammlung wird erschlossen.",
        )
    return {**corpus, "english": Page.objects.get(pk=english.pk).specific, "german": german}


def _backend(**options):
    from wagtail.search.backends import get_search_backend

    return get_search_backend("default", **options)


def _titles(results):
    return {obj.title for obj in results}


def _search(text, locale_code, operator="and", **options):
    from wagtail.models import Locale

    queryset = Page.objects.live().filter(locale=Locale.objects.get(language_code=locale_code))
    return _titles(_backend(**options).search(text, queryset, operator=operator))


@pytest.mark.parametrize("query", ["library", "study", "digitising", "archives", "archive"])
def test_english_pages_are_stemmed_as_english(bilingual, query):
    assert "Sharing libraries" in _search(query, "en", TYPO_TOLERANCE=False)


def test_german_pages_keep_german_stemming(bilingual):
    assert "Sammlung im Depot" in _search("Sammlungen", "de", TYPO_TOLERANCE=False)
    assert "Förderung und Finanzierung" in _search("Förderungen", "de", TYPO_TOLERANCE=False)


def test_english_stems_do_not_make_german_pages_match(bilingual):
    # "libraries" is no German word: no German page has it in any form.
    assert _search("libraries", "de", TYPO_TOLERANCE=False) == set()


def test_phrases_use_the_document_language(bilingual):
    from modelsearch.query import Phrase

    assert "Sharing libraries" in _search(Phrase("small library"), "en")
    assert "Sharing libraries" in _search(Phrase("two study"), "en")
    assert "Sharing libraries" not in _search(Phrase("library small"), "en")


def test_english_stop_words_are_ignored_next_to_the_german_ones(bilingual, client):
    response = client.get("/en/search/", {"q": "How do the libraries share their scanners?"})

    assert result_urls(response) == [bilingual["english"].url]


def test_english_search_page_finds_and_marks_english_forms(bilingual, client):
    response = client.get("/en/search/", {"q": "library studies"})

    assert "<mark>libraries</mark>" in response.text
    assert "<mark>studies</mark>" in response.text


def test_german_search_page_marks_german_forms(bilingual, client):
    response = client.get("/suche/", {"q": "Sammlungen"})

    assert "<mark>Sammlung</mark>" in response.text


def test_highlight_stems_in_the_given_language(bilingual):
    backend = _backend()
    english = backend.highlight("Two studies on libraries.", "library study", language="en")
    german = backend.highlight("Two studies on libraries.", "library study", language="de")

    assert str(english) == "Two <mark>studies</mark> on <mark>libraries</mark>."
    assert "<mark>" not in str(german)


def test_snippet_of_a_result_uses_its_language(bilingual):
    results = _backend().search("library", Page.objects.live().filter(pk=bilingual["english"].pk))
    (page,) = list(results)

    assert "<mark>libraries</mark>" in str(results.snippet(page))


def test_document_language_comes_from_the_locale(bilingual):
    backend = _backend()

    assert backend.document_language(bilingual["english"]) == "en"
    assert backend.document_language(bilingual["german"]) == "de"
    assert backend.document_language(bilingual["thread"]) == "de"


def test_snippets_of_a_search_need_no_query_per_result(bilingual, django_assert_max_num_queries):
    from search.backends.whoosh.schema import forget_locale_languages

    forget_locale_languages()
    pages = list(Page.objects.live().filter(pk__in=[bilingual["english"].pk]).specific())
    backend = _backend()
    with django_assert_max_num_queries(1):
        for _ in range(3):
            for page in pages:
                # What the search page does for each result (search.services.load_results).
                language = backend.document_language(page)
                backend.highlight("libraries", "library", language=language)


# --- a backend with LANGUAGE "en": expansions stay precise ------------------------------------


@pytest.fixture
def english_backend(corpus, tmp_path):
    """A backend configured for English, holding the corpus's questions and a few English ones."""
    from board.models import Thread
    from tests.factories import ask

    for title in [
        "Digitising photographs of the collection",
        "Sharing scanners between libraries",
        "Artificial intelligence for catalogues",
        "Newspapers and their archives",
    ]:
        ask(corpus["e2025"], corpus["anna"], title=title, body="Text")
    backend = _backend(PATH=str(tmp_path / "index"), LANGUAGE="en")
    backend.store.reset()
    backend.get_index_for_model(Thread).add_items(Thread, list(Thread.objects.all()))
    return backend


def _thread_titles(backend, text, operator=None):
    from board.models import Thread

    return _titles(backend.search(text, Thread.objects.all(), operator=operator))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("photograph", {"Digitising photographs of the collection"}),
        ("photgraphs", {"Digitising photographs of the collection"}),  # a typo
        ("digitised", {"Digitising photographs of the collection"}),
        ("library", {"Sharing scanners between libraries"}),
        ("archive", {"Newspapers and their archives"}),
        ("AI", {"Artificial intelligence for catalogues"}),  # the glossary's synonym
        ("intelligence", {"Artificial intelligence for catalogues"}),
        ("the collection", {"Digitising photographs of the collection"}),
        ("xyzzyqwv", set()),
        ("the", set()),  # a stop word alone matches only a title that is exactly it
    ],
)
def test_english_backend_matches_exactly_what_contains_the_words(english_backend, text, expected):
    assert _thread_titles(english_backend, text) == expected
    assert _thread_titles(english_backend, text, operator="and") == expected


def test_english_backend_finds_the_german_scanner_questions_by_the_shared_word(english_backend):
    assert _thread_titles(english_backend, "scanners") == {
        "Sharing scanners between libraries",
        "Welche Scanner teilen kleine Museen?",
        "Wie gelingt Kooperation bei der Digitalisierung?",  # tagged "Scanner"
    }


def test_a_changed_locale_is_looked_up_again(bilingual):
    from wagtail.models import Locale

    from search.backends.whoosh.schema import document_language, forget_locale_languages

    english = bilingual["english"]
    page = Page.objects.get(pk=english.pk)  # locale not loaded: the code comes from the cache
    assert document_language(page) == "en"
    locale = Locale.objects.get(pk=english.locale_id)
    try:
        locale.language_code = "fr"
        locale.save()
        assert document_language(page) is None
    finally:
        forget_locale_languages()  # the rollback sends no signal
