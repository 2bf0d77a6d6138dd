import io

from django.core.management import call_command

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
def test_demo_board_covers_editions_phases_and_moderation_and_is_idempotent(client):
    call_command("load_demo_data", "--skip-index", "--no-logins", stdout=io.StringIO())
    first = board_counts()
    call_command("load_demo_data", "--skip-index", "--no-logins", stdout=io.StringIO())

    assert board_counts() == first
    threads = Thread.objects.all()
    assert threads.count() >= 40
    assert {(t.edition.year, t.phase) for t in threads} == {
        (year, phase) for year in (2024, 2025) for phase in ("vorab", "live", "nachlese")
    }
    assert Post.objects.filter(depth__gte=3).exists()
    assert Vote.objects.count() >= 20
    assert threads.filter(status=Thread.Status.ANSWERED, accepted_post__isnull=False).exists()
    assert threads.filter(is_pinned=True).exists()
    assert threads.filter(merged_into__isnull=False).count() == 1
    assert Post.objects.filter(visibility=Visibility.PENDING).count() == 1
    assert Flag.objects.filter(resolution="").count() == 1
    assert client.get("/fragen/").status_code == 200
    assert client.get(threads.first().get_absolute_url()).status_code == 200
