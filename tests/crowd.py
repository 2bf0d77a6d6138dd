"""A small site with every anonymous page type, for the caching, cookie and query-budget tests."""

from types import SimpleNamespace

from django.urls import reverse

from .factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    UserFactory,
    ask,
    make_site_home,
    reply,
)


def build_site(*, threads=1, replies=1, topics=1):
    home = make_site_home()
    edition = EventPageFactory(
        parent=EventIndexPageFactory(parent=home), title="Konferenz 2025", slug="2025"
    )
    topic_index = TopicIndexPageFactory(parent=home)
    topic_list = []
    for n in range(topics):
        topic = TopicPageFactory(parent=topic_index, title=f"Scanner teilen {n}", slug=f"s{n}")
        topic.tags.add("digitalisierung", f"schlagwort-{n}")
        topic.save_revision().publish()
        topic_list.append(topic)
    standard = StandardPageFactory(parent=home, title="Impressum", slug="impressum")
    anna = UserFactory(email="anna@example.org", display_name="Anna Archiv")
    ben = UserFactory(email="ben@example.org", display_name="Ben Bibliothek")
    thread_list = []
    for n in range(threads):
        thread = ask(
            edition,
            anna,
            title=f"Wie teilen kleine Häuser ihre Scanner? ({n})",
            body="Frage",
            topic=topic_list[0],
            tags=["digitalisierung", f"frage-{n}"],
        )
        for m in range(replies):
            reply(thread, ben, f"Antwort {m}")
        thread_list.append(thread)
    thread = thread_list[0]
    urls = {
        "home": home.url,
        "edition": edition.url,
        "topic index": topic_index.url,
        "topic": topic_list[0].url,
        "standard page": standard.url,
        "tag page": topic_index.url + topic_index.reverse_subpage("tag", args=["digitalisierung"]),
        "recent changes": topic_index.url + topic_index.reverse_subpage("recent_changes"),
        "recent changes feed": topic_index.url + topic_index.reverse_subpage("feed"),
        "question list": reverse("board:index"),
        "thread": thread.get_absolute_url(),
        "thread feed": reverse("board:thread_feed", args=[thread.pk]),
        "edition feed": reverse("board:edition_feed", args=[2025]),
        "board tag feed": reverse("board:tag_feed", args=["digitalisierung"]),
    }
    return SimpleNamespace(
        home=home,
        edition=edition,
        topic_index=topic_index,
        topic=topic_list[0],
        standard=standard,
        anna=anna,
        ben=ben,
        thread=thread,
        threads=thread_list,
        urls=urls,
    )


def changed_versions(names, action, capture):
    """The version keys among ``names`` that ``action`` bumped (after its commit)."""
    from home import versions

    before = versions.get(*names)
    with capture(execute=True):
        action()
    after = versions.get(*names)
    return {name for name in names if before[name] != after[name]}
