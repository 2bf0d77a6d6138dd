"""Board threads in "Wird erwähnt in": link extraction (board/links.py) and what readers see."""

from django.test import override_settings

from wagtail.models import Locale

import pytest

from board import services
from board.links import resolve_pages, threads_linking_to
from board.markdown import render_markdown
from board.models import PostPageLink, Visibility
from wiki.services import thread_backlinks

from ..factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    UserFactory,
    ask,
    make_moderator,
    reply,
)


@pytest.fixture
def edition(home_page):
    return EventPageFactory(parent=EventIndexPageFactory(parent=home_page), slug="2025")


@pytest.fixture
def anna(db):
    return UserFactory(display_name="Anna Archiv")


@pytest.fixture
def ben(db):
    return UserFactory(display_name="Ben Bibliothek")


@pytest.fixture
def moderator(db):
    return make_moderator(display_name="Moritz Moderation")


@pytest.fixture
def target(make_topic):
    return make_topic(title="Geteilte Infrastruktur", slug="geteilte-infrastruktur")


@pytest.fixture
def target_en(target, topic_index):
    english = Locale.objects.get(language_code="en")
    home_en = topic_index.get_parent().copy_for_translation(english)
    home_en.save_revision().publish()
    index_en = topic_index.copy_for_translation(english)
    index_en.slug = "topics"
    index_en.save_revision().publish()
    page = target.copy_for_translation(english)
    page.title = "Shared infrastructure"
    page.slug = "shared-infrastructure"
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def pages_of(markdown):
    return [page.specific for page in resolve_pages(render_markdown(markdown))]


# --- extraction ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_relative_and_absolute_links_to_this_site_resolve_to_the_page(target):
    for markdown in (
        "Siehe [das Thema](/themen/geteilte-infrastruktur/).",
        "Ohne Schrägstrich: [hier](/themen/geteilte-infrastruktur#abschnitt)",
        "Absolut: [x](http://localhost/themen/geteilte-infrastruktur/?x=1)",
        "Mit Port: <http://localhost:8000/themen/geteilte-infrastruktur/>",
        "Testserver: [x](http://testserver/themen/geteilte-infrastruktur/)",
    ):
        assert pages_of(markdown) == [target], markdown


@pytest.mark.django_db
def test_links_to_the_english_page_resolve_to_the_english_translation(target, target_en):
    assert pages_of("See [this](/en/topics/shared-infrastructure/)") == [target_en]
    assert pages_of("<http://localhost/en/topics/shared-infrastructure/>") == [target_en]


@pytest.mark.django_db
def test_foreign_hosts_other_schemes_and_relative_paths_are_ignored(target):
    for markdown in (
        "https://example.org/themen/geteilte-infrastruktur/",
        "[x](http://localhost.example.org/themen/geteilte-infrastruktur/)",
        "[x](../themen/geteilte-infrastruktur/)",
        "[x](themen/geteilte-infrastruktur/)",
        "[Mail](mailto:info@localhost)",
        "`/themen/geteilte-infrastruktur/` als Code",
        "[Unbekannt](/themen/gibt-es-nicht/)",
        "[kaputt](http://[::1)",
        "[NUL](/themen/geteilte-infrastruktur%00/)",
        "[Zeilenumbruch](/themen/geteilte-infrastruktur%0A/)",
    ):
        assert pages_of(markdown) == [], markdown


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["kooperationsraum.example", ".kooperationsraum.de"])
def test_allowed_hosts_count_as_this_site(target):
    assert pages_of("[x](https://kooperationsraum.example/themen/geteilte-infrastruktur/)") == [
        target
    ]
    assert pages_of("<https://www.kooperationsraum.de/themen/geteilte-infrastruktur/>") == [target]


@pytest.mark.django_db
def test_every_linked_page_is_stored_once_per_post(edition, target, topic_index, anna):
    impressum = StandardPageFactory(parent=topic_index.get_parent(), title="Impressum")
    links = (
        "[Index](/themen/) [Impressum](/impressum/) [Thema](/themen/geteilte-infrastruktur/) "
        "[noch einmal](http://localhost/themen/geteilte-infrastruktur/#abschnitt)"
    )
    thread = ask(edition, anna, title="Wo steht das Impressum des Projekts?", body=links)

    stored = PostPageLink.objects.filter(post__thread=thread).values_list("page_id", flat=True)

    assert sorted(stored) == sorted([topic_index.pk, impressum.pk, target.pk])
    assert list(threads_linking_to([impressum.pk])) == [thread]


# --- keeping the links when posts change -------------------------------------------------------


@pytest.mark.django_db
def test_asking_replying_and_editing_keep_the_links(edition, target, make_topic, anna, ben):
    other = make_topic(title="Anderes Thema", slug="anderes-thema")
    thread = ask(edition, anna, title="Welche Infrastruktur teilen Sie?", body="Ohne Link.")
    assert thread_backlinks(target) == []

    answer = reply(thread, ben, body="Siehe [Thema](/themen/geteilte-infrastruktur/).")
    assert thread_backlinks(target) == [thread]

    services.edit_post(
        post=answer,
        editor=ben,
        body="Besser: [dort](/themen/anderes-thema/)",
        version=answer.version,
    )
    assert thread_backlinks(target) == []
    assert [t.pk for t in thread_backlinks(other)] == [thread.pk]


@pytest.mark.django_db
def test_a_link_to_the_translation_counts_for_the_original_and_back(
    edition, target, target_en, anna
):
    thread = ask(
        edition,
        anna,
        title="Gibt es das auch auf Englisch?",
        body="[English](/en/topics/shared-infrastructure/)",
    )

    assert thread_backlinks(target) == [thread]
    assert thread_backlinks(target_en) == [thread]


# --- visibility ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_hidden_pending_and_merged_threads_or_posts_never_show(
    edition, target, anna, ben, moderator
):
    link = "[Thema](/themen/geteilte-infrastruktur/)"
    visible = ask(edition, anna, title="Sichtbare Frage mit Verweis", body=link)
    hidden_question = ask(edition, anna, title="Ausgeblendete Frage mit Verweis", body=link)
    services.hide_post(
        post=hidden_question.posts.get(parent__isnull=True), moderator=moderator, reason="Spam"
    )
    hidden_reply_thread = ask(edition, anna, title="Frage mit ausgeblendeter Antwort")
    services.hide_post(
        post=reply(hidden_reply_thread, ben, body=link), moderator=moderator, reason="x"
    )
    pending_thread = ask(edition, anna, title="Frage mit wartender Antwort")
    pending = reply(pending_thread, ben, body=link)
    pending.visibility = Visibility.PENDING
    pending.save(update_fields=["visibility"])
    merged = ask(edition, ben, title="Doppelte Frage mit Verweis", body=link)
    services.merge_threads(source=merged, target=visible, moderator=moderator, reason="Doppelt")

    assert [thread.title for thread in thread_backlinks(target)] == ["Sichtbare Frage mit Verweis"]


@pytest.mark.django_db
def test_a_restored_post_shows_again(edition, target, anna, ben, moderator):
    thread = ask(edition, anna, title="Frage mit einer Antwort")
    answer = reply(thread, ben, body="[Thema](/themen/geteilte-infrastruktur/)")
    services.hide_post(post=answer, moderator=moderator, reason="Prüfung")
    assert thread_backlinks(target) == []

    services.restore_post(post=answer, moderator=moderator)

    assert thread_backlinks(target) == [thread]


@pytest.mark.django_db
def test_topic_page_shows_linking_threads_without_author_of_anonymous_questions(
    client, edition, target, anna
):
    thread = ask(
        edition,
        anna,
        title="Anonyme Frage zur geteilten Infrastruktur",
        body="Wie in [diesem Thema](/themen/geteilte-infrastruktur/) beschrieben …",
        is_anonymous=True,
    )

    response = client.get(target.url)

    html = response.content.decode()
    section = html.split('id="topic--backlinks-heading"', 1)[1].split("</section>", 1)[0]
    assert "Im Fragenboard" in section
    assert f'<a href="{thread.get_absolute_url()}">{thread.title}</a>' in section
    assert "Anna" not in html
    assert "Noch verweist keine andere Seite hierher." not in section


@pytest.mark.django_db
def test_thread_listing_loads_no_author(edition, target, anna, django_assert_num_queries):
    ask(
        edition,
        anna,
        title="Frage mit Verweis auf das Thema",
        body="[Thema](/themen/geteilte-infrastruktur/)",
    )

    with django_assert_num_queries(1):
        threads = list(threads_linking_to([target.pk]))
    with django_assert_num_queries(0):
        assert threads[0].title == "Frage mit Verweis auf das Thema"
        assert threads[0].language == "de"
        assert "author" not in threads[0].__dict__ and "author_id" not in threads[0].__dict__


@pytest.mark.django_db
def test_english_topic_page_links_threads_with_the_english_board_address(
    client, edition, target, target_en, anna
):
    thread = ask(
        edition,
        anna,
        title="Frage mit Verweis auf das Thema",
        body="[Thema](/themen/geteilte-infrastruktur/)",
    )

    html = client.get(target_en.url).content.decode()

    assert target_en.url.startswith("/en/")
    assert f'href="/en/questions/{thread.pk}-' in html
    # A German question on the English page is marked as German (WCAG 3.1.2).
    assert f'href="/en/questions/{thread.pk}-{thread.slug}/" lang="de"' in html
