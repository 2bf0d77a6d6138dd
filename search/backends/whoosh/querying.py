"""Building Whoosh queries from modelsearch's query tree.

:class:`QueryBuilder` (used by :mod:`.compilers`) turns ``PlainText``, ``Phrase``,
``And``, ``Or``, ``Not``, ``Boost`` and ``MATCH_ALL``/``MATCH_NONE`` into Whoosh queries. A word
becomes the union of its exact form (ranked highest), its stems in each searched language, the
compounds it starts or ends (lower), its typo corrections when it is unknown (lower) and its
synonyms (lower). User text never reaches a Whoosh query parser.
"""

from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from whoosh import query as wq
from whoosh.util.text import utf8decode

from .. import analysis, inflection
from .columns import field_names, reader_cache
from .schema import stem_prefix

# Ranking weights (relative to a stemmed match, 1.0).
EXACT_BOOST = 1.5
COMPOUND_BOOST = 0.35
#: A compound that a query word only starts (its modifier: "Datenschutz" for "Daten") counts
#: this much of one that the word ends (its head: "Sammlungsdaten").
MODIFIER_FACTOR = 0.5
FUZZY_BOOST = 0.4
SYNONYM_BOOST = 0.6
INFLECTION_BOOST = 0.9


# Expansion limits: keep every query bounded however large the vocabulary is.
MAX_EXPANSIONS = 24
MAX_FUZZY = 4
MAX_AUTOCOMPLETE_TERMS = 256


# A word found in this many documents is not expanded to compounds: its own matches fill the
# first pages (expansions rank lower), and the expansions' postings would dominate query time.
COMPOUND_EXPANSION_MAX_DF = 1000
INFLECTION_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "ns", "ens")
# Separable and inseparable verb prefixes: "beantragen" is found by "Antrag" and its stems.
VERB_PREFIXES = frozenset(
    ("ab", "an", "auf", "aus", "be", "bei", "ein", "ent", "er", "ge", "mit", "nach", "ueber")
    + ("um", "un", "ver", "vor", "weg", "zer", "zu", "zurueck")
)


class ArrayOr(wq.Or):
    """Or, scored term at a time: each subquery's postings are added into an array of scores.

    A German word becomes many terms (exact, stemmed, compound parts, typo corrections, per
    field); Whoosh's default binary tree of union matchers costs a dozen Python calls per document
    and level, which made a frequent word take seconds on 20 000 documents.
    """

    matcher_type = wq.Or.ARRAY_MATCHER


class Coordinated(ArrayOr):
    """Any of a query's words (operator "or"), each document's score multiplied by the share of
    the words it matches (Lucene's classic coordination factor, ``matched / len(subqueries)``).

    Each subquery is one query word with all its forms (exact, stems, compounds, synonyms), so
    a document matching three of a question's four words comes before one that matches a single
    word many times over. :class:`scoring.Evaluator` applies the factor; Whoosh's own matchers
    (which the evaluator is compared with) ignore it."""


class WholeField(wq.WrappingQuery):
    """``child`` matching a field that holds nothing else (``length`` words): a title that is
    exactly the query. :class:`scoring.Evaluator` checks the length; Whoosh's own matchers
    (which the evaluator is compared with) ignore it."""

    def __init__(self, child, fieldname, length):
        super().__init__(child)
        self.fieldname = fieldname
        self.length = length

    def _rewrap(self, child):
        return self.__class__(child, self.fieldname, self.length)


class QueryBuilder:
    """Translate a modelsearch query tree into a Whoosh query for one search."""

    def __init__(self, backend, reader, paths, autocomplete=False):
        self.backend = backend
        self.language = backend.language
        self.reader = reader
        self.paths = paths  # [(path, boost)]
        self.autocomplete = autocomplete
        # [(field prefix, language, [(path, boost)])]: the stemmed fields to search, the
        # backend's language first; another language's only where the index has such fields
        # (so a single-language index gets exactly the query it would get without them).
        names = field_names(reader)
        self.stemmings = [("s_", self.language, paths)]
        for other in analysis.LANGUAGES:
            if other == self.language:
                continue
            prefix = stem_prefix(other, self.language)
            other_paths = [(p, b) for p, b in paths if prefix + p in names]
            if other_paths:
                self.stemmings.append((prefix, other, other_paths))
        #: The languages of the searched documents (stop words of all of them are ignored).
        self.languages = tuple(language for _prefix, language, _paths in self.stemmings)
        # Vocabulary lookups, kept on the reader (it never changes): the searches of one page
        # (exact, typo-tolerant, "Meinten Sie") and the next ones until the index changes ask
        # the same. Whether a word is known depends on the searched fields.
        fields = tuple(path for path, _boost in paths)
        stemmed = tuple((prefix, tuple(p for p, _b in ps)) for prefix, _l, ps in self.stemmings)
        self._known_cache = reader_cache(reader, ("known", fields, stemmed))
        self._expand_cache = reader_cache(reader, "expand")

    # -- tree -------------------------------------------------------------------------------

    def build(self, query, boost=1.0):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, Not):
            inner = self.build(query.subquery, boost)
            if inner is wq.NullQuery:
                return wq.Every()
            if isinstance(inner, wq.Every):
                return wq.NullQuery
            return wq.Not(inner)
        if isinstance(query, Boost):
            return self.build(query.subquery, boost * query.boost)
        if isinstance(query, And):
            parts = [self.build(sub, boost) for sub in query.subqueries]
            if any(part is wq.NullQuery for part in parts):
                return wq.NullQuery
            parts = [part for part in parts if not isinstance(part, wq.Every)]
            if not parts:
                return wq.Every()
            return parts[0] if len(parts) == 1 else wq.And(parts)
        if isinstance(query, Or):
            parts = [self.build(sub, boost) for sub in query.subqueries]
            parts = [part for part in parts if part is not wq.NullQuery]
            if not parts:
                return wq.NullQuery
            return parts[0] if len(parts) == 1 else ArrayOr(parts)
        if isinstance(query, PlainText):
            return self.plain(query.query_string, query.operator, boost * query.boost)
        if isinstance(query, Fuzzy):
            return self.plain(query.query_string, query.operator, boost, fuzzy=True)
        if isinstance(query, Phrase):
            return self.phrase(query.query_string, boost)
        raise NotImplementedError(
            f"`{query.__class__.__name__}` is not supported by the Whoosh search backend."
        )

    def plain(self, text, operator, boost, fuzzy=False):
        if self.autocomplete:
            words = analysis.query_words(text, self.language, stop=False)
            clauses = [self.autocomplete_clause(word, boost) for word in words]
        else:
            words = analysis.query_words(text, self.languages)
            if words and all(self.is_stopword(word) for word in words):
                # Stop words do not match on their own: only a title that is exactly them.
                return self.whole_title(words, boost)
            clauses = [self.word_clause(word, boost, fuzzy) for word in words]
            clauses = self.add_synonyms(words, clauses, boost)
            particle = self.final_particle(text, words)
            if (
                self.backend.compounds
                and len(clauses) == len(words)
                and (len(words) > 1 or particle)
            ):
                clauses = self.join_compounds(words, clauses, operator, boost, particle)
        clauses = [clause for clause in clauses if clause is not wq.NullQuery or operator == "and"]
        if not clauses or any(c is wq.NullQuery for c in clauses):
            return wq.NullQuery
        if len(clauses) == 1:
            return clauses[0]
        return wq.And(clauses) if operator == "and" else Coordinated(clauses)

    def is_stopword(self, word):
        """A stop word of a searched language (words typed in capitals are acronyms)."""
        return analysis.fold(word) in analysis.stopwords(self.languages) and not (
            len(word) > 1 and word.isupper()
        )

    def whole_title(self, words, boost):
        """Documents whose title (a search field named ``title``) is exactly ``words``."""
        subqueries = []
        for prefix, language, paths in self.stemmings:
            stems = [analysis.stem(word, language) for word in words]
            for path, fboost in paths:
                if path != "title":
                    continue
                fieldname = prefix + path
                if len(stems) == 1:
                    inner = wq.Term(fieldname, stems[0], boost=boost * fboost)
                else:
                    inner = wq.Phrase(fieldname, stems, boost=boost * fboost)
                subqueries.append(WholeField(inner, fieldname, len(stems)))
        return self._or(subqueries)

    def final_particle(self, text, words):
        """The folded particle of a separable verb that ends ``text`` and is a stop word (so
        not among ``words``): "an" in "Wie melde ich mich an?", or ``None``."""
        typed = analysis.query_words(text, self.languages, stop=False)
        last = analysis.fold(typed[-1]) if typed else None
        if (
            last in inflection.SHORT_PARTICLES
            and self.is_stopword(last)
            and all(analysis.fold(word) != last for word in words)
        ):
            return last
        return None

    def join_compounds(self, words, clauses, operator, boost, particle=None):
        """Words that the index knows as one word also match it, ranked as a match of both:
        two words in a row ("Bild Rechte": "Bildrechte", also with a linking s, n, en or es),
        and a separable verb's particle with its verb ("arbeiten … zusammen":
        "zusammenarbeiten", "Zusammenarbeit"; "findet … statt": "stattfinden"). A stop-word
        ``particle`` that ended the query (:meth:`final_particle`) is no word of its own: the
        verb it joins also matches the joined verb ("melde … an": "anmelden", "Anmeldung")."""
        folded = [analysis.fold(word) for word in words]
        pairs = []  # (i, j, joined word)
        for i in range(len(words) - 1):
            left, right = folded[i], folded[i + 1]
            if len(left + right) < 5:
                continue
            for link in ("", "s", "n", "en", "es"):
                if self.known(left + link + right):
                    pairs.append((i, i + 1, left + link + right))
                    break
        for j, separable in enumerate(folded):
            if separable not in inflection.SEPARABLE_PARTICLES:
                continue
            for i, verb in enumerate(folded[:j]):
                joined = self.joined_verb(separable, verb)
                if joined:
                    pairs.append((i, j, joined))
                    break
        merged = list(clauses)
        if particle:
            for i, verb in enumerate(folded):
                joined = self.joined_verb(particle, verb)
                if joined:
                    compound = self.word_clause(joined, boost * 2, expand=False)
                    merged[i] = self._or([clauses[i], compound])
                    break
        used = set()
        for i, j, joined in pairs:
            if i in used or j in used:
                continue
            used.update((i, j))
            compound = self.word_clause(joined, boost * 2, expand=False)
            if operator == "and":
                merged[i] = self._or([wq.And([clauses[i], clauses[j]]), compound])
                merged[j] = None
            else:
                merged.append(compound)
        return [clause for clause in merged if clause is not None]

    def joined_verb(self, particle, verb):
        """``particle`` + a form of the folded ``verb`` that the index knows, or ``None``
        ("zusammen", "arbeiten": "zusammenarbeit"; "an", "melde": "anmelden")."""
        forms = (verb, *inflection.variants(verb))
        if verb.endswith("e"):
            forms += (verb + "n",)  # the first person: "melde" (ich melde mich an)
        return next((particle + f for f in forms if self.known(particle + f)), None)

    def add_synonyms(self, words, clauses, boost):
        """Let an abbreviation also match its spelled-out form and vice versa (lower weight).

        "KI" also finds "Künstliche Intelligenz" (as a phrase); "Künstliche Intelligenz" (the
        words in a row, any inflection) also finds "KI": both words' clauses are replaced by
        one alternative, so a document with only "KI" matches all of them.
        """
        synonyms = self.backend.synonyms
        if not synonyms:
            return clauses
        folded = [analysis.fold(word) for word in words]
        stems = [analysis.stem(word, self.language) for word in words]
        clauses = list(clauses)
        for i, key in enumerate(folded):
            if key in synonyms:
                alternative = self.phrase(synonyms[key], boost * SYNONYM_BOOST)
                clauses[i] = self._or([clauses[i], alternative])
        spans = []  # (start, end, abbreviation)
        for abbreviation, spelled in synonyms.items():
            parts = [analysis.stem(part, self.language) for part in spelled.split()]
            if abbreviation in folded:
                continue
            for start in range(len(stems) - len(parts) + 1):
                if stems[start : start + len(parts)] == parts:
                    spans.append((start, start + len(parts), abbreviation))
                    break
        replaced = {}
        for start, end, abbreviation in sorted(spans, key=lambda s: s[0] - s[1]):
            if any(i in replaced for i in range(start, end)):
                continue  # overlaps a longer expression already replaced
            span = clauses[start:end]
            spelled = span[0] if len(span) == 1 else wq.And(span)
            alternative = self.word_clause(abbreviation, boost * SYNONYM_BOOST)
            replaced[start] = self._or([spelled, alternative])
            for i in range(start + 1, end):
                replaced[i] = None
        return [
            replaced.get(i, clause)
            for i, clause in enumerate(clauses)
            if replaced.get(i, clause) is not None
        ]

    def phrase(self, text, boost):
        words = analysis.query_words(text, self.language, stop=False)
        if not words:
            return wq.NullQuery
        if self.autocomplete or len(words) == 1:
            return self.plain(text, "and", boost)
        phrases = []
        for prefix, language, paths in self.stemmings:
            stems = [analysis.stem(word, language) for word in words]
            phrases.extend(
                wq.Phrase(prefix + path, stems, boost=boost * fboost) for path, fboost in paths
            )
        return self._or(phrases)

    # -- words ------------------------------------------------------------------------------

    @staticmethod
    def _or(subqueries):
        if not subqueries:
            return wq.NullQuery
        return subqueries[0] if len(subqueries) == 1 else ArrayOr(subqueries)

    def autocomplete_clause(self, word, boost):
        """Words starting with ``word`` in the autocomplete fields (at most
        ``MAX_AUTOCOMPLETE_TERMS`` per field, so one-letter prefixes stay fast)."""
        prefix = analysis.fold(word)
        subqueries = []
        for path, fboost in self.paths:
            fieldname = "a_" + path
            for n, btext in enumerate(self.reader.expand_prefix(fieldname, prefix)):
                if n >= MAX_AUTOCOMPLETE_TERMS:
                    break
                subqueries.append(wq.Term(fieldname, utf8decode(btext)[0], boost=boost * fboost))
        return self._or(subqueries)

    def word_clause(self, word, boost, fuzzy=False, expand=True):
        """The clause of one query word: its exact form (ranked highest) and stems, and with
        ``expand`` the compounds it starts or ends, typo corrections of an unknown word and,
        for an unknown compound, all of its known parts together."""
        exact = analysis.fold(word)
        terms = [(exact, EXACT_BOOST)]
        alternatives = []
        if expand:
            known = self.known(word)
            if (
                self.backend.compounds
                and len(exact) >= 4
                and self.frequency(word) < COMPOUND_EXPANSION_MAX_DF
            ):
                terms.extend(
                    (t, COMPOUND_BOOST * factor)
                    for t, factor in self.compound_terms(word).items()
                    if t != exact
                )
                if not known:
                    parts = self.decompound(word)
                    if len(parts) == 1:
                        # A verb prefix before a known word ("beantrage": Antrag) derives a
                        # word from it: it matches as an inflection would, in compounds too
                        # ("Förderantrag").
                        alternatives.append(self.word_clause(parts[0][0], boost * INFLECTION_BOOST))
                    elif parts:
                        alternatives.append(self.parts_clause(parts, boost * COMPOUND_BOOST))
            if (fuzzy or (self.backend.typo_tolerance and not known)) and len(exact) >= 5:
                near = [t for t in self.fuzzy_terms(word) if t != exact]
                terms.extend((t, FUZZY_BOOST) for t in near)
                if near and self.backend.compounds:
                    # The correction of a misspelt compound, also with its parts apart.
                    parts = self.decompound(near[0])
                    if len(parts) > 1:
                        alternatives.append(self.parts_clause(parts, boost * FUZZY_BOOST))
        subqueries = []
        for prefix, stemmed, paths in self.stems(word):
            subqueries.extend(
                wq.Term(prefix + path, stemmed, boost=boost * fboost) for path, fboost in paths
            )
        if expand:
            subqueries.extend(self.inflection_terms(word, boost))
        for path, fboost in self.paths:
            subqueries.extend(
                wq.Term("x_" + path, term, boost=boost * fboost * tboost) for term, tboost in terms
            )
        return self._or(subqueries + alternatives)

    def inflection_terms(self, word, boost):
        """Stemmed terms of other German forms of ``word`` (:mod:`..inflection`) that occur in
        the index: "Globen" also finds "Globus", "erschlossen" "erschließen"."""
        found = []
        for prefix, language, paths in self.stemmings:
            if language != "de":
                continue
            own = analysis.stem(word, language)
            seen = {own}
            for variant in inflection.variants(analysis.fold(word)):
                stemmed = analysis.stem(variant, language)
                if stemmed in seen:
                    continue
                seen.add(stemmed)
                fieldnames = [(prefix + path, fboost) for path, fboost in paths]
                if not any(self.reader.doc_frequency(f, stemmed) for f, _boost in fieldnames):
                    continue
                found.extend(
                    wq.Term(f, stemmed, boost=boost * fboost * INFLECTION_BOOST)
                    for f, fboost in fieldnames
                )
        return found

    def parts_clause(self, parts, boost):
        """Every part of a compound, each in any searched field (exact or stemmed; a prefix
        part as the start of known words)."""
        clauses = []
        for part, prefix in parts:
            clause = self.word_clause(part, boost, expand=False)
            if prefix:
                fields = ["x_" + path for path, _boost in self.paths]
                starts = [
                    t for t in self._expand(fields, part, MAX_EXPANSIONS) if len(t) > len(part)
                ]
                clause = self._or(
                    [clause]
                    + [
                        wq.Term("x_" + path, term, boost=boost * fboost)
                        for term in sorted(starts)
                        for path, fboost in self.paths
                    ]
                )
            clauses.append(clause)
        return clauses[0] if len(clauses) == 1 else wq.And(clauses)

    def stems(self, word):
        """``[(field prefix, stem of word, [(path, boost)])]`` for each searched language."""
        return [
            (prefix, analysis.stem(word, language), paths)
            for prefix, language, paths in self.stemmings
        ]

    def frequency(self, word):
        """How many documents have the stemmed word in a searched field (counted per field)."""
        reader = self.reader
        return sum(
            reader.doc_frequency(prefix + path, stemmed)
            for prefix, stemmed, paths in self.stems(word)
            for path, _boost in paths
        )

    def known(self, word):
        """Whether the word occurs in any searched field, exactly or stemmed."""
        exact = analysis.fold(word)
        if exact not in self._known_cache:
            reader = self.reader
            self._known_cache[exact] = any(
                reader.doc_frequency("x_" + path, exact) for path, _boost in self.paths
            ) or any(
                reader.doc_frequency(prefix + path, stemmed)
                for prefix, stemmed, paths in self.stems(word)
                for path, _boost in paths
            )
        return self._known_cache[exact]

    def _expand(self, fieldnames, prefix, limit):
        """Up to ``limit`` indexed terms starting with ``prefix`` in each of ``fieldnames`` (a
        set, not to be changed: it is kept)."""
        key = (tuple(fieldnames), prefix, limit)
        found = self._expand_cache.get(key)
        if found is None:
            found = set()
            for fieldname in fieldnames:
                for n, btext in enumerate(self.reader.expand_prefix(fieldname, prefix)):
                    if n >= limit:
                        break
                    found.add(utf8decode(btext)[0])
            self._expand_cache[key] = found
        return found

    def compound_terms(self, word, variants=True):
        """Indexed words containing ``word`` as first or last part of a compound (folded), each
        with a weight: 1 where the word is the last part, the compound's head ("Sammlungsdaten"
        are data), :data:`MODIFIER_FACTOR` where it only starts the compound ("Datenschutz" is
        protection).

        "Sammlung" finds "Sammlungsdaten" and "Museumssammlungen"; "Daten" finds "Normdaten";
        "Archiv" also finds compounds ending in its verb noun ("Langzeitarchivierung"). With
        ``variants``, the compounds of its Latin singular or plural count too
        (:func:`inflection.latin_variants`): "Museen" finds "Museumssammlungen".
        """
        folded = analysis.fold(word)
        base = folded
        for ending in ("ern", "en", "er", "es", "e", "n", "s"):
            if folded.endswith(ending) and len(folded) - len(ending) >= 5:
                base = folded[: -len(ending)]
                break
        fields = tuple("x_" + path for path, _boost in self.paths)
        expanded = {}
        if variants:
            for variant in sorted(inflection.latin_variants(folded)):
                # Another start of compounds ("museum" for "museen", not "museenien"), where
                # the index has it.
                if len(variant) < 5 or variant.startswith(base):
                    continue
                if self.known(variant) or self._expand(fields, variant, 1):
                    for term, factor in self.compound_terms(variant, variants=False).items():
                        expanded[term] = max(factor, expanded.get(term, 0.0))
        # First part: the word (or its base, or its stem) starts a longer word.
        heads = {base}
        stem_prefix = analysis.umlaut_stem_prefix(word, self.language)
        if stem_prefix and len(stem_prefix) >= 5:
            heads.add(analysis.fold(stem_prefix))
        for probe in heads:
            for term in self._expand(fields, probe, MAX_EXPANSIONS):
                if len(term) >= len(probe) + 3:
                    factor = MODIFIER_FACTOR if probe == base else 1.0
                    expanded[term] = max(factor, expanded.get(term, 0.0))
        # Last part: the word, maybe inflected or as its verb noun, ends a longer word (eight
        # letters or more).
        tails = [base + ending for ending in INFLECTION_ENDINGS]
        if not base.endswith(("en", "ung", "ieren")):
            tails += [base + "ierung", base + "ierungen"]
        for tail in tails:
            if len(tail) < 4:
                continue
            for term in self._expand(["rev"], tail[::-1], MAX_EXPANSIONS):
                if len(term) >= len(tail) + 3:
                    expanded[term[::-1]] = 1.0
        if len(expanded) > MAX_EXPANSIONS:
            reader, counts = self.reader, self._expand_cache
            for t in expanded:
                if (fields, t) not in counts:  # documents per term, kept like the prefixes
                    counts[fields, t] = sum(reader.doc_frequency(f, t) for f in fields)
            kept = sorted(expanded, key=lambda t: -counts[fields, t])[:MAX_EXPANSIONS]
            expanded = {term: expanded[term] for term in kept}
        return expanded

    def decompound(self, word):
        """The parts that ``word`` is made of, all of them, or ``[]``: ``[(part, prefix)]``.

        "Museumsdigitalisierung" gives ``museum`` and ``digitalisierung`` (a linking s, es, n
        or en may join the parts); three parts are tried when two do not cover the word. The
        last part must be a known word; a first part may also be the start of known words
        ("Förderantrag": ``foerder`` as in "Förderung", ``prefix`` true). A verb prefix may
        stand before a known word ("beantrage": ``antrage``). An invented word with only one
        known part gives nothing: every part must match.
        """
        folded = analysis.fold(word)
        stops = analysis.stopwords(self.language)
        fields = ["x_" + path for path, _boost in self.paths]

        def known(part):
            return len(part) >= 3 and part not in stops and self.known(part)

        def head(left):
            """``(left or left without a linking element, prefix?)`` if it can match."""
            candidates = [left]
            for link in ("s", "es", "n", "en"):
                if left.endswith(link) and len(left) - len(link) >= 3:
                    candidates.append(left[: -len(link)])
            for candidate in candidates:
                if known(candidate):
                    return candidate, False
            for candidate in candidates:
                if (
                    len(candidate) >= 5
                    and candidate not in stops
                    and self._expand(fields, candidate, 1)
                ):
                    return candidate, True
            return None

        for i in range(len(folded) - 3, 1, -1):  # longest known last part first
            right = folded[i:]
            if not known(right):
                continue
            left = folded[:i]
            if left in VERB_PREFIXES:
                return [(right, False)]
            first = head(left) if len(left) >= 3 else None
            if first:
                return [first, (right, False)]
            for j in range(len(left) - 3, 2, -1):  # a known middle part
                middle = left[j:]
                first = head(left[:j])
                if first and known(middle):
                    return [first, (middle, False), (right, False)]
        return []

    def fuzzy_terms(self, word):
        """Indexed words within one or two edits of ``word`` (folded), most frequent first."""
        return self.backend.near_words(self.reader, word)
