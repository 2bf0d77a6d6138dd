"""The thread page renders its tree in one loop with precomputed links (board/rendering.py);
the markup must stay what the recursive template produced."""

import re

from django.test import Client
from django.urls import reverse

import pytest

from tests.factories import reply

pytestmark = pytest.mark.django_db


def _tree_tags(html):
    """The <ol>/<li> skeleton of the answers section, with each post's id."""
    section = html[html.index('<ol class="post-tree">') : html.index('<section class="reply"')]
    skeleton = []
    for slash, name, attrs in re.findall(r"<(/?)(ol|li)\b([^>]*)>", section):
        anchor = re.search(r'id="(beitrag-\d+)"', attrs)
        skeleton.append(f"{slash}{name}" + (f"#{anchor.group(1)}" if anchor else ""))
    return skeleton


def test_nested_replies_keep_the_list_structure(client, thread, ben, clara):
    a = reply(thread, ben, "A")
    a1 = reply(thread, clara, "A1", parent=a)
    a1x = reply(thread, ben, "A1x", parent=a1)
    a2 = reply(thread, clara, "A2", parent=a)
    b = reply(thread, clara, "B")

    html = client.get(thread.get_absolute_url()).content.decode()

    assert _tree_tags(html) == [
        "ol",
        f"li#beitrag-{a.pk}",
        "ol",
        f"li#beitrag-{a1.pk}",
        "ol",
        f"li#beitrag-{a1x.pk}",
        "/li",
        "/ol",
        "/li",
        f"li#beitrag-{a2.pk}",
        "/li",
        "/ol",
        "/li",
        f"li#beitrag-{b.pk}",
        "/li",
        "/ol",
    ]


def test_precomputed_links_equal_reversed_urls(thread, root, ben, clara):
    answer = reply(thread, clara, "Eine Antwort")
    nested = reply(thread, clara, "Darauf", parent=answer)
    client = Client()
    client.force_login(ben)

    html = client.get(thread.get_absolute_url()).content.decode()

    for post in (root, answer, nested):
        for route in ("board:post", "board:vote", "board:flag"):
            assert f'"{reverse(route, args=[post.pk])}"' in html
        assert f'"{reverse("board:reply", args=[thread.pk])}?auf={post.pk}"' in html
    flat = client.get(thread.get_absolute_url() + "?ansicht=flach").content.decode()
    assert f'<a href="{reverse("board:post", args=[answer.pk])}">' in flat
