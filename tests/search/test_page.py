"""The search page, autocomplete, 'Ähnliche Fragen' and the admin search.

Backend-independent unless marked ``whoosh_only``: `SEARCH_BACKEND=database` runs them on
modelsearch's database backend (PostgreSQL full-text search in CI).
"""

import datetime
import logging
import re
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

import pytest

from search import services
from search.query import MAX_CHARS, MAX_TERMS, MAX_WORD_CHARS, parse
from tests.factories import TopicPageFactory, UserFactory, ask, reply

from .conftest import whoosh_only
from .hard_queries import BAD_INPUT, EXPENSIVE_QUERIES

SEARCH_URL = "/suche/"


def result_urls(response):
    """The links of the result list (not those of a question's related results below it)."""
    listed = response.text.partition('<section class="search-related"')[0]
    return re.findall(r'class="search-result__title"><a href="([^"]+)"', listed)


def result_kinds(response):
    return re.findall(r'class="search-result search-result--(\w+)"', response.text)


def summary(response):
    match = re.search(r'id="search-summary">(.*?)</p>', response.text, re.S)
    return " ".join(match.group(1).split()) if match else None


# --- the page -------------------------------------------------------------------------------


def test_search_url_names_resolve_in_both_languages():
    from django.utils import translation

    assert reverse("search") == "/suche/"
    with translation.override("en"):
        assert reverse("search") == "/en/search/"
        assert reverse("search_autocomplete").startswith("/en/search/")


def test_search_page_without_query_is_indexable_and_shows_the_form(client, clean_index):
    response = client.get(SEARCH_URL)

    assert response.status_code == 200
    assert 'name="robots"' not in response.text
    assert 'id="search-page-input"' in response.text
    assert "no-store" not in response.get("Cache-Control", "")


def test_search_with_query_is_noindex_and_never_cached(client, corpus):
    response = client.get(SEARCH_URL, {"q": "Kooperation"})

    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in response.text
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_results_page_sends_no_indentation_and_keeps_the_words_apart(client, corpus):
    response = client.get(SEARCH_URL, {"q": "Kooperation"})

    main = response.text.split('<div class="container search">', 1)[1].split("</main>", 1)[0]
    main = main.rsplit("</div>", 1)[0]  # the page's content, without base.html's frame
    assert re.search(r"\n[ \t]", main) is None  # no indentation, no blank lines in the content
    assert "\n\n" not in main
    # Words in separate elements stay apart (a line break between the tags), so browsers and
    # screen readers read the same text as before.
    assert re.search(r'search-result__kind">[^<]+</span>\n<span>20\d\d</span>', main)
    assert summary(response).endswith("Treffer für „Kooperation“")


def test_one_result_list_covers_every_visible_type(client, corpus):
    response = client.get(SEARCH_URL, {"q": "Kooperation"})

    assert sorted(set(result_kinds(response))) == ["edition", "page", "thread", "topic"]
    urls = result_urls(response)
    assert corpus["topic"].url in urls
    assert corpus["standard"].url in urls
    assert corpus["e2025"].url in urls
    assert corpus["thread"].get_absolute_url() in urls
    # The matching reply is linked from its question's result (one hit per conversation).
    assert f'href="{corpus["answer"].get_absolute_url()}"' in response.text
    assert corpus["old_thread"].get_absolute_url() in urls


def test_only_live_public_pages_and_visible_posts_are_found(client, corpus):
    # "Zwergpinguin" only occurs in a draft, a private page, a hidden question and a pending reply.
    response = client.get(SEARCH_URL, {"q": "Zwergpinguin"})

    assert response.status_code == 200
    assert result_urls(response) == []
    assert summary(response) == "0 Treffer für „Zwergpinguin“"
    assert "Zu „Zwergpinguin“ wurde nichts gefunden." in response.text


def test_question_text_finds_its_thread(client, corpus):
    # Only in the reply: its conversation is the result, linking the reply (issue 12, item 1).
    response = client.get(SEARCH_URL, {"q": "Landesstelle"})
    assert result_urls(response) == [corpus["thread"].get_absolute_url()]
    assert f'href="{corpus["answer"].get_absolute_url()}"' in response.text

    response = client.get(SEARCH_URL, {"q": "Partner Scanner"})  # the question's text
    assert result_urls(response) == [corpus["thread"].get_absolute_url()]


PARTIAL_NOTE = "Kein Treffer enthält alle Wörter"


def test_a_question_no_result_has_all_words_of_shows_results_with_some(client, corpus):
    # "eignen" is in no text: the question shows what has its other words, marked as such.
    response = client.get(SEARCH_URL, {"q": "Welche Scanner eignen sich für Museen?"})
    assert PARTIAL_NOTE in response.text
    assert corpus["old_thread"].get_absolute_url() in result_urls(response)

    # Words that are no question keep "all words must match".
    response = client.get(SEARCH_URL, {"q": "Scanner eignen Museen"})
    assert result_urls(response) == []
    assert PARTIAL_NOTE not in response.text


def test_english_search_lists_pages_of_the_english_locale_only(client, corpus, indexing):
    from wagtail.models import Page

    german_topic = corpus["topic"]
    with indexing():
        english = german_topic.copy_for_translation(corpus["en"], copy_parents=True)
        english.title = "Funding and finance"
        english.summary = "Funding programmes for cooperation."
        english.slug = "funding"
        english.save_revision().publish()

    german = client.get(SEARCH_URL, {"q": "Finanzierung"})
    english_response = client.get("/en/search/", {"q": "Funding"})

    assert result_urls(german) == [german_topic.url]
    assert Page.objects.get(pk=english.pk).url in result_urls(english_response)
    assert german_topic.url not in result_urls(english_response)


def other_language_offer(response):
    match = re.search(r'class="search-note search-other-language">(.*?)</p>', response.text, re.S)
    return " ".join(match.group(1).split()) if match else None


def test_english_search_offers_the_same_search_in_german_where_only_german_pages_match(
    client, corpus
):
    # "Finanzierung" is in a German topic page only; the English search lists English pages.
    english = client.get("/en/search/", {"q": "Finanzierung"})
    german = client.get(SEARCH_URL, {"q": "Finanzierung"})

    assert result_urls(english) == []
    assert other_language_offer(english) == (
        '1 page in German contains all the words: <a href="/suche/?q=Finanzierung" '
        'hreflang="de">the same search in German</a>'
    )
    assert result_urls(german) == [corpus["topic"].url]
    assert other_language_offer(german) is None


def test_german_search_offers_the_english_pages_that_have_all_the_words(client, corpus, indexing):
    with indexing():
        english = corpus["topic"].copy_for_translation(corpus["en"], copy_parents=True)
        english.title = "Funding and finance"
        english.slug = "funding"
        english.save_revision().publish()

    response = client.get(SEARCH_URL, {"q": "finance"})

    assert result_urls(response) == []
    assert other_language_offer(response) == (
        '1 Seite auf Englisch enthält alle Wörter: <a href="/en/search/?q=finance" '
        'hreflang="en">dieselbe Suche auf Englisch</a>'
    )


def test_facets_count_by_type_year_tag_and_phase(client, corpus):
    outcome = services.search_site("Kooperation")
    counts = {facet: {v.value: v.count for v in values} for facet, values in outcome.facets.items()}

    assert counts["typ"] == {"topic": 2, "edition": 2, "page": 1, "thread": 2}
    # Editions and conversations (a question and its replies count once).
    assert counts["jahr"] == {"2025": 2, "2024": 2}
    assert counts["schlagwort"] == {"förderung": 1, "scanner": 1}
    assert set(counts["phase"]) <= {"vorab", "live", "nachlese"}
    assert sum(counts["phase"].values()) == 2  # conversations, not posts


def test_facet_filter_restricts_results_and_links_toggle(client, corpus):
    response = client.get(SEARCH_URL, {"q": "Kooperation", "typ": "thread"})

    assert sorted(result_urls(response)) == sorted(
        [corpus["thread"].get_absolute_url(), corpus["old_thread"].get_absolute_url()]
    )
    # The selected value is marked and its link removes the filter.
    selected = re.search(r'data-facet="typ" data-value="thread" aria-current="true"', response.text)
    assert selected is not None
    assert 'href="?q=Kooperation"' in response.text

    by_year = client.get(SEARCH_URL, {"q": "Kooperation", "typ": "thread", "jahr": "2024"})
    assert result_urls(by_year) == [corpus["old_thread"].get_absolute_url()]

    by_tag = client.get(SEARCH_URL, {"q": "Kooperation", "schlagwort": "förderung"})
    assert result_urls(by_tag) == [corpus["topic"].url]


def test_invalid_facet_values_are_ignored(client, corpus):
    response = client.get(
        SEARCH_URL, {"q": "Kooperation", "typ": "user", "jahr": "x'; DROP", "phase": "<b>"}
    )

    assert response.status_code == 200
    assert len(result_urls(response)) == 7


def moment(hit):
    """A hit's date as a moment (a day from its start, in UTC); without a date: the oldest."""
    date = hit.date
    if date is None:
        return datetime.datetime.min.replace(tzinfo=datetime.UTC)
    if not isinstance(date, datetime.datetime):
        return datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.UTC)
    return date


def test_sort_by_newest_orders_by_date(client, corpus):
    outcome = services.search_site("Kooperation", sort="neueste")
    dates = [moment(hit) for hit in outcome.hits]

    assert dates == sorted(dates, reverse=True)
    response = client.get(SEARCH_URL, {"q": "Kooperation", "sortierung": "neueste"})
    assert '<span class="search-sort__current" aria-current="true">Neueste zuerst</span>' in (
        response.text
    )


def test_phrase_search_needs_the_words_in_order(client, corpus):
    phrase = client.get(SEARCH_URL, {"q": '"offene Daten"'})
    reversed_phrase = client.get(SEARCH_URL, {"q": '"Daten offene"'})

    assert corpus["lizenzen"].url in result_urls(phrase)
    assert corpus["thread"].get_absolute_url() in result_urls(phrase)
    assert result_urls(reversed_phrase) == []


def test_minus_excludes_a_word(client, corpus):
    with_scanner = client.get(SEARCH_URL, {"q": "Kooperation Scanner"})
    without = client.get(SEARCH_URL, {"q": "Kooperation -Scanner"})

    assert corpus["old_thread"].get_absolute_url() in result_urls(with_scanner)
    assert corpus["old_thread"].get_absolute_url() not in result_urls(without)
    assert corpus["thread"].get_absolute_url() not in result_urls(without)
    assert corpus["topic"].url in result_urls(without)


def test_pagination_splits_results_and_tolerates_bad_page_numbers(client, corpus, indexing):
    with indexing():
        for number in range(12):
            ask(corpus["e2025"], UserFactory(), title=f"Seitenzahl Frage {number}", body="Text")

    first = client.get(SEARCH_URL, {"q": "Seitenzahl"})
    second = client.get(SEARCH_URL, {"q": "Seitenzahl", "seite": "2"})
    beyond = client.get(SEARCH_URL, {"q": "Seitenzahl", "seite": "999"})
    garbage = client.get(SEARCH_URL, {"q": "Seitenzahl", "seite": "-1'"})

    assert len(result_urls(first)) == 10
    assert len(result_urls(second)) == 2
    assert set(result_urls(first)).isdisjoint(result_urls(second))
    assert result_urls(beyond) == result_urls(second)
    assert result_urls(garbage) == result_urls(first)
    assert "Seite 1 von 2" in first.text
    assert 'href="?q=Seitenzahl&amp;seite=2" rel="next"' in first.text


def test_search_page_queries_do_not_grow_with_results(
    client, corpus, indexing, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        client.get(SEARCH_URL, {"q": "Seitenzahl"})  # no hit
    with indexing():
        for number in range(10):
            thread = ask(corpus["e2025"], UserFactory(), title=f"Seitenzahl {number}", body="x")
            thread.tags.add(f"tag{number}")
            reply(thread, UserFactory(), body=f"Seitenzahl Antwort {number}")
            TopicPageFactory(parent=corpus["topic"].get_parent(), summary=f"Seitenzahl {number}")
    with django_assert_max_num_queries(40) as captured:
        response = client.get(SEARCH_URL, {"q": "Seitenzahl"})
    # Ten topics and ten conversations (each reply is linked from its question's result).
    assert summary(response) == "20 Treffer für „Seitenzahl“"
    assert len(captured.captured_queries) < 40


def test_the_sites_are_read_once_for_a_page_of_topic_results(client, corpus, indexing, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with indexing():
        for number in range(6):
            TopicPageFactory(parent=corpus["topic"].get_parent(), summary=f"Wegweiser {number}")
    # Without a cache (as in bench/search.py) Wagtail reads the sites for every page address
    # it is not given a request to keep them on.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(SEARCH_URL, {"q": "Wegweiser"})

    assert summary(response) == "6 Treffer für „Wegweiser“"
    sites = [q["sql"] for q in captured.captured_queries if 'FROM "wagtailcore_site"' in q["sql"]]
    assert 0 < len(sites) <= 2


# --- bad input ---------------------------------------------------------------------------------


def test_bad_input_never_fails(client, corpus):
    # One corpus for all inputs (building it is the slow part); each input is checked on the
    # page, the autocomplete and the similar-questions endpoint. bench/search_bounds.py times
    # them.
    for text in BAD_INPUT:
        response = client.get(SEARCH_URL, {"q": text})
        autocomplete = client.get(reverse("search_autocomplete"), {"q": text})
        similar = client.get(reverse("search_similar"), {"q": text, "ausgabe": text[:5]})

        assert response.status_code == 200, repr(text[:30])
        assert "<script>alert" not in response.text
        assert "<img src=x" not in response.text
        assert autocomplete.status_code == 200, repr(text[:30])
        assert similar.status_code == 200, repr(text[:30])


def test_repeated_and_odd_parameters_are_harmless(client, corpus):
    response = client.get(
        SEARCH_URL + "?q=Kooperation&q=Scanner&seite=2&seite=x&sortierung=%00&typ=thread&typ=reply"
    )
    assert response.status_code == 200


def test_field_syntax_is_plain_text_and_reaches_no_private_field(client, corpus):
    # `visibility:hidden` must not find the hidden question; both words are ordinary text.
    response = client.get(SEARCH_URL, {"q": "visibility:hidden"})
    assert result_urls(response) == []
    parsed = parse("visibility:hidden author__email:anna@example.org")
    assert parsed.words == ["visibility", "hidden", "author__email", "anna", "example", "org"]


def test_long_query_is_cut_and_the_page_says_so(client, corpus):
    response = client.get(SEARCH_URL, {"q": "Kooperation " * 2000})

    assert response.status_code == 200
    assert "Ihre Suchanfrage war sehr lang." in response.text
    assert len(parse("Kooperation " * 2000).text) <= MAX_CHARS


def test_only_excluded_words_ask_for_a_search_term(client, corpus):
    response = client.get(SEARCH_URL, {"q": "-Kooperation"})

    assert "Bitte geben Sie mindestens einen Suchbegriff ein" in response.text
    assert result_urls(response) == []


def test_an_expensive_query_is_cut_to_a_bounded_size_and_answered(client, corpus):
    # Unknown words are the expensive case: near spellings are looked up in the vocabulary. The
    # work is bounded by the query's size (and a deadline, test_fast_paths_match_whoosh.py);
    # bench/search_bounds.py times these queries.
    for text in EXPENSIVE_QUERIES:
        response = client.get(SEARCH_URL, {"q": text})
        parsed = parse(text)

        assert response.status_code == 200, text[:40]
        assert len(parsed.text) <= MAX_CHARS
        assert len(parsed.words) <= MAX_TERMS
        assert all(len(word) <= MAX_WORD_CHARS for word in parsed.words)


# --- Whoosh: highlighting, suggestions, a broken index -----------------------------------------


@whoosh_only
def test_snippets_and_titles_highlight_the_words(client, corpus):
    response = client.get(SEARCH_URL, {"q": "Landesstelle"})

    assert "<mark>Landesstelle</mark>" in response.text
    assert "**" not in response.text.split('class="search-result__snippet"')[1][:300]


@whoosh_only
def test_highlight_escapes_html_from_the_content(client, corpus, indexing):
    with indexing():
        ask(corpus["e2025"], corpus["anna"], title="Markierung <b>fett</b>", body="<i>Text</i>")

    response = client.get(SEARCH_URL, {"q": "Markierung"})

    assert "<mark>Markierung</mark> &lt;b&gt;fett&lt;/b&gt;" in response.text


@whoosh_only
def test_did_you_mean_offers_the_umlaut_spelling(client, corpus):
    response = client.get(SEARCH_URL, {"q": "Förderng"})

    match = re.search(
        r'Meinten Sie <a href="([^"]+)" class="search-suggestion__link">(.*?)</a>', response.text
    )
    assert match is not None
    assert match.group(2) == "Förderung"
    followed = client.get(SEARCH_URL + match.group(1).replace("&amp;", "&"))
    assert corpus["topic"].url in result_urls(followed)
    assert "Meinten Sie" not in followed.text


@whoosh_only
def test_correct_spelling_gets_no_suggestion(client, corpus):
    assert "Meinten Sie" not in client.get(SEARCH_URL, {"q": "Förderung"}).text
    assert "Meinten Sie" not in client.get(SEARCH_URL, {"q": "foerderung"}).text


def _index_path():
    return Path(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])


@whoosh_only
def test_missing_index_shows_a_german_message_logs_and_update_index_repairs(client, corpus, caplog):
    shutil.rmtree(_index_path())

    with caplog.at_level(logging.ERROR, logger="search.views"):
        response = client.get(SEARCH_URL, {"q": "Kooperation"})

    assert response.status_code == 503
    assert "Die Suche ist gerade nicht verfügbar." in response.text
    assert 'class="site-header"' in response.text  # the page layout, not an error page
    assert any(record.levelno == logging.ERROR for record in caplog.records)

    call_command("update_index", verbosity=0)
    repaired = client.get(SEARCH_URL, {"q": "Kooperation"})
    assert repaired.status_code == 200
    assert corpus["topic"].url in result_urls(repaired)


@whoosh_only
@pytest.mark.parametrize("damage", ["segments", "toc", "meta", "link"])
def test_corrupt_index_shows_a_german_message_and_update_index_repairs(
    client, corpus, caplog, damage
):
    current = _index_path() / "current"
    directory = current.resolve()
    if damage == "segments":
        for path in directory.glob("*.seg"):
            path.write_bytes(b"\x00garbage" * 10)
    elif damage == "toc":
        for path in directory.glob("_MAIN_*.toc"):
            path.write_bytes(b"not a toc")
    elif damage == "meta":
        (directory / "meta.json").write_text("{broken", encoding="utf-8")
    else:
        current.unlink()
        current.write_text("not a link", encoding="utf-8")

    with caplog.at_level(logging.ERROR, logger="search.views"):
        response = client.get(SEARCH_URL, {"q": "Kooperation"})
        autocomplete = client.get(reverse("search_autocomplete"), {"q": "Koop"})

    assert response.status_code in (200, 503)
    if response.status_code == 503:
        assert "Die Suche ist gerade nicht verfügbar." in response.text
        assert any(record.levelno == logging.ERROR for record in caplog.records)
    assert autocomplete.status_code in (200, 503)

    if damage == "link":
        current.unlink()
    call_command("update_index", verbosity=0)
    repaired = client.get(SEARCH_URL, {"q": "Kooperation"})
    assert repaired.status_code == 200
    assert corpus["topic"].url in result_urls(repaired)


# --- autocomplete, similar questions, admin --------------------------------------------------


def test_autocomplete_returns_visible_titles_as_json(client, corpus):
    response = client.get(reverse("search_autocomplete"), {"q": "Förd"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    titles = [item["title"] for item in response.json()["results"]]
    assert "Förderung und Finanzierung" in titles
    hidden = client.get(reverse("search_autocomplete"), {"q": "Zwergpin"}).json()["results"]
    assert hidden == []
    assert client.get(reverse("search_autocomplete"), {"q": "F"}).json() == {"results": []}


def test_similar_questions_lists_published_questions(client, corpus):
    response = client.get(
        reverse("search_similar"),
        {"q": "Welche Scanner nutzen Museen?", "ausgabe": str(corpus["e2025"].pk)},
    )

    data = response.json()
    assert data["heading"] == "Ähnliche Fragen"
    urls = [item["url"] for item in data["results"]]
    assert urls[0] == corpus["thread"].get_absolute_url()  # the chosen edition first
    assert corpus["old_thread"].get_absolute_url() in urls
    assert corpus["hidden"].get_absolute_url() not in urls


def test_similar_questions_service_excludes_a_thread(corpus):
    found = services.similar_questions(
        "Welche Scanner teilen Museen", exclude=corpus["old_thread"].pk
    )
    assert corpus["old_thread"] not in found


def test_admin_page_search_uses_the_same_backend(client, corpus):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    # "Förderprogramme" is only in the topic's summary: a title-only fallback would miss it.
    response = client.get("/admin/pages/search/", {"q": "Förderprogramme"})

    assert response.status_code == 200
    assert "Förderung und Finanzierung" in response.text


@whoosh_only
def test_english_page_gives_its_messages_in_english(client, corpus):
    excluded_only = client.get("/en/search/", {"q": "-archive"})
    long_query = client.get("/en/search/", {"q": "archive " * 2000})
    bad = [client.get("/en/search/", {"q": text}) for text in ("AND OR NOT", "\x00*", "title:x")]
    shutil.rmtree(_index_path())
    unavailable = client.get("/en/search/", {"q": "archive"})

    assert "Please enter at least one search term" in excluded_only.text
    assert "Your query was very long." in long_query.text
    assert [response.status_code for response in bad] == [200, 200, 200]
    assert unavailable.status_code == 503
    assert "Search is not available right now." in unavailable.text
    assert "Die Suche ist gerade nicht" not in unavailable.text


def test_results_come_before_the_filters_in_reading_order(client, corpus):
    # A phone (one column) shows the first hit without scrolling past every filter.
    html = client.get(SEARCH_URL, {"q": "Kooperation"}).text

    assert html.index('class="search-results__list"') < html.index('class="search-facets"')


def test_german_questions_on_the_english_page_are_marked_german(client, corpus):
    # Board posts record their language; English pages mark German titles and snippets (WCAG 3.1.2).
    german_html = client.get(SEARCH_URL, {"q": "Kooperation", "typ": "thread"}).text
    english_html = client.get("/en/search/", {"q": "Kooperation", "typ": "thread"}).text

    assert 'lang="de"' not in german_html.split('class="search-results__list"', 1)[1]
    results = english_html.split('class="search-results__list"', 1)[1]
    assert '<span lang="de">' in results
    assert '<p class="search-result__snippet" lang="de">' in results


@pytest.mark.parametrize("value", ["9223372036854775808", "%C2%B2"])
def test_similar_questions_ignore_a_bad_number(client, clean_index, value, caplog):
    """Issue 11, L3: "²" passed ``isdigit()`` and failed ``int()`` (logged as an error)."""
    response = client.get(f"{reverse('search_similar')}?q=Scanner&ausgabe={value}&ohne={value}")

    assert response.status_code == 200
    assert "Similar questions unavailable" not in caplog.text
