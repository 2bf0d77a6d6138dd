"""Fixtures for the search page and index-write tests.

Objects are created inside ``django_capture_on_commit_callbacks(execute=True)``, so they reach
the index through the project's route (signal -> on_commit -> task), as in production.
"""

import datetime
import shutil
import tempfile

from django.conf import settings
from django.utils import timezone

from modelsearch.query import PlainText
from wagtail.models import Locale, PageViewRestriction
from wagtail.search.backends import get_search_backend

import pytest

from board.models import Thread, Visibility
from tests.factories import (
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
from tests.shared_world import SharedWorld, refuse_transactional, reset_search_index


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "search_writes: index writes with several real processes (about 30 s)"
    )


WHOOSH = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backends.whoosh"
whoosh_only = pytest.mark.skipif(
    not WHOOSH, reason="Whoosh-specific (highlighting, suggestions, index files)"
)


@pytest.fixture(autouse=True)
def no_board_limits():
    """Fixtures here ask many questions quickly; the board's rate limits count in the cache."""
    import contextlib

    from django.core.cache import cache

    try:
        from board import limits
    except ImportError:  # pragma: no cover - older board without limits
        limits = None
    cache.clear()
    exempt = getattr(limits, "exempt", None)
    with exempt() if exempt else contextlib.nullcontext():
        yield
    cache.clear()


@pytest.fixture
def clean_index(db):
    """An empty search index (Whoosh keeps its files across tests; the database rolls back)."""
    from wagtail.search.backends import get_search_backend

    if WHOOSH:
        get_search_backend().store.reset()
    yield


@pytest.fixture
def indexing(django_capture_on_commit_callbacks, clean_index):
    """Run index tasks for what is created inside ``with indexing():``."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def titled_threads(db, indexing):
    """``titled_threads({key: title})``: indexed questions with these titles, in one edition;
    returns ``{key: pk}``."""

    def make(titles):
        with indexing():
            edition = EventPageFactory(parent=make_site_home(), title="Konferenz", slug="konferenz")
            made = {
                key: Thread.objects.create(
                    edition=edition, title=title, phase="vorab", last_activity_at=timezone.now()
                )
                for key, title in titles.items()
            }
        return {key: thread.pk for key, thread in made.items()}

    return make


def search_threads(text, threads, operator="and"):
    """The keys of ``threads`` (``{key: pk}``) that ``text`` finds, best first."""
    results = get_search_backend().search(
        PlainText(text, operator=operator), Thread.objects.all(), order_by_relevance=True
    )
    names = {pk: key for key, pk in threads.items()}
    return [names[thread.pk] for thread in results]


def build_corpus():
    """A small site: pages of every searchable type, questions and replies, some invisible."""
    home = make_site_home()
    events = EventIndexPageFactory(parent=home)
    e2024 = EventPageFactory(
        parent=events,
        title="Konferenz 2024",
        slug="2024",
        theme="Kooperation beim Digitalisieren",
        date=datetime.date(2024, 11, 14),
    )
    e2025 = EventPageFactory(
        parent=events,
        title="Konferenz 2025",
        slug="2025",
        theme="Kooperationen",
        summary="Geteilte Dienste und Kooperation zwischen Häusern.",
        date=datetime.date(2025, 11, 13),
    )
    topics = TopicIndexPageFactory(parent=home)
    topic = TopicPageFactory(
        parent=topics,
        title="Förderung und Finanzierung",
        slug="foerderung",
        summary="Förderprogramme für Kooperation und gemeinsame Digitalisierung.",
    )
    topic.tags.add("Förderung")
    topic.save_revision().publish()
    lizenzen = TopicPageFactory(
        parent=topics,
        title="Lizenzen",
        slug="lizenzen",
        summary="Offene Daten für Museen, Kooperation mit Wikimedia.",
    )
    draft = TopicPageFactory(
        parent=topics,
        title="Entwurf Zwergpinguin",
        slug="entwurf",
        summary="Zwergpinguin Kooperation",
        live=False,
    )
    private = TopicPageFactory(
        parent=topics, title="Intern Zwergpinguin", slug="intern", summary="Zwergpinguin"
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    standard = StandardPageFactory(
        parent=home,
        title="Barrierefreiheit",
        body=[("paragraph", "<p>Kooperation für barrierefreie Angebote.</p>")],
    )
    anna = UserFactory(display_name="Anna Archiv")
    ben = UserFactory(display_name="Ben Bibliothek")
    thread = ask(
        e2025,
        anna,
        title="Wie gelingt Kooperation bei der Digitalisierung?",
        body="Wir suchen Partner für offene Daten und Scanner.",
        tags=["Scanner"],
    )
    answer = reply(thread, ben, body="Fragen Sie die Landesstelle nach **Kooperation**.")
    old_thread = ask(
        e2024,
        ben,
        title="Welche Scanner teilen kleine Museen?",
        body="Für die Kooperation mehrerer Häuser.",
    )
    hidden = ask(e2025, anna, title="Zwergpinguin versteckt", body="Zwergpinguin Kooperation")
    hidden.visibility = Visibility.HIDDEN
    hidden.save()
    pending = reply(thread, anna, body="Zwergpinguin wartet auf Freigabe.")
    pending.visibility = Visibility.PENDING
    pending.save()
    return {
        "home": home,
        "e2024": e2024,
        "e2025": e2025,
        "topic": topic,
        "lizenzen": lizenzen,
        "draft": draft,
        "private": private,
        "standard": standard,
        "thread": thread,
        "answer": answer,
        "old_thread": old_thread,
        "hidden": hidden,
        "pending": pending,
        "anna": anna,
        "ben": ben,
        "en": Locale.objects.get(language_code="en"),
    }


class SearchCorpus(SharedWorld):
    """`build_corpus()` made once for a run of tests that use it (tests/shared_world.py), its
    index files kept aside: each test gets the index as built and fresh instances."""

    fixture = "search_corpus"

    def _load(self):
        from django.test import TestCase
        from django.utils import translation

        from board import limits

        reset_search_index()
        with (
            limits.exempt(),
            translation.override("de"),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            self.objects = build_corpus()
        self.index_files = None
        if WHOOSH:
            self.index_files = tempfile.mkdtemp(prefix="search-corpus-")
            current = get_search_backend().store.current_dir()
            shutil.copytree(current, self.index_files, dirs_exist_ok=True)

    def discard(self):
        super().discard()
        if getattr(self, "index_files", None):
            shutil.rmtree(self.index_files, ignore_errors=True)
            self.index_files = None

    def restore_index(self):
        """The live index as the corpus left it: a copy of its files made live."""
        if self.index_files:
            store = get_search_backend().store
            directory = store.new_dir()
            shutil.copytree(self.index_files, directory, dirs_exist_ok=True)
            store.activate_build(directory)

    def fresh(self):
        return {
            name: type(obj)._default_manager.get(pk=obj.pk) for name, obj in self.objects.items()
        }


@pytest.fixture(scope="session")
def search_corpus(django_db_setup, django_db_blocker):
    yield from SearchCorpus.session(django_db_blocker)


@pytest.fixture
def corpus(db, clean_index, search_corpus):
    """A small site: pages of every searchable type, questions and replies, some invisible
    (`build_corpus`); built once for a run of tests, fresh instances and index for each."""
    search_corpus.restore_index()
    return search_corpus.fresh()


def pytest_itemcollected(item):
    refuse_transactional(item, SearchCorpus.fixture)
