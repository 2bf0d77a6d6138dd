"""The site search's hits grouped into conversations, counted into facets and ranked.

:func:`search.services.collect_hits` reads one index search over pages, questions and posts
and hands the hits here as columns (parallel lists, see :func:`columns`): a frequent word has
tens of thousands of post hits, so nothing here makes an object per hit. :class:`Found` groups
them once per search:

* a page is a unit of its own (:class:`Hit` objects: a site has few pages);
* a conversation (a question) is one unit, scored from its title and tags, its question text
  and :data:`REPLY_SHARE` of its best matching reply, showing the best passage and linking the
  best reply;
* every other matching reply is a result of its own, weighted :data:`REPLY_WEIGHT` (below its
  question), in the facets counted with its conversation.

Facets count units (a conversation once, whatever matched in it); :meth:`Found.ranked` gives
the result list as a sequence whose length is the number of results and whose slices are made
into :class:`Hit` objects only when read (a page of ten).
"""

import datetime
import heapq
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, compress, filterfalse, repeat
from operator import add, and_, eq, gt, is_not, mul

#: How much of a conversation's best matching reply counts towards the conversation's score,
#: and the weight of a reply listed on its own: less, so a thread comes before its replies.
REPLY_SHARE = 0.5
REPLY_WEIGHT = 0.45

PAGE_KINDS = ("topic", "edition", "page")


@dataclass
class Hit:
    kind: str
    pk: int
    score: float
    date: object = None
    year: int | None = None
    phase: str = ""
    tags: dict = field(default_factory=dict)  # slug -> name
    group: str = ""  # the question's pk for a conversation and its replies
    passage: int | None = None  # a conversation's best matching reply shown instead of its text
    best_reply: int | None = None  # a conversation's best matching reply, linked

    @property
    def unit(self):
        """What facets count: a conversation once, whatever matched in it; a page."""
        return ("conversation", self.group) if self.group else (self.kind, self.pk)

    def values(self, facet):
        if facet == "typ":
            return [self.kind]
        if facet == "jahr":
            return [str(self.year)] if self.year else []
        if facet == "schlagwort":
            return list(self.tags)
        if facet == "phase":
            return [self.phase] if self.phase else []
        return []


def matches(hit, selected, skip=None):
    """Whether ``hit`` has a selected value of every facet with a selection (but ``skip``)."""
    for facet, values in selected.items():
        if facet == skip or not values:
            continue
        if not set(hit.values(facet)) & values:
            return False
    return True


def columns(hits, paths):
    """``(pks, scores, {path: [values or None]})`` of a scope's hits: the columns the Whoosh
    backend returns (``ScopeHits``), or made from a list of hit objects (other backends)."""
    if hasattr(hits, "column"):
        return hits.pks, hits.scores, {path: hits.column(path) for path in paths}
    hits = list(hits)
    values = {path: [hit.values.get(path) or None for hit in hits] for path in paths}
    return [hit.pk for hit in hits], [hit.score for hit in hits], values


def best_keys(hits, n):
    """The primary keys of the ``n`` best of a scope's hits (a list best first, or the Whoosh
    backend's columns, which need no full ordering for a few)."""
    if not hasattr(hits, "column"):
        return [hit.pk for hit in list(hits)[:n]]
    scores = hits.scores
    return [hits.pks[i] for i in heapq.nlargest(n, range(len(scores)), key=scores.__getitem__)]


def first_values(column):
    """The first value of each entry of a value column (``None`` for none)."""
    return [values[0] if values else None for values in column]


def day(value):
    """The ``YYYY-MM-DD`` day of an index value, or ``""`` (days compare as their strings)."""
    return value[:10] if value else ""


def parse_day(value):
    """A day (``YYYY-MM-DD…`` from the index) as a date, or ``None``."""
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


class Found:
    """All visible hits of one search: pages, conversations and the replies listed on their own.

    ``pages``: :class:`Hit` objects. ``threads``: ``(pks, scores)`` of questions found by their
    title or tags; ``posts``: ``(pks, scores, values)`` of posts (``thread_id``, ``depth``,
    ``created_at``). ``thread_columns(pks)`` gives ``(found, {path: [values]})`` of questions
    (``edition_id``, ``phase``, ``tags__slug``, ``created_at``) aligned with ``pks``, ``found``
    telling which the index holds; ``edition_years(edition pks)`` gives ``{edition pk: year}``.
    ``excluded``: questions left out (a word excluded with ``-``).

    Everything per conversation or reply is kept as columns made by C-level maps; what only a
    shown result needs (its keys as numbers, its day, its passage) is read from them when that
    result is made (:meth:`hit`), and facets count each distinct value of a column once
    (:func:`count_by_value`): a frequent word has tens of thousands of hits.
    """

    def __init__(self, pages, threads, posts, thread_columns, edition_years, excluded=()):
        self.pages = pages
        thread_pks, thread_scores = threads
        post_pks, post_scores, post_values = posts
        self._post_pks = post_pks
        self._post_created = post_values["created_at"]
        post_threads = first_values(post_values["thread_id"])
        with_thread = list(map(is_not, post_threads, repeat(None)))
        is_question = list(map(eq, first_values(post_values["depth"]), repeat("0")))
        positions = range(len(post_threads))
        questions = list(compress(positions, map(and_, with_thread, is_question)))
        replies = list(compress(positions, map(gt, with_thread, is_question)))

        # Each question's best score (highest last), and its best reply: highest score, of
        # equal ones the smallest key (the first in the backend's best-first order).
        questions.sort(key=post_scores.__getitem__)
        question_score = dict(
            zip(
                map(post_threads.__getitem__, questions),
                map(post_scores.__getitem__, questions),
                strict=True,
            )
        )
        replies.sort(key=post_pks.__getitem__, reverse=True)
        replies.sort(key=post_scores.__getitem__)
        reply_threads = list(map(post_threads.__getitem__, replies))
        best = dict(zip(reply_threads, replies, strict=True))
        best_score = dict(zip(reply_threads, map(post_scores.__getitem__, replies), strict=True))

        title_score = dict(zip(thread_pks, thread_scores, strict=True))
        order = list(dict.fromkeys(chain(thread_pks, question_score, best)))
        if excluded:
            order = [pk for pk in order if pk not in excluded]
        found, values = thread_columns(order)
        if not all(found):  # a question the index lacks (yet)
            kept = list(compress(range(len(order)), found))
            order = list(map(order.__getitem__, kept))
            values = {path: list(map(column.__getitem__, kept)) for path, column in values.items()}
        editions = first_values(values["edition_id"])
        years = edition_years(set(editions) - {None})
        # Conversations, as columns aligned with ``order``.
        self.conversations = order
        self._editions = editions
        self._years = years
        self._phases = values["phase"]  # raw value tuples, read through ``phase_of``
        self._tags = values["tags__slug"]  # raw value tuples, read through ``tags_of``
        self._created = values["created_at"]
        self._reply_of = list(map(best.get, order))  # post position of the best reply, or None
        self._question_scores = list(map(question_score.get, order, repeat(0.0)))
        self._best_scores = list(map(best_score.get, order, repeat(0.0)))
        self.scores = list(
            map(
                add,
                map(add, map(title_score.get, order, repeat(0.0)), self._question_scores),
                map(mul, repeat(REPLY_SHARE), self._best_scores),
            )
        )

        # Replies listed on their own: all but each conversation's best one.
        index_of = dict(zip(order, range(len(order)), strict=True))
        linked = set(best.values())
        own = list(filterfalse(linked.__contains__, replies))
        conversations = list(map(index_of.get, map(post_threads.__getitem__, own)))
        if None in conversations:  # the conversation was left out
            kept = [i for i, conversation in enumerate(conversations) if conversation is not None]
            own = list(map(own.__getitem__, kept))
            conversations = list(map(conversations.__getitem__, kept))
        self._own = own  # post positions
        self.reply_conversations = conversations
        self.reply_scores = list(map(mul, map(post_scores.__getitem__, own), repeat(REPLY_WEIGHT)))
        having = set(conversations)
        self.with_replies = list(map(having.__contains__, range(len(order))))

    def __len__(self):
        return len(self.pages) + len(self.conversations) + len(self._own)

    def __bool__(self):
        return len(self) > 0

    # -- a conversation's values ------------------------------------------------------------

    def year_of(self, conversation):
        return self._years.get(self._editions[conversation])

    def phase_of(self, conversation):
        return _phase(self._phases[conversation])

    def tags_of(self, conversation):
        return _tags(self._tags[conversation])

    # -- facets -----------------------------------------------------------------------------

    def _facet_column(self, facet):
        """``(column, values of an entry)``: a column per conversation with few distinct
        entries, and what an entry gives ``facet`` (a tuple)."""
        if facet == "jahr":
            years = self._years

            def of_edition(edition):
                year = years.get(edition)
                return (str(year),) if year else ()

            return self._editions, of_edition
        if facet == "phase":
            return self._phases, lambda raw: (phase,) if (phase := _phase(raw)) else ()
        if facet == "schlagwort":
            return self._tags, _tags
        return self.with_replies, lambda both: ("thread", "reply") if both else ("thread",)

    def _passing(self, selected, skip=None):
        """Per conversation: whether it has a selected value of every facet with a selection
        (but ``skip``); ``None`` when nothing is selected."""
        masks = []
        for facet, values in selected.items():
            if facet == skip or not values:
                continue
            column, of = self._facet_column(facet)
            passes = {entry: not values.isdisjoint(of(entry)) for entry in set(column)}
            masks.append(list(map(passes.__getitem__, column)))
        if not masks:
            return None
        if len(masks) == 1:
            return masks[0]
        return [all(flags) for flags in zip(*masks, strict=True)]

    def counts(self, facet, selected):
        """``{value: units}`` of ``facet`` among the units the other facets' selections leave
        (a conversation once)."""
        units = {}
        for hit in self.pages:
            if matches(hit, selected, skip=facet):
                for value in hit.values(facet):
                    units.setdefault(value, set()).add(hit.unit)
        counts = Counter({value: len(found) for value, found in units.items()})
        passing = self._passing(selected, skip=facet)
        column, of = self._facet_column(facet)
        if passing is not None:
            column = compress(column, passing)
        for entry, n in Counter(column).items():
            for value in of(entry):
                counts[value] += n
        return counts

    # -- the result list --------------------------------------------------------------------

    def ranked(self, selected, sort):
        """The hits the selection leaves, as a :class:`Ranked` sequence in ``sort`` order
        ("relevanz": score, then date; "neueste": date, then score)."""
        typ = selected.get("typ")
        pages = [hit for hit in self.pages if matches(hit, selected)]
        passing = self._passing({k: v for k, v in selected.items() if k != "typ"})
        conversations = []
        if not typ or "thread" in typ:
            if passing is None:
                conversations = range(len(self.conversations))
            else:
                conversations = list(compress(range(len(self.conversations)), passing))
        replies = []
        if not typ or "reply" in typ:
            if passing is None:
                replies = range(len(self._own))
            else:
                replies = list(
                    compress(
                        range(len(self._own)), map(passing.__getitem__, self.reply_conversations)
                    )
                )
        return Ranked(self, pages, conversations, replies, sort)

    def day_of(self, kind, i, pages):
        if kind == 0:
            date = pages[i].date
            return date.isoformat()[:10] if date else ""
        created = self._created[i] if kind == 1 else self._post_created[self._own[i]]
        return day(created[0]) if created else ""

    def hit(self, kind, i, pages, date_of):
        """The :class:`Hit` of a candidate (``date_of``: a day string to a date)."""
        if kind == 0:
            return pages[i]
        conversation = i if kind == 1 else self.reply_conversations[i]
        common = {
            "year": self.year_of(conversation),
            "phase": self.phase_of(conversation),
            "tags": {slug: slug for slug in self.tags_of(conversation)},
            "group": self.conversations[conversation],
        }
        date = date_of(self.day_of(kind, i, pages))
        if kind == 1:
            reply = self._reply_of[i]
            best_reply = int(self._post_pks[reply]) if reply is not None else None
            passage = best_reply
            if best_reply is None or not self._question_scores[i] < self._best_scores[i]:
                passage = None
            return Hit(
                kind="thread",
                pk=int(self.conversations[i]),
                score=self.scores[i],
                date=date,
                passage=passage,
                best_reply=best_reply,
                **common,
            )
        return Hit(
            kind="reply",
            pk=int(self._post_pks[self._own[i]]),
            score=self.reply_scores[i],
            date=date,
            **common,
        )


def _phase(raw):
    """A conversation's phase from its raw index values (``""`` for none)."""
    return raw[0] if raw else ""


def _tags(raw):
    """A conversation's tag slugs (a tuple) from its raw index values."""
    if not raw:
        return ()
    return raw if "" not in raw else tuple(filter(None, raw))


class Ranked:
    """The result list of a search: its length is the number of results; a slice (a page)
    is ranked and made into :class:`Hit` objects when read, from the best ``stop`` only.

    Candidates are numbered pages first, then conversations, then replies (``entry``)."""

    def __init__(self, found, pages, conversations, replies, sort):
        self.found = found
        self.pages = pages
        self.conversations = conversations  # indices into found's conversations
        self.replies = replies  # indices into found's own replies
        self.sort = sort
        self.scores = list(
            chain(
                (hit.score for hit in pages),
                map(found.scores.__getitem__, conversations),
                map(found.reply_scores.__getitem__, replies),
            )
        )
        self._order = None  # candidate numbers, ranked (all of them or the first ones)

    def __len__(self):
        return len(self.scores)

    def entry(self, n):
        """``(kind, index)`` of candidate ``n``: kind 0 a page, 1 a conversation, 2 a reply."""
        if n < len(self.pages):
            return 0, n
        n -= len(self.pages)
        if n < len(self.conversations):
            return 1, self.conversations[n]
        return 2, self.replies[n - len(self.conversations)]

    def _key(self, n):
        kind, i = self.entry(n)
        day_ = self.found.day_of(kind, i, self.pages)
        if self.sort == "neueste":
            return ((1, day_) if day_ else (0, ""), self.scores[n])
        return (self.scores[n], (1, day_) if day_ else (0, ""))

    def _ranked(self, stop):
        total = len(self.scores)
        if self._order is not None and (len(self._order) == total or len(self._order) >= stop):
            return self._order
        if self.sort == "neueste" or stop * 4 >= total:
            order = sorted(range(total), key=self._key, reverse=True)
        else:
            # The best ``stop`` by score, and every candidate as good as the last of them (so
            # that ties are ordered by date as a full sort would).
            best = heapq.nlargest(stop, range(total), key=self.scores.__getitem__)
            floor = self.scores[best[-1]] if best else 0.0
            candidates = [n for n, score in enumerate(self.scores) if score >= floor]
            order = sorted(candidates, key=self._key, reverse=True)
        self._order = order
        return order

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self.scores))
            order = self._ranked(stop)[start:stop:step]
            return [self.found.hit(*self.entry(n), self.pages, parse_day) for n in order]
        if index < 0:
            index += len(self.scores)
        if not 0 <= index < len(self.scores):
            raise IndexError(index)
        return self[index : index + 1][0]

    def __iter__(self):
        return iter(self[:])
