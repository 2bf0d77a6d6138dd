"""Stored post HTML (``Post.body_html``) is a cache of ``board.markdown``: stamped with the
pipeline's version, rendered afresh when stale, refreshable with ``refresh_board_html``."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.utils import timezone, translation

import pytest

from board import rendering
from board.markdown import HTML_VERSION, render_markdown
from board.models import Post
from tests.factories import reply

pytestmark = pytest.mark.django_db

STALE = '<p>alt</p><script>alert("stale")</script>'


def make_stale(post, html=STALE):
    Post.objects.filter(pk=post.pk).update(body_html=html, html_version=HTML_VERSION - 1)


def test_services_store_html_with_the_pipeline_version(thread, root, clara, anna):
    answer = reply(thread, clara, "Eine *Antwort*")

    assert root.html_version == HTML_VERSION
    answer.refresh_from_db()
    assert answer.html_version == HTML_VERSION
    assert answer.body_html == render_markdown("Eine *Antwort*")


def test_edit_renders_and_stamps_again(thread, root, anna):
    from board import services

    make_stale(root)
    root.refresh_from_db()

    services.edit_post(post=root, editor=anna, body="Neu **fett**", version=root.version)

    root.refresh_from_db()
    assert root.body_html == "<p>Neu <strong>fett</strong></p>"
    assert root.html_version == HTML_VERSION


def test_thread_page_renders_stale_posts_afresh_and_does_not_store_on_get(client, thread, clara):
    answer = reply(thread, clara, "Frische **Antwort**")
    make_stale(answer)

    content = client.get(thread.get_absolute_url()).content.decode()

    assert "stale" not in content
    assert "Frische <strong>Antwort</strong>" in content
    answer.refresh_from_db()
    assert answer.body_html == STALE  # GET changes nothing; the command stores


def test_feed_and_reply_form_show_fresh_html_too(client, thread, root, clara, ben):
    answer = reply(thread, clara, "Eine **Antwort**")
    make_stale(root)
    make_stale(answer)
    client.force_login(ben)

    feed = client.get(f"/fragen/{thread.pk}/feed/").content.decode()
    form = client.get(f"/fragen/{thread.pk}/antworten/?auf={answer.pk}").content.decode()

    for content in (feed, form):
        assert "stale" not in content
    assert "Eine <strong>Antwort</strong>" in form


def test_refresh_command_stores_html_for_stale_posts_only(thread, root, clara):
    fresh = reply(thread, clara, "Aktuell")
    make_stale(root)
    Post.objects.filter(pk=fresh.pk).update(body_html="<p>von Hand</p>")
    out = StringIO()

    call_command("refresh_board_html", stdout=out)

    root.refresh_from_db()
    fresh.refresh_from_db()
    assert root.body_html == render_markdown(root.body)
    assert root.html_version == HTML_VERSION
    assert fresh.body_html == "<p>von Hand</p>"  # current version: left alone
    assert "1 Beiträge neu gerendert" in out.getvalue()

    call_command("refresh_board_html", "--all", stdout=StringIO())

    fresh.refresh_from_db()
    assert fresh.body_html == "<p>Aktuell</p>"


def test_refresh_command_only_stamps_posts_whose_html_is_unchanged(thread, root):
    Post.objects.filter(pk=root.pk).update(html_version=0)
    out = StringIO()

    call_command("refresh_board_html", stdout=out)

    root.refresh_from_db()
    assert root.html_version == HTML_VERSION
    assert "0 Beiträge neu gerendert, 1 unverändert" in out.getvalue()


@pytest.mark.parametrize("language", ["de", "en"])
def test_prepared_dates_equal_the_date_filter(language):
    value = timezone.make_aware(datetime.datetime(2025, 3, 7, 8, 5), datetime.UTC)
    with translation.override(language):
        label = rendering.date_formatter()(value)
        assert label == date_filter(timezone.localtime(value), "DATETIME_FORMAT")


def test_thread_page_queries_do_not_grow_with_replies(
    thread, root, ben, clara, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from tests.board.test_views import make_replies

    client = Client()
    client.force_login(ben)
    make_replies(thread, [ben, clara], 5)
    with django_assert_max_num_queries(21) as few:  # one finds the staff among the authors
        client.get(thread.get_absolute_url())
    limit = len(few.captured_queries)  # before the log of a thousand more queries moves on
    with django_capture_on_commit_callbacks(execute=True):  # committed, as on the site
        make_replies(thread, [ben, clara], 120)

    with django_assert_max_num_queries(limit):
        response = client.get(thread.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('class="post__card"') >= 60
