"""Views: reading, posting, permissions, CSRF, GET never mutates, query counts."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from board import services
from board.markdown import HTML_VERSION
from board.models import Flag, Post, PostRevision, Subscription, Thread, Vote
from home import versions
from tests.factories import ask, reply

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def snapshot():
    return (
        Thread.objects.count(),
        Post.objects.count(),
        Vote.objects.count(),
        Flag.objects.count(),
        Subscription.objects.count(),
        PostRevision.objects.count(),
        list(Thread.objects.values_list("status", "is_pinned", "is_locked", "accepted_post_id")),
        list(Post.objects.values_list("body", "visibility", "version")),
    )


# --- reading -----------------------------------------------------------------------------------


def test_index_lists_public_threads_with_filters(client, edition, other_edition, anna, ben):
    answered = ask(edition, anna, title="Beantwortete Frage zum Thema")
    services.accept_answer(thread=answered, post=reply(answered, ben), user=anna)
    ask(other_edition, ben, title="Frage zur Ausgabe 2024", tags=["OCR"])

    all_titles = re.findall(r'thread-item__title"><a [^>]+>([^<]+)<', client.get("/fragen/").text)
    unanswered = client.get("/fragen/?unbeantwortet=1").text
    by_year = client.get("/fragen/?ausgabe=2024").text
    by_tag = client.get("/fragen/?schlagwort=ocr").text

    assert sorted(all_titles) == ["Beantwortete Frage zum Thema", "Frage zur Ausgabe 2024"]
    assert "Beantwortete Frage" not in unanswered
    assert "Frage zur Ausgabe 2024" in unanswered
    assert "Beantwortete Frage" not in by_year
    assert "Frage zur Ausgabe 2024" in by_tag


def test_index_sorts_pinned_first_then_by_votes(client, edition, anna, ben, clara, moderator):
    low = ask(edition, anna, title="Frage mit wenig Stimmen")
    high = ask(edition, anna, title="Frage mit vielen Stimmen")
    pinned = ask(edition, anna, title="Angeheftete Frage hier")
    for voter in (ben, clara):
        services.vote(post=high.posts.get(), user=voter)
    services.pin_thread(thread=pinned, moderator=moderator)

    html = client.get("/fragen/?sortierung=stimmen").text
    titles = re.findall(r'thread-item__title"><a [^>]+>([^<]+)<', html)

    assert titles == [pinned.title, high.title, low.title]


def test_thread_page_shows_nested_replies_and_markdown(client, thread, ben, clara):
    first = reply(thread, ben, "Erste *Antwort*")
    reply(thread, clara, "Darauf geantwortet", parent=first)

    response = client.get(thread.get_absolute_url())

    assert response.status_code == 200
    html = response.text
    assert "<p>Erste <em>Antwort</em></p>" in html
    assert html.index("Erste") < html.index("post-tree--nested") < html.index("Darauf geantwortet")
    assert "Frage <strong>fett</strong>" in html


def test_thread_page_wrong_slug_redirects_to_canonical(client, thread):
    response = client.get(reverse("board:thread", kwargs={"pk": thread.pk, "slug": "falsch"}))

    assert response.status_code == 301
    assert response["Location"] == thread.get_absolute_url()


def test_flat_view_lists_replies_chronologically(client, thread, ben, clara):
    first = reply(thread, ben, "Zuerst geschrieben")
    reply(thread, clara, "Später geschrieben", parent=first)

    html = client.get(thread.get_absolute_url() + "?ansicht=flach").text

    assert "post-tree--flat" in html
    assert html.index("Zuerst geschrieben") < html.index("Später geschrieben")
    assert "Antwort auf einen früheren Beitrag" in html


def test_permalink_redirects_to_page_and_anchor(client, thread, ben, monkeypatch):
    from board.views import threads as views

    monkeypatch.setattr(views, "REPLIES_PER_PAGE", 2)
    answers = [reply(thread, ben, f"Antwort {n}") for n in range(5)]
    nested = reply(thread, ben, "verschachtelt", parent=answers[4])

    response = client.get(reverse("board:post", kwargs={"pk": nested.pk}))
    page = client.get(response["Location"].split("#")[0])

    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?seite=3#beitrag-{nested.pk}"
    assert f'id="beitrag-{nested.pk}"' in page.text


def test_anonymous_question_shows_author_only_to_moderators(client, edition, anna, moderator):
    thread = ask(edition, anna, is_anonymous=True)

    public = client.get(thread.get_absolute_url()).text
    moderated = login(Client(), moderator).get(thread.get_absolute_url()).text

    assert "Anna Archiv" not in public
    assert "anonym" in public
    assert "Moderation sieht: Anna Archiv" in moderated


def test_anonymous_asker_stays_anonymous_in_own_replies(client, edition, anna, ben, moderator):
    thread = ask(edition, anna, is_anonymous=True)
    answer = reply(thread, ben, "Eine Antwort von Ben.")
    own = reply(thread, anna, "Danke, das hilft!", parent=answer)
    named = reply(ask(edition, anna, title="Eine Frage mit Namen"), anna, "Ich antworte selbst.")

    public = client.get(thread.get_absolute_url()).text
    moderated = login(Client(), moderator).get(thread.get_absolute_url()).text

    assert own.is_anonymous and not answer.is_anonymous and not named.is_anonymous
    assert "Danke, das hilft!" in public
    assert "Anna Archiv" not in public
    assert "Ben Bibliothek" in public
    assert "Moderation sieht: Anna Archiv" in moderated


def test_hidden_reply_is_a_placeholder_with_public_reason(client, thread, ben, moderator):
    answer = reply(thread, ben, "Geheime Werbung")
    services.hide_post(post=answer, moderator=moderator, reason="Werbung")

    public = client.get(thread.get_absolute_url()).text
    moderated = login(Client(), moderator).get(thread.get_absolute_url()).text

    assert "Geheime Werbung" not in public
    assert "Grund: Werbung" in public
    assert "Geheime Werbung" in moderated


def test_hidden_and_pending_threads_are_not_public(client, edition, anna, ben, moderator):
    edition.pre_moderation = True
    edition.save()
    pending = ask(edition, anna)

    assert client.get(pending.get_absolute_url()).status_code == 404
    assert login(Client(), ben).get(pending.get_absolute_url()).status_code == 404
    assert login(Client(), anna).get(pending.get_absolute_url()).status_code == 200
    assert login(Client(), moderator).get(pending.get_absolute_url()).status_code == 200


def test_edition_page_and_home_show_questions(client, edition, thread):
    edition_html = client.get(edition.url).text
    home_html = client.get("/").text

    assert thread.title in edition_html
    assert "Fragen zu dieser Ausgabe" in edition_html
    assert thread.title in home_html


def test_moderation_log_is_public_per_edition_without_names(
    client, thread, other_edition, ben, moderator
):
    answer = reply(thread, ben, "Werbung!")
    services.hide_post(post=answer, moderator=moderator, reason="Werbung entfernt")

    html = client.get("/fragen/moderation/?ausgabe=2025").text
    other = client.get("/fragen/moderation/?ausgabe=2024").text

    assert "Werbung entfernt" in html
    assert "Moritz" not in html
    assert "Ben Bibliothek" not in html
    assert "Werbung entfernt" not in other


def test_english_url_prefix(client, thread):
    assert client.get("/en/questions/").status_code == 200


# --- writing -----------------------------------------------------------------------------------


def test_ask_creates_question_and_redirects(client, edition, anna):
    login(client, anna)

    response = client.post(
        "/fragen/neu/",
        {
            "title": "Wie archivieren wir Webseiten?",
            "body": "Mit **welchen** Werkzeugen?",
            "edition": edition.pk,
            "session_id": edition.sessions()[0][0],
            "tags": "Webarchiv, WARC",
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert thread.author == anna
    assert sorted(thread.tags.names()) == ["WARC", "Webarchiv"]


def test_ask_with_errors_keeps_text_and_shows_german_error(client, edition, anna):
    login(client, anna)

    response = client.post(
        "/fragen/neu/", {"title": "kurz", "body": "Mein langer Text", "edition": edition.pk}
    )

    assert response.status_code == 200
    assert "mindestens 10 Zeichen" in response.text
    assert "Mein langer Text" in response.text
    assert Thread.objects.count() == 0


def test_ask_preview_renders_without_saving(client, edition, anna):
    login(client, anna)

    response = client.post(
        "/fragen/neu/",
        {
            "title": "Eine Frage zur Vorschau",
            "body": "*kursiv*",
            "edition": edition.pk,
            "preview": "1",
        },
    )

    assert "<em>kursiv</em>" in response.text
    assert Thread.objects.count() == 0


def test_reply_to_reply_via_reply_page(client, thread, ben, clara):
    first = reply(thread, ben, "Erste Antwort")
    login(client, clara)

    form = client.get(reverse("board:reply", kwargs={"pk": thread.pk}) + f"?auf={first.pk}")
    response = client.post(
        reverse("board:reply", kwargs={"pk": thread.pk}),
        {"body": "Zweite Ebene", "parent": first.pk},
    )

    created = Post.objects.get(body="Zweite Ebene")
    assert form.status_code == 200
    assert f'value="{first.pk}"' in form.text
    assert (created.parent, created.depth) == (first, 2)
    assert response["Location"] == created.get_absolute_url()


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "Bitte geben Sie einen Text ein."), ("x" * 10_001, "Der Text ist zu lang")],
)
def test_reply_with_bad_body_shows_error_and_keeps_text(client, thread, ben, body, message):
    login(client, ben)

    response = client.post(reverse("board:reply", kwargs={"pk": thread.pk}), {"body": body})

    assert response.status_code == 200
    assert message in response.text
    assert thread.posts.count() == 1


def test_reply_to_locked_thread_shows_error_and_keeps_text(client, thread, ben, moderator):
    services.lock_thread(thread=thread, moderator=moderator)
    login(client, ben)

    response = client.post(
        reverse("board:reply", kwargs={"pk": thread.pk}), {"body": "Mein Beitrag"}
    )

    assert response.status_code == 200
    assert "Diese Frage ist gesperrt" in response.text
    assert "Mein Beitrag" in response.text


def test_reply_to_hidden_post_shows_error_and_keeps_text(client, thread, ben, clara, moderator):
    answer = reply(thread, ben)
    services.hide_post(post=answer, moderator=moderator, reason="Spam")
    login(client, clara)

    response = client.post(
        reverse("board:reply", kwargs={"pk": thread.pk}), {"body": "Trotzdem", "parent": answer.pk}
    )

    assert "Auf ausgeblendete Beiträge kann nicht geantwortet werden." in response.text
    assert "Trotzdem" in response.text


def test_vote_twice_shows_error(client, thread, root, ben):
    login(client, ben)
    url = reverse("board:vote", kwargs={"pk": root.pk})

    client.post(url, {"action": "vote"})
    response = client.post(url, {"action": "vote"}, follow=True)

    assert "Sie haben für diesen Beitrag bereits gestimmt." in response.text
    assert Vote.objects.count() == 1


def test_vote_json_for_script(client, thread, root, ben):
    login(client, ben)
    url = reverse("board:vote", kwargs={"pk": root.pk})

    voted = client.post(url, {"action": "vote"}, HTTP_ACCEPT="application/json").json()
    again = client.post(url, {"action": "vote"}, HTTP_ACCEPT="application/json")
    withdrawn = client.post(url, {"action": "unvote"}, HTTP_ACCEPT="application/json").json()

    assert (voted["vote_count"], voted["voted"]) == (1, True)
    assert again.status_code == 400
    assert again.json()["message"] == "Sie haben für diesen Beitrag bereits gestimmt."
    assert (withdrawn["vote_count"], withdrawn["voted"]) == (0, False)


def test_stale_edit_keeps_authors_text(client, root, anna, moderator):
    login(client, anna)
    form = client.get(reverse("board:edit", kwargs={"pk": root.pk}))
    services.edit_post(post=root, editor=moderator, body="Fassung der Moderation", version=1)

    response = client.post(
        reverse("board:edit", kwargs={"pk": root.pk}),
        {"title": "Wie teilen kleine Häuser ihre Scanner?", "body": "Meine Fassung", "version": 1},
    )

    root.refresh_from_db()
    assert form.status_code == 200
    assert response.status_code == 200
    assert "inzwischen" in response.text
    assert "Meine Fassung" in response.text
    assert "Fassung der Moderation" in response.text
    assert root.body == "Fassung der Moderation"


def test_edit_own_post_marks_bearbeitet(client, thread, root, anna):
    login(client, anna)

    client.post(
        reverse("board:edit", kwargs={"pk": root.pk}),
        {"title": thread.title, "body": "Neuer Text", "version": 1},
    )
    html = client.get(thread.get_absolute_url()).text

    assert "Neuer Text" in html
    assert "bearbeitet" in html


def test_history_of_an_edited_post_visible_to_its_readers(client, root, anna, ben, moderator):
    services.edit_post(post=root, editor=anna, body="Zweite Fassung", version=1)
    url = reverse("board:history", kwargs={"pk": root.pk})

    for reader in (anna, ben, moderator):
        response = login(Client(), reader).get(url)
        assert response.status_code == 200
        assert "Frage <strong>fett</strong>" in response.text
        assert "Zweite Fassung" in response.text


def test_flag_form_creates_flag(client, root, ben):
    login(client, ben)

    response = client.post(
        reverse("board:flag", kwargs={"pk": root.pk}), {"reason": "spam", "text": "Werbung"}
    )

    assert response.status_code == 302
    assert Flag.objects.get().reason == "spam"


def test_preview_endpoint_returns_sanitised_fragment(client, anna):
    login(client, anna)

    response = client.post(reverse("board:preview"), {"body": "**a** <script>x</script>"})

    assert response.text == "<p><strong>a</strong> &lt;script&gt;x&lt;/script&gt;</p>"


# --- permissions -------------------------------------------------------------------------------


def mutating_requests(thread, root, answer):
    """Every mutating URL of the board, with a plausible POST body."""
    return [
        (
            reverse("board:ask"),
            {"title": "Neue Frage von außen?", "body": "x", "edition": thread.edition_id},
        ),
        (reverse("board:reply", kwargs={"pk": thread.pk}), {"body": "x"}),
        (reverse("board:status", kwargs={"pk": thread.pk}), {"status": "closed"}),
        (reverse("board:subscribe", kwargs={"pk": thread.pk}), {}),
        (
            reverse("board:edit", kwargs={"pk": root.pk}),
            {"title": "Geänderte fremde Frage", "body": "x", "version": 1},
        ),
        (reverse("board:vote", kwargs={"pk": answer.pk}), {"action": "vote"}),
        (reverse("board:accept", kwargs={"pk": answer.pk}), {}),
        (reverse("board:flag", kwargs={"pk": answer.pk}), {"reason": "spam"}),
        (reverse("board:preview"), {"body": "x"}),
        (
            reverse("board_admin:post_action", kwargs={"pk": answer.pk, "action": "hide"}),
            {"reason": "x"},
        ),
        (reverse("board_admin:thread_action", kwargs={"pk": thread.pk, "action": "pin"}), {}),
        (reverse("board_admin:thread_action", kwargs={"pk": thread.pk, "action": "lock"}), {}),
    ]


@pytest.fixture
def answer(thread, ben):
    return reply(thread, ben, "Antwort von Ben")


def test_anonymous_visitor_can_read_but_not_post(client, thread, root, answer):
    before = snapshot()

    reads = [client.get(thread.get_absolute_url()), client.get("/fragen/")]
    writes = [client.post(url, data) for url, data in mutating_requests(thread, root, answer)]

    assert [r.status_code for r in reads] == [200, 200]
    assert all(r.status_code == 302 for r in writes)
    assert all("konto/" in r["Location"] or "admin/login" in r["Location"] for r in writes)
    assert snapshot() == before


def test_get_never_mutates(client, thread, root, answer, anna, moderator):
    for user in (anna, moderator):
        login(client, user)
        before = snapshot()
        for url, data in mutating_requests(thread, root, answer):
            client.get(url, data)
        assert snapshot() == before


def test_every_mutating_view_rejects_missing_csrf_token(thread, root, answer, anna, moderator):
    for user in (anna, moderator):
        client = login(Client(enforce_csrf_checks=True), user)
        before = snapshot()
        responses = [
            client.post(url, data) for url, data in mutating_requests(thread, root, answer)
        ]
        assert [r.status_code for r in responses] == [403] * len(responses)
        assert snapshot() == before


def test_participant_cannot_edit_hide_or_accept_on_someone_elses_thread(
    client, thread, root, answer, clara
):
    login(client, clara)
    before = snapshot()

    edit_get = client.get(reverse("board:edit", kwargs={"pk": root.pk}))
    edit = client.post(
        reverse("board:edit", kwargs={"pk": root.pk}),
        {"title": "Übernommene fremde Frage", "body": "fremd", "version": 1},
    )
    accept = client.post(reverse("board:accept", kwargs={"pk": answer.pk}))
    hide = client.post(
        reverse("board_admin:post_action", kwargs={"pk": answer.pk, "action": "hide"}),
        {"reason": "x"},
    )
    status = client.post(reverse("board:status", kwargs={"pk": thread.pk}), {"status": "answered"})

    assert edit_get.status_code == 403
    assert "Sie können nur Ihre eigenen Beiträge bearbeiten." in edit.text
    assert accept.status_code == 302
    assert hide.status_code in (302, 403)
    assert status.status_code == 302
    assert snapshot() == before


def test_moderator_can_edit_hide_and_accept(client, thread, root, answer, moderator):
    login(client, moderator)

    client.post(
        reverse("board:edit", kwargs={"pk": root.pk}),
        {"title": thread.title, "body": "Von der Moderation korrigiert", "version": 1},
    )
    client.post(reverse("board:accept", kwargs={"pk": answer.pk}))
    hide = client.post(
        reverse("board_admin:post_action", kwargs={"pk": answer.pk, "action": "hide"}),
        {"reason": "Test"},
    )

    root.refresh_from_db()
    answer.refresh_from_db()
    thread.refresh_from_db()
    assert hide.status_code == 302
    assert root.body == "Von der Moderation korrigiert"
    assert answer.is_hidden
    assert thread.accepted_post is None  # hiding the accepted answer reopens the question


def test_moderator_admin_pages_and_actions(client, edition, thread, root, answer, ben, moderator):
    services.flag_post(post=answer, reporter=thread.author, reason="spam")
    duplicate = ask(edition, ben, title="Doppelte Frage zum Scanner")
    login(client, moderator)

    queue = client.get(reverse("board_admin:queue"))
    post_page = client.get(reverse("board_admin:post", kwargs={"pk": answer.pk}))
    thread_page = client.get(reverse("board_admin:thread", kwargs={"pk": thread.pk}))
    listings = [
        client.get(reverse(name))
        for name in ("board_thread:index", "board_post:index", "board_flag:index")
    ]
    merge = client.post(
        reverse("board_admin:thread_action", kwargs={"pk": duplicate.pk, "action": "merge"}),
        {"target": thread.pk, "reason": "Doppelt"},
    )

    duplicate.refresh_from_db()
    assert queue.status_code == 200
    assert "Antwort von Ben" in queue.text
    assert post_page.status_code == 200
    assert thread_page.status_code == 200
    assert [r.status_code for r in listings] == [200, 200, 200]
    assert merge.status_code == 302
    assert duplicate.merged_into == thread


def test_participant_cannot_open_admin_moderation(client, thread, anna):
    login(client, anna)

    response = client.get(reverse("board_admin:queue"))

    assert response.status_code in (302, 403)


# --- query counts ------------------------------------------------------------------------------


def make_replies(thread, authors, count):
    """Many replies quickly (bulk), nested up to the maximum depth."""
    from django.utils import timezone

    root = thread.posts.get(parent__isnull=True)
    parents = [root]
    created = []
    for n in range(count):
        parent = parents[n % len(parents)]
        post = Post(
            thread=thread,
            parent=parent,
            depth=parent.depth + 1,
            author=authors[n % len(authors)],
            body=f"Antwort {n}",
            body_html=f"<p>Antwort {n}</p>",
            html_version=HTML_VERSION,
            created_at=timezone.now(),
        )
        created.append(post)
        if n % 10 == 9:
            Post.objects.bulk_create(created[-10:])
            parents = [p for p in created if p.pk and p.depth < services.MAX_DEPTH][-5:] + [root]
    Post.objects.bulk_create([p for p in created if p.pk is None])
    services.recount_thread(thread=thread)
    # bulk_create sends no signal: bump the versions on commit as saving each post would.
    versions.bump(versions.BOARD, versions.thread_key(thread.pk))
    return created


@pytest.mark.parametrize("count", [10, 300])
def test_thread_page_query_count_is_bounded(
    client, thread, ben, clara, django_assert_max_num_queries, count
):
    make_replies(thread, [ben, clara], count)
    login(client, ben)

    with django_assert_max_num_queries(21):  # one of them finds the staff among the authors
        response = client.get(thread.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 100])
def test_thread_list_query_count_is_bounded(
    client, edition, anna, django_assert_max_num_queries, count
):
    for n in range(count):
        ask(edition, anna, title=f"Frage Nummer {n} im Test", tags=["Test"])

    with django_assert_max_num_queries(15):
        response = client.get("/fragen/")

    assert response.status_code == 200


def test_ask_page_wires_similar_questions_to_the_search_endpoint(client, edition, anna):
    client.force_login(anna)

    response = client.get(reverse("board:ask"))

    content = response.content.decode()
    assert response.status_code == 200
    assert f'data-similar-url="{reverse("search_similar")}"' in content
    assert 'data-similar-target="similar-questions"' in content
    assert 'data-similar-edition="id_edition"' in content
    # The list's box and its polite status come right after the title field, before the text.
    box = content.index('<div class="similar-questions" id="similar-questions"></div>')
    status = content.index(
        '<p class="visually-hidden" id="similar-questions-status" aria-live="polite"'
    )
    assert content.index('id="id_title"') < box < status < content.index('id="id_body"')
