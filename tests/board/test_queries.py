"""The board's read helpers (board/queries.py) prefetch what their templates read: the tag list
of each question item costs no query per question on the home and the edition page."""

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests.factories import ask


def _queries(template, **context):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as captured:
        Template("{% load board_tags %}" + template).render(
            Context({"request": request, **context})
        )
    return len(captured)


def test_latest_and_edition_questions_do_not_query_per_question(edition, anna):
    ask(edition, anna, title="Erste Frage mit Schlagwort", tags=["IIIF"])
    few_latest = _queries("{% latest_questions 10 %}")
    few_edition = _queries("{% edition_questions edition 10 %}", edition=edition)
    for n in range(5):
        ask(edition, anna, title=f"Weitere Frage Nummer {n}", tags=["IIIF", f"Thema {n}"])
    assert _queries("{% latest_questions 10 %}") == few_latest
    assert _queries("{% edition_questions edition 10 %}", edition=edition) == few_edition
