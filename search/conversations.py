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
from itertools import chain, compress, repeat

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
    """

    def __init__(self, pages, threads, posts, thread_columns, edition_years, excluded=()):
        self.pages = pages
        thread_pks, thread_scores = threads
        post_pks, post_scores, post_values = posts
        post_threads = first_values(post_values["thread_id"])
        is_question = [bool(depth) and depth[0] == "0" for depth in post_values["depth"]]
        posts_of_threads = [i for i, pk in enumerate(post_threads) if pk is not None]
        questions = [i for i in posts_of_threads if is_question[i]]
        replies = [i for i in posts_of_threads if not is_question[i]]

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
        best = dict(zip(map(post_threads.__getitem__, replies), replies, strict=True))

        title_score = dict(zip(thread_pks, thread_scores, strict=True))
        order = list(dict.fromkeys(chain(thread_pks, question_score, best)))
        if excluded:
            order = [pk for pk in order if pk not in excluded]
        found, values = thread_columns(order)
        if not all(found):  # a question the index lacks (yet)
            kept = [i for i, ok in enumerate(found) if ok]
            order = [order[i] for i in kept]
            values = {path: [column[i] for i in kept] for path, column in values.items()}
        editions = first_values(values["edition_id"])
        years = edition_years(set(editions) - {None})
        self.years = list(map(years.get, editions))
        self.phases = [phase[0] if phase else "" for phase in values["phase"]]
        self.tags = [
            (slugs if "" not in slugs else tuple(filter(None, slugs))) if slugs else ()
            for slugs in values["tags__slug"]
        ]
        self.days = [day(created[0]) if created else "" for created in values["created_at"]]

        # Conversations, as columns aligned with ``order``.
        self.conversations = order
        reply_of = list(map(best.get, order))
        reply_scores = [post_scores[i] if i is not None else 0.0 for i in reply_of]
        question_scores = list(map(question_score.get, order, repeat(0.0)))
        self.scores = [
            title + question + REPLY_SHARE * reply
            for title, question, reply in zip(
                map(title_score.get, order, repeat(0.0)),
                question_scores,
                reply_scores,
                strict=True,
            )
        ]
        self.best_replies = [int(post_pks[i]) if i is not None else None for i in reply_of]
        self.passages = [
            pk if pk is not None and question < reply else None
            for pk, question, reply in zip(
                self.best_replies, question_scores, reply_scores, strict=True
            )
        ]

        # Replies listed on their own: all but each conversation's best one.
        index_of = {pk: i for i, pk in enumerate(order)}
        linked = set(best.values())
        own = [i for i in replies if i not in linked and post_threads[i] in index_of]
        self.reply_conversations = [index_of[post_threads[i]] for i in own]
        self.reply_pks = [int(post_pks[i]) for i in own]
        self.reply_scores = [post_scores[i] * REPLY_WEIGHT for i in own]
        created = post_values["created_at"]
        self.reply_days = [day(created[i][0]) if created[i] else "" for i in own]
        self.with_replies = [False] * len(order)
        for conversation in self.reply_conversations:
            self.with_replies[conversation] = True

    def __len__(self):
        return len(self.pages) + len(self.conversations) + len(self.reply_pks)

    def __bool__(self):
        return len(self) > 0

    # -- facets -----------------------------------------------------------------------------

    def _conversation_values(self, facet):
        """Per conversation, the values of ``facet`` (a tuple each; made once per search)."""
        cache = self.__dict__.setdefault("_facet_values", {})
        values = cache.get(facet)
        if values is None:
            values = cache[facet] = self._make_conversation_values(facet)
        return values

    def _make_conversation_values(self, facet):
        if facet == "jahr":
            return [(str(year),) if year else () for year in self.years]
        if facet == "phase":
            return [(phase,) if phase else () for phase in self.phases]
        if facet == "schlagwort":
            return self.tags
        return [("thread", "reply") if both else ("thread",) for both in self.with_replies]

    def _passing(self, selected, skip=None):
        """Per conversation: whether it has a selected value of every facet with a selection
        (but ``skip``); ``None`` when nothing is selected."""
        masks = []
        for facet, values in selected.items():
            if facet == skip or not values:
                continue
            masks.append(
                [not values.isdisjoint(found) for found in self._conversation_values(facet)]
            )
        if not masks:
            return None
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
        values = self._conversation_values(facet)
        if passing is not None:
            values = compress(values, passing)
        counts.update(chain.from_iterable(values))
        return counts

    def tag_slugs(self):
        """Every tag slug of the hits (pages and conversations)."""
        return {slug for hit in self.pages for slug in hit.tags} | set(
            chain.from_iterable(self.tags)
        )

    # -- the result list --------------------------------------------------------------------

    def ranked(self, selected, sort):
        """The hits the selection leaves, as a :class:`Ranked` sequence in ``sort`` order
        ("relevanz": score, then date; "neueste": date, then score)."""
        typ = selected.get("typ")
        pages = [hit for hit in self.pages if matches(hit, selected)]
        passing = self._passing({k: v for k, v in selected.items() if k != "typ"})
        if passing is None:
            passing = [True] * len(self.conversations)
        conversations = []
        if not typ or "thread" in typ:
            conversations = list(compress(range(len(self.conversations)), passing))
        replies = []
        if not typ or "reply" in typ:
            replies = [i for i, c in enumerate(self.reply_conversations) if passing[c]]
        # Candidates: (kind, index); kind 0 a page, 1 a conversation, 2 a reply.
        entries = (
            [(0, i) for i in range(len(pages))]
            + [(1, i) for i in conversations]
            + [(2, i) for i in replies]
        )
        scores = (
            [hit.score for hit in pages]
            + [self.scores[i] for i in conversations]
            + [self.reply_scores[i] for i in replies]
        )
        return Ranked(self, pages, entries, scores, sort)

    def day_of(self, kind, i, pages):
        if kind == 0:
            date = pages[i].date
            return date.isoformat()[:10] if date else ""
        return self.days[i] if kind == 1 else self.reply_days[i]

    def hit(self, kind, i, pages, date_of):
        """The :class:`Hit` of a candidate (``date_of``: a day string to a date)."""
        if kind == 0:
            return pages[i]
        conversation = i if kind == 1 else self.reply_conversations[i]
        common = {
            "year": self.years[conversation],
            "phase": self.phases[conversation],
            "tags": {slug: slug for slug in self.tags[conversation]},
            "group": self.conversations[conversation],
        }
        if kind == 1:
            return Hit(
                kind="thread",
                pk=int(self.conversations[i]),
                score=self.scores[i],
                date=date_of(self.days[i]),
                passage=self.passages[i],
                best_reply=self.best_replies[i],
                **common,
            )
        return Hit(
            kind="reply",
            pk=self.reply_pks[i],
            score=self.reply_scores[i],
            date=date_of(self.reply_days[i]),
            **common,
        )


class Ranked:
    """The result list of a search: its length is the number of results; a slice (a page)
    is ranked and made into :class:`Hit` objects when read, from the best ``stop`` only."""

    def __init__(self, found, pages, entries, scores, sort):
        self.found = found
        self.pages = pages
        self.entries = entries
        self.scores = scores
        self.sort = sort
        self._order = None  # indices into entries, ranked (all of them or the first ones)

    def __len__(self):
        return len(self.entries)

    def _key(self, n):
        kind, i = self.entries[n]
        day_ = self.found.day_of(kind, i, self.pages)
        if self.sort == "neueste":
            return ((1, day_) if day_ else (0, ""), self.scores[n])
        return (self.scores[n], (1, day_) if day_ else (0, ""))

    def _ranked(self, stop):
        total = len(self.entries)
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
            start, stop, step = index.indices(len(self.entries))
            order = self._ranked(stop)[start:stop:step]
            return [self.found.hit(*self.entries[n], self.pages, parse_day) for n in order]
        if index < 0:
            index += len(self.entries)
        if not 0 <= index < len(self.entries):
            raise IndexError(index)
        return self[index : index + 1][0]

    def __iter__(self):
        return iter(self[:])
