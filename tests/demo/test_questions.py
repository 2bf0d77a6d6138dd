import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from board.models import Flag, Post, Thread, Visibility, Vote


def board_counts():
    return (
        Thread.objects.count(),
        Post.objects.count(),
        Vote.objects.count(),
        Flag.objects.count(),
    )


@pytest.mark.django_db
def test_demo_board_covers_editions_phases_and_moderation_and_is_idempotent(client, demo_site):
    first = board_counts()
    call_command("load_demo_data", "--skip-index", "--no-logins", stdout=io.StringIO())

    assert board_counts() == first
    threads = Thread.objects.all()
    assert threads.count() >= 40
    # Two past editions in every phase, and this year's edition live today (demo/live_edition.py).
    assert {(t.edition.year, t.phase) for t in threads} == {
        (year, phase) for year in (2024, 2025) for phase in ("vorab", "live", "nachlese")
    } | {(timezone.localdate().year, "live")}
    assert Post.objects.filter(depth__gte=3).exists()
    assert Vote.objects.count() >= 20
    assert threads.filter(status=Thread.Status.ANSWERED, accepted_post__isnull=False).exists()
    assert threads.filter(is_pinned=True).exists()
    assert threads.filter(merged_into__isnull=False).count() == 1
    assert Post.objects.filter(visibility=Visibility.PENDING).count() == 1
    assert Flag.objects.filter(resolution="").count() == 1
    assert client.get("/fragen/").status_code == 200
    assert client.get(threads.first().get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_loading_demo_data_enqueues_no_notification(demo_site):
    # The demo is built with its on-commit tasks run and board.tasks.send_board_notification
    # recording what is enqueued (tests/demo_site.py).
    assert Thread.objects.count() >= 40  # the demo's activity happened …
    assert demo_site.notifications == []  # … without a notification task
    # (the wiki's workflow may mail its reviewers; no board e-mail is among them)
    assert not [m for m in demo_site.mail if "List-Unsubscribe" in m.extra_headers]


@pytest.mark.django_db
def test_demo_posts_are_dated_with_their_threads(demo_site):
    for thread in Thread.objects.prefetch_related("posts"):
        posts = list(thread.posts.all())
        root = next(post for post in posts if post.parent_id is None)
        assert root.created_at == thread.created_at
        for post in posts:
            assert post.created_at >= thread.created_at
            assert post.created_at.year == thread.created_at.year, thread.title


@pytest.mark.django_db
def test_demo_questions_belong_to_topic_pages(client, demo_site):
    shared = Thread.objects.filter(topic__slug="geteilte-infrastrukturen")
    html = client.get("/themen/geteilte-infrastrukturen/").content.decode()

    assert shared.count() >= 3
    assert Thread.objects.filter(topic__isnull=False).values("topic").distinct().count() >= 5
    assert "Zu diesem Thema gibt es noch keine Fragen." not in html
    assert shared.public().first().title in html


@pytest.mark.django_db
def test_demo_sends_no_email_writes_german_and_its_scanner_threads_are_choosable(client, demo_site):
    from django.urls import reverse

    from tests.factories import make_moderator

    # The demo is built into an empty search index with its on-commit tasks run
    # (tests/demo_site.py). Wagtail's "submitted for moderation" mails of the demo's workflow in
    # progress (and any other) stay unsent; its e-mail handlers are connected again afterwards.
    assert demo_site.mail == []
    before, after = demo_site.moderation_receivers
    assert after == before
    assert set(Thread.objects.values_list("language", flat=True)) == {"de"}
    assert set(Post.objects.values_list("language", flat=True)) == {"de"}

    # E's walk-through: the merge chooser found nothing for "Scanner" in the demo.
    source = Thread.objects.public().exclude(title__icontains="scanner").first()
    client.force_login(make_moderator(email="chooser@example.org"))
    html = client.get(
        reverse("board_merge_target_chooser:choose"), {"quelle": source.pk, "q": "Scanner"}
    ).json()["html"]
    assert "Wie teilen kleine Archive sich einen Aufsichtscanner?" in html
    assert "Es gibt leider keine Treffer" not in html
