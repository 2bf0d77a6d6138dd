"""Query budgets without the page cache (issue 9, item 4), for visitors and participants, flat
as the content grows (1 and 8 threads, topics and replies).

The issue's budgets: home <= 10, topic page <= 12, edition page <= 12, question list <= 12,
thread page <= 15. Where the queries went (2026-12-04, visitor/participant, before -> after):
home 11/15 -> 7/9, topic page 19/24 -> 3/6, edition page 14/19 -> 4/7, question list 5/9 ->
5/7, thread page 5/11 -> 5/9. Wagtail's routing (site, locale, home page, two queries per
level, view restrictions) is remembered per address under the site's version
(home/routing.py); the menu, language links, footer, breadcrumbs and a topic page's links come
from fragments cached under the versions of what they show (home/fragments.py); a person's
model permissions (Wagtail's user bar) are cached under the permissions version
(home/auth_backends.py); tags are prefetched.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.crowd import build_site
from tests.factories import TopicPageFactory, ask, reply

BUDGETS = {  # (visitor, participant)
    "home": (10, 10),
    "topic": (12, 12),
    "edition": (12, 12),
    "question list": (12, 12),
    "thread": (15, 15),
}


def counts(client, site):
    result = {}
    for name in BUDGETS:
        client.get(site.urls[name])  # fragment caches filled, as on a running site
        with CaptureQueriesContext(connection) as queries:
            response = client.get(site.urls[name])
        assert response.status_code == 200, name
        result[name] = len(queries.captured_queries)
    return result


def grow(site, n):
    topic = TopicPageFactory(parent=site.topic_index, title=f"Weiteres Thema {n}")
    topic.tags.add("digitalisierung", f"mehr-{n}")
    topic.save_revision().publish()
    thread = ask(
        site.edition,
        site.anna,
        title=f"Noch eine Frage zum Scannen {n}",
        body="Frage",
        topic=site.topic,
        tags=["digitalisierung", f"mehr-{n}"],
    )
    reply(thread, site.ben, f"Antwort {n}")
    reply(site.thread, site.ben, f"Noch eine Antwort {n}")


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "participant"])
def test_pages_stay_within_their_query_budgets_as_content_grows(db, client, signed_in):
    site = build_site()
    if signed_in:
        client.force_login(site.ben)
    few = counts(client, site)
    for n in range(2, 9):
        grow(site, n)
    many = counts(client, site)

    for name, budgets in BUDGETS.items():
        assert few[name] <= budgets[signed_in], (name, few, many)
        assert many[name] == few[name], (name, few, many)
