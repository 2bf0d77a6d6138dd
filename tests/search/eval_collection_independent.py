"""A second German evaluation collection for the site search, written without reading the analyser.

Written on 2026-12-04 by helper "q", an independent helper who had not read the search backend
(its analysis, stemming, synonym or compound lists) nor the project's first collection
(``tests/search/german_collection.py``), as issue 12 asks. The documents are short topic-page and
board texts from the conference's field (digitisation in museums, archives and libraries); some
are distractors that share a word or a few letters with a query without being about it.

The rule: a query's relevant documents never contain the query's exact surface form. For a query
of several words, the relevant documents contain neither the whole query as a phrase nor every
one of its words as typed: at least one word appears only in another form (inflected, compounded,
hyphenated, transliterated, abbreviated, misspelt in the query...). "Exact" is case-insensitive
and whole-word (a hyphen belongs to the word) for every kind except "case", where the query
differs from the documents only in case and the check is therefore case-sensitive.
In fact no document of the collection, distractors included, holds any query as typed.
Relevance is lexical: a document is relevant if it speaks about the query's thing with the
query's word in another form (or its common synonym); as far as the author checked, every other
document either lacks a query word in any form or is a deliberate distractor.

Kinds (at least seven queries each):

- ``inflection``: strong and separable verbs, irregular plurals (Museen, Globen, Herbarien,
  Archivalien), adjective endings, genitive -es, derived nouns -heit/-keit where the query is the
  adjective;
- ``typo``: one or two edits or a transposition in a long word, umlaut dots left off;
- ``compound``: the parts of a compound typed apart, or a compound typed for a phrase;
- ``hyphen``: hyphenated, joined and spaced spellings;
- ``plural``: regular plurals both ways;
- ``case``: upper or lower case typed for an acronym or proper name;
- ``loanword``: English words in German text with English or German plurals;
- ``umlaut``: ae/oe/ue/ss for ä/ö/ü/ß, both ways;
- ``synonym``: common, defensible abbreviations and synonyms (KI, OCR, LZA, LOD, HTR, Copyright,
  GND and DFG spelled out), one direction each;
- ``multiword``: two or three words that must all match.

A plain data module: ``DOCUMENTS`` (dicts with ``id``, ``title``, ``body``) and ``QUERIES``
(dicts with ``query``, ``kind``, ``relevant`` ids, ``note``). Its own invariants are asserted in
``tests/search/test_eval_collection_independent.py``.
"""

KINDS = (
    "inflection",
    "typo",
    "compound",
    "hyphen",
    "plural",
    "case",
    "loanword",
    "umlaut",
    "synonym",
    "multiword",
)

_DOCS = [
    # --- inflection -----------------------------------------------------------------------
    (
        "wiki-herbarium",
        "Herbarium digitalisieren",
        "Ein Herbarium enthält getrocknete Pflanzen auf Papierbögen. Beim Scannen eines "
        "Herbariums werden Etikett, Beleg und Farbkarte gemeinsam aufgenommen, damit die "
        "Bestimmung später am Bildschirm möglich ist.",
    ),
    (
        "board-herbarium-etiketten",
        "Etiketten im Herbarium abschreiben lassen?",
        "Unser Herbarium hat rund 80 000 Bögen mit handgeschriebenen Etiketten. Hat jemand "
        "Erfahrung damit, die Etiketten von Freiwilligen abtippen zu lassen?",
    ),
    (
        "board-globus-3d",
        "Erdglobus aus dem 17. Jahrhundert als 3D-Modell",
        "Wir wollen einen Globus mit stark gewölbter Oberfläche erfassen. Der Streifenlichtscanner "
        "kommt mit dem glänzenden Firnis des Globus nicht zurecht. Wie habt ihr das gelöst?",
    ),
    (
        "wiki-archivale",
        "Signaturen und Verzeichnungseinheiten",
        "Jedes Archivale erhält eine eindeutige Signatur, die auch im Dateinamen des Scans "
        "wiederkehrt. So bleibt die Zuordnung zwischen Original und Bilddatei auch nach einer "
        "Migration erhalten.",
    ),
    (
        "board-archivale-ausleihe",
        "Archivale für eine Ausstellung ausleihen",
        "Ein Museum möchte ein Archivale aus unserem Bestand für vier Monate zeigen. Scannt ihr "
        "vor jeder Leihgabe vollständig, oder reicht ein Zustandsprotokoll mit Übersichtsfoto?",
    ),
    (
        "board-nachlaesse",
        "Wie erschließt ihr künstlerische Nachlässe?",
        "Bei uns liegen drei Nachlässe von Grafikerinnen mit Skizzenbüchern, Briefen und "
        "Druckstöcken. Erschließen wir zuerst grob auf Bestandsebene oder gleich Stück für Stück?",
    ),
    (
        "board-hochladen-tiff",
        "Abbruch beim Hochladen großer TIFF-Dateien",
        "Beim Hochladen von TIFF-Dateien über 2 GB bricht unser Portal nach einigen Minuten ab. "
        "Liegt das am Webserver oder an der Software der Mediendatenbank?",
    ),
    (
        "wiki-barrierefreiheit",
        "Barrierefreiheit digitaler Sammlungen",
        "Barrierefreiheit heißt: Online-Sammlungen lassen sich mit Tastatur und Screenreader "
        "bedienen, Kontraste sind ausreichend, Videos haben Untertitel. Die BITV 2.0 gilt für "
        "öffentliche Stellen.",
    ),
    (
        "board-alttext",
        "Alternativtext für jedes Bild?",
        "Müssen wir für jedes Bild in der Online-Sammlung einen Alternativtext schreiben? Bei "
        "40 000 Objekten ist das für unsere Barrierefreiheit kaum zu schaffen.",
    ),
    (
        "wiki-nachhaltigkeit",
        "Nachhaltigkeit in der Digitalisierung",
        "Zur ökologischen Nachhaltigkeit gehören der Stromverbrauch von Servern, die Zahl der "
        "gespeicherten Kopien und die Lebensdauer der Geräte. Nicht jede Rohdatei muss für "
        "immer aufbewahrt werden.",
    ),
    (
        "board-nachhaltigkeit-speicher",
        "Nachhaltigkeit beim Speicher: Wie viele Kopien?",
        "Wir speichern jedes Bild dreifach an zwei Standorten. Ist das mit Blick auf die "
        "Nachhaltigkeit noch vertretbar, oder reichen zwei Kopien?",
    ),
    (
        "wiki-kunstmuseum-online",
        "Das Kunstmuseum als Online-Sammlung",
        "Ein Kunstmuseum zeigt online oft nur einen Bruchteil seiner Werke. Gute Beispiele nennen "
        "zu jedem Werk Maße, Technik, Erwerbung und die Nutzungsrechte am Foto.",
    ),
    (
        "board-kunstmuseum-besucher",
        "Besucherzahlen unseres Kunstmuseums online",
        "Seit die Sammlung unseres Kunstmuseums frei online steht, kommen mehr Anfragen von "
        "Schulklassen. Messt ihr, woher die Besuche kommen?",
    ),
    (
        "board-domschatz",
        "Goldschmiedearbeiten des Domschatzes in 3D",
        "Die Kelche und Reliquiare des Domschatzes sollen in 3D erfasst werden. Die spiegelnden "
        "Oberflächen machen uns Sorgen. Hat jemand mit Mattierungsspray gearbeitet?",
    ),
    (
        "board-koloriert",
        "Ein koloriertes Glasdia richtig scannen",
        "Wir haben ein koloriertes Glasdia aus einer Vortragsreihe um 1910. Die Farben wurden "
        "von Hand aufgetragen. Durchlicht oder Auflicht?",
    ),
    (
        "wiki-postkarten",
        "Historische Postkarten",
        "Ansichtskarten wurden oft koloriert verkauft. Beim Scan beide Seiten erfassen: Die "
        "Rückseite trägt Poststempel und Text, die Vorderseite die handkolorierte Ansicht.",
    ),
    (
        "board-wasserzeichen-erkennen",
        "Wasserzeichen automatisch erkennen?",
        "Kann man Wasserzeichen in Papieren des 15. Jahrhunderts automatisch erkennen? Wir "
        "haben Durchlichtaufnahmen von 3 000 Blättern.",
    ),
    (
        "board-wasserzeichen-lizenz",
        "Wasserzeichen auf unseren Bildern im Netz",
        "Sollen wir ein sichtbares Wasserzeichen auf die Bilder der Online-Sammlung setzen? "
        "Viele Nutzende finden das störend.",
    ),
    # --- typo -------------------------------------------------------------------------------
    (
        "wiki-digitalisierungsstrategie",
        "Digitalisierungsstrategie",
        "Eine Digitalisierungsstrategie legt fest, was in welcher Reihenfolge digitalisiert wird, "
        "mit welchen Standards und mit welchem Personal. Sie wird von der Leitung verabschiedet.",
    ),
    (
        "board-digitalisierungsstrategien",
        "Digitalisierungsstrategien kleiner Häuser",
        "Kennt jemand gute Digitalisierungsstrategien von kleinen Stadtarchiven? Unsere soll "
        "höchstens zehn Seiten haben und auch den Betrieb danach regeln.",
    ),
    (
        "wiki-urheberrecht",
        "Urheberrecht und Sammlungen",
        "Das Urheberrecht schützt Werke bis 70 Jahre nach dem Tod der Urheberin. Für vergriffene "
        "Werke gibt es seit 2021 erleichterte Regeln für Kultureinrichtungen.",
    ),
    (
        "board-urheberrecht-fotos",
        "Urheberrecht an Fotos von Fotografen aus den 60ern",
        "Wir haben Abzüge eines Pressefotografen, der 1988 gestorben ist. Der Nachweis der Erben "
        "fehlt. Wie klärt ihr das Urheberrecht in solchen Fällen?",
    ),
    (
        "board-kurrent",
        "Kurrentschrift automatisch lesen",
        "Unsere Kirchenbücher sind in Kurrentschrift geschrieben. Lohnt sich die "
        "Handschriftenerkennung schon bei 2 000 Seiten oder schreiben wir besser ab?",
    ),
    (
        "wiki-photogrammetrie",
        "Photogrammetrie",
        "Bei der Photogrammetrie wird ein Objekt aus vielen Blickwinkeln fotografiert; eine "
        "Software errechnet daraus ein texturiertes Modell. Gut geeignet für matte, "
        "strukturierte Oberflächen.",
    ),
    (
        "board-photogrammetrie-drehteller",
        "Photogrammetrie mit Drehteller und einer Kamera",
        "Reicht für Photogrammetrie ein Drehteller mit einer festen Kamera, oder braucht man "
        "mehrere Kameras? Es geht um Keramik bis 40 cm Höhe.",
    ),
    (
        "wiki-provenienzforschung",
        "Provenienzforschung",
        "Provenienzforschung klärt die Herkunft von Objekten, besonders Erwerbungen zwischen 1933 "
        "und 1945 und aus kolonialen Kontexten. Ergebnisse werden in Datenbanken veröffentlicht.",
    ),
    (
        "board-provenienz-daten",
        "Ergebnisse der Provenienzforschung teilen",
        "Wie veröffentlicht ihr Ergebnisse eurer Provenienzforschung? Als Freitext im "
        "Objektdatensatz oder strukturiert mit Ereignissen und Akteuren?",
    ),
    (
        "board-retrodigitalisierung",
        "Retrodigitalisierung unserer Vereinszeitschrift",
        "Wir planen die Retrodigitalisierung der Vereinszeitschrift von 1890 bis 1990. Welche "
        "Auflösung nehmt ihr für Zeitschriften mit sehr kleiner Schrift?",
    ),
    (
        "wiki-foerderprogramm",
        "Förderprogramme für Digitalisierung",
        "Ein Förderprogramm der Länder oder des Bundes übernimmt oft Scan-Dienstleistungen und "
        "Personal, selten den Betrieb. Eigenanteile liegen meist zwischen 10 und 30 Prozent.",
    ),
    (
        "board-foerderprogramm-frist",
        "Förderprogramm mit Frist im März",
        "Hat jemand schon im neuen Förderprogramm des Landes eingereicht? Die Frist ist im März "
        "und wir wissen nicht, ob Sachmittel für Hardware zählen.",
    ),
    (
        "board-schaedlingsbefall",
        "Schädlingsbefall im Magazin entdeckt",
        "Im Magazin haben wir Schädlingsbefall an Lederbänden entdeckt. Scannen wir vor oder "
        "nach der Behandlung durch die Restaurierung?",
    ),
    # --- compound ---------------------------------------------------------------------------
    (
        "board-bildrechte",
        "Bildrechte bei Fotos von Leihgebern",
        "Ein Leihgeber hat uns Fotos seiner Zeichnungen geschickt. Wer hat die Bildrechte, der "
        "Fotograf oder der Leihgeber, und dürfen wir sie online zeigen?",
    ),
    (
        "wiki-portal-archive",
        "Das gemeinsame Portal der Archive",
        "Das Portal der Archive eines Landes bündelt Beständeübersichten und Findbücher vieler "
        "kleiner Häuser an einer Stelle. Die Daten kommen meist im EAD-Format.",
    ),
    (
        "board-scanroboter",
        "Lohnt sich ein Scanroboter?",
        "Wir überlegen, einen Scanroboter mit automatischem Umblättern anzuschaffen. Wie gut "
        "kommt so ein Gerät mit brüchigem Papier des 19. Jahrhunderts zurecht?",
    ),
    (
        "board-glasplatten",
        "Negative auf Glasplatten – Durchlicht oder Reprokamera?",
        "In unserem Fotoarchiv liegen 12 000 Negative auf Glasplatten, manche mit Sprüngen. "
        "Scannt ihr mit Flachbett-Durchlicht oder fotografiert ihr auf einem Leuchtpult?",
    ),
    (
        "wiki-metadatenschema",
        "Ein Metadatenschema wählen",
        "Ein Metadatenschema legt fest, welche Felder ein Datensatz hat und wie sie gefüllt "
        "werden. Museen nutzen häufig LIDO, Bibliotheken MARC 21, Archive EAD.",
    ),
    (
        "board-buchscanner",
        "Buchscanner mit Buchwippe für empfindliche Bände",
        "Welchen Buchscanner mit V-förmiger Buchwippe könnt ihr empfehlen? Unsere Bände lassen "
        "sich höchstens um 110 Grad öffnen.",
    ),
    (
        "wiki-historische-karten",
        "Digitalisierung historischer Karten",
        "Bei der Digitalisierung historischer Karten zählen Format, Faltungen und Farben. "
        "Großformatige Blätter werden oft in Teilen aufgenommen und zusammengesetzt; für die "
        "Georeferenzierung braucht man Passpunkte.",
    ),
    (
        "board-antrag-foerderung",
        "Antrag auf Förderung: Wer schreibt bei euch?",
        "Wer schreibt bei euch den Antrag auf Förderung, die Fachabteilung oder eine zentrale "
        "Stelle für Drittmittel? Bei uns bleibt alles an der Sammlungsleitung hängen.",
    ),
    # --- hyphen -----------------------------------------------------------------------------
    (
        "board-ebook-ausleihe",
        "eBook-Ausleihe in der Stadtbibliothek",
        "Unsere Stadtbibliothek bietet jedes eBook nur mit zeitlich begrenzter Lizenz an. Wie "
        "erklärt ihr den Leserinnen die Wartelisten?",
    ),
    (
        "wiki-open-access-strategie",
        "Open-Access-Strategie für Sammlungsdaten",
        "Eine Open-Access-Strategie regelt, welche Daten und Bilder frei zugänglich werden und "
        "unter welcher Lizenz. Viele Häuser geben Reproduktionen unter CC0 frei.",
    ),
    (
        "board-open-access-publikation",
        "Unsere Tagungsbände im Open-Access-Modell",
        "Wir wollen die Tagungsbände der letzten zehn Jahre im Open-Access-Modell veröffentlichen. "
        "Braucht es dafür neue Verträge mit allen Autorinnen?",
    ),
    (
        "wiki-3d-digitalisierung",
        "3D-Digitalisierung",
        "3D-Digitalisierung erfasst die Form und Oberfläche eines Objekts. Verbreitet sind "
        "Streifenlicht, Laserscan und Fotoserien aus vielen Blickwinkeln; das Ergebnis wird "
        "oft als glTF oder OBJ gespeichert.",
    ),
    (
        "wiki-linked-open-data",
        "Linked Open Data",
        "Linked Open Data verbindet Datensätze verschiedener Häuser über gemeinsame URIs. "
        "Grundlage sind RDF und offene Lizenzen; Normdaten dienen als Brücke.",
    ),
    (
        "board-linked-open-data",
        "Linked Open Data ohne eigenen Triplestore?",
        "Wir möchten unsere Objektdaten als Linked Open Data anbieten, haben aber keinen "
        "Triplestore. Reicht ein statischer RDF-Export?",
    ),
    (
        "board-open-source",
        "Open Source oder Lizenzsoftware für die Sammlungsdatenbank?",
        "Wir stehen vor der Wahl: Open Source mit Dienstleister oder eine Lizenzsoftware. Wer hat "
        "Erfahrungen mit den Folgekosten beider Wege?",
    ),
    (
        "wiki-citizen-science",
        "Citizen-Science-Projekte",
        "In Citizen-Science-Projekten arbeiten Freiwillige an Forschungsfragen mit, etwa beim "
        "Transkribieren von Tagebüchern oder beim Bestimmen von Insekten auf Fotos.",
    ),
    (
        "board-citizen-science-motivation",
        "Freiwillige im Citizen-Science-Angebot halten",
        "Nach drei Monaten machen in unserem Citizen-Science-Angebot nur noch zwölf Leute mit. "
        "Wie haltet ihr die Motivation hoch?",
    ),
    (
        "board-iiif-viewer",
        "Welchen IIIF-Viewer nutzt ihr?",
        "Wir überlegen zwischen Mirador und dem Universal Viewer. Welcher IIIF-Viewer kommt "
        "besser mit Annotationen und langen Zeitungsbänden zurecht?",
    ),
    (
        "board-ground-truth",
        "Wie viel Ground Truth braucht ein eigenes Modell?",
        "Wie viele Seiten Ground Truth habt ihr abgeschrieben, bevor das eigene Modell für "
        "Sütterlin brauchbar war? Wir haben bisher 60 Seiten.",
    ),
    # --- plural -----------------------------------------------------------------------------
    (
        "board-urkunde-siegel",
        "Urkunde mit anhängendem Siegel scannen",
        "Wie scannt ihr eine Urkunde mit anhängendem Wachssiegel? Auf dem Flachbett liegt das "
        "Siegel schief und die Urkunde wellt sich.",
    ),
    (
        "board-fotoalbum",
        "Fotoalbum mit eingeklebten Abzügen",
        "Ein Fotoalbum aus den 1920ern hat eingeklebte Abzüge und Beschriftungen auf "
        "Pergaminpapier. Digitalisiert ihr die Seiten des Fotoalbums ganz oder jedes Foto einzeln?",
    ),
    (
        "board-tonband",
        "Tonband aus einem Nachlass abspielen",
        "Wir haben ein Tonband mit Interviews aus den 1960ern. Ein passendes Abspielgerät "
        "haben wir nicht. Gibt es Dienstleister, die das übernehmen?",
    ),
    (
        "board-plakat",
        "Großes Plakat in Teilen scannen?",
        "Unser größtes Plakat misst 2 x 3 Meter. Setzt ihr das Bild aus Einzelaufnahmen zusammen "
        "oder fotografiert ihr das Plakat am Stück?",
    ),
    (
        "wiki-inkunabel",
        "Inkunabel",
        "Eine Inkunabel ist ein Druck aus der Zeit vor 1501. Bei der Digitalisierung werden "
        "Einband, Schnitt und Provenienzmerkmale mit aufgenommen; Nachweis im GW und ISTC.",
    ),
    (
        "board-skulpturen",
        "Skulpturen im Depot fotografieren",
        "Wir sollen 300 Skulpturen im Depot fotografieren, viele davon über zwei Meter hoch. "
        "Wie baut ihr Hintergrund und Licht bei so großen Objekten auf?",
    ),
    (
        "board-muenzen",
        "Münzen beidseitig aufnehmen",
        "Wie nehmt ihr Münzen auf: Vorder- und Rückseite einzeln mit Streiflicht oder mit "
        "einem Spiegelaufbau auf einmal?",
    ),
    (
        "board-mikrofiche",
        "Mikrofiche in Bilddateien umwandeln",
        "Ein Teil unserer Zeitungsbestände liegt nur als Mikrofiche vor. Lohnt sich das Scannen "
        "vom Mikrofiche, oder gehen wir lieber an die Originale?",
    ),
    # --- case -------------------------------------------------------------------------------
    (
        "wiki-gnd",
        "Die GND in der Erschließung",
        "Die GND enthält Datensätze zu Personen, Körperschaften, Orten und Sachbegriffen. "
        "Museen und Archive verknüpfen ihre Objekte damit, damit eine Person überall dieselbe "
        "Kennung trägt.",
    ),
    (
        "board-gnd-personen",
        "Personen für die GND melden – wie geht das?",
        "Wir haben viele Fotografinnen, die noch keinen Eintrag in der GND haben. Wie meldet ein "
        "Museum neue Personen an, ohne selbst GND-Agentur zu sein?",
    ),
    (
        "wiki-iiif",
        "IIIF",
        "IIIF ist eine Familie offener Schnittstellen, über die Bilder und ihre Beschreibungen "
        "zwischen Häusern ausgetauscht werden. Ein Manifest beschreibt ein Objekt mit seinen "
        "Ansichten.",
    ),
    (
        "board-mets-mods",
        "METS/MODS oder LIDO für Handschriften?",
        "Für den Austausch mit dem Landesportal sollen wir METS liefern. Passt das für "
        "Handschriften aus dem Museum, oder nehmen wir doch LIDO?",
    ),
    (
        "board-transkribus",
        "Transkribus: Kosten für ein mittleres Projekt",
        "Was hat euch Transkribus für etwa 10 000 Seiten gekostet? Die Credits sind schwer "
        "abzuschätzen, wenn man noch nicht weiß, wie oft man nachtrainiert.",
    ),
    (
        "board-wikidata",
        "Künstlerinnen in Wikidata anlegen",
        "Wir möchten die Künstlerinnen unserer Sammlung in Wikidata anlegen. Macht ihr das "
        "selbst oder mit einer Wikipedia-Community vor Ort?",
    ),
    (
        "wiki-europeana",
        "Europeana",
        "Europeana ist das europäische Portal für digitales Kulturerbe. Daten kommen über "
        "Aggregatoren; Voraussetzung ist eine klare Rechteangabe für jedes Objekt.",
    ),
    (
        "wiki-dfg",
        "Digitalisierung mit der DFG",
        "Die DFG fördert die Digitalisierung und Erschließung herausragender Bestände in "
        "wissenschaftlichen Bibliotheken und Archiven. Voraussetzung ist die Einhaltung der "
        "DFG-Praxisregeln.",
    ),
    (
        "board-dfg-antragsskizze",
        "Erfahrungen mit der DFG-Begutachtung?",
        "Unser Projekt wurde bei der DFG im ersten Anlauf abgelehnt, weil der Forschungsbezug "
        "fehlte. Wie habt ihr die wissenschaftliche Relevanz begründet?",
    ),
    (
        "board-kitodo",
        "Kitodo selbst betreiben?",
        "Betreibt jemand Kitodo selbst, ohne Dienstleister? Wir haben nur eine halbe Stelle für "
        "die IT und fragen uns, wie viel Pflege die Software braucht.",
    ),
    # --- loanword ---------------------------------------------------------------------------
    (
        "board-workflow",
        "Unser Workflow von der Anlieferung bis zur Freigabe",
        "Unser Workflow: Zustandskontrolle, Scan, Qualitätskontrolle, Metadaten, Freigabe. Wer "
        "prüft bei euch die Bilder, bevor sie online gehen?",
    ),
    (
        "wiki-shared-services",
        "Shared Services für kleine Einrichtungen",
        "Shared Services bündeln Aufgaben, die ein kleines Haus allein nicht stemmen kann: "
        "Speicher, Webhosting der Sammlung, Rechteklärung. Ein Verbund betreibt sie für alle.",
    ),
    (
        "board-repository",
        "Repository für Forschungsdaten der Sammlung",
        "Welche Repositories nutzt ihr für Forschungsdaten aus Sammlungsprojekten? Das "
        "Repository der Universität nimmt keine Bilddaten über 50 GB.",
    ),
    (
        "board-hackathon",
        "Hackathon mit unseren offenen Daten",
        "Im Herbst richten wir einen Hackathon mit unseren offenen Sammlungsdaten aus. Was hat "
        "bei eurem Hackathon gut funktioniert, was nicht?",
    ),
    (
        "wiki-webinar",
        "Webinar-Reihe der Konferenz",
        "Zwischen den Tagungen bietet die Konferenz ein monatliches Webinar an, zuletzt zu "
        "Leihverkehr und zu Speicherkosten. Aufzeichnungen gibt es auf Anfrage.",
    ),
    (
        "board-podcast",
        "Podcast über unser Archiv – lohnt sich das?",
        "Wir überlegen, einen Podcast über Fundstücke aus dem Archiv zu machen. Wie viel Zeit "
        "kostet eine Folge bei euch, und wer hört zu?",
    ),
    (
        "board-chatbots",
        "Chatbots auf der Museumswebsite",
        "Hat schon jemand Chatbots auf der Website getestet, die Fragen zur Sammlung beantworten? "
        "Uns macht Sorge, dass sie Falsches über Objekte erzählen.",
    ),
    (
        "board-dashboard",
        "Ein Dashboard für den Digitalisierungsfortschritt",
        "Wir möchten der Leitung monatlich zeigen, wie viele Objekte gescannt und beschrieben "
        "sind. Baut ihr dafür ein eigenes Dashboard oder reicht eine Tabelle?",
    ),
    # --- umlaut -----------------------------------------------------------------------------
    (
        "board-gemaelde",
        "Gemälde unter Glas fotografieren",
        "Wie fotografiert ihr Gemälde hinter Glas ohne Spiegelungen? Polfilter am Objektiv und "
        "an den Leuchten haben bei uns nur teilweise geholfen.",
    ),
    (
        "board-massstab",
        "Maßstab und Farbkarte immer mit aufnehmen?",
        "Legt ihr bei jeder Aufnahme einen Maßstab und eine Farbkarte neben das Objekt? Bei "
        "Serienaufnahmen kostet das viel Zeit.",
    ),
    (
        "wiki-edition-fussnoten",
        "Digitale Editionen",
        "Digitale Editionen verbinden Faksimile, Transkription und Kommentar. Fußnoten und "
        "Apparat werden in TEI kodiert und können online ein- und ausgeblendet werden.",
    ),
    (
        "board-uebersetzung",
        "Übersetzung der Objekttexte ins Englische",
        "Für die Übersetzung unserer Objekttexte ins Englische fehlt uns das Geld. Hat jemand "
        "maschinelle Übersetzung mit Nachbearbeitung ausprobiert?",
    ),
    (
        "board-oeffnungszeiten",
        "Öffnungszeiten des Lesesaals und Scan-Aufträge",
        "Seit wir die Öffnungszeiten des Lesesaals verkürzt haben, kommen viel mehr "
        "Scan-Aufträge per Mail. Wie priorisiert ihr die?",
    ),
    (
        "board-zeitzeugen",
        "Zeitzeugengespraeche auf Kassetten",
        "Wir haben rund 200 Zeitzeugengespraeche auf Kassetten aus den 1980ern. Welche "
        "Einwilligungen braucht man, um sie heute online zu stellen? (Sorry, englische "
        "Tastatur, daher ohne Umlaute.)",
    ),
    (
        "board-dateigroesse",
        "Dateigroesse der Masterdateien",
        "Unsere Masterdateien liegen bei 400 MB pro Seite, weil wir 16 Bit speichern. Ist die "
        "Dateigroesse bei euch aehnlich, oder reichen 8 Bit fuer Schriftgut?",
    ),
    # --- synonym ----------------------------------------------------------------------------
    (
        "wiki-kuenstliche-intelligenz",
        "Künstliche Intelligenz in der Sammlungspraxis",
        "Künstliche Intelligenz wird in Sammlungen zum Verschlagworten von Bildern, zum "
        "Transkribieren und zum Finden von Dubletten eingesetzt. Ergebnisse brauchen eine "
        "Kennzeichnung und Kontrolle durch Fachleute.",
    ),
    (
        "board-kuenstliche-intelligenz-schlagworte",
        "Schlagworte von einer künstlichen Intelligenz?",
        "Wir haben eine künstliche Intelligenz 5 000 Fotos verschlagworten lassen. Die Hälfte der "
        "Begriffe war brauchbar. Kennzeichnet ihr solche Schlagworte gesondert?",
    ),
    (
        "wiki-texterkennung",
        "Texterkennung",
        "Automatische Texterkennung macht gedruckte Vorlagen durchsuchbar. Die Qualität hängt "
        "von Schrift, Papier und Auflösung ab; Fraktur braucht eigene Modelle.",
    ),
    (
        "board-texterkennung-fraktur",
        "Texterkennung bei Fraktur: Welche Fehlerquote ist normal?",
        "Unsere Texterkennung liefert bei Fraktur etwa 8 Prozent falsche Zeichen. Ist das "
        "normal, und lohnt sich das Nachtrainieren?",
    ),
    (
        "wiki-langzeitarchivierung",
        "Langzeitarchivierung",
        "Langzeitarchivierung sichert digitale Objekte über Jahrzehnte: Formaterkennung, "
        "Prüfsummen, mehrere Kopien an getrennten Orten und dokumentierte Migrationen.",
    ),
    (
        "board-langzeitarchivierung-verbund",
        "Langzeitarchivierung im Verbund oder selbst?",
        "Machen kleine Archive Langzeitarchivierung selbst oder über einen Verbund? Unser Träger "
        "will die Kosten pro Terabyte wissen.",
    ),
    (
        "wiki-handschriftenerkennung",
        "Handschriftenerkennung",
        "Handschriftenerkennung liest handgeschriebene Texte mit trainierten Modellen. Je "
        "einheitlicher die Hand, desto besser das Ergebnis; gemischte Hände brauchen mehr "
        "Trainingsseiten.",
    ),
    # --- multiword --------------------------------------------------------------------------
    (
        "board-foerderung-fotografien",
        "Förderung für die Digitalisierung von Fotografien",
        "Gibt es eine Förderung speziell für Fotografien? Wir haben 40 000 Negative eines "
        "Lokalfotografen, die bisher kein Programm abdeckt.",
    ),
    (
        "board-zeitung-volltexte",
        "Volltexte für eine Zeitung aus dem 19. Jahrhundert",
        "Wir haben eine Zeitung von 1848 bis 1933 gescannt. Wie kommen wir zu guten Volltexten, "
        "wenn die Spalten so eng stehen?",
    ),
    (
        "board-schulen-kooperation",
        "Kooperationen zwischen Museen und Schulen",
        "Welche Kooperationen mit Schulen funktionieren bei euch? Wir möchten, dass Klassen mit "
        "den digitalisierten Objekten unserer beiden Museen im Unterricht arbeiten.",
    ),
    (
        "board-scanner-kalibrieren",
        "Wie oft kalibriert ihr eure Scanner?",
        "Wie oft kalibriert ihr eure Scanner, und mit welchem Target? Bei uns driften die Farben "
        "nach ein paar Wochen.",
    ),
    (
        "board-ehrenamt-transkription",
        "Ehrenamtliche für Transkriptionen gewinnen",
        "Wir suchen Ehrenamtliche für Transkriptionen von Feldpostbriefen. Über welche Wege habt "
        "ihr Menschen gefunden, die alte Schriften lesen können?",
    ),
    (
        "wiki-gemeinfreie-werke",
        "Reproduktionen gemeinfreier Werke",
        "Seit 2021 sind Reproduktionen gemeinfreier Werke der bildenden Kunst in Deutschland nicht "
        "mehr geschützt. Museen dürfen solche Fotos also nicht mehr mit eigenen Rechten belegen.",
    ),
    (
        "board-schimmel-akten",
        "Schimmel auf Akten: erst reinigen, dann scannen?",
        "Im Keller eines Amtes lagen Akten mit Schimmel. Lasst ihr vor dem Scannen jede Akte "
        "reinigen, oder scannt ihr unter Schutz und reinigt danach?",
    ),
    # --- distractors: share words or letters with queries, but are not about them -------------
    (
        "board-globale-aggregatoren",
        "Globale Aggregatoren oder regionale Portale?",
        "Liefern wir unsere Daten lieber an globale Aggregatoren oder an das regionale Portal? "
        "Die Pflege von zwei Exporten schaffen wir nicht.",
    ),
    (
        "board-archivarinnen-stellen",
        "Stellen für Archivarinnen mit IT-Kenntnissen",
        "Wir suchen seit einem Jahr eine Archivarin mit IT-Kenntnissen. Wie formuliert ihr "
        "solche Ausschreibungen, damit sich überhaupt jemand bewirbt?",
    ),
    (
        "wiki-erschliessung",
        "Erschließung",
        "Erschließung beschreibt Bestände so, dass man sie finden und verstehen kann: formal "
        "(Titel, Datum, Umfang) und inhaltlich (Personen, Orte, Themen). Sie ist Voraussetzung "
        "für jede sinnvolle Online-Präsentation.",
    ),
    (
        "board-museumsladen",
        "Museumsladen online: Druck auf Bestellung",
        "Unser Museumsladen möchte Drucke von Sammlungsobjekten auf Bestellung verkaufen. "
        "Welche Auflösung gebt ihr an Druckereien heraus?",
    ),
    (
        "board-festplatten-haltbarkeit",
        "Wie lange halten externe Festplatten?",
        "Ein Kollege bewahrt Scans seit Jahren auf externen Festplatten im Schrank auf. Wie "
        "lange halten die realistisch, wenn sie kaum benutzt werden?",
    ),
    (
        "board-stadtmuseum-kunst",
        "Kunst im Stadtmuseum: Wer fotografiert die Neuzugänge?",
        "Unser Stadtmuseum bekommt jedes Jahr Kunst aus Schenkungen. Wer fotografiert bei euch "
        "die Neuzugänge, die Restaurierung oder eine Fotografin von außen?",
    ),
    (
        "board-domarchiv",
        "Domarchiv sucht Partner für Scan-Projekt",
        "Das Domarchiv sucht Partner, um Rechnungsbücher des 16. Jahrhunderts zu scannen. "
        "Wer hätte Interesse an einem gemeinsamen Vorhaben?",
    ),
    (
        "wiki-farbmessung",
        "Farbmessung und Kolorimeter",
        "Ein Kolorimeter misst Farben auf dem Bildschirm, ein Spektralfotometer auf Vorlagen. "
        "Beide gehören zum Farbmanagement einer Digitalisierungswerkstatt.",
    ),
    (
        "wiki-sammlungsstrategie",
        "Sammlungsstrategie",
        "Eine Sammlungsstrategie beschreibt, was ein Haus künftig erwirbt und was es abgibt. "
        "Sie hilft auch bei der Frage, welche Bestände zuerst gescannt werden.",
    ),
    (
        "board-nutzungsrechte-leihgaben",
        "Nutzungsrechte für Leihgaben in Katalogen",
        "Für den Ausstellungskatalog brauchen wir Nutzungsrechte an Fotos von Leihgaben. "
        "Verhandelt ihr das im Leihvertrag oder getrennt?",
    ),
    (
        "board-photographien-albumin",
        "Photographien auf Albuminpapier",
        "Wir haben Photographien des 19. Jahrhunderts auf Albuminpapier, stark vergilbt. Wie "
        "viel Farbkorrektur ist bei der Reproduktion noch vertretbar?",
    ),
    (
        "wiki-provenienzprinzip",
        "Provenienzprinzip",
        "Nach dem Provenienzprinzip bleiben Unterlagen in dem Zusammenhang, in dem sie "
        "entstanden sind. Archive ordnen also nach abgebender Stelle, nicht nach Thema.",
    ),
    (
        "board-retrokonversion",
        "Retrokonversion des Zettelkatalogs",
        "Unser Zettelkatalog mit 200 000 Karten soll in die Datenbank. Abtippen lassen, oder "
        "Karten scannen und strukturiert auslesen?",
    ),
    (
        "board-eintrittskarten",
        "Eintrittskarten für die Tagung",
        "Gibt es noch Eintrittskarten für die Tagung im Mai? Ich finde die Anmeldung auf der "
        "Website nicht.",
    ),
    (
        "wiki-aufsichtscanner",
        "Aufsichtscanner",
        "Ein Aufsichtscanner nimmt Vorlagen von oben auf, ohne sie zu berühren. Er eignet sich "
        "für Zeitungsbände, Mappenwerke und lose Blätter.",
    ),
    (
        "board-diascanner",
        "Diascanner für 5 000 Kleinbilddias",
        "Lohnt sich ein eigener Diascanner für 5 000 Kleinbilddias, oder gibt man das an einen "
        "Dienstleister? Staub und Kratzer sind unser größtes Problem.",
    ),
    (
        "wiki-datenmodell",
        "Datenmodelle für Objektdaten",
        "Ein Datenmodell beschreibt Objekte, Ereignisse und Akteure und ihre Beziehungen. CIDOC "
        "CRM ist das bekannteste Referenzmodell für Museen.",
    ),
    (
        "board-roboterarm",
        "Roboterarm für Serienaufnahmen?",
        "Ein Hersteller bietet uns einen Roboterarm an, der die Kamera um Objekte herumführt. "
        "Hat jemand so etwas im Einsatz, und lohnt es sich?",
    ),
    (
        "board-planfilm",
        "Planfilme im Format 13 x 18 scannen",
        "Wir haben Planfilme im Format 13 x 18 aus einem Fotostudio. Reicht ein Flachbettscanner "
        "mit Durchlichteinheit?",
    ),
    (
        "board-magnetbaender",
        "Magnetbänder als Backup?",
        "Unsere IT schlägt LTO-Magnetbänder als zusätzliches Backup vor. Wie viele Generationen "
        "haltet ihr vor, und wer testet das Zurückspielen?",
    ),
    (
        "wiki-lizenzen",
        "Lizenzen für Sammlungsdaten",
        "Für Metadaten hat sich CC0 durchgesetzt, für Bilder gemeinfreier Objekte ebenfalls. "
        "CC BY verlangt Namensnennung und passt, wenn die Einrichtung genannt werden möchte.",
    ),
    (
        "board-quellenangaben",
        "Quellenangaben bei Bildern im Unterricht",
        "Eine Lehrerin fragt, wie sie unsere Bilder im Unterricht korrekt angibt. Habt ihr eine "
        "kurze Anleitung für Quellenangaben?",
    ),
    (
        "wiki-wissenschaftskommunikation",
        "Wissenschaftskommunikation aus Sammlungen",
        "Sammlungen erzählen Forschung anschaulich: mit Objektgeschichten, Führungen und Social "
        "Media. Der Austausch mit der Öffentlichkeit ist Teil des Auftrags.",
    ),
    (
        "board-scan-service",
        "Scan-Service für Nutzende: Preise?",
        "Was verlangt ihr für einen Scan-Service auf Bestellung? Wir liegen bei 3 Euro pro Seite "
        "und bekommen Beschwerden.",
    ),
    (
        "board-seminar",
        "Seminar mit Studierenden im Magazin",
        "Im Wintersemester kommt ein Seminar der Universität zu uns ins Magazin. Was dürfen "
        "Studierende selbst anfassen und scannen?",
    ),
    (
        "board-hinweis-board",
        "Hinweis: Fragen bitte mit Schlagwort versehen",
        "Bitte versehen Sie neue Fragen im Board mit mindestens einem Schlagwort, damit andere "
        "sie später wiederfinden.",
    ),
    (
        "board-notenhandschriften",
        "Notenhandschriften digitalisieren",
        "Wir haben Notenhandschriften aus einem Kirchenmusikarchiv. Gibt es Erfahrungen mit "
        "der Erfassung in MEI statt nur als Bild?",
    ),
    (
        "board-kiel-treffen",
        "Treffen der Bibliotheken in Kiel",
        "Im Frühjahr treffen sich die Bibliotheken des Nordens in Kiel zum Austausch über "
        "Speicherkosten. Wer aus dem Board kommt mit?",
    ),
    (
        "wiki-volltextsuche",
        "Volltextsuche im Katalog",
        "Eine Volltextsuche durchsucht neben den Metadaten auch den Text der Digitalisate. "
        "Treffer sollten im Bild markiert werden, damit man die Stelle findet.",
    ),
    (
        "board-schulungen",
        "Schulungen für Kolleginnen im Lesesaal",
        "Wie schult ihr Kolleginnen im Lesesaal, damit sie Fragen zu Online-Beständen "
        "beantworten können? Wir denken an kurze Schulungen jeden Monat.",
    ),
    (
        "board-monitor-kalibrierung",
        "Kalibrierung der Monitore im Fotostudio",
        "Nach der Kalibrierung sehen unsere Monitore unterschiedlich aus. Liegt das an den "
        "Geräten oder am Umgebungslicht?",
    ),
    (
        "board-feldpost",
        "Feldpostbriefe als Serie online",
        "Wir möchten Feldpostbriefe eines Soldaten jeden Tag genau 100 Jahre nach dem Schreiben "
        "online stellen. Hat jemand so ein Format schon gemacht?",
    ),
    (
        "board-akten-bewertung",
        "Bewertung von Akten vor dem Scannen",
        "Scannt ihr Akten vollständig, oder bewertet ihr vorher und lasst Dubletten und "
        "Umlaufexemplare weg?",
    ),
    (
        "board-gemaeldegalerie-licht",
        "Licht in der Galerie für Fotos der Besucher",
        "Besucher fotografieren in unserer Galerie mit dem Handy. Erlauben wir das, und wie "
        "steht es um Blitzlicht?",
    ),
    # --- further topic pages and board posts (background) ----------------------------------
    (
        "wiki-metadaten",
        "Metadaten",
        "Metadaten beschreiben ein Objekt und seine digitale Abbildung: was es ist, woher es "
        "kommt, wer es aufgenommen hat und unter welchen Bedingungen man es nutzen darf.",
    ),
    (
        "board-metadaten-qualitaet",
        "Metadaten aus den 90ern aufräumen",
        "Unsere Objektdaten stammen aus drei Datenbankwechseln. Datumsangaben stehen in fünf "
        "Schreibweisen. Wie geht ihr beim Bereinigen vor?",
    ),
    (
        "wiki-restaurierung",
        "Restaurierung und Digitalisierung",
        "Vor dem Scannen prüft die Restaurierung, ob ein Objekt die Aufnahme aushält. Lose Teile "
        "werden gesichert, Öffnungswinkel und Lichtmenge festgelegt.",
    ),
    (
        "board-lichtmenge",
        "Wie viel Licht vertragen lichtempfindliche Objekte?",
        "Unsere Restauratorin begrenzt die Belichtung von Aquarellen auf wenige Aufnahmen pro "
        "Jahr. Wie haltet ihr fest, wie oft ein Blatt schon unter der Kamera lag?",
    ),
    (
        "wiki-objektfotografie",
        "Objektfotografie",
        "Objektfotografie zeigt ein Objekt neutral und vollständig: gleichmäßiges Licht, neutraler "
        "Hintergrund, mehrere Ansichten. Für Details kommen Streiflicht und Makroaufnahmen hinzu.",
    ),
    (
        "board-kamera-oder-scanner",
        "Kamera oder Flachbett für Grafiken bis A2?",
        "Für Grafiken bis A2 schwanken wir zwischen einem großen Flachbett und einer "
        "Reprokamera. Was ist schneller im Alltag?",
    ),
    (
        "wiki-dateiformate",
        "Dateiformate für Masterdateien",
        "Für Masterdateien sind TIFF unkomprimiert oder mit LZW und JPEG 2000 verlustfrei "
        "verbreitet. Für die Präsentation werden kleinere Ableitungen erzeugt.",
    ),
    (
        "board-jpeg2000",
        "JPEG 2000 statt TIFF?",
        "Wir könnten mit JPEG 2000 die Hälfte des Speichers sparen. Gibt es Gründe, die gegen "
        "JPEG 2000 als Master sprechen?",
    ),
    (
        "wiki-wissenstransfer",
        "Wissenstransfer zwischen Häusern",
        "Wissenstransfer gelingt am besten über Hospitationen, offene Handbücher und "
        "Arbeitsgruppen. Die Konferenz sammelt Anleitungen im Wiki.",
    ),
    (
        "board-hospitation",
        "Hospitation in einer Digitalisierungswerkstatt",
        "Kann man bei euch für eine Woche hospitieren? Wir bauen gerade eine kleine Werkstatt auf "
        "und möchten Abläufe sehen, bevor wir Geräte kaufen.",
    ),
    (
        "wiki-qualitaetskontrolle",
        "Qualitätskontrolle von Bilddaten",
        "Zur Qualitätskontrolle gehören Schärfe, Farbtreue, vollständige Erfassung und korrekte "
        "Dateinamen. Stichproben von fünf Prozent sind verbreitet.",
    ),
    (
        "board-dateinamen",
        "Dateinamen: Signatur oder laufende Nummer?",
        "Benennt ihr Bilddateien nach der Signatur oder nach einer laufenden Nummer? Signaturen "
        "mit Schrägstrichen machen uns Probleme.",
    ),
    (
        "wiki-kooperationen",
        "Verbünde und gemeinsame Infrastruktur",
        "Viele Häuser schließen sich zu Verbünden zusammen, um Speicher, Software und "
        "Beratung zu teilen. Verträge regeln Kosten, Haftung und den Ausstieg.",
    ),
    (
        "board-verbund-ausstieg",
        "Aus einem Verbund aussteigen – was passiert mit den Daten?",
        "Unser Träger denkt über den Ausstieg aus dem Verbund nach. Bekommen wir unsere Daten in "
        "einem brauchbaren Format zurück?",
    ),
    (
        "wiki-tagung-programm",
        "Programm der Tagung 2026",
        "Die Tagung 2026 hat vier Stränge: Erschließung, Infrastruktur, Vermittlung und Recht. "
        "Jeder Tag endet mit offenen Werkstattgesprächen.",
    ),
    (
        "board-tagung-folien",
        "Folien der Vorträge vom Donnerstag?",
        "Werden die Folien der Vorträge vom Donnerstag noch veröffentlicht? Ich suche vor allem "
        "den Beitrag zur Rechteklärung bei Fotos.",
    ),
    (
        "board-gute-frage",
        "Re: Folien der Vorträge",
        "Gute Frage, das würde mich auch interessieren. Danke schon mal!",
    ),
    ("board-danke", "Re: Hospitation", "Danke, das hilft uns weiter! Ich melde mich per Mail."),
    (
        "wiki-digitalisierung",
        "Digitalisierung",
        "Digitalisierung meint in Gedächtnisinstitutionen das Erfassen von Objekten als Bild, "
        "Ton oder Modell samt Beschreibung, Speicherung und Veröffentlichung. Sie ist eine "
        "Daueraufgabe, kein Projekt.",
    ),
    (
        "board-priorisierung",
        "Was digitalisiert ihr zuerst?",
        "Nach welchen Kriterien entscheidet ihr, was zuerst digitalisiert wird: Nachfrage, "
        "Zustand oder Bedeutung? Bei uns streiten die Abteilungen.",
    ),
    (
        "wiki-dienstleister",
        "Arbeit mit Dienstleistern",
        "Wer Scans außer Haus gibt, braucht ein klares Leistungsverzeichnis: Auflösung, "
        "Farbprofil, Dateinamen, Transport und Versicherung.",
    ),
    (
        "board-transport",
        "Transport von Büchern zum Dienstleister",
        "Wie transportiert ihr Bücher zu einem externen Dienstleister? Klimakisten sind teuer, "
        "und die Versicherung will einen Kurier.",
    ),
    (
        "wiki-personendaten",
        "Personenbezogene Daten in Sammlungen",
        "Fotos und Akten enthalten oft Daten lebender Personen. Vor der Veröffentlichung "
        "sind Schutzfristen und Einwilligungen zu prüfen.",
    ),
    (
        "board-schutzfristen",
        "Schutzfristen bei Personalakten",
        "Ab wann dürfen wir Personalakten eines Betriebs online zeigen? Die letzten Einträge "
        "stammen aus den 1970ern.",
    ),
    (
        "wiki-audio-video",
        "Audio und Video sichern",
        "Magnetische Träger zerfallen. Die Überspielung in Dateien hat Vorrang vor der "
        "Erschließung, weil Abspielgeräte und Fachwissen verschwinden.",
    ),
    (
        "board-vhs",
        "VHS-Kassetten eines Heimatvereins",
        "Ein Heimatverein bringt 300 VHS-Kassetten. Lohnt sich die Überspielung selbst, oder "
        "gibt es Verbünde, die das übernehmen?",
    ),
    (
        "wiki-vermittlung",
        "Digitale Vermittlung",
        "Digitale Vermittlung erzählt Sammlungen für Menschen ohne Fachwissen: Geschichten, "
        "Spiele, Rundgänge. Sie braucht eigene Texte, nicht nur Katalogdaten.",
    ),
    (
        "board-leichte-sprache",
        "Objekttexte in Leichter Sprache",
        "Schreibt ihr Objekttexte auch in Leichter Sprache? Wir suchen Prüfgruppen, die "
        "unsere Texte lesen.",
    ),
    (
        "board-schlagworte",
        "Eigene Schlagworte oder kontrolliertes Vokabular?",
        "Unsere Kolleginnen vergeben Schlagworte frei. Die Liste hat 9 000 Einträge mit vielen "
        "Dubletten. Wie seid ihr auf ein kontrolliertes Vokabular gekommen?",
    ),
    (
        "wiki-thesaurus",
        "Thesauri und Vokabulare",
        "Thesauri wie der Art & Architecture Thesaurus ordnen Begriffe hierarchisch. Sie helfen "
        "bei der Suche über Sprachgrenzen hinweg.",
    ),
    (
        "board-speicherkosten",
        "Speicherkosten pro Terabyte im Rechenzentrum",
        "Unser Rechenzentrum verlangt 400 Euro pro Terabyte und Jahr. Ist das üblich, oder "
        "sollten wir uns nach anderen Anbietern umsehen?",
    ),
    (
        "board-bildbearbeitung",
        "Wie viel Bildbearbeitung an Masterdateien?",
        "Dürfen an der Masterdatei Staub und Kratzer retuschiert werden, oder nur an der "
        "Ableitung? Bei uns gibt es dazu keine Regel.",
    ),
    (
        "board-ausstellung-digital",
        "Ausstellung nur digital?",
        "Unsere Sonderausstellung fällt wegen Bauarbeiten aus. Hat jemand eine Ausstellung nur "
        "digital gezeigt und kann von den Besucherzahlen berichten?",
    ),
]

_QUERIES = [
    # inflection
    (
        "Herbarien",
        "inflection",
        ["wiki-herbarium", "board-herbarium-etiketten"],
        "Latin plural -ien; documents say Herbarium, Herbariums",
    ),
    ("Globen", "inflection", ["board-globus-3d"], "irregular plural of Globus"),
    (
        "Archivalien",
        "inflection",
        ["wiki-archivale", "board-archivale-ausleihe"],
        "plural; documents use the singular Archivale",
    ),
    (
        "Nachlass erschlossen",
        "inflection",
        ["board-nachlaesse"],
        "umlaut plural Nachlässe and strong verb erschließen/erschließt",
    ),
    (
        "hochgeladen",
        "inflection",
        ["board-hochladen-tiff"],
        "participle of a separable verb; document has the verbal noun Hochladen",
    ),
    (
        "barrierefrei",
        "inflection",
        ["wiki-barrierefreiheit", "board-alttext"],
        "adjective; documents only have the derived noun Barrierefreiheit",
    ),
    (
        "nachhaltig",
        "inflection",
        ["wiki-nachhaltigkeit", "board-nachhaltigkeit-speicher"],
        "adjective; documents only have the derived noun Nachhaltigkeit",
    ),
    (
        "Kunstmuseen",
        "inflection",
        ["wiki-kunstmuseum-online", "board-kunstmuseum-besucher"],
        "irregular plural Museen/Museum in a compound; genitive Kunstmuseums",
    ),
    ("Domschatz", "inflection", ["board-domschatz"], "genitive -es: des Domschatzes"),
    (
        "kolorierten",
        "inflection",
        ["board-koloriert", "wiki-postkarten"],
        "adjective ending -en against koloriertes, koloriert, handkolorierte",
    ),
    (
        "Wasserzeichen erkannt",
        "inflection",
        ["board-wasserzeichen-erkennen"],
        "mixed verb: erkannt against erkennen; board-wasserzeichen-lizenz only shares the noun",
    ),
    # typo
    (
        "Digitalsierungsstrategie",
        "typo",
        ["wiki-digitalisierungsstrategie", "board-digitalisierungsstrategien"],
        "one letter missing in a long compound",
    ),
    (
        "Urheberrehct",
        "typo",
        ["wiki-urheberrecht", "board-urheberrecht-fotos"],
        "transposition at the end",
    ),
    ("Kurentschrift", "typo", ["board-kurrent"], "double consonant typed once"),
    (
        "Photogrammetire",
        "typo",
        ["wiki-photogrammetrie", "board-photogrammetrie-drehteller"],
        "transposition; board-photographien-albumin is a near distractor",
    ),
    (
        "Provenienzforschnug",
        "typo",
        ["wiki-provenienzforschung", "board-provenienz-daten"],
        "transposition; wiki-provenienzprinzip is a distractor",
    ),
    (
        "Retrodigitalsierung",
        "typo",
        ["board-retrodigitalisierung"],
        "one letter missing; board-retrokonversion is a distractor",
    ),
    (
        "Forderprogramm",
        "typo",
        ["wiki-foerderprogramm", "board-foerderprogramm-frist"],
        "umlaut dots missing: o for ö; "
        "funding posts without the word Förderprogramm are distractors",
    ),
    ("Schadlingsbefall", "typo", ["board-schaedlingsbefall"], "umlaut dots missing: a for ä"),
    # compound
    (
        "Bild Rechte",
        "compound",
        ["board-bildrechte"],
        "parts typed apart; document: Bildrechte; "
        "wiki-gemeinfreie-werke (bildenden, Rechten) is a distractor",
    ),
    (
        "Archivportal",
        "compound",
        ["wiki-portal-archive"],
        "compound typed; document: Portal der Archive",
    ),
    (
        "Scan Roboter",
        "compound",
        ["board-scanroboter"],
        "parts typed apart; document: Scanroboter; board-roboterarm is a distractor",
    ),
    (
        "Glasplattennegative",
        "compound",
        ["board-glasplatten"],
        "compound typed; document: Negative auf Glasplatten",
    ),
    (
        "Metadaten Schema",
        "compound",
        ["wiki-metadatenschema"],
        "parts typed apart; document: Metadatenschema",
    ),
    ("Buch Scanner", "compound", ["board-buchscanner"], "parts typed apart; document: Buchscanner"),
    (
        "Kartendigitalisierung",
        "compound",
        ["wiki-historische-karten"],
        "compound typed; document: Digitalisierung historischer Karten",
    ),
    (
        "Förderantrag",
        "compound",
        ["board-antrag-foerderung"],
        "compound typed; document: Antrag auf Förderung",
    ),
    # hyphen
    ("E-Book", "hyphen", ["board-ebook-ausleihe"], "document writes eBook"),
    (
        "Open Access",
        "hyphen",
        ["wiki-open-access-strategie", "board-open-access-publikation"],
        "documents: Open-Access-Strategie, Open-Access-Modell",
    ),
    (
        "3D Digitalisierung",
        "hyphen",
        ["wiki-3d-digitalisierung"],
        "document: 3D-Digitalisierung; board-globus-3d and board-domschatz only say 3D",
    ),
    (
        "Linked-Open-Data",
        "hyphen",
        ["wiki-linked-open-data", "board-linked-open-data"],
        "documents write it without hyphens",
    ),
    ("Open-Source", "hyphen", ["board-open-source"], "document: Open Source"),
    (
        "Citizen Science",
        "hyphen",
        ["wiki-citizen-science", "board-citizen-science-motivation"],
        "documents: Citizen-Science-Projekte, Citizen-Science-Angebot",
    ),
    ("IIIF Viewer", "hyphen", ["board-iiif-viewer"], "document: IIIF-Viewer"),
    ("Ground-Truth", "hyphen", ["board-ground-truth"], "document: Ground Truth"),
    # plural
    ("Urkunden", "plural", ["board-urkunde-siegel"], "document has only Urkunde"),
    ("Fotoalben", "plural", ["board-fotoalbum"], "Album/Alben; document: Fotoalbum, Fotoalbums"),
    (
        "Tonbänder",
        "plural",
        ["board-tonband"],
        "umlaut plural; document: Tonband; board-magnetbaender is a distractor",
    ),
    ("Plakate", "plural", ["board-plakat"], "document: Plakat"),
    ("Inkunabeln", "plural", ["wiki-inkunabel"], "document: Inkunabel"),
    ("Skulptur", "plural", ["board-skulpturen"], "singular typed; document: Skulpturen"),
    ("Münze", "plural", ["board-muenzen"], "singular typed; document: Münzen"),
    ("Mikrofiches", "plural", ["board-mikrofiche"], "document: Mikrofiche"),
    # case (checked case-sensitively: the documents differ from the query only in case)
    ("gnd", "case", ["wiki-gnd", "board-gnd-personen"], "lower case for GND"),
    ("iiif", "case", ["wiki-iiif", "board-iiif-viewer"], "lower case for IIIF"),
    ("mets", "case", ["board-mets-mods"], "lower case for METS"),
    ("transkribus", "case", ["board-transkribus"], "lower case product name"),
    ("WIKIDATA", "case", ["board-wikidata"], "upper case"),
    ("europeana", "case", ["wiki-europeana"], "lower case proper name"),
    ("dfg", "case", ["wiki-dfg", "board-dfg-antragsskizze"], "lower case for DFG"),
    ("KITODO", "case", ["board-kitodo"], "upper case product name"),
    # loanword
    ("Workflows", "loanword", ["board-workflow"], "English plural; document: Workflow"),
    (
        "Shared Service",
        "loanword",
        ["wiki-shared-services"],
        "document: Shared Services; board-scan-service is a distractor",
    ),
    (
        "Repositorys",
        "loanword",
        ["board-repository"],
        "German plural spelling; document: Repositories, Repository",
    ),
    ("Hackathons", "loanword", ["board-hackathon"], "document: Hackathon"),
    (
        "Webinare",
        "loanword",
        ["wiki-webinar"],
        "German plural; document: Webinar; board-seminar is a distractor",
    ),
    ("Podcasts", "loanword", ["board-podcast"], "document: Podcast"),
    ("Chatbot", "loanword", ["board-chatbots"], "document: Chatbots"),
    (
        "Dashboards",
        "loanword",
        ["board-dashboard"],
        "document: Dashboard; board-hinweis-board is a distractor",
    ),
    # umlaut
    ("Gemaelde", "umlaut", ["board-gemaelde"], "ae for ä"),
    ("Massstab", "umlaut", ["board-massstab"], "ss for ß"),
    (
        "Fussnoten",
        "umlaut",
        ["wiki-edition-fussnoten"],
        "ss for ß; board-notenhandschriften is a distractor",
    ),
    ("Koerperschaften", "umlaut", ["wiki-gnd"], "oe for ö"),
    ("Uebersetzung", "umlaut", ["board-uebersetzung"], "Ue for Ü at the start"),
    ("Oeffnungszeiten", "umlaut", ["board-oeffnungszeiten"], "Oe for Ö at the start"),
    (
        "Zeitzeugengespräche",
        "umlaut",
        ["board-zeitzeugen"],
        "the other way: query has ä, document was typed with ae",
    ),
    (
        "Dateigröße",
        "umlaut",
        ["board-dateigroesse"],
        "the other way: query has ö and ß, document has oe and ss",
    ),
    # synonym
    (
        "KI",
        "synonym",
        ["wiki-kuenstliche-intelligenz", "board-kuenstliche-intelligenz-schlagworte"],
        "KI = künstliche Intelligenz; board-kiel-treffen is a distractor",
    ),
    (
        "OCR",
        "synonym",
        ["wiki-texterkennung", "board-texterkennung-fraktur"],
        "OCR = Texterkennung",
    ),
    (
        "LZA",
        "synonym",
        ["wiki-langzeitarchivierung", "board-langzeitarchivierung-verbund"],
        "LZA = Langzeitarchivierung",
    ),
    (
        "LOD",
        "synonym",
        ["wiki-linked-open-data", "board-linked-open-data"],
        "LOD = Linked Open Data",
    ),
    (
        "HTR",
        "synonym",
        ["wiki-handschriftenerkennung", "board-kurrent"],
        "HTR = Handschriftenerkennung",
    ),
    (
        "Copyright",
        "synonym",
        ["wiki-urheberrecht", "board-urheberrecht-fotos"],
        "Copyright = Urheberrecht",
    ),
    (
        "Gemeinsame Normdatei",
        "synonym",
        ["wiki-gnd", "board-gnd-personen"],
        "spelled out; documents only say GND",
    ),
    (
        "Deutsche Forschungsgemeinschaft",
        "synonym",
        ["wiki-dfg", "board-dfg-antragsskizze"],
        "spelled out; documents only say DFG",
    ),
    # multiword
    (
        "Förderung Fotografie",
        "multiword",
        ["board-foerderung-fotografien"],
        "Fotografien; board-antrag-foerderung has only Förderung",
    ),
    (
        "Zeitungen Volltext",
        "multiword",
        ["board-zeitung-volltexte"],
        "Zeitung, Volltexten; wiki-volltextsuche and board-mikrofiche share one word each",
    ),
    (
        "Kooperation Schulen Museum",
        "multiword",
        ["board-schulen-kooperation"],
        "Kooperationen, Museen; board-schulungen is a near distractor",
    ),
    (
        "Scanner Kalibrierung",
        "multiword",
        ["board-scanner-kalibrieren"],
        "kalibriert; board-monitor-kalibrierung has only Kalibrierung",
    ),
    (
        "Ehrenamtliche Transkription",
        "multiword",
        ["board-ehrenamt-transkription"],
        "Transkriptionen; wiki-citizen-science speaks of Freiwillige",
    ),
    (
        "Gemeinfreie Werke Reproduktion",
        "multiword",
        ["wiki-gemeinfreie-werke"],
        "gemeinfreier, Reproduktionen; wiki-lizenzen has only gemeinfreier",
    ),
    (
        "Schimmel Akten Reinigung",
        "multiword",
        ["board-schimmel-akten"],
        "reinigen, reinigt; board-akten-bewertung has only Akten",
    ),
    (
        "Schutzfrist Personalakte",
        "multiword",
        ["board-schutzfristen"],
        "Schutzfristen, Personalakten; wiki-personendaten shares Schutzfristen only",
    ),
]


DOCUMENTS = [{"id": id_, "title": title, "body": body} for id_, title, body in _DOCS]

QUERIES = [
    {"query": query, "kind": kind, "relevant": relevant, "note": note}
    for query, kind, relevant, note in _QUERIES
]
