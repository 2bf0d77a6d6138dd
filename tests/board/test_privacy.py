"""A participant's own data: the JSON export and the erasure of the account (board/privacy.py)."""

import json

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse

from wagtail.search.backends import get_search_backend

import pytest
from allauth.account.models import EmailAddress

from accounts.models import AccountSession as Session
from board import privacy, services
from board.models import Flag, Post, PostRevision, Subscription, Thread, Vote
from tests.factories import UserFactory, ask, reply

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def nele(db):
    user = UserFactory(
        email="nele.privat@example.org",
        display_name="Nele Namensvetterin",
        institution="Archiv Privatstadt",
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email="nele.zweit@example.org", verified=False)
    return user


@pytest.fixture
def neles_activity(edition, thread, root, nele, ben):
    question = ask(edition, nele, title="Welche Normdaten nutzen kleine Archive?", body="Mein Text")
    services.edit_post(
        post=question.posts.get(), editor=nele, body="Mein Text, überarbeitet", version=1
    )
    answer = reply(thread, nele, "Antwort von Nele")
    services.vote(post=root, user=nele)
    services.vote(post=question.posts.get(), user=ben)
    services.flag_post(post=reply(thread, ben, "Werbung!"), reporter=nele, reason="spam", text="x")
    services.subscribe(user=nele, edition=edition)
    return {"question": question, "answer": answer}


# --- export ------------------------------------------------------------------------------------


def test_export_is_a_json_download_of_the_persons_data(neles_activity, nele, thread, edition):
    response = login(nele).get(reverse("privacy:export"))

    data = json.loads(response.content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="kooperationsraum-daten-'
    )
    assert response["Content-Disposition"].endswith('.json"')
    assert data["profile"]["email"] == "nele.privat@example.org"
    assert data["profile"]["display_name"] == "Nele Namensvetterin"
    assert data["profile"]["institution"] == "Archiv Privatstadt"
    assert data["profile"]["email_addresses"] == [
        {"email": "nele.privat@example.org", "verified": True, "primary": True},
        {"email": "nele.zweit@example.org", "verified": False, "primary": False},
    ]
    assert [q["title"] for q in data["questions"]] == ["Welche Normdaten nutzen kleine Archive?"]
    assert [p["text_markdown"] for p in data["posts"]] == [
        "Mein Text, überarbeitet",
        "Antwort von Nele",
    ]
    question_post = data["posts"][0]
    assert question_post["is_question"] is True
    assert question_post["is_anonymous"] is False
    assert question_post["visibility"] == "published"
    assert question_post["edited_at"] is not None
    assert question_post["former_versions"][0]["text_markdown"] == "Mein Text"
    assert question_post["former_versions"][0]["saved_by_you"] is True
    assert data["posts"][1]["thread_title"] == thread.title
    assert [v["thread_title"] for v in data["votes"]] == [thread.title]
    assert [(f["reason"], f["text"]) for f in data["flags"]] == [("spam", "x")]
    assert sorted((s["kind"], s["title"]) for s in data["subscriptions"]) == [
        ("edition", edition.title),
        ("thread", "Welche Normdaten nutzen kleine Archive?"),
        ("thread", thread.title),
    ]
    assert {s["language"] for s in data["subscriptions"]} == {"de"}


def test_export_never_contains_other_peoples_data(neles_activity, nele, anna, ben):
    text = login(nele).get(reverse("privacy:export")).content.decode()

    for other in (anna, ben):
        assert other.email not in text
        assert other.display_name not in text
    assert "Werbung!" not in text  # the flagged post is Ben's; only the flag is Nele's
    assert "Frage **fett**" not in text  # the question Nele voted for is Anna's


def test_export_shows_each_person_only_their_own(neles_activity, ben):
    data = login(ben).get(reverse("privacy:export")).json()

    assert data["profile"]["email"] == "ben@example.org"
    assert "nele" not in json.dumps(data).lower()


def test_export_needs_a_login(client):
    response = client.get(reverse("privacy:export"))

    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_account_menu_links_export_and_deletion(nele):
    html = login(nele).get(reverse("accounts:profile")).content.decode()

    assert f'href="{reverse("privacy:export")}" download>Meine Daten herunterladen</a>' in html
    assert f'href="{reverse("privacy:delete")}">Konto löschen</a>' in html


# --- deletion ----------------------------------------------------------------------------------


def test_get_never_deletes(neles_activity, nele):
    response = login(nele).get(reverse("privacy:delete"))

    assert response.status_code == 200
    assert "Konto endgültig löschen" in response.content.decode()
    assert get_user_model().objects.filter(pk=nele.pk).exists()


def test_delete_needs_csrf(neles_activity, nele):
    client = Client(enforce_csrf_checks=True)
    client.force_login(nele)

    response = client.post(reverse("privacy:delete"), {"password": "geheim-und-lang-genug"})

    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=nele.pk).exists()


def test_wrong_password_deletes_nothing(neles_activity, nele):
    response = login(nele).post(reverse("privacy:delete"), {"password": "falsch"})

    assert response.status_code == 200
    assert "Das Passwort stimmt nicht. Ihr Konto wurde nicht gelöscht." in (
        response.content.decode()
    )
    assert get_user_model().objects.filter(pk=nele.pk).exists()


def test_deletion_keeps_posts_as_deleted_account(neles_activity, nele, thread, client):
    question = neles_activity["question"]
    user_client = login(nele)

    response = user_client.post(reverse("privacy:delete"), {"password": "geheim-und-lang-genug"})

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=nele.pk).exists()
    assert "_auth_user_id" not in user_client.session
    assert list(
        Post.objects.filter(body__in=["Antwort von Nele", "Mein Text, überarbeitet"]).values_list(
            "author_id", flat=True
        )
    ) == [None, None]
    assert Thread.objects.get(pk=question.pk).author_id is None
    for page in (thread, question):
        html = client.get(page.get_absolute_url()).content.decode()
        assert "gelöschtes Konto" in html
        assert "Namensvetterin" not in html
    assert "Antwort von Nele" in client.get(thread.get_absolute_url()).content.decode()


def test_deletion_removes_personal_data_from_every_table(neles_activity, nele, root):
    question_root = neles_activity["question"].posts.get()

    privacy.delete_account(user=nele)

    assert Vote.objects.filter(post=root).count() == 0
    assert Post.objects.get(pk=root.pk).vote_count == 0
    assert Thread.objects.get(pk=root.thread_id).vote_count == 0
    assert Post.objects.get(pk=question_root.pk).vote_count == 1  # Ben's vote stays
    assert Subscription.objects.filter(user_id=nele.pk).count() == 0
    assert list(Flag.objects.values_list("reporter_id", flat=True)) == [None]
    assert list(PostRevision.objects.values_list("edited_by_id", flat=True)) == [None]
    assert EmailAddress.objects.filter(user_id=nele.pk).count() == 0
    assert _rows_containing("nele.privat@example.org") == []
    assert _rows_containing("nele.zweit@example.org") == []
    assert _rows_containing("Nele Namensvetterin") == []
    assert _rows_containing("Archiv Privatstadt") == []


def test_deletion_ends_the_persons_sessions(neles_activity, nele):
    login(nele)
    other_device = login(nele)
    assert Session.objects.count() == 2

    other_device.post(reverse("privacy:delete"), {"password": "geheim-und-lang-genug"})

    assert Session.objects.count() == 0


def test_deletion_ends_only_that_persons_sessions_without_decoding_any(
    neles_activity, nele, monkeypatch
):
    """Deleting an account read and decoded every live session of the site to find the
    person's; the session engine now records each session's account."""
    bystander = UserFactory()
    login(bystander)
    device = login(nele)
    assert Session.objects.filter(account_id=nele.pk).count() == 1

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("a session was decoded")

    monkeypatch.setattr(Session, "get_decoded", no_decoding)
    privacy.delete_account(user=nele)

    assert not Session.objects.filter(account_id=nele.pk).exists()
    assert Session.objects.filter(account_id=bystander.pk).count() == 1
    assert device is not None


def test_deletion_of_a_superuser_is_refused(edition):
    admin = UserFactory(is_superuser=True, is_staff=True)

    with pytest.raises(services.BoardError, match="Administrationskonto"):
        privacy.delete_account(user=admin)


def test_anonymous_posts_stay_anonymous_after_deletion(edition, nele, client, moderator):
    thread = ask(edition, nele, title="Eine anonyme Frage zur Technik", is_anonymous=True)

    privacy.delete_account(user=nele)

    assert "anonym" in client.get(thread.get_absolute_url()).content.decode()
    moderated = login(moderator).get(thread.get_absolute_url()).content.decode()
    assert "Moderation sieht: gelöschtes Konto" in moderated


def test_search_index_no_longer_knows_the_person(edition, nele, django_capture_on_commit_callbacks):
    backend = get_search_backend()
    if hasattr(backend, "store"):
        backend.store.reset()
    with django_capture_on_commit_callbacks(execute=True):
        thread = ask(edition, nele, title="Digitalisierung von Glasnegativen", body="Glasplatten")
    assert [t.pk for t in backend.search("Glasnegativen", Thread)] == [thread.pk]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        privacy.delete_account(user=nele)

    assert len(callbacks) >= 2  # the question and its post were re-indexed after the commit
    assert [t.pk for t in backend.search("Glasnegativen", Thread)] == [thread.pk]
    assert list(backend.search("Namensvetterin", Thread)) == []
    assert list(backend.search("Namensvetterin", Post)) == []
    assert list(backend.search("Nele", Post)) == []


def _rows_containing(text):
    """Every (table, column) of the database whose text columns contain ``text``."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            description = connection.introspection.get_table_description(cursor, table)
            for column in description:
                quoted_table = connection.ops.quote_name(table)
                quoted_column = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} "  # noqa: S608 - names from introspection
                    f"WHERE CAST({quoted_column} AS TEXT) LIKE %s",
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column.name))
    return found
