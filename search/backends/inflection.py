"""German word forms the Snowball stemmer does not join, as alternatives for a query word.

Query side only (the index is not changed): a query word gets the forms below as alternatives,
and the backend keeps only those whose stems occur in the index, so an unlikely form costs a
lookup and never a false match of a word nobody wrote. General rules, not a list of the
collection's words:

* Latin and Greek plurals and singulars: Museum/Museen, Zentrum/Zentren, Globus/Globen,
  Thema/Themen, Praktikum/Praktika, Gremium/Gremien, Material/Materialien, Schema/Schemata;
* strong and irregular verbs: every form of the verb family (present with umlaut, preterite,
  participle), also behind a separable or inseparable prefix (aufgeschrieben → aufschreiben);
* weak verb forms ending in -t/-te/-ten and participles ge-…-t, which the stemmer keeps apart
  from the infinitive (digitalisiert → digitalisieren, gescannt → scannen);
* derived nouns: -ung from verbs (erfassen ↔ Erfassung, digitalisieren ↔ Digitalisierung ↔
  Digitalisation), -heit/-keit/-igkeit from adjectives (verfügbar ↔
  Verfügbarkeit); verbs in -ieren from nouns (Archiv ↔ archivieren ↔ Archivierung).

All functions take and return folded words (see :func:`analysis.fold`).
"""

from functools import lru_cache

# Strong and irregular verbs: infinitive, then its other forms (present with vowel change,
# preterite, participle), folded. Frequent in texts about collections, archives and projects.
_STRONG_VERBS = """
beginnen begann begonnen
bieten bietet bot boten geboten
binden band banden gebunden
bitten bat baten gebeten
bleiben blieb blieben geblieben
brechen bricht brach brachen gebrochen
brennen brannte gebrannt
bringen brachte brachten gebracht
denken dachte dachten gedacht
empfehlen empfiehlt empfahl empfahlen empfohlen
essen isst ass gegessen
fahren faehrt fuhr fuhren gefahren
fallen faellt fiel fielen gefallen
finden fand fanden gefunden
fliegen flog flogen geflogen
fliessen floss flossen geflossen
geben gibt gab gaben gegeben
gehen ging gingen gegangen
gelten gilt galt galten gegolten
gewinnen gewann gewannen gewonnen
greifen griff griffen gegriffen
halten haelt hielt hielten gehalten
haengen hing hingen gehangen
heben hob hoben gehoben
heissen hiess hiessen geheissen
helfen hilft half halfen geholfen
kennen kannte kannten gekannt
kommen kam kamen gekommen
laden laedt lud luden geladen
lassen laesst liess liessen gelassen
laufen laeuft lief liefen gelaufen
leiden litt litten gelitten
leihen lieh liehen geliehen
lesen liest las lasen gelesen
liegen lag lagen gelegen
messen misst mass massen gemessen
nehmen nimmt nahm nahmen genommen
nennen nannte nannten genannt
raten raet riet rieten geraten
reissen riss rissen gerissen
rufen rief riefen gerufen
schaffen schuf schufen geschaffen
scheiden schied schieden geschieden
scheinen schien schienen geschienen
schieben schob schoben geschoben
schlagen schlaegt schlug schlugen geschlagen
schliessen schloss schlossen geschlossen
schneiden schnitt schnitten geschnitten
schreiben schrieb schrieben geschrieben
sehen sieht sah sahen gesehen
senden sandte sandten gesandt
sitzen sass sassen gesessen
sprechen spricht sprach sprachen gesprochen
stehen stand standen gestanden
steigen stieg stiegen gestiegen
sterben stirbt starb starben gestorben
streichen strich strichen gestrichen
tragen traegt trug trugen getragen
treffen trifft traf trafen getroffen
treiben trieb trieben getrieben
treten tritt trat traten getreten
tun tat taten getan
vergessen vergisst vergass vergassen
verlieren verlor verloren
wachsen waechst wuchs wuchsen gewachsen
waschen waescht wusch wuschen gewaschen
weisen wies wiesen gewiesen
wenden wandte wandten gewandt
werfen wirft warf warfen geworfen
wiegen wog wogen gewogen
wissen weiss wusste wussten gewusst
ziehen zog zogen gezogen
zwingen zwang zwangen gezwungen
"""

_FAMILIES = {}
for _line in _STRONG_VERBS.strip().splitlines():
    _forms = tuple(_line.split())
    for _form in _forms:
        _FAMILIES.setdefault(_form, _forms)

# Verb prefixes, longest first (separable ones may be followed by "ge" in a participle).
_PREFIX_WORDS = (
    "ab an auf aus bei dar ein fest fort her hin mit nach vor weg zu zurueck zusammen "
    "ueber unter um wieder be emp ent er ge miss ver zer"
)
_PREFIXES = sorted(_PREFIX_WORDS.split(), key=len, reverse=True)
_INSEPARABLE = {"be", "emp", "ent", "er", "ge", "miss", "ver", "zer"}
#: Particles of separable verbs that stand apart at the end of a clause ("findet … statt").
SEPARABLE_PARTICLES = frozenset(
    ("statt", "zusammen", "teil", "fest", "fort", "zurueck", "weiter", "heraus", "vorbei")
)
#: The shorter ones are stop words and never reach the query as words: they join a verb only
#: as the last word of a question ("Wie melde ich mich an?": anmelden).
SHORT_PARTICLES = frozenset(
    ("ab", "an", "auf", "aus", "bei", "ein", "her", "hin", "mit", "nach", "vor", "weg", "zu")
)

# Latin and Greek endings: singular ending <-> plural ending.
_LATIN = (
    ("ium", "ien"),
    ("um", "en"),
    ("um", "a"),
    ("us", "en"),
    ("a", "en"),
    ("a", "ata"),
    ("on", "a"),
    ("eum", "een"),
    ("", "ien"),  # Material/Materialien, Fossil/Fossilien
    ("e", "ien"),  # Archivale/Archivalien
)


def _verb_family(word):
    """Forms of the strong verb ``word`` belongs to, with its prefix, or ``()``."""
    if word in _FAMILIES:
        return _FAMILIES[word]
    for prefix in _PREFIXES:
        if not word.startswith(prefix) or len(word) - len(prefix) < 2:
            continue
        rest = word[len(prefix) :]
        core = rest
        if prefix not in _INSEPARABLE and rest.startswith("ge") and rest not in _FAMILIES:
            core = rest[2:]  # aufgeschrieben: auf + ge + schrieben
        family = _FAMILIES.get(core) or _FAMILIES.get(rest)
        if family:
            forms = []
            for form in family:
                if prefix in _INSEPARABLE and form.startswith("ge"):
                    form = form[2:]  # beschrieben, not begeschrieben
                forms.append(prefix + form)
            return tuple(forms)
    return ()


def latin_variants(word):
    """Latin and Greek plurals and singulars of the folded ``word`` (Museen: Museum), a set."""
    found = set()
    n = len(word)
    for singular, plural in _LATIN:
        if plural and word.endswith(plural) and n - len(plural) >= 3:
            found.add(word[: n - len(plural)] + singular)
        if word.endswith(singular) and n - len(singular) >= 3:
            found.add(word[: n - len(singular)] + plural)
    found.discard(word)
    return found


@lru_cache(maxsize=50_000)
def variants(word):
    """Other German forms of the folded ``word`` (see the module docstring), a tuple."""
    n = len(word)
    if n < 4:
        return ()
    # Latin and Greek plurals and singulars.
    found = latin_variants(word)
    # Strong and irregular verbs, and the noun in -ung of the infinitive (erschließen:
    # Erschließung).
    family = _verb_family(word)
    found.update(family)
    if family and family[0].endswith("en"):
        found.add(family[0][:-2] + "ung")
    # Weak verbs: -t/-et/-te/-ten/-tes and ge-…-t participles, to the infinitive; an
    # infinitive to its stem ("arbeiten": "arbeit", as in "Zusammenarbeit").
    for ending in ("etest", "eten", "etes", "ete", "et", "test", "ten", "tes", "te", "t"):
        if word.endswith(ending) and n - len(ending) >= 4:
            base = word[: n - len(ending)]
            found.add(base + "en")
            if base.startswith("ge") and len(base) >= 6:
                found.add(base[2:] + "en")
    if word.endswith("en") and n >= 6:
        found.add(word[:-2])
    # -ieren, -ierung, -ation.
    for ending in ("ierungen", "ierung", "ieren", "iert", "ierte", "ierten", "ationen", "ation"):
        if word.endswith(ending) and n - len(ending) >= 3:
            base = word[: n - len(ending)]
            found.update((base + "ieren", base + "ierung", base + "ation"))
            break
    else:
        # A noun and its verb in -ieren (Archiv: archivieren, Archivierung; Lizenz:
        # lizenzieren; Kopie: kopieren).
        if not word.endswith(("en", "ung", "ieren", "iert", "heit", "keit")):
            base = word[:-2] if word.endswith("ie") else word.removesuffix("e")
            found.update((base + "ieren", base + "ierung"))
    # -ung: the verb and the noun.
    if word.endswith("ungen") and n >= 8:
        found.update((word[:-5] + "en", word[:-5] + "ung"))
    elif word.endswith("ung") and n >= 6:
        found.add(word[:-3] + "en")
    elif word.endswith("en") and n >= 6:
        found.add(word[:-2] + "ung")
    # -heit, -keit, -igkeit: the adjective and the noun.
    for ending in ("igkeiten", "igkeit", "keiten", "keit", "heiten", "heit"):
        if word.endswith(ending) and n - len(ending) >= 3:
            found.add(word[: n - len(ending)])
            break
    else:
        if not word.endswith(("en", "ung")):
            found.update((word + "heit", word + "keit", word + "igkeit"))
    found.discard(word)
    return tuple(sorted(found))
