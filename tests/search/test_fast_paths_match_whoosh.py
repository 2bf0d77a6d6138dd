"""The Whoosh backend's fast paths give what Whoosh's own machinery gives.

* term-at-a-time scoring (``scoring.Evaluator``) against Whoosh's collector, hit for hit and
  score for score;
* a rebuild in two worker processes (``BUILD_PROCS``) against a rebuild in one;
* single writes merging segments in tiers: the segment count stays bounded, nothing is lost;
* index creation by several writers at once yields one index; a typo lookup honours the
  search's deadline.
"""

import threading
import time

from django.utils import timezone

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest
from whoosh import query as wq

from board.models import Post, Thread
from search.backends import whoosh
from search.backends.whoosh import results as whoosh_results
from search.backends.whoosh.scoring import Evaluator, model_documents, search_deadline

from .conftest import whoosh_only

pytestmark = [whoosh_only]

QUERIES = [
    "Kooperation",
    "Zwergpinguin",
    "Kooperation Digitalisierung",
    "Scanner -Museen",
    '"offene Daten"',
    "Digitalisirung",
    "Förderprogramme Kooperation",
]
MODELS = [Page, Thread, Post]


def _collector_hits(searcher, query, ct_term, scored):
    allowed = set(searcher.docs_for_query(ct_term))
    collector = searcher.collector(limit=None, scored=scored)
    searcher.search_with_collector(query, collector)
    results = collector.results()
    if scored:
        return {d: s for d, s in results.items() if d in allowed}
    return {d: 0.0 for d in results.docs() if d in allowed}


@pytest.mark.parametrize("scored", [True, False])
def test_term_at_a_time_scoring_equals_whooshs_collector(corpus, scored):
    from search.query import parse

    backend = get_search_backend()
    compared = 0
    with backend.store.searcher() as searcher:
        for text in QUERIES:
            for model in MODELS:
                compiler = backend.search(
                    parse(text).to_query(), model.objects.all()
                ).query_compiler
                query = compiler.whoosh_query(backend, searcher.reader())
                if query is wq.NullQuery:
                    continue
                ct_term = compiler.content_type_filter()
                expected = _collector_hits(searcher, query, ct_term, scored)
                found = Evaluator(searcher, scored).run(query, model_documents(searcher, ct_term))
                assert found.keys() == expected.keys(), (text, model)
                for docnum, score in expected.items():
                    assert found[docnum] == pytest.approx(score, rel=1e-12), (text, model)
                compared += len(expected)
    assert compared > 10  # the corpus matched something


def _rebuild(backend, chunk=2):
    """Rebuild as ``update_index`` does: one rebuilder, every indexed model in chunks."""
    from modelsearch.index import get_indexed_models

    rebuilder = backend.rebuilder_class(backend.get_index_for_model(Page))
    index = rebuilder.start()
    for model in get_indexed_models():
        index.add_model(model)
        objects = list(model.get_indexed_objects().order_by("pk"))
        for start in range(0, len(objects), chunk):
            index.add_items(model, objects[start : start + chunk])
    rebuilder.finish()


def _all_hits(backend):
    from search.query import parse

    hits = {}
    with backend.store.searcher() as searcher:
        for text in QUERIES:
            for model in MODELS:
                results = backend.search(parse(text).to_query(), model.objects.all())
                hits[text, model.__name__] = {
                    pk: round(score, 9) for pk, score in results.index_hits(searcher)
                }
    return hits


def test_a_rebuild_in_two_processes_indexes_what_one_process_does(corpus, tmp_path):
    one = get_search_backend("default", PATH=str(tmp_path / "one"), BUILD_PROCS=1)
    two = get_search_backend("default", PATH=str(tmp_path / "two"), BUILD_PROCS=2)

    _rebuild(one)
    _rebuild(two)

    with two.store.searcher() as searcher:
        segments = len(searcher.reader().leaf_readers())
        documents = searcher.doc_count()
    with one.store.searcher() as searcher:
        assert documents == searcher.doc_count()
    assert segments == 2  # one per worker process
    hits = _all_hits(two)
    assert hits == _all_hits(one)
    assert hits["Kooperation", "Thread"]  # not vacuous


@pytest.mark.django_db
def test_single_writes_merge_segments_in_tiers_and_lose_nothing(tmp_path):
    from tests.factories import EventPageFactory, make_site_home

    backend = get_search_backend("default", PATH=str(tmp_path / "index"))
    backend.store.ensure()  # as update_index leaves it: writes never create an index
    edition = EventPageFactory(parent=make_site_home())
    threads = [
        Thread.objects.create(
            edition=edition,
            title=f"Zwergpinguin Nummer {n}",
            phase="vorab",
            last_activity_at=timezone.now(),
        )
        for n in range(3 * whoosh.MERGE_FACTOR)
    ]
    segment_counts, merges = [], 0
    for thread in threads:
        backend.add(thread)
        # A write merges nothing; it asks for a merge when a tier is full (the index task then
        # enqueues one), and asks once until the merge has begun.
        if backend.request_merge():
            assert not backend.request_merge()
            merges += 1
            assert backend.merge_segments() >= whoosh.MERGE_FACTOR
        with backend.store.searcher() as searcher:
            segment_counts.append(len(searcher.reader().leaf_readers()))

    found = backend.search("Zwergpinguin", Thread.objects.all())
    assert {t.pk for t in found} == {t.pk for t in threads}
    # Without merging there would be one segment per write; tiers keep fewer than
    # MERGE_FACTOR per tier (two tiers here).
    assert merges >= 2
    assert max(segment_counts) <= 2 * whoosh.MERGE_FACTOR - 1
    assert segment_counts[-1] < len(threads) // 2


def test_writers_creating_the_index_at_once_create_one(tmp_path, monkeypatch):
    new_dir = whoosh.IndexStore.new_dir

    def slow_new_dir(store):
        time.sleep(0.2)  # widen the window between "no index yet" and the swap
        return new_dir(store)

    monkeypatch.setattr(whoosh.IndexStore, "new_dir", slow_new_dir)
    stores = [whoosh.IndexStore(str(tmp_path / "index"), "de", lock_timeout=10) for _ in range(6)]
    barrier = threading.Barrier(len(stores))
    created = []

    def create(store):
        barrier.wait()
        created.append(store.ensure())

    workers = [threading.Thread(target=create, args=(store,)) for store in stores]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)

    assert len(created) == len(stores)
    assert len(set(created)) == 1
    directories = [p.name for p in (tmp_path / "index").iterdir() if p.name.startswith("index-")]
    assert len(directories) == 1


def test_a_typo_lookup_stops_at_the_searchs_deadline(corpus):
    backend = get_search_backend()
    with backend.store.searcher() as searcher:
        reader = searcher.reader()
        assert backend.near_words(reader, "Kooperatin")  # found without a deadline
        with search_deadline(time.monotonic() - 1):
            late = backend.near_words(reader, "Kooperatin")
    assert len(late) <= 1  # stopped after the first candidate


@pytest.mark.parametrize("limit", [0, 10_000])
def test_filtered_searches_with_many_hits_keep_exactly_the_querysets_rows(
    corpus, monkeypatch, limit
):
    # PK_IN_LIMIT 0: every search takes the many-hits path (all the queryset's keys, read with
    # a plain cursor); 10 000: the pk__in path.
    monkeypatch.setattr(whoosh_results, "PK_IN_LIMIT", limit)
    backend = get_search_backend()
    querysets = {
        "live": Page.objects.live(),
        "live public": Page.objects.live().public(),
        "not live": Page.objects.filter(live=False),
        "visible threads": Thread.objects.public(),
    }
    found = {}
    for name, queryset in querysets.items():
        for text in ("Kooperation", "Zwergpinguin"):
            results = backend.search(text, queryset)
            found[name, text] = ({obj.pk for obj in results}, results.count())

    assert found["live", "Zwergpinguin"] == ({corpus["private"].pk}, 1)
    assert found["not live", "Zwergpinguin"] == ({corpus["draft"].pk}, 1)
    assert found["live public", "Zwergpinguin"] == (set(), 0)
    assert found["visible threads", "Zwergpinguin"] == (set(), 0)
    live_kooperation = found["live", "Kooperation"][0]
    assert corpus["draft"].pk not in live_kooperation
    assert corpus["topic"].pk in live_kooperation
    assert found["live", "Kooperation"][1] == len(live_kooperation)
    assert corpus["thread"].pk in found["visible threads", "Kooperation"][0]
    assert corpus["hidden"].pk not in found["visible threads", "Kooperation"][0]


def _frequent_and_rare(directory):
    """A Whoosh index (its default codec) of 1 000 documents, all with "haeufig" (eight posting
    blocks), three also with "selten": 3 and 997 as "selten haeufig", 500 apart."""
    from whoosh import fields as wfields
    from whoosh import index as windex

    schema = wfields.Schema(text=wfields.TEXT(phrase=True))
    ix = windex.create_in(str(directory), schema)
    writer = ix.writer()
    for n in range(1000):
        if n in (3, 997):
            writer.add_document(text=f"selten haeufig und haeufig selten {n}")
        elif n == 500:
            writer.add_document(text="selten ein haeufig")
        else:
            writer.add_document(text=f"haeufig wort {n}")
    writer.commit()
    return ix


def _count_block_reads(monkeypatch):
    from search.backends.whoosh import scoring

    read = []
    block_ids = scoring.block_ids
    monkeypatch.setattr(scoring, "block_ids", lambda matcher: read.append(1) or block_ids(matcher))
    return read


@pytest.mark.parametrize("words", [["selten", "haeufig"], ["haeufig", "selten"]])
def test_a_phrase_reads_only_the_frequent_words_blocks_near_the_rare_ones(
    tmp_path, monkeypatch, words
):
    ix = _frequent_and_rare(tmp_path)
    read = _count_block_reads(monkeypatch)
    with ix.searcher() as searcher:
        query = wq.Phrase("text", words)
        collector = searcher.collector(limit=None, scored=True)
        searcher.search_with_collector(query, collector)
        expected = dict(collector.results().items())
        read.clear()
        found = Evaluator(searcher, True).run(query, lambda n, s: frozenset(range(1000)))
        phrase_reads = len(read)
        read.clear()
        Evaluator(searcher, True).run(wq.Term("text", "haeufig"), lambda n, s: frozenset())
        frequent_blocks = len(read)

    assert found.keys() == expected.keys() == {3, 997}
    for docnum, score in expected.items():
        assert found[docnum] == pytest.approx(score, rel=1e-12)
    # The rare word's one block, and of the frequent word's eight only the three holding a
    # document with the rare word (3, 500 and 997; 500 has both words, not as the phrase).
    assert frequent_blocks == 8
    assert phrase_reads == 1 + 3


def test_an_unscored_term_read_until_enough_gives_its_first_documents(tmp_path, monkeypatch):
    ix = _frequent_and_rare(tmp_path)
    read = _count_block_reads(monkeypatch)
    with ix.searcher() as searcher:
        evaluator = Evaluator(searcher, scored=False)
        every = evaluator.term(wq.Term("text", "haeufig"), searcher)
        read.clear()
        first = evaluator.term(wq.Term("text", "haeufig"), searcher, until=lambda ids: len(ids))

    assert len(every) == 1000
    assert len(read) == 1
    assert sorted(first) == sorted(every)[: len(first)]


def test_a_frequent_terms_postings_are_decoded_once(tmp_path, monkeypatch):
    from search.backends.whoosh import columns

    monkeypatch.setattr(columns, "POSTINGS_CACHE_MIN", 500)
    ix = _frequent_and_rare(tmp_path)
    read = _count_block_reads(monkeypatch)
    with ix.searcher() as searcher:
        collector = searcher.collector(limit=None, scored=True)
        searcher.search_with_collector(wq.Term("text", "haeufig"), collector)
        expected = dict(collector.results().items())
        read.clear()
        every = frozenset(range(1000))
        searches = [
            Evaluator(searcher, True).run(wq.Term("text", term), lambda n, s: every)
            for term in ("haeufig", "selten", "haeufig", "selten")
        ]
    assert searches[0] == searches[2] == pytest.approx(expected, rel=1e-12)
    assert searches[1] == searches[3]
    # "haeufig" (1 000 postings) is kept after its first search; "selten" (3) is read again.
    assert len(read) == 8 + 1 + 1


def test_counting_only_near_a_scopes_documents_counts_what_the_search_finds(corpus):
    from search import services
    from search.query import parse

    backend = get_search_backend()
    for text in QUERIES:
        query = parse(text).to_query()
        for name, scope in services.scopes().items():
            found = backend.search_documents(query, {name: scope})
            assert backend.count_documents(query, {name: scope}) == {name: len(found[name])}
