"""The anonymous page cache (home/page_cache.py): every kind of change shows on the very next
anonymous request of each page that shows it; signed-in, preview and private never cached; 304s."""

from django.urls import reverse

from wagtail.models import PageViewRestriction, Site

from board import services
from board.models import Thread
from home.models import SiteSettings
from tests.factories import UserFactory, make_moderator


def warm(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_repeated_anonymous_request_is_served_from_the_cache_without_a_query(
    client, site, django_assert_num_queries
):
    for name, url in site.urls.items():
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200, name
        assert second.content == first.content, name
        assert second["Content-Type"] == first["Content-Type"], name
        assert "public" in second["Cache-Control"] and "max-age=10" in second["Cache-Control"]
        assert second["ETag"] == first["ETag"]
        assert not second.cookies


def test_a_repeated_conditional_request_gets_304(client, site, change):
    for name, url in site.urls.items():
        etag = client.get(url)["ETag"]
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304, name
        assert again.content == b""

    # After a change the old tag no longer matches.
    thread_url = site.urls["thread"]
    etag = client.get(thread_url)["ETag"]
    change(lambda: services.post_reply(thread=site.thread, author=site.ben, body="Neu dabei"))
    fresh = client.get(thread_url, headers={"if-none-match": etag})
    assert fresh.status_code == 200
    assert "Neu dabei" in fresh.text


def test_a_reply_shows_on_the_thread_page_its_feed_and_the_lists(client, site, change):
    pages = ["thread", "thread feed", "question list", "edition", "home"]
    warm(client, *(site.urls[name] for name in pages))
    before = {name: client.get(site.urls[name]).text for name in pages}

    change(lambda: services.post_reply(thread=site.thread, author=site.ben, body="Eine neue Idee"))

    assert "Eine neue Idee" in client.get(site.urls["thread"]).text
    assert "Eine neue Idee" in client.get(site.urls["thread feed"]).text
    # The lists show counts and activity: each is rendered anew.
    for name in ("question list", "edition", "home"):
        assert client.get(site.urls[name]).text != before[name], name


def test_a_new_question_shows_on_edition_topic_home_list_and_feeds(client, site, change):
    pages = ["question list", "edition", "topic", "home", "edition feed", "board tag feed"]
    warm(client, *(site.urls[name] for name in pages))

    change(
        lambda: services.ask_question(
            edition=site.edition,
            author=site.ben,
            title="Wer digitalisiert Glasplattennegative?",
            body="Frage",
            topic=site.topic,
            tags=["digitalisierung"],
        )
    )

    for name in pages:
        assert "Glasplattennegative" in client.get(site.urls[name]).text, name


def test_votes_accepting_status_pin_and_lock_show_on_the_thread_page(client, site, change):
    moderator = make_moderator(email="mod@example.org", display_name="Moritz Moderation")
    answer = site.thread.posts.exclude(parent=None).first()
    url = site.urls["thread"]

    def shows(text):
        return text in client.get(url).text

    warm(client, url)
    change(lambda: services.vote(post=answer, user=site.anna))
    assert 'data-votes="1"' in client.get(url).text or shows(">1<")

    change(lambda: services.accept_answer(thread=site.thread, post=answer, user=site.anna))
    assert shows("Akzeptierte Antwort")

    change(lambda: services.pin_thread(thread=site.thread, moderator=moderator))
    assert shows("Angeheftet")

    change(lambda: services.lock_thread(thread=site.thread, moderator=moderator))
    assert shows("Gesperrt")


def test_hiding_and_restoring_a_post_shows_at_once(client, site, change):
    moderator = make_moderator(email="mod@example.org", display_name="Moritz Moderation")
    answer = site.thread.posts.exclude(parent=None).first()
    url = site.urls["thread"]
    assert "Antwort 0" in client.get(url).text

    change(lambda: services.hide_post(post=answer, moderator=moderator, reason="Spam"))
    assert "Antwort 0" not in client.get(url).text
    log = client.get(reverse("board:moderation_log")).text
    assert "Spam" in log

    answer.refresh_from_db()
    change(lambda: services.restore_post(post=answer, moderator=moderator))
    assert "Antwort 0" in client.get(url).text


def test_a_change_in_the_shell_shows_at_once(client, site, change):
    """No service involved: a model saved directly (admin, manage.py shell)."""
    url = site.urls["thread"]
    warm(client, url, site.urls["question list"])

    def rename():
        thread = Thread.objects.get(pk=site.thread.pk)
        thread.title = "Ein ganz neuer Titel für die Frage"
        thread.save()

    change(rename)

    assert "Ein ganz neuer Titel" in client.get(url).text
    assert "Ein ganz neuer Titel" in client.get(site.urls["question list"]).text


def test_a_merge_shows_on_both_thread_pages(client, site, change):
    moderator = make_moderator(email="mod@example.org", display_name="Moritz Moderation")
    target = change(
        lambda: services.ask_question(
            edition=site.edition, author=site.ben, title="Scanner gemeinsam nutzen?", body="x"
        )
    )
    source_url, target_url = site.urls["thread"], target.get_absolute_url()
    warm(client, source_url, target_url)
    source_before = client.get(source_url).text

    change(
        lambda: services.merge_threads(
            source=site.thread, target=target, moderator=moderator, reason="doppelt"
        )
    )

    assert client.get(source_url).text != source_before
    assert site.thread.title in client.get(target_url).text


def test_publishing_unpublishing_and_moving_pages_show_at_once(client, site, change):
    standard, topic = site.standard, site.topic
    warm(client, site.urls["standard page"], site.urls["topic"], site.urls["tag page"])

    def publish():
        standard.title = "Impressum und Kontakt"
        standard.save_revision().publish()

    change(publish)
    assert "Impressum und Kontakt" in client.get(site.urls["standard page"]).text

    def retitle_topic():
        topic.title = "Scanner gemeinsam betreiben"
        topic.save_revision().publish()

    change(retitle_topic)
    for name in ("topic", "tag page", "topic index", "recent changes", "recent changes feed"):
        assert "Scanner gemeinsam betreiben" in client.get(site.urls[name]).text, name

    change(standard.unpublish)
    assert client.get(site.urls["standard page"]).status_code == 404

    change(lambda: topic.move(site.edition.get_parent(), pos="last-child"))
    assert client.get(site.urls["topic"]).status_code != 200  # a redirect to its new place


def test_site_settings_show_on_every_page_at_once(client, site, change):
    warm(client, *site.urls.values())
    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    def save():
        settings_.mastodon_url = "https://social.example.org/@kooperationsraum"
        settings_.save()

    change(save)

    for name in ("home", "edition", "topic", "standard page", "question list", "thread"):
        assert "social.example.org" in client.get(site.urls[name]).text, name


def test_a_public_name_shows_at_once(client, site, change):
    warm(client, site.urls["thread"])

    def rename():
        site.ben.display_name = "Ben B. Bibliothekar"
        site.ben.save()

    change(rename)
    assert "Ben B. Bibliothekar" in client.get(site.urls["thread"]).text


def test_signed_in_readers_are_never_served_or_stored(client, site):
    url = site.urls["thread"]
    anonymous = client.get(url)
    client.force_login(site.ben)

    signed_in = client.get(url)

    assert signed_in.content != anonymous.content
    assert "private" in signed_in["Cache-Control"]
    assert "ETag" not in signed_in
    client.logout()
    assert client.get(url).content == anonymous.content  # the visitor's copy stayed


def test_a_signed_in_page_does_not_reach_visitors(client, site):
    url = site.urls["edition"]
    client.force_login(site.ben)
    client.get(url)
    client.logout()
    client.cookies.clear()

    assert b"csrfmiddlewaretoken" not in client.get(url).content


def test_private_and_password_protected_pages_are_not_cached(client, site, change):
    members = site.standard
    PageViewRestriction.objects.create(page=members, restriction_type="login")
    protected = site.topic
    PageViewRestriction.objects.create(page=protected, restriction_type="password", password="x")

    private = client.get(site.urls["standard page"])
    password = client.get(site.urls["topic"])

    assert private.status_code == 302
    assert "ETag" not in private and "public" not in private.get("Cache-Control", "")
    assert "ETag" not in password and "public" not in password.get("Cache-Control", "")
    # Signed in, the private page is shown, and never to the next visitor.
    reader = UserFactory(email="leser@example.org")
    client.force_login(reader)
    assert client.get(site.urls["standard page"]).status_code == 200
    client.logout()
    client.cookies.clear()
    assert client.get(site.urls["standard page"]).status_code == 302


def test_previews_and_posts_are_not_cached(client, site, admin_user):
    client.force_login(admin_user)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[site.standard.pk])
    response = client.get(preview_url)

    assert "public" not in response.get("Cache-Control", "")
    client.logout()
    client.cookies.clear()
    post = client.post(site.urls["question list"])
    assert "public" not in post.get("Cache-Control", "")


def test_a_response_with_a_message_is_not_cached(client, site):
    from django.contrib.messages.storage.cookie import CookieStorage

    url = site.urls["home"]
    plain = client.get(url)
    client.cookies["messages"] = "whatever"  # a pending message for this visitor
    with_message = client.get(url)

    assert "ETag" not in with_message
    assert "public" not in with_message.get("Cache-Control", "")
    assert plain["ETag"]
    assert CookieStorage.cookie_name == "messages"


def test_a_proxy_in_front_is_purged_on_publish_and_on_board_changes(
    client, site, change, settings, monkeypatch
):
    from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:8189",
        }
    }
    purged = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: purged.append(url))

    change(lambda: services.post_reply(thread=site.thread, author=site.ben, body="Noch eine"))
    assert any(url.endswith(site.urls["thread"]) for url in purged)
    assert any(url.endswith(site.urls["question list"]) for url in purged)

    purged.clear()
    change(lambda: site.standard.save_revision().publish())
    assert any(url.endswith(site.urls["standard page"]) for url in purged)


def test_search_results_stay_out_of_shared_caches(client, site):
    response = client.get(reverse("search"), {"q": "Scanner"})

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert b'name="robots" content="noindex' in response.content


def test_live_polls_are_left_to_the_poll_middleware(client, site):
    url = site.urls["question list"]
    client.get(url)

    poll = client.get(url, headers={"x-live-poll": "1"})

    assert poll.status_code == 200
    assert "public" not in poll["Cache-Control"]


def test_a_restriction_added_to_a_cached_page_applies_at_once(client, site, change):
    warm(client, site.urls["topic"], site.urls["thread"])

    change(
        lambda: PageViewRestriction.objects.create(
            page=site.topic, restriction_type="password", password="x"
        )
    )

    assert "ETag" not in client.get(site.urls["topic"])  # the password form, not the copy
    restriction = PageViewRestriction.objects.get(page=site.topic)
    change(restriction.delete)
    client.get(site.urls["topic"])  # cached again, without the restriction
    change(lambda: PageViewRestriction.objects.create(page=site.topic, restriction_type="login"))
    assert client.get(site.urls["topic"]).status_code == 302


def test_a_repeated_anonymous_search_is_served_from_the_cache_and_stays_private(
    client, site, django_assert_num_queries
):
    url = reverse("search")
    first = client.get(url, {"q": "Scanner"})
    with django_assert_num_queries(0):
        second = client.get(url, {"q": "Scanner"})

    assert second.status_code == 200
    assert second.content == first.content
    assert "Scanner" in second.text
    for response in (first, second):
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert "ETag" not in response
        assert not response.cookies
        assert b'name="robots" content="noindex' in response.content


def test_a_new_question_appears_on_the_next_search_after_the_index_commit(client, site, change):
    url = reverse("search")
    assert "Wer digitalisiert" not in client.get(url, {"q": "Glasplattennegative"}).text

    change(
        lambda: services.ask_question(
            edition=site.edition,
            author=site.ben,
            title="Wer digitalisiert Glasplattennegative?",
            body="Frage",
        )
    )

    assert "Wer digitalisiert" in client.get(url, {"q": "Glasplattennegative"}).text


def test_each_index_commit_makes_searches_afresh(client, site, change):
    from django.core.management import call_command

    from home import versions
    from search.tasks import sync_object

    before = versions.get(versions.SEARCH)
    change(lambda: sync_object("board.thread", site.thread.pk))
    after_write = versions.get(versions.SEARCH)
    change(lambda: call_command("update_index", verbosity=0))

    assert before != after_write != versions.get(versions.SEARCH)


def test_signed_in_searches_are_not_kept(client, site, django_assert_max_num_queries):
    client.force_login(site.ben)
    url = reverse("search")
    client.get(url, {"q": "Scanner"})
    with django_assert_max_num_queries(100) as queries:
        client.get(url, {"q": "Scanner"})
    assert len(queries.captured_queries) > 0


def test_while_a_changed_page_is_rendered_other_visitors_get_the_previous_copy(
    client, site, change
):
    from django.core.cache import cache
    from django.test import RequestFactory

    from home.page_cache import LOCK_PREFIX, address_of

    url = site.urls["thread"]
    warm(client, url)
    change(lambda: services.post_reply(thread=site.thread, author=site.ben, body="Neu im Saal"))
    lock = LOCK_PREFIX + address_of(RequestFactory().get(url))
    assert cache.add(lock, 1)  # another process is rendering the new version

    meanwhile = client.get(url)
    assert meanwhile.status_code == 200
    assert "Neu im Saal" not in meanwhile.text
    assert "max-age=0" in meanwhile["Cache-Control"]

    cache.delete(lock)  # that rendering is stored
    assert "Neu im Saal" in client.get(url).text
    assert cache.get(lock) is None  # the request that rendered it released its lock
    assert "Neu im Saal" in client.get(url).text


def test_a_page_no_longer_kept_is_not_served_from_its_previous_copy(client, site, change):
    """A change that makes a page one the cache does not keep (a hidden question: 404; a page
    given a password or a login) drops the previous copy: visitors who come while another
    visitor's request renders the page get the page as it is now, not the copy from before."""
    from django.core.cache import cache
    from django.test import RequestFactory

    from board.models import Visibility
    from home.page_cache import LOCK_PREFIX, address_of

    url = site.urls["thread"]
    warm(client, url)

    def hide():
        site.thread.visibility = Visibility.HIDDEN
        site.thread.save()

    change(hide)
    assert client.get(url).status_code == 404  # this request rendered the page: no copy kept
    lock = LOCK_PREFIX + address_of(RequestFactory().get(url))
    assert cache.add(lock, 1)  # another visitor's request is rendering it now

    meanwhile = client.get(url)
    assert meanwhile.status_code == 404
    assert site.thread.title not in meanwhile.text
