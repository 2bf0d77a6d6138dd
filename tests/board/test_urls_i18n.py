"""Board and account sub-paths are English under /en/ and German without a prefix."""

import re

from django.urls import resolve, reverse
from django.utils import translation

import pytest

from board.models import Subscription
from board.notifications import unsubscribe_token
from tests.factories import reply

pytestmark = pytest.mark.django_db

GERMAN_WORDS = re.compile(
    r"/(neu|vorschau|antworten|folgen|beitrag|bearbeiten|versionen|stimme|akzeptieren|melden|"
    r"abbestellen|ein-klick|ausgabe|schlagwort|fragen|konto|profil|daten|herunterladen|"
    r"konto-loeschen)/"
)

ROUTES = [
    ("board:index", []),
    ("board:ask", []),
    ("board:preview", []),
    ("board:moderation_log", []),
    ("board:reply", [7]),
    ("board:status", [7]),
    ("board:subscribe", [7]),
    ("board:post", [7]),
    ("board:edit", [7]),
    ("board:history", [7]),
    ("board:vote", [7]),
    ("board:accept", [7]),
    ("board:flag", [7]),
    ("board:unsubscribe", ["1:abc"]),
    ("board:unsubscribe_one_click", ["1:abc"]),
    ("board:edition_feed", [2025]),
    ("board:tag_feed", ["Digitalisierung"]),
    ("board:thread_feed", [7]),
    ("board:follow_edition", [7]),
    ("board:follow_topic", [7]),
    ("accounts:profile", []),
    ("privacy:export", []),
    ("privacy:delete", []),
]


@pytest.mark.parametrize(("name", "args"), ROUTES)
def test_every_route_has_an_english_and_a_german_path(name, args):
    with translation.override("en"):
        english = reverse(name, args=args)
        english_view = resolve(english).view_name
    with translation.override("de"):
        german = reverse(name, args=args)
        german_view = resolve(german).view_name

    assert english.startswith("/en/")
    assert not GERMAN_WORDS.search(english), english
    assert not german.startswith("/en/")
    assert german.startswith(("/fragen/", "/konto/"))
    assert english_view == german_view == name


def test_follow_routes_are_english_and_german():
    with translation.override("en"):
        assert reverse("board:follow_edition", args=[3]) == "/en/questions/follow/edition/3/"
        assert reverse("board:follow_topic", args=[4]) == "/en/questions/follow/topic/4/"
    with translation.override("de"):
        assert reverse("board:follow_edition", args=[3]) == "/fragen/folgen/ausgabe/3/"
        assert reverse("board:follow_topic", args=[4]) == "/fragen/folgen/thema/4/"
        # the generic German form keeps resolving to the same view
        assert reverse("board:follow", args=["ausgabe", 3]) == "/fragen/folgen/ausgabe/3/"


def test_following_an_edition_from_an_english_page(client, edition, ben):
    from board.models import Subscription

    client.force_login(ben)

    response = client.post(f"/en/questions/follow/edition/{edition.pk}/")

    assert response.status_code == 302
    assert Subscription.objects.get(user=ben, edition=edition).language == "en"


def test_english_pages_answer_on_english_paths_only(client, thread, anna):
    client.force_login(anna)

    assert client.get("/en/questions/new/").status_code == 200
    assert client.get("/fragen/neu/").status_code == 200
    assert client.get("/en/questions/neu/").status_code == 404
    assert client.get("/en/account/profile/").status_code == 200
    assert client.get("/konto/profil/").status_code == 200
    assert client.get("/en/account/data/download/").status_code == 200


def test_english_thread_page_links_to_english_paths(client, thread, root, ben):
    answer = reply(thread, ben, "Antwort")
    client.force_login(ben)
    with translation.override("en"):
        url = thread.get_absolute_url()

    html = client.get(url).content.decode()

    assert url.startswith("/en/questions/")
    assert f'href="/en/questions/post/{answer.pk}/"' in html
    assert f'action="/en/questions/post/{root.pk}/vote/"' in html
    assert f'href="/en/questions/{thread.pk}/reply/?auf={answer.pk}"' in html
    assert "/en/questions/beitrag/" not in html
    assert "/en/questions/antworten/" not in html


def test_english_permalink_redirects_to_the_english_thread_page(client, thread, ben):
    answer = reply(thread, ben, "Antwort")

    response = client.get(f"/en/questions/post/{answer.pk}/")

    assert response.status_code == 302
    assert response.url.startswith(f"/en/questions/{thread.pk}-")
    assert response.url.endswith(f"#beitrag-{answer.pk}")


@pytest.mark.parametrize(
    "path",
    [
        "/fragen/abbestellen/{token}/",  # what e-mails have always contained
        "/en/questions/unsubscribe/{token}/",
        "/en/questions/abbestellen/{token}/",  # a German link with an English prefix
    ],
)
def test_unsubscribe_links_work_in_both_languages(client, thread, anna, path):
    subscription = Subscription.objects.get(user=anna, thread=thread)
    url = path.format(token=unsubscribe_token(subscription))

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_one_click_unsubscribe_keeps_working_on_the_german_path_under_en(client, thread, anna):
    subscription = Subscription.objects.get(user=anna, thread=thread)
    token = unsubscribe_token(subscription)

    response = client.post(f"/en/questions/abbestellen/{token}/ein-klick/")

    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
