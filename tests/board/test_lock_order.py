"""Services that change a post lock its thread's row first and then the post's alone.

A vote once locked post and thread in one joined ``SELECT … FOR UPDATE``, in whatever order the
planner produced the rows, while an unvote locked the post and then updated the thread: under
a crowd on PostgreSQL two of them deadlocked and one answered 500 (bench/pages.py's live phase).
SQLite takes no row locks, so this is checked where ``FOR UPDATE`` exists.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from board import services

from .test_services import reply

pytestmark = pytest.mark.skipif(
    not connection.features.has_select_for_update, reason="the database takes no row locks"
)


def _locks(queries):
    return [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]


@pytest.mark.parametrize("action", ["vote", "unvote"])
def test_a_vote_locks_the_thread_and_then_the_post_alone(action, thread, root, ben):
    if action == "unvote":
        services.vote(post=root, user=ben)

    with CaptureQueriesContext(connection) as queries:
        getattr(services, action)(post=root, user=ben)

    locks = _locks(queries.captured_queries)
    assert len(locks) == 2
    assert 'FROM "board_thread" WHERE "board_thread"."id" =' in locks[0]
    assert 'FROM "board_post"' in locks[1]
    assert locks[1].endswith('FOR UPDATE OF "board_post"')


def test_hiding_and_approving_lock_in_the_same_order(thread, anna, ben, moderator):
    answer = reply(thread, ben)

    with CaptureQueriesContext(connection) as queries:
        services.hide_post(post=answer, moderator=moderator, reason="Spam")

    locks = _locks(queries.captured_queries)
    assert 'FROM "board_thread" WHERE "board_thread"."id" =' in locks[0]
    assert locks[1].endswith('FOR UPDATE OF "board_post"')
