"""Merging a duplicate: the target is picked in a searchable Wagtail chooser (the duplicate's
edition first, never the duplicate itself, never merged or hidden questions), and a wrong
target gets a German error with the reason kept."""

import re

from django.urls import reverse

import pytest

from board import services
from board.models import Thread
from tests.factories import ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate(edition, ben):
    return ask(edition, ben, title="Doppelte Frage zum Scanner")


@pytest.fixture
def other_year(other_edition, clara):
    return ask(other_edition, clara, title="Scanner-Frage aus dem Vorjahr")


def chooser(client, duplicate, **params):
    response = client.get(
        reverse("board_merge_target_chooser:choose"), {"quelle": duplicate.pk, **params}
    )
    assert response.status_code == 200
    return response.json()["html"]


def merge(client, duplicate, target, reason="Doppelt gefragt"):
    return client.post(
        reverse("board_admin:thread_action", kwargs={"pk": duplicate.pk, "action": "merge"}),
        {"target": target, "reason": reason},
    )


def test_moderation_page_has_a_chooser_not_a_select_of_all_threads(
    client, moderator, duplicate, thread
):
    client.force_login(moderator)

    html = client.get(reverse("board_admin:thread", kwargs={"pk": duplicate.pk})).text

    assert '<select name="target"' not in html
    assert thread.title not in html  # no list of every thread in the page
    chooser_url = reverse("board_merge_target_chooser:choose") + f"?quelle={duplicate.pk}"
    assert chooser_url in html
    assert 'name="target"' in html
    assert "wagtailadmin/js/chooser-widget" in html


def test_chooser_lists_the_same_edition_first_without_the_duplicate(
    client, moderator, duplicate, thread, other_year
):
    client.force_login(moderator)
    Thread.objects.filter(pk=other_year.pk).update(last_activity_at=thread.last_activity_at)

    html = chooser(client, duplicate)

    assert duplicate.title not in html
    assert html.index(thread.title) < html.index(other_year.title)


def test_chooser_leaves_out_merged_and_hidden_questions(
    client, moderator, edition, duplicate, thread, anna
):
    merged = ask(edition, anna, title="Schon zusammengeführte Frage")
    services.merge_threads(source=merged, target=thread, moderator=moderator, reason="x")
    hidden = ask(edition, anna, title="Ausgeblendete Frage")
    services.hide_post(post=hidden.posts.get(), moderator=moderator, reason="Spam")
    client.force_login(moderator)

    html = chooser(client, duplicate)

    assert thread.title in html
    assert merged.title not in html
    assert hidden.title not in html


def test_chooser_finds_a_question_by_number(client, moderator, duplicate, thread, other_year):
    client.force_login(moderator)

    html = chooser(client, duplicate, q=f"#{other_year.pk}")

    assert other_year.title in html
    assert thread.title not in html


@pytest.fixture
def indexed(db, django_capture_on_commit_callbacks):
    """Questions created inside ``with indexed():`` reach an empty search index."""
    from django.conf import settings

    from wagtail.search.backends import get_search_backend

    if "whoosh" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        get_search_backend().store.reset()
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_chooser_searches_titles_in_the_index(client, moderator, edition, indexed, ben, clara):
    with indexed():
        duplicate = ask(edition, ben, title="Doppelte Frage zum Scanner")
        wanted = ask(edition, clara, title="Welche Förderung gibt es für Retrodigitalisierung?")
        ask(edition, clara, title="Wie lagern wir Glasplatten?")
    client.force_login(moderator)

    html = chooser(client, duplicate, q="Förderung")

    assert wanted.title in html
    assert "Glasplatten" not in html


def test_chooser_search_finds_compounds_tags_and_question_texts(
    client, moderator, edition, indexed, ben, clara
):
    # E's walk-through: "Scanner" found nothing although the site search found several threads.
    with indexed():
        duplicate = ask(edition, ben, title="Doppelte Frage")
        compound = ask(
            edition, clara, title="Wie teilen kleine Archive sich einen Aufsichtscanner?"
        )
        tagged = ask(edition, clara, title="Welches Gerät für Glasplatten?", tags=["Scanner"])
        in_text = ask(edition, clara, title="Was kostet Digitalisierung?", body="Mit dem Scanner.")
        ask(edition, clara, title="Wie lagern wir Fotos?", body="Im Depot.")
    client.force_login(moderator)

    html = chooser(client, duplicate, q="scanner")

    for found in (compound, tagged, in_text):
        assert found.title in html
    assert "Fotos" not in html


def test_chooser_search_adds_title_matches_the_index_lacks(
    client, moderator, edition, indexed, ben, clara
):
    duplicate = ask(edition, ben, title="Doppelte Frage")
    unindexed = ask(edition, clara, title="Wer hat einen Aufsichtscanner?")  # never indexed
    client.force_login(moderator)

    html = chooser(client, duplicate, q="Aufsichtscanner")

    assert unindexed.title in html


def test_chooser_search_falls_back_to_titles_without_an_index(
    client, moderator, duplicate, thread, other_year, monkeypatch
):
    from board import choosers

    def broken(*args, **kwargs):
        raise RuntimeError("no index")

    monkeypatch.setattr(choosers, "get_search_backend", broken)
    client.force_login(moderator)

    html = chooser(client, duplicate, q="Vorjahr")

    assert other_year.title in html
    assert thread.title not in html


def test_chooser_pages_instead_of_listing_everything(client, moderator, edition, duplicate, anna):
    for number in range(25):
        ask(edition, anna, title=f"Viele Fragen Nummer {number:02d}")
    client.force_login(moderator)

    html = chooser(client, duplicate)

    assert len(re.findall(r"Viele Fragen Nummer", html)) == 20


def test_participants_cannot_open_the_chooser(client, anna, duplicate):
    client.force_login(anna)

    response = client.get(reverse("board_merge_target_chooser:choose"), {"quelle": duplicate.pk})

    assert response.status_code in (302, 403)


def test_merge_with_the_chosen_target(client, moderator, duplicate, thread):
    client.force_login(moderator)

    response = merge(client, duplicate, thread.pk)
    page = client.get(response.url)

    duplicate.refresh_from_db()
    assert response.status_code == 302
    assert duplicate.merged_into == thread
    assert f"Die Frage wurde mit „{thread.title}“ zusammengeführt." in page.text


def test_target_page_links_the_merged_duplicate(client, moderator, duplicate, thread):
    services.merge_threads(source=duplicate, target=thread, moderator=moderator, reason="x")

    html = client.get(thread.get_absolute_url()).text

    assert "Mit dieser Frage zusammengeführt" in html
    assert f'<a href="{duplicate.get_absolute_url()}">{duplicate.title}</a>' in html


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda d, t, m: "", "Bitte wählen Sie die Zielfrage."),
        (lambda d, t, m: "abc", "Bitte geben Sie die Nummer der Zielfrage an."),
        (lambda d, t, m: 987654, "Es gibt keine Frage mit der Nummer 987654."),
        (lambda d, t, m: d.pk, "Eine Frage kann nicht mit sich selbst zusammengeführt werden."),
        (lambda d, t, m: m.pk, "wurde selbst mit „Wie teilen kleine Häuser ihre Scanner?“"),
        (lambda d, t, m: "hidden", "ist ausgeblendet oder wartet auf Freigabe"),
    ],
    ids=["empty", "not-a-number", "unknown", "itself", "merged", "hidden"],
)
def test_wrong_target_gets_a_german_error_and_keeps_the_reason(
    client, moderator, edition, duplicate, thread, anna, make_target, message
):
    merged = ask(edition, anna, title="Schon zusammengeführt")
    services.merge_threads(source=merged, target=thread, moderator=moderator, reason="x")
    target = make_target(duplicate, thread, merged)
    if target == "hidden":
        hidden = ask(edition, anna, title="Versteckte Frage")
        services.hide_post(post=hidden.posts.get(), moderator=moderator, reason="Spam")
        target = hidden.pk
    client.force_login(moderator)

    response = merge(client, duplicate, target, reason="Gleiche Frage wie im Vorjahr")

    duplicate.refresh_from_db()
    assert response.status_code == 400
    assert duplicate.merged_into is None
    assert message in response.text
    assert 'value="Gleiche Frage wie im Vorjahr"' in response.text


def test_merge_error_is_english_in_an_english_admin(client, moderator, duplicate):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(moderator)

    response = merge(client, duplicate, duplicate.pk)

    assert response.status_code == 400
    assert "A question cannot be merged into itself." in response.text


def test_moderation_pages_name_themselves_in_the_header(client, moderator, duplicate):
    client.force_login(moderator)
    root = duplicate.posts.get()

    pages = {
        "Moderation: Prüfliste": reverse("board_admin:queue"),
        "Beitrag moderieren": reverse("board_admin:post", args=[root.pk]),
        "Frage moderieren": reverse("board_admin:thread", args=[duplicate.pk]),
        "Fragen exportieren": reverse("board_admin:export"),
    }

    for title, url in pages.items():
        html = client.get(url).text
        breadcrumbs = re.search(r'aria-label="Breadcrumb">(.*?)</nav>', html, re.S)
        assert breadcrumbs, url
        assert title in breadcrumbs.group(1), url
