"""The index's health: does it exist, can it be read, does it agree with the database?

:func:`index_health` compares, per indexed model root (``wagtailcore.page``, ``board.thread``,
...), the documents in the index with the objects the model indexes
(``get_indexed_objects()``). :func:`database_content` tells whether the database holds anything
to index; a write to a missing index uses it to refuse to create an empty one.
"""

import logging
from dataclasses import dataclass, field

from django.db import DatabaseError

from modelsearch.backends.base import get_model_root
from modelsearch.index import get_indexed_models

from whoosh import query as wq

from .store import IndexUnavailable

logger = logging.getLogger(__name__)

OK = "ok"
MISSING = "missing"
UNAVAILABLE = "unavailable"
OUT_OF_STEP = "out_of_step"
UNKNOWN = "unknown"  # the database cannot be read (not migrated yet, no connection)


@dataclass
class IndexHealth:
    """``state`` is one of ``ok``, ``missing``, ``unavailable``, ``out_of_step``, ``unknown``;
    ``counts`` maps a model label to ``(documents in the index, objects in the database)``
    (where both were read); ``reason`` says why the index cannot be read."""

    state: str
    counts: dict = field(default_factory=dict)
    reason: str = ""

    @property
    def differing(self):
        """``{label: (indexed, in the database)}`` of the models whose counts differ."""
        return {label: pair for label, pair in self.counts.items() if pair[0] != pair[1]}


def _models_by_root():
    """``{root label: [indexed models]}``: each root is one document id space in the index
    (``wagtailcore.page`` for every page type). Each model indexes its own objects (a page
    model only pages of exactly its type)."""
    groups = {}
    for model in get_indexed_models():
        root = get_model_root(model._meta.concrete_model)
        groups.setdefault(root._meta.label_lower, []).append(model)
    return dict(sorted(groups.items()))


def database_content(exclude=None):
    """The label of a model root whose indexed objects exist in the database, other than
    ``exclude`` (``{label: {pk, ...}}``), or ``None``. Raises ``DatabaseError`` if unreadable."""
    exclude = exclude or {}
    for label, models in _models_by_root().items():
        for model in models:
            queryset = model.get_indexed_objects()
            if exclude.get(label):
                queryset = queryset.exclude(pk__in=list(exclude[label]))
            if queryset.exists():
                return label
    return None


def database_counts():
    """``{root label: number of distinct objects its models index}``."""
    counts = {}
    for label, models in _models_by_root().items():
        if len(models) == 1:
            counts[label] = models[0].get_indexed_objects().count()
        else:
            pks = set()
            for model in models:
                pks.update(model.get_indexed_objects().values_list("pk", flat=True))
            counts[label] = len(pks)
    return counts


def index_counts(store, labels):
    """``{label: number of (undeleted) documents of that model root}`` in the live index."""
    with store.searcher() as searcher:
        return {
            label: sum(1 for _ in searcher.docs_for_query(wq.Term("ct", label))) for label in labels
        }


def index_health(store):
    """The :class:`IndexHealth` of the live index in ``store`` compared with the database."""
    try:
        in_database = database_counts()
    except DatabaseError as exc:
        return IndexHealth(UNKNOWN, reason=str(exc))
    if store.current_dir() is None:
        state = MISSING if any(in_database.values()) else OK
        return IndexHealth(state, {label: (0, n) for label, n in in_database.items()})
    try:
        indexed = index_counts(store, in_database)
    except IndexUnavailable as exc:
        return IndexHealth(UNAVAILABLE, reason=str(exc))
    counts = {label: (indexed[label], n) for label, n in in_database.items()}
    health = IndexHealth(OK, counts)
    if health.differing:
        health.state = OUT_OF_STEP
    return health
