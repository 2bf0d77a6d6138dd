"""Other German forms of a query word (search/backends/inflection.py); the backend keeps only
those whose stems occur in the index."""

import pytest

from search.backends.inflection import variants


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("globen", "globus"),  # Latin plural
        ("museum", "museen"),
        ("gremien", "gremium"),
        ("materialien", "material"),
        ("geschrieben", "schreiben"),  # strong verb, participle
        ("aufgeschrieben", "aufschreiben"),  # behind a separable prefix
        ("beschrieben", "beschreiben"),  # behind an inseparable one
        ("erschlossen", "erschliessung"),  # the noun of a strong verb
        ("digitalisiert", "digitalisieren"),  # weak verb
        ("gescannt", "scannen"),
        ("digitalisierung", "digitalisieren"),  # -ung
        ("erfassung", "erfassen"),
        ("verfuegbar", "verfuegbarkeit"),  # -keit
        ("sicherheit", "sicher"),
    ],
)
def test_variants_include_the_other_form(word, expected):
    assert expected in variants(word)


def test_short_words_get_no_variants():
    assert variants("ki") == ()
