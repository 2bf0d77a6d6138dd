"""A small German test collection for the search backend: documents, queries, judgements.

Documents are short texts as they might appear on topic pages and in board posts of a conference
about digitising cultural heritage. Each query lists the keys of the documents a reader would
expect among the first results (all judged relevant documents, most relevant first) and a
``kind`` naming the difficulty it tests: inflection, transliteration, compound, hyphen, typo,
acronym, question (a natural-language question) or umlaut (ranking of ö versus o).
"""

DOCUMENTS = {
    "foerder-dfg": (
        "Förderung durch die DFG",
        "Die Deutsche Forschungsgemeinschaft (DFG) fördert die Digitalisierung von Sammlungen "
        "und Beständen in Bibliotheken, Archiven und Museen. Anträge werden zweimal jährlich "
        "begutachtet.",
    ),
    "forderung-verband": (
        "Forderungen des Museumsverbands",
        "Der Verband formuliert Forderungen an die Politik: mehr Personal für die "
        "Dokumentation und verlässliche Haushaltsmittel.",
    ),
    "foerderprogramme-land": (
        "Förderprogramme der Länder",
        "Viele Bundesländer haben eigene Förderprogramme für Digitalisierungsprojekte "
        "kleiner Einrichtungen aufgelegt, etwa für Heimatmuseen und Kommunalarchive.",
    ),
    "antrag-tipps": (
        "Tipps für den Förderantrag",
        "Ein guter Antrag beschreibt Ziele, Arbeitsplan, Datenmanagement und die spätere "
        "Nachnutzung der Digitalisate. Planen Sie Zeit für Rückfragen ein.",
    ),
    "ki-erschliessung": (
        "KI-gestützte Erschließung von Fotobeständen",
        "Mit maschinellem Lernen lassen sich Bilder automatisch verschlagworten. Die "
        "Ergebnisse müssen von Fachleuten geprüft werden.",
    ),
    "ki-ethik": (
        "Künstliche Intelligenz und Ethik im Museum",
        "Welche Verantwortung tragen Museen, wenn Algorithmen Objekte beschreiben? Ein "
        "Gespräch über Transparenz, Bias und koloniale Kontexte.",
    ),
    "ki-transkription": (
        "Handschriften automatisch transkribieren",
        "Handschriftenerkennung (HTR) mit Transkribus und anderen KI-Werkzeugen macht "
        "Briefe und Tagebücher durchsuchbar.",
    ),
    "ocr-zeitungen": (
        "OCR für historische Zeitungen",
        "Die Texterkennung (OCR) von Frakturschrift ist fehleranfällig. Nachkorrektur durch "
        "Freiwillige verbessert die Qualität erheblich.",
    ),
    "ocr-qualitaet": (
        "Qualität der Volltexte messen",
        "Wie gut ist die OCR? Zeichenfehlerrate und Wortfehlerrate helfen, Volltexte zu "
        "vergleichen und Nachbesserungen zu planen.",
    ),
    "gnd-normdaten": (
        "Normdaten der GND nutzen",
        "Die Gemeinsame Normdatei (GND) der Deutschen Nationalbibliothek verknüpft Personen, "
        "Orte und Körperschaften über Einrichtungen hinweg.",
    ),
    "gnd-agentur": (
        "Eine GND-Agentur für Museen",
        "Museen können über eine Agentur eigene Datensätze in die Gemeinsame Normdatei "
        "einbringen und so Künstlerinnen und Künstler eindeutig identifizieren.",
    ),
    "wikidata": (
        "Wikidata als Normdatenquelle",
        "Neben der GND nutzen viele Projekte Wikidata, um Personen und Orte zu verlinken. "
        "Die Daten stehen unter CC0.",
    ),
    "iiif-einfuehrung": (
        "IIIF: Bilder interoperabel bereitstellen",
        "Das International Image Interoperability Framework erlaubt es, hochaufgelöste "
        "Digitalisate in beliebigen Viewern wie Mirador anzuzeigen.",
    ),
    "iiif-manifest": (
        "Manifeste und Präsentations-API",
        "Ein IIIF-Manifest beschreibt Struktur und Reihenfolge der Seiten eines Objekts. "
        "Mit der Präsentations-API werden Sammlungen zusammengeführt.",
    ),
    "lizenzen-cc": (
        "Lizenzen für Digitalisate",
        "Creative-Commons-Lizenzen wie CC BY 4.0 oder die Public Domain Mark klären, wie "
        "Bilder nachgenutzt werden dürfen.",
    ),
    "lizenz-gemeinfrei": (
        "Gemeinfreie Werke bleiben gemeinfrei",
        "Reproduktionen gemeinfreier Gemälde sollten ohne neue Rechte veröffentlicht werden. "
        "Das Urheberrecht schützt einfache Fotografien nur eingeschränkt.",
    ),
    "urheberrecht": (
        "Urheberrecht und Bildrechte klären",
        "Vor der Veröffentlichung müssen Rechte an Fotografien, Kunstwerken und Texten "
        "geprüft werden. Eine Rechtedatenbank hilft bei der Dokumentation.",
    ),
    "nachhaltigkeit-server": (
        "Nachhaltige digitale Infrastruktur",
        "Rechenzentren verbrauchen viel Strom. Nachhaltigkeit bedeutet auch, Speicher "
        "sparsam zu nutzen und Formate langfristig lesbar zu halten.",
    ),
    "langzeitarchivierung": (
        "Langzeitarchivierung digitaler Objekte",
        "Die digitale Langzeitarchivierung sichert Dateien, Metadaten und Prüfsummen über "
        "Jahrzehnte. Formate wie TIFF und PDF/A sind verbreitet.",
    ),
    "sammlungsdaten": (
        "Sammlungsdaten offen publizieren",
        "Museen veröffentlichen ihre Sammlungsdaten zunehmend als Linked Open Data und "
        "über Schnittstellen wie OAI-PMH.",
    ),
    "museumssammlungen": (
        "Verteilte Museumssammlungen kooperativ digitalisieren",
        "Wenn Objekte einer Sammlung auf viele Häuser verteilt sind, lohnt sich eine "
        "gemeinsame Digitalisierungsstrategie.",
    ),
    "kooperation-verbund": (
        "Kooperation im Verbund",
        "Kleine Einrichtungen schließen sich zu Verbünden zusammen, um Technik, Personal "
        "und Wissen zu teilen.",
    ),
    "shared-services": (
        "Gemeinsame Dienste und geteilte Infrastrukturen",
        "Shared Services wie ein gemeinsames Repositorium entlasten einzelne Häuser. "
        "Die Kosten werden nach einem Schlüssel verteilt.",
    ),
    "wissenstransfer": (
        "Wissenstransfer zwischen Kultur und Wissenschaft",
        "Workshops, Sprechstunden und offene Materialien bringen Erfahrungen aus "
        "Forschungsprojekten in die Praxis der Kultureinrichtungen.",
    ),
    "zivilgesellschaft": (
        "Bürgerwissenschaft und Zivilgesellschaft",
        "Ehrenamtliche transkribieren, verschlagworten und identifizieren Personen auf "
        "Fotos. Citizen Science stärkt die Bindung an das Museum.",
    ),
    "strassennamen": (
        "Historische Straßennamen georeferenzieren",
        "Adressen in Meldekarten werden mit historischen Stadtplänen verknüpft. Die "
        "Straße von damals heißt heute oft anders.",
    ),
    "metadaten-standards": (
        "Metadatenstandards: LIDO, METS und Dublin Core",
        "Für den Austausch von Objektdaten haben sich LIDO für Museen und METS/MODS für "
        "Bibliotheken etabliert.",
    ),
    "forschungsdaten": (
        "Forschungsdaten in den Geisteswissenschaften",
        "Das Konsortium NFDI4Culture unterstützt den Umgang mit Forschungsdaten zu "
        "materiellem und immateriellem Kulturerbe.",
    ),
    "3d-digitalisierung": (
        "3D-Digitalisierung von Skulpturen",
        "Photogrammetrie und Streifenlichtscanner erzeugen genaue 3D-Modelle, die online "
        "betrachtet werden können.",
    ),
    "barrierefreiheit": (
        "Barrierefreie Online-Sammlungen",
        "Alternativtexte, ausreichende Kontraste und Tastaturbedienung machen digitale "
        "Sammlungen für alle Menschen zugänglich.",
    ),
    "archivportal": (
        "Das Archivportal-D",
        "Im Archivportal-D recherchieren Nutzerinnen und Nutzer in Beständen deutscher "
        "Archive. Die Findbücher werden im EAD-Format geliefert.",
    ),
    "ddb": (
        "Deutsche Digitale Bibliothek",
        "Die DDB vernetzt Kultur- und Wissenseinrichtungen und macht deren digitalisiertes "
        "Kulturerbe über ein gemeinsames Portal zugänglich.",
    ),
    "europeana": (
        "Europeana und die europäischen Datenräume",
        "Über Aggregatoren liefern Einrichtungen Metadaten an Europeana, den gemeinsamen "
        "europäischen Datenraum für Kulturerbe.",
    ),
    "provenienz": (
        "Provenienzforschung digital dokumentieren",
        "Die Herkunft von Objekten wird in Datenbanken dokumentiert. Verknüpfte Daten "
        "machen Erwerbungswege nachvollziehbar.",
    ),
    "schulung": (
        "Schulungen für das Digitalisierungsteam",
        "Regelmäßige Fortbildungen zu Scannern, Farbmanagement und Metadaten sichern "
        "gleichbleibende Qualität.",
    ),
    "farbmanagement": (
        "Farbmanagement beim Scannen",
        "Farbkarten und ICC-Profile sorgen dafür, dass Digitalisate die Originale "
        "farbtreu wiedergeben.",
    ),
    "bibliothek-digitalisierung": (
        "Digitalisierung in Bibliotheken",
        "Bibliotheken digitalisieren Drucke, Handschriften und Karten. Die Digitalisate "
        "werden mit Katalogdaten verknüpft.",
    ),
    "datenschutz": (
        "Datenschutz bei Personenbezug",
        "Fotos und Akten mit personenbezogenen Daten dürfen nur unter Auflagen online "
        "gestellt werden. Schutzfristen sind zu beachten.",
    ),
    "open-access": (
        "Open Access für Publikationen",
        "Ergebnisse aus geförderten Projekten sollen frei zugänglich publiziert werden, "
        "etwa in einem institutionellen Repositorium.",
    ),
    "crowdsourcing": (
        "Crowdsourcing-Plattformen im Vergleich",
        "Von Zooniverse bis zu eigenen Lösungen: Plattformen für Mitmachprojekte im Überblick.",
    ),
    "konferenz": (
        "Die Konferenz in Berlin",
        "Die Tagung findet am 13. November im Zuse-Institut Berlin statt. Das Thema lautet "
        "Kooperationen.",
    ),
    "zuse-institut": (
        "Anreise zum Zuse-Institut",
        "Das ZIB liegt in Dahlem und ist mit der U-Bahn gut erreichbar.",
    ),
    "oeffentlichkeitsarbeit": (
        "Öffentlichkeitsarbeit für digitale Sammlungen",
        "Social Media, Blogbeiträge und Newsletter machen neue Digitalisate bekannt.",
    ),
    "uebersetzung": (
        "Übersetzung von Objektbeschreibungen",
        "Mehrsprachige Beschreibungen erweitern das Publikum. Maschinelle Übersetzung "
        "hilft, muss aber geprüft werden.",
    ),
    "buecher-restaurierung": (
        "Bücher vor dem Scannen restaurieren",
        "Beschädigte Buchrücken und lose Seiten werden vor der Digitalisierung gesichert, "
        "damit das Buch keinen Schaden nimmt.",
    ),
    "massendigitalisierung": (
        "Massendigitalisierung mit Scanrobotern",
        "Automatische Buchscanner blättern Seiten um und erreichen hohe Durchsätze.",
    ),
    "kosten": (
        "Was kostet die Digitalisierung?",
        "Die Kosten pro Seite hängen von Format, Zustand und Erschließungstiefe ab.",
    ),
    "nachnutzung": (
        "Nachnutzung von Digitalisaten",
        "Freie Lizenzen, stabile Adressen und maschinenlesbare Metadaten erleichtern die "
        "Nachnutzung in Forschung und Bildung.",
    ),
    "persistente-id": (
        "Persistente Identifikatoren",
        "DOI, URN und ARK sorgen dafür, dass Digitalisate dauerhaft zitierbar bleiben.",
    ),
    "kulturpass": (
        "Gemeinsam sammeln: partizipative Sammlungsstrategien",
        "Museen laden die Stadtgesellschaft ein, Objekte und Geschichten für die Sammlung "
        "vorzuschlagen.",
    ),
}

# (query, kind, [relevant document keys, most relevant first])
QUERIES = [
    # inflection
    ("Förderprogramm", "inflection", ["foerderprogramme-land"]),
    ("Anträge stellen", "inflection", ["antrag-tipps", "foerder-dfg"]),
    ("Lizenz", "inflection", ["lizenzen-cc", "nachnutzung"]),
    ("Handschrift transkribiert", "inflection", ["ki-transkription"]),
    ("Bibliothek digitalisiert", "inflection", ["bibliothek-digitalisierung"]),
    ("Buch restauriert", "inflection", ["buecher-restaurierung"]),
    ("nachhaltig", "inflection", ["nachhaltigkeit-server"]),
    ("Manifest", "inflection", ["iiif-manifest"]),
    # transliteration / umlauts
    ("Foerderung", "transliteration", ["foerder-dfg", "foerderprogramme-land"]),
    ("Strasse", "transliteration", ["strassennamen"]),
    ("Oeffentlichkeitsarbeit", "transliteration", ["oeffentlichkeitsarbeit"]),
    ("Uebersetzung", "transliteration", ["uebersetzung"]),
    ("Buecher", "transliteration", ["buecher-restaurierung"]),
    ("Erschliessung", "transliteration", ["ki-erschliessung"]),
    ("Förderung", "umlaut", ["foerder-dfg", "foerderprogramme-land"]),
    # compounds
    (
        "Sammlung",
        "compound",
        [
            "sammlungsdaten",
            "museumssammlungen",
            "kulturpass",
            "barrierefreiheit",
            "oeffentlichkeitsarbeit",
        ],
    ),
    ("Daten", "compound", ["sammlungsdaten", "forschungsdaten", "gnd-normdaten"]),
    ("Archiv", "compound", ["archivportal", "langzeitarchivierung"]),
    ("Normdatei", "compound", ["gnd-normdaten", "gnd-agentur"]),
    ("Digitalisierungsstrategie", "compound", ["museumssammlungen"]),
    ("Strategie", "compound", ["museumssammlungen", "kulturpass"]),
    ("Scanner", "compound", ["massendigitalisierung", "3d-digitalisierung", "schulung"]),
    # hyphens
    ("KI", "hyphen", ["ki-erschliessung", "ki-transkription"]),
    ("GND-Agentur", "hyphen", ["gnd-agentur"]),
    ("3D", "hyphen", ["3d-digitalisierung"]),
    ("Creative Commons", "hyphen", ["lizenzen-cc"]),
    ("Zuse Institut", "hyphen", ["zuse-institut", "konferenz"]),
    # typos
    ("Digitalisirung", "typo", ["bibliothek-digitalisierung", "kosten"]),
    ("Langzeitarchiverung", "typo", ["langzeitarchivierung"]),
    ("Provenienzforshung", "typo", ["provenienz"]),
    ("Farbmanagment", "typo", ["farbmanagement"]),
    ("Europena", "typo", ["europeana"]),
    # acronyms
    ("GND", "acronym", ["gnd-normdaten", "gnd-agentur", "wikidata"]),
    ("IIIF", "acronym", ["iiif-einfuehrung", "iiif-manifest"]),
    ("OCR", "acronym", ["ocr-zeitungen", "ocr-qualitaet"]),
    ("DFG", "acronym", ["foerder-dfg"]),
    ("DDB", "acronym", ["ddb"]),
    # natural-language questions
    (
        "Wie beantrage ich eine Förderung für die Digitalisierung unserer Sammlung?",
        "question",
        ["foerder-dfg", "antrag-tipps", "foerderprogramme-land"],
    ),
    (
        "Welche Lizenz sollten wir für unsere Digitalisate wählen?",
        "question",
        ["lizenzen-cc", "lizenz-gemeinfrei", "nachnutzung"],
    ),
    (
        "Kann künstliche Intelligenz bei der Erschließung helfen?",
        "question",
        ["ki-erschliessung", "ki-ethik", "ki-transkription"],
    ),
    (
        "Wie machen wir unsere Sammlungen barrierefrei?",
        "question",
        ["barrierefreiheit"],
    ),
    (
        "Wo findet die Tagung statt?",
        "question",
        ["konferenz", "zuse-institut"],
    ),
    (
        "Wie arbeiten Museen bei der Digitalisierung zusammen?",
        "question",
        ["kooperation-verbund", "museumssammlungen", "shared-services"],
    ),
]
