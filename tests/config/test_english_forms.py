"""English done properly (issue 15): plural forms and one date format per kind in both languages."""

import datetime

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import ngettext

import pytest

from home.templatetags.site_tags import weekday_date

DAY = datetime.date(2025, 11, 13)


@pytest.mark.parametrize(("count", "expected"), [(0, "Replies"), (1, "Reply"), (7, "Replies")])
def test_reply_count_has_english_plural_forms(count, expected):
    with translation.override("en"):
        assert ngettext("Antwort", "Antworten", count) == expected


def test_thread_item_counts_in_english_plural():
    template = Template(
        "{% load i18n %}{% blocktranslate trimmed count counter=n %}Antwort{% plural %}"
        "Antworten{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert [template.render(Context({"n": n})) for n in (0, 1, 3)] == [
            "Replies",
            "Reply",
            "Replies",
        ]


@pytest.mark.parametrize(
    ("language", "date", "with_weekday"),
    [
        ("de", "13. November 2025", "Donnerstag, 13. November 2025"),
        ("en", "13 November 2025", "Thursday, 13 November 2025"),
    ],
)
def test_dates_follow_one_format_per_language(language, date, with_weekday):
    with translation.override(language):
        assert date_format(DAY, "DATE_FORMAT") == date
        assert weekday_date(DAY) == with_weekday
        assert (
            date_format(datetime.datetime(2025, 11, 13, 9, 30), "DATETIME_FORMAT")
            == f"{date}, 09:30"
        )
