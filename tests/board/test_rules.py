"""Object permissions are named rules registered once (board/rules.py, django-rules); views,
services and the thread page ask them by name."""

from django.urls import reverse

import pytest

from board import permissions, services
from board.models import Thread
from tests.factories import ask, reply

RULES = (
    "board.edit_post",
    "board.vote_post",
    "board.accept_answer",
    "board.set_thread_status",
    "board.flag_post",
    "board.moderate",
    "board.view_post_history",
    "board.reply_to_thread",
    "board.follow_thread",
)


def test_every_rule_is_registered_once_and_answers_through_has_perm(thread, root, anna, ben):
    import rules

    for name in RULES:
        assert rules.perm_exists(name), name
    assert ben.has_perm("board.vote_post", root)
    assert not anna.has_perm("board.vote_post", root)  # her own question
    assert anna.has_perm("board.accept_answer", thread)
    assert not ben.has_perm("board.accept_answer", thread)


@pytest.fixture
def answer(thread, ben):
    return reply(thread, ben, body="Eine Antwort zum Abstimmen.")


@pytest.mark.parametrize("state", ["locked", "merged"])
def test_no_votes_on_a_locked_or_merged_thread(
    client, edition, thread, answer, clara, moderator, state
):
    """Issue 11 L7: votes were accepted on a merged, locked duplicate. A merge moves the
    duplicate's replies to the target (issue 14), so there the duplicate's question is tried."""
    if state == "locked":
        Thread.objects.filter(pk=thread.pk).update(is_locked=True)
        post = answer
    else:
        target = ask(edition, clara, title="Die Zielfrage der Zusammenführung")
        services.merge_threads(source=thread, target=target, moderator=moderator, reason="Doppelt")
        post = thread.posts.get(parent__isnull=True)
    post.refresh_from_db()
    assert not permissions.can_vote(clara, post)
    with pytest.raises(services.BoardError, match="abgestimmt"):
        services.vote(post=post, user=clara)
    client.force_login(clara)
    response = client.post(
        reverse("board:vote", args=[post.pk]), {"action": "vote"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert "abgestimmt" in response.json()["message"]
    post.refresh_from_db()
    assert post.vote_count == 0
    page = client.get(thread.get_absolute_url())
    shown = [page.context["question"], *page.context["nodes"]]
    node = next(n for n in shown if n.post.pk == post.pk)
    assert not node.can_vote


def test_follow_button_only_where_following_is_allowed(
    client, edition, thread, clara, moderator, django_capture_on_commit_callbacks
):
    client.force_login(clara)
    follow_url = reverse("board:subscribe", args=[thread.pk])
    assert follow_url in client.get(thread.get_absolute_url()).content.decode()
    target = ask(edition, clara, title="Die Zielfrage der Zusammenführung")
    with django_capture_on_commit_callbacks(execute=True):  # committed, as on the site
        services.merge_threads(source=thread, target=target, moderator=moderator, reason="Doppelt")
    page = client.get(thread.get_absolute_url())
    assert page.status_code == 200
    assert follow_url not in page.content.decode()
    response = client.post(follow_url)
    assert response.status_code == 302
    assert not clara.board_subscriptions.filter(thread=thread).exists()


def test_history_is_refused_by_its_rule(client, root, anna, ben, moderator):
    """An unedited post has a history for its author (and moderators) only; for others there
    is none (404, like a post they may not read)."""
    url = reverse("board:history", args=[root.pk])
    client.force_login(ben)
    assert client.get(url).status_code == 404
    client.force_login(anna)
    assert client.get(url).status_code == 200
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_flag_form_is_refused_for_ones_own_post(client, root, anna, ben):
    url = reverse("board:flag", args=[root.pk])
    client.force_login(anna)
    assert client.get(url).status_code == 403
    client.force_login(ben)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_staff_badges_follow_permissions_not_group_names(django_assert_num_queries):
    """Issue 13: the staff badge asked for group names; now the rights decide."""
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    def permission(dotted):
        app_label, codename = dotted.split(".")
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    direct_moderator = UserFactory()
    direct_moderator.user_permissions.add(permission("board.moderate_board"))
    chief = UserFactory()
    team = Group.objects.create(name="Team Inhalte")
    team.permissions.add(permission("home.act_as_chief_editor"))
    chief.groups.add(team)
    named_only = UserFactory()
    named_only.groups.add(Group.objects.create(name="Moderation (Name allein)"))
    superuser = UserFactory(is_superuser=True)
    inactive = UserFactory(is_active=False)
    inactive.user_permissions.add(permission("board.moderate_board"))
    participant = UserFactory()
    users = [direct_moderator, chief, named_only, superuser, inactive, participant]

    with django_assert_num_queries(1):
        roles = permissions.staff_roles([user.pk for user in users] + [None])

    assert roles == {
        direct_moderator.pk: permissions.STAFF_MODERATION,
        chief.pk: permissions.STAFF_EDITORIAL,
        superuser.pk: permissions.STAFF_EDITORIAL,
    }
