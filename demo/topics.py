"""Demo content of the wiki: the topic index, topic pages linking to each other, English
translations, a workflow in progress and a scheduled page.

Idempotent like demo/site_shell.py: pages are looked up by slug and only missing ones are
created; the links between pages, the programme's topic links and the featured topics are only
set where they are still empty.
"""

import datetime
import re
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wagtail import signals as wagtail_signals
from wagtail.admin import signal_handlers as wagtail_admin_handlers
from wagtail.models import PageLogEntry, ReferenceIndex, TaskState, WorkflowState

from home.models import HomeFeaturedTopic
from home.roles import CHIEF_EDITORS, ensure_roles
from wiki.models import TopicIndexPage, TopicPage, TopicRelatedTopic
from wiki.workflows import ensure_topic_workflow

from .site_shell import SEED_IMAGE, demo_email, ensure_locales, public_url, translate_page

CHIEF_EDITOR = (demo_email("chefredaktion"), "demo-chefredaktion", "Charlotte Chefredaktion")
EDITOR_EMAIL = demo_email("redaktion")

IMG_SCHAUDEPOT = SEED_IMAGE
IMG_ZIB = "Zuse-Institut Berlin, Foyer"
IMG_WERKSTATT = "Digitalisierungswerkstatt mit Aufsichtscanner"
IMG_KARTEI = "Karteikarten eines Museumsinventars"
IMG_SCHEMA = "Schema geteilter Infrastrukturen"
IMG_LESESAAL = "Lesesaal mit Findbüchern"


# Each topic: slug, title, summary, tags, related slugs, contact, image, sections, table, quote,
# callout. Paragraph texts may link to other topics as [[slug|link text]].
TOPICS = [
    {
        "slug": "geteilte-infrastrukturen",
        "title": "Geteilte Dienste und Infrastrukturen",
        "summary": (
            "Digitalisierung, Langzeitarchivierung und Online-Präsentation gemeinsam betreiben: "
            "wie kleine und große Häuser Dienste teilen, was das kostet und wer dabei was "
            "verantwortet."
        ),
        "tags": ["Infrastruktur", "Kooperation", "Betrieb"],
        "related": ["nachhaltige-digitalisierung", "kooperative-digitalisierung", "foerderung"],
        "contact": ("digiS – Servicestelle Digitalisierung Berlin", "Dr. Jonas Scan"),
        "image": (IMG_SCHEMA, "Schema: Häuser teilen Dienste über eine gemeinsame Plattform"),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>Kaum ein Museum, Archiv oder eine Bibliothek kann alle Dienste der "
                "Digitalisierung allein betreiben. Geteilte Infrastrukturen bündeln Technik, "
                "Personal und Wissen: vom Scanner über das Repositorium bis zur "
                "<b>Langzeitarchivierung</b>. Wie nachhaltig das ist, beschreibt "
                "[[nachhaltige-digitalisierung|Nachhaltige Digitalisierung]].</p>",
            ),
            (
                "Modelle der Zusammenarbeit",
                "h2",
                "<p>Verbreitet sind drei Modelle: ein Haus betreibt den Dienst für andere, "
                "ein Verbund gründet eine gemeinsame Stelle, oder eine Landeseinrichtung bietet "
                "den Dienst zentral an.</p>",
            ),
            (
                "Betrieb durch ein Haus",
                "h3",
                "<p>Schnell startklar, aber abhängig von der Planung eines einzelnen Hauses.</p>",
            ),
            (
                "Servicestelle im Verbund",
                "h3",
                "<p>Die Servicestelle verteilt Kosten und Risiken; sie braucht eine klare "
                "Vereinbarung über Leistungen und Fristen. Finanzierungswege beschreibt "
                "[[foerderung|Förderung und Finanzierung]].</p>",
            ),
            (
                "Was geklärt sein muss",
                "h2",
                "<p>Wer haftet für Datenverluste? Wer entscheidet über Formate? Welche "
                "[[lizenzen|Lizenzen]] gelten für die Digitalisate? Und nach welchen "
                "[[standards|Standards]] werden Metadaten geliefert?</p>",
            ),
        ],
        "table": (
            "Modelle geteilter Dienste im Vergleich",
            [
                ["Modell", "Start", "Kostenteilung", "Risiko"],
                ["Ein Haus für alle", "schnell", "nach Absprache", "hoch"],
                ["Servicestelle im Verbund", "mittel", "nach Schlüssel", "geteilt"],
                ["Landeseinrichtung", "langsam", "zentral finanziert", "gering"],
            ],
        ),
        "quote": (
            "Kooperation heißt, Infrastruktur gemeinsam zu denken – und gemeinsam zu bezahlen.",
            "Prof. Dr. Hanna Verbund, Keynote 2025",
        ),
        "callout": (
            "tip",
            "Tipp",
            "<p>Beginnen Sie mit einem Dienst, den alle Partner brauchen, etwa dem "
            "gemeinsamen Speicher.</p>",
        ),
    },
    {
        "slug": "ki-in-der-sammlungspraxis",
        "title": "KI in der Sammlungspraxis",
        "summary": (
            "Handschriftenerkennung, automatische Verschlagwortung, Bildähnlichkeit: was "
            "KI-Verfahren in der Erschließung leisten, wo sie irren und wie Häuser die "
            "Qualität sichern."
        ),
        "tags": ["KI", "Erschließung", "Metadaten"],
        "related": ["standards", "wissenstransfer"],
        "contact": ("Staatsbibliothek zu Berlin", "Sami Modell"),
        "image": (IMG_KARTEI, "Inventarkarten: Trainingsdaten für die Texterkennung"),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>KI-Verfahren beschleunigen die Erschließung großer Bestände. Sie ersetzen "
                "aber nicht die fachliche Prüfung: Ergebnisse müssen als maschinell erzeugt "
                "gekennzeichnet und an [[standards|Normdaten]] angebunden werden.</p>",
            ),
            (
                "Einsatzfelder",
                "h2",
                "<p>Texterkennung (OCR und HTR), Named-Entity-Recognition, Bildklassifikation "
                "und Übersetzung gehören zu den häufigsten Anwendungen.</p>",
            ),
            (
                "Texterkennung",
                "h3",
                "<p>Für Fraktur und Handschriften gibt es trainierte Modelle; eigene "
                "Trainingsdaten verbessern die Ergebnisse deutlich.</p>",
            ),
            (
                "Verschlagwortung",
                "h3",
                "<p>Vorschläge der Maschine, Entscheidung durch Menschen: So bleibt die "
                "Verantwortung im Haus.</p>",
            ),
            (
                "Qualität sichern",
                "h2",
                "<p>Stichproben, Konfidenzwerte und eine dokumentierte Fehlerquote gehören in "
                "jedes Projekt. Erfahrungen teilen Häuser im "
                "[[wissenstransfer|Wissenstransfer]] mit Forschung und Zivilgesellschaft.</p>",
            ),
        ],
        "table": (
            "Typische Fehlerquoten (Zeichenfehlerrate)",
            [
                ["Material", "ohne eigenes Training", "mit eigenem Training"],
                ["Antiqua-Druck", "2 %", "unter 1 %"],
                ["Fraktur-Druck", "6 %", "2 %"],
                ["Handschrift 19. Jh.", "über 15 %", "5–8 %"],
            ],
        ),
        "quote": (
            "Die Maschine schlägt vor, die Fachleute entscheiden.",
            "Dr. Petra Provenienz",
        ),
        "callout": (
            "warning",
            "Achtung",
            "<p>Kennzeichnen Sie maschinell erzeugte Metadaten immer als solche.</p>",
        ),
        "embed": (
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "Vortrag: KI in der Erschließung (Beispielvideo)",
        ),
    },
    {
        "slug": "nachhaltige-digitalisierung",
        "title": "Nachhaltige Digitalisierung",
        "summary": (
            "Was kostet ein Digitalisat über zwanzig Jahre? Energie, Formate, Personal und "
            "Langzeitarchivierung – und wie Häuser die Folgekosten von Anfang an einplanen."
        ),
        "tags": ["Nachhaltigkeit", "Langzeitarchivierung", "Betrieb"],
        "related": ["geteilte-infrastrukturen", "foerderung"],
        "contact": ("Landesarchiv Berlin", "Lea Langzeit"),
        "image": (IMG_WERKSTATT, "Digitalisierungswerkstatt mit Aufsichtscanner"),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>Ein Digitalisat ist kein Ergebnis, sondern eine Verpflichtung: Es muss "
                "gespeichert, migriert und zugänglich gehalten werden. Gemeinsame Speicher "
                "senken die Kosten, siehe "
                "[[geteilte-infrastrukturen|Geteilte Dienste und Infrastrukturen]].</p>",
            ),
            (
                "Folgekosten",
                "h2",
                "<p>Speicher, Strom, Formatmigration und die Menschen, die das alles betreuen, "
                "kosten jedes Jahr Geld.</p>",
            ),
            (
                "Formate",
                "h2",
                "<p>Offene, gut dokumentierte Formate (TIFF, JPEG 2000, PDF/A) erleichtern die "
                "Migration. Welche Formate Förderer verlangen, steht unter "
                "[[foerderung|Förderung und Finanzierung]].</p>",
            ),
            (
                "Energie sparen",
                "h3",
                "<p>Seltener genutzte Master-Dateien können auf Band oder in kalten Speicher "
                "ausgelagert werden.</p>",
            ),
        ],
        "table": (
            "Beispielrechnung: Kosten je Terabyte und Jahr",
            [
                ["Posten", "eigener Betrieb", "im Verbund"],
                ["Speicher (dreifach)", "450 €", "280 €"],
                ["Energie", "120 €", "70 €"],
                ["Personal", "900 €", "400 €"],
            ],
        ),
        "quote": (
            "Digitalisieren ist einfach. Digitalisate erhalten ist die eigentliche Aufgabe.",
            "Lea Langzeit",
        ),
        "callout": (
            "info",
            "Hinweis",
            "<p>Planen Sie die Langzeitarchivierung schon im Projektantrag ein.</p>",
        ),
    },
    {
        "slug": "kooperative-digitalisierung",
        "title": "Verteilte Sammlungen kooperativ digitalisieren",
        "summary": (
            "Bestände, die auf viele Häuser verteilt sind, gemeinsam digitalisieren: mit "
            "abgestimmten Metadatenprofilen, gemeinsamen Normdaten und IIIF für die "
            "Präsentation."
        ),
        "tags": ["Kooperation", "Metadaten", "IIIF"],
        "related": ["standards", "geteilte-infrastrukturen", "lizenzen"],
        "contact": ("Industriesalon Schöneweide e.V.", "Clara Museum"),
        "image": (IMG_SCHAUDEPOT, SEED_IMAGE),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>Nachlässe, Sammlungen von Vereinen oder die Objekte einer Region liegen oft "
                "in vielen Häusern. Gemeinsam digitalisiert werden sie wieder als Ganzes "
                "sichtbar.</p>",
            ),
            (
                "Abstimmung vor dem Scannen",
                "h2",
                "<p>Vereinbaren Sie ein gemeinsames Metadatenprofil und die "
                "[[standards|Standards und Normdaten]], bevor das erste Objekt gescannt "
                "wird.</p>",
            ),
            (
                "Präsentation mit IIIF",
                "h2",
                "<p>Mit IIIF lassen sich Bilder aus verschiedenen Häusern in einem Viewer "
                "zusammenführen, ohne sie zu kopieren. Die Nutzungsbedingungen regeln die "
                "[[lizenzen|Lizenzen]].</p>",
            ),
        ],
        "table": (
            "Aufgabenteilung im Projekt",
            [
                ["Aufgabe", "Wer", "Wann"],
                ["Metadatenprofil", "alle Partner", "vor Projektbeginn"],
                ["Scannen", "jedes Haus selbst oder Dienstleister", "laufend"],
                ["Präsentation", "koordinierendes Haus", "ab Halbzeit"],
            ],
        ),
        "quote": (
            "Erst als die Objekte nebeneinander im Viewer lagen, sahen wir, dass sie "
            "zusammengehören.",
            "Ben Bibliothek",
        ),
        "callout": (
            "tip",
            "Tipp",
            "<p>Ein gemeinsamer Projektkalender verhindert, dass Häuser aufeinander warten.</p>",
        ),
    },
    {
        "slug": "wissenstransfer",
        "title": "Wissenstransfer zwischen Kultur, Wissenschaft und Zivilgesellschaft",
        "summary": (
            "Citizen Science, offene Daten und gemeinsame Projekte: wie Gedächtnisinstitutionen "
            "Wissen mit Forschung und Zivilgesellschaft teilen und selbst davon lernen."
        ),
        "tags": ["Wissenstransfer", "Citizen Science", "Offene Daten"],
        "related": ["lizenzen", "ki-in-der-sammlungspraxis"],
        "contact": ("Stadtmuseum Beispielstadt", ""),
        "image": (IMG_LESESAAL, "Lesesaal mit Findbüchern"),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>Ehrenamtliche transkribieren Briefe, Forschende werten Sammlungsdaten aus, "
                "Vereine bringen ihr Wissen über Objekte ein. Damit das gelingt, müssen Daten "
                "offen und unter klaren [[lizenzen|Lizenzen]] vorliegen.</p>",
            ),
            (
                "Citizen Science",
                "h2",
                "<p>Crowdsourcing-Projekte brauchen gute Werkzeuge, Betreuung und "
                "Wertschätzung der Beteiligten.</p>",
            ),
            (
                "Forschungsdaten",
                "h2",
                "<p>Forschende wünschen sich Schnittstellen und Massendownloads. Auch "
                "KI-Verfahren profitieren davon, siehe "
                "[[ki-in-der-sammlungspraxis|KI in der Sammlungspraxis]].</p>",
            ),
        ],
        "table": (
            "Formen des Wissenstransfers",
            [
                ["Form", "Beispiel", "Aufwand"],
                ["Crowdsourcing", "Transkription von Feldpostbriefen", "mittel"],
                ["Datenpublikation", "Sammlungsdaten als Open Data", "gering"],
                ["Forschungskooperation", "gemeinsames Drittmittelprojekt", "hoch"],
            ],
        ),
        "quote": (
            "Die Ehrenamtlichen kannten die Orte auf den Fotos besser als wir.",
            "Teilnehmerin der Konferenz 2024",
        ),
        "callout": (
            "info",
            "Hinweis",
            "<p>Nennen Sie Beteiligte bei veröffentlichten Ergebnissen namentlich, wenn sie "
            "das wünschen.</p>",
        ),
    },
    {
        "slug": "foerderung",
        "title": "Förderung und Finanzierung",
        "summary": (
            "Förderprogramme von Bund, Ländern und Stiftungen im Überblick, und worauf "
            "Anträge für kooperative Digitalisierungsprojekte achten sollten."
        ),
        "tags": ["Förderung", "Kooperation"],
        "related": ["nachhaltige-digitalisierung", "geteilte-infrastrukturen"],
        "contact": ("Kooperationsraum-Redaktion", "Dr. Gerd Geld"),
        "image": (IMG_ZIB, "Zuse-Institut Berlin, Ort der Konferenz"),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>Die meisten Digitalisierungsprojekte werden gefördert. Förderer erwarten "
                "zunehmend Konzepte für den Betrieb nach Projektende, siehe "
                "[[nachhaltige-digitalisierung|Nachhaltige Digitalisierung]].</p>",
            ),
            (
                "Programme",
                "h2",
                "<p>Neben Landesprogrammen gibt es Bundes- und Stiftungsprogramme; viele "
                "verlangen offene [[lizenzen|Lizenzen]] für die Ergebnisse.</p>",
            ),
            (
                "Verbundanträge",
                "h2",
                "<p>Ein Antrag für mehrere Häuser ist aufwendiger, stärkt aber geteilte "
                "Dienste, siehe [[geteilte-infrastrukturen|Geteilte Infrastrukturen]].</p>",
            ),
        ],
        "table": (
            "Förderlinien (Beispiele, ohne Gewähr)",
            [
                ["Förderer", "Schwerpunkt", "Eigenanteil"],
                ["Land", "Digitalisierung von Kulturerbe", "10–20 %"],
                ["Bund", "Infrastrukturen und Forschung", "je nach Programm"],
                ["Stiftungen", "Vermittlung und Pilotprojekte", "oft keiner"],
            ],
        ),
        "quote": ("Schreiben Sie den Betrieb nach Projektende in den Antrag.", "Dr. Gerd Geld"),
        "callout": (
            "warning",
            "Achtung",
            "<p>Fristen der Programme ändern sich jährlich; prüfen Sie die aktuelle "
            "Ausschreibung.</p>",
        ),
    },
    {
        "slug": "lizenzen",
        "title": "Lizenzen und offene Sammlungen",
        "summary": (
            "Gemeinfreie Werke, Creative-Commons-Lizenzen und Rechtehinweise: wie Häuser "
            "Digitalisate rechtssicher und möglichst offen zugänglich machen."
        ),
        "tags": ["Lizenzen", "Offene Daten", "Recht"],
        "related": ["wissenstransfer", "kooperative-digitalisierung"],
        "contact": ("Landesarchiv Beispielland", "Ole Open"),
        "image": (IMG_KARTEI, "Karteikarten eines Museumsinventars"),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>Was gemeinfrei ist, soll gemeinfrei bleiben: Digitalisate gemeinfreier "
                "Werke erhalten die Public Domain Mark. Für Metadaten empfiehlt sich CC0.</p>",
            ),
            (
                "Welche Lizenz wofür",
                "h2",
                "<p>CC BY genügt in den meisten Fällen; Einschränkungen wie NC erschweren die "
                "Nachnutzung, etwa im [[wissenstransfer|Wissenstransfer]].</p>",
            ),
            (
                "Rechtehinweise richtig angeben",
                "h2",
                "<p>Jede Abbildung braucht Urheber*in, Rechteinhaber*in und Lizenz mit Link "
                "– wie in den Bildnachweisen dieser Website.</p>",
            ),
        ],
        "table": (
            "Empfehlungen",
            [
                ["Inhalt", "Empfohlene Kennzeichnung"],
                ["Metadaten", "CC0 1.0"],
                ["Digitalisat gemeinfreier Werke", "Public Domain Mark 1.0"],
                ["Eigene Fotos und Texte", "CC BY 4.0"],
            ],
        ),
        "quote": ("Offen ist nur, was auch nachgenutzt werden darf.", "Ole Open"),
        "callout": (
            "info",
            "Hinweis",
            "<p>Diese Seite ersetzt keine Rechtsberatung.</p>",
        ),
    },
    {
        "slug": "standards",
        "title": "Standards und Normdaten",
        "summary": (
            "LIDO, METS/MODS, EAD und die Gemeinsame Normdatei (GND): welche Standards "
            "Kooperationen tragen und wie Häuser sie pragmatisch einsetzen."
        ),
        "tags": ["Standards", "Metadaten", "Normdaten"],
        "related": ["kooperative-digitalisierung", "ki-in-der-sammlungspraxis"],
        "contact": ("Staatsbibliothek zu Berlin", "Nora Norm"),
        "image": (IMG_LESESAAL, "Findbücher im Lesesaal"),
        "sections": [
            (
                "Worum es geht",
                "h2",
                "<p>Standards machen Daten austauschbar. Normdaten wie die GND verbinden "
                "Bestände über Häuser hinweg – die Grundlage für "
                "[[kooperative-digitalisierung|kooperative Digitalisierung]].</p>",
            ),
            (
                "Austauschformate",
                "h2",
                "<p>Museen nutzen LIDO, Bibliotheken METS/MODS, Archive EAD. Für die "
                "gemeinsame Präsentation genügt oft ein kleinster gemeinsamer Nenner.</p>",
            ),
            (
                "Normdaten",
                "h2",
                "<p>Personen, Orte und Körperschaften sollten mit GND-Nummern verknüpft sein. "
                "KI-Verfahren können Vorschläge machen, siehe "
                "[[ki-in-der-sammlungspraxis|KI in der Sammlungspraxis]].</p>",
            ),
        ],
        "table": (
            "Standards nach Sparte",
            [
                ["Sparte", "Austauschformat", "Normdaten"],
                ["Museum", "LIDO", "GND, Getty AAT"],
                ["Bibliothek", "METS/MODS", "GND"],
                ["Archiv", "EAD", "GND"],
            ],
        ),
        "quote": ("Ein gemeinsamer Standard ist besser als drei perfekte.", "Nora Norm"),
        "callout": (
            "tip",
            "Tipp",
            "<p>Fangen Sie bei Personen an: Dort bringen GND-Verknüpfungen am schnellsten "
            "Nutzen.</p>",
        ),
    },
]

SCHEDULED_TOPIC = {
    "slug": "foerderprogramme-2026",
    "title": "Förderprogramme 2026",
    "summary": (
        "Die neuen Ausschreibungen für 2026 im Überblick; die Seite erscheint, sobald die "
        "Programme veröffentlicht sind."
    ),
    "tags": ["Förderung"],
    "related": ["foerderung"],
    "contact": ("Kooperationsraum-Redaktion", "Dr. Gerd Geld"),
    "image": (IMG_ZIB, "Zuse-Institut Berlin"),
    "sections": [
        (
            "Neue Programme",
            "h2",
            "<p>Eine Übersicht ergänzt [[foerderung|Förderung und Finanzierung]].</p>",
        ),
        ("Fristen", "h2", "<p>Die Fristen tragen wir nach.</p>"),
    ],
    "table": ("Fristen 2026", [["Programm", "Frist"], ["Landesprogramm", "folgt"]]),
    "quote": ("Früh planen lohnt sich.", "Redaktion"),
    "callout": ("info", "Hinweis", "<p>Vorläufige Fassung.</p>"),
}

# English translations: slug -> (title, slug, summary, [(heading, paragraph html)])
TRANSLATIONS = {
    "geteilte-infrastrukturen": (
        "Shared services and infrastructures",
        "shared-infrastructures",
        "Running digitisation, long-term preservation and online presentation together: how "
        "small and large institutions share services, what it costs and who is responsible.",
        [
            (
                "What it is about",
                "<p>Hardly any museum, archive or library can run every digitisation service "
                "alone. Shared infrastructures pool technology, staff and knowledge. See also "
                "[[nachhaltige-digitalisierung|Sustainable digitisation]].</p>",
            ),
            (
                "Models of cooperation",
                "<p>One institution runs the service for others, a network founds a joint "
                "service unit, or a state institution offers it centrally.</p>",
            ),
        ],
    ),
    "ki-in-der-sammlungspraxis": (
        "AI in collections practice",
        "ai-in-collections-practice",
        "Handwriting recognition, automatic indexing, image similarity: what AI methods "
        "achieve in cataloguing, where they fail and how institutions ensure quality.",
        [
            (
                "What it is about",
                "<p>AI methods speed up cataloguing of large holdings but do not replace "
                "expert review.</p>",
            ),
            (
                "Ensuring quality",
                "<p>Samples, confidence scores and a documented error rate belong in every "
                "project. See also [[geteilte-infrastrukturen|Shared infrastructures]].</p>",
            ),
        ],
    ),
    "nachhaltige-digitalisierung": (
        "Sustainable digitisation",
        "sustainable-digitisation",
        "What does a digital copy cost over twenty years? Energy, formats, staff and "
        "long-term preservation, and how to plan the follow-up costs from the start.",
        [
            (
                "What it is about",
                "<p>A digital copy is an obligation, not a result. Shared storage lowers the "
                "cost: see [[geteilte-infrastrukturen|Shared services and "
                "infrastructures]].</p>",
            ),
            (
                "Formats",
                "<p>Open, well-documented formats (TIFF, JPEG 2000, PDF/A) make migration "
                "easier.</p>",
            ),
        ],
    ),
}

# Programme sessions (title prefix) that belong to a topic page.
SESSION_TOPICS = {
    "Geteilte Dienste": "geteilte-infrastrukturen",
    "Keynote: Gemeinsam statt einsam": "geteilte-infrastrukturen",
    "KI in der Sammlungspraxis": "ki-in-der-sammlungspraxis",
    "Nachhaltig digitalisieren": "nachhaltige-digitalisierung",
    "Verteilte Sammlungen": "kooperative-digitalisierung",
    "Wissenstransfer": "wissenstransfer",
    "Metadatenqualität": "standards",
    "Lizenzen und offene Sammlungen": "lizenzen",
    "Förderprogramme im Überblick": "foerderung",
}
FEATURED = ["geteilte-infrastrukturen", "ki-in-der-sammlungspraxis", "nachhaltige-digitalisierung"]

_LINK = re.compile(r"\[\[([a-z0-9-]+)\|([^\]]+)\]\]")


def _links(html, pages):
    """Turn [[slug|text]] into Wagtail rich-text page links (plain text if the page is missing)."""

    def replace(match):
        page = pages.get(match.group(1))
        if page is None:
            return match.group(2)
        return f'<a linktype="page" id="{page.pk}">{match.group(2)}</a>'

    return _LINK.sub(replace, html)


def _body(spec, images, pages):
    body = []
    image_title, caption = spec["image"]
    for number, (heading, level, html) in enumerate(spec["sections"]):
        body.append(("heading", {"text": heading, "level": level}))
        body.append(("paragraph", _links(html, pages)))
        if number == 0:
            body.append(
                ("image", {"image": images[image_title], "caption": caption, "alt_text": ""})
            )
        if number == 1:
            quote, attribution = spec["quote"]
            body.append(("quote", {"quote": quote, "attribution": attribution}))
        if number == 1 and spec.get("embed"):
            url, title = spec["embed"]
            body.append(("embed", {"url": url, "title": title, "caption": ""}))
    caption, rows = spec["table"]
    body.append(("heading", {"text": "Überblick", "level": "h2"}))
    body.append(
        (
            "table",
            {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": caption,
            },
        )
    )
    kind, title, text = spec["callout"]
    body.append(("callout", {"kind": kind, "title": title, "text": text}))
    return body


def ensure_chief_editor(log):
    from allauth.account.models import EmailAddress

    email, password, name = CHIEF_EDITOR
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, display_name=name, institution="Kooperationsraum", is_staff=True)
        user.set_password(password)
        user.save()
        log(f"  Konto angelegt: {email}")
    user.groups.add(ensure_roles()[CHIEF_EDITORS])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_topic_index(home, log):
    index = TopicIndexPage.objects.child_of(home).filter(slug="themen").first()
    if index is None:
        index = TopicIndexPage(
            title="Themen",
            slug="themen",
            show_in_menus=True,
            intro=(
                "Kuratiertes Wissen der Konferenz zu Kooperationen in Museen, Archiven und "
                "Bibliotheken: geteilte Infrastrukturen, KI, nachhaltige Digitalisierung, "
                "Förderung, Lizenzen und Standards. Jede Seite wird von der Redaktion gepflegt "
                "und geprüft."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        log(f"  Seite angelegt: {public_url(index)}")
    return index


def _create_topic(index, spec, *, live, go_live_at=None):
    page = TopicPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        contact_institution=spec["contact"][0],
        contact_name=spec["contact"][1],
        last_reviewed=datetime.date(2025, 10, 1),
        live=live,
        go_live_at=go_live_at,
    )
    index.add_child(instance=page)
    page.tags.add(*spec["tags"])
    page.save()
    return page


def ensure_topics(index, images, log):
    """Create the topic pages; on creation they get bodies with links, related topics, tags."""
    editor = get_user_model().objects.filter(email=EDITOR_EMAIL).first()
    publisher = ensure_chief_editor(log)
    pages = {page.slug: page for page in TopicPage.objects.child_of(index)}
    created = []
    for spec in TOPICS:
        if spec["slug"] not in pages:
            pages[spec["slug"]] = _create_topic(index, spec, live=True)
            created.append(spec)
    # Second pass, when every page exists: links in the text and related topics.
    now = timezone.now()
    for age, spec in enumerate(reversed(created)):
        page = pages[spec["slug"]]
        page.body = _body(spec, images, pages)
        page.related_topic_links = [
            TopicRelatedTopic(page=pages[slug]) for slug in spec["related"] if slug in pages
        ]
        revision = page.save_revision(user=editor)
        revision.publish(user=publisher)
        # Spread the demo's history over the past weeks, so "Letzte Änderungen" looks real.
        when = now - datetime.timedelta(days=3 * age + 1, hours=age)
        PageLogEntry.objects.filter(page=page, action="wagtail.publish").update(timestamp=when)
        TopicPage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
        log(f"  Seite angelegt: {public_url(page)}")
    return pages, editor, publisher


#: Wagtail's workflow e-mail handlers (wagtail/admin/signal_handlers.py): signal, sender,
#: dispatch_uid, receiver.
WORKFLOW_MAIL_HANDLERS = [
    (
        wagtail_signals.task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtail_admin_handlers.task_submission_email_notifier,
    ),
    (
        wagtail_signals.workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtail_admin_handlers.workflow_submission_email_notifier,
    ),
    (
        wagtail_signals.workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        wagtail_admin_handlers.workflow_rejection_email_notifier,
    ),
    (
        wagtail_signals.workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        wagtail_admin_handlers.workflow_approval_email_notifier,
    ),
]


@contextmanager
def workflow_mails_muted():
    """Wagtail sends no workflow e-mails ("submitted for moderation", …) inside this block:
    the demo's submission is not news for the Chefredaktion. Handlers that were connected are
    connected again afterwards, also after an error."""
    muted = [
        (signal, sender, uid, receiver)
        for signal, sender, uid, receiver in WORKFLOW_MAIL_HANDLERS
        if signal.disconnect(sender=sender, dispatch_uid=uid)
    ]
    try:
        yield
    finally:
        for signal, sender, uid, receiver in muted:
            signal.connect(receiver, sender=sender, dispatch_uid=uid)


def ensure_workflow_in_progress(pages, editor, log):
    """Rita has revised the licences page and submitted it: it waits for the Chefredaktion."""
    page = TopicPage.objects.get(pk=pages["lizenzen"].pk)
    if page.workflow_states.exists() or page.has_unpublished_changes:
        return  # submitted before (and maybe approved since)
    page.body.append(("heading", {"text": "Neu: Rechte an Metadaten", "level": "h2"}))
    page.body.append(
        (
            "paragraph",
            "<p>Metadaten sind meist nicht urheberrechtlich geschützt; CC0 macht das "
            "ausdrücklich.</p>",
        )
    )
    page.save_revision(user=editor)
    with workflow_mails_muted():
        page.get_workflow().start(page, editor)
    log(f"  Zur Prüfung eingereicht: {public_url(page)}")


def ensure_scheduled_topic(index, images, pages, editor, publisher, log):
    """A page that the Chefredaktion approved to go live in 30 days."""
    spec = SCHEDULED_TOPIC
    if spec["slug"] in pages:
        return pages[spec["slug"]]
    go_live_at = timezone.now() + datetime.timedelta(days=30)
    page = _create_topic(index, spec, live=False, go_live_at=go_live_at)
    page.body = _body(spec, images, pages)
    page.related_topic_links = [TopicRelatedTopic(page=pages[slug]) for slug in spec["related"]]
    page.save_revision(user=editor).publish(user=publisher)
    pages[spec["slug"]] = page
    log(f"  Veröffentlichung geplant: {public_url(page)} am {go_live_at:%d.%m.%Y}")
    return page


def ensure_translations(index, pages, editor, log):
    _german, english = ensure_locales()
    index_en = translate_page(
        index,
        english,
        {
            "title": "Topics",
            "slug": "topics",
            "intro": (
                "Curated knowledge from the conference on cooperation between museums, "
                "archives and libraries: shared infrastructures, AI, sustainable "
                "digitisation, funding, licences and standards."
            ),
        },
        log,
    )
    english_pages = {}
    created = []
    for slug, (title, slug_en, summary, _sections) in TRANSLATIONS.items():
        existing = pages[slug].get_translation_or_none(english)
        if existing is not None:
            english_pages[slug] = existing.specific
            continue
        # A draft first, so the bodies can link to each other; each is published once, by the
        # editor (one entry per page in the English "Recent changes", with a name).
        page = pages[slug].copy_for_translation(english)
        page.title, page.slug, page.summary = title, slug_en, summary
        page.save()
        english_pages[slug] = page
        created.append(slug)
    for slug in created:
        page = english_pages[slug]
        link_targets = {**pages, **english_pages}
        body = []
        for heading, html in TRANSLATIONS[slug][3]:
            body.append(("heading", {"text": heading, "level": "h2"}))
            body.append(("paragraph", _links(html, link_targets)))
        page.body = body
        page.save_revision(user=editor).publish()
        log(f"  Übersetzung angelegt (en): {public_url(page)}")
    return index_en, english_pages


def link_programme_sessions(events, pages, log):
    for edition in events.values():
        if not hasattr(edition, "programme"):
            continue
        changed = False
        for block in edition.programme:
            if block.value.get("topic"):
                continue
            for prefix, slug in SESSION_TOPICS.items():
                if block.value["title"].startswith(prefix) and slug in pages:
                    block.value["topic"] = pages[slug]
                    changed = True
                    break
        if changed:
            edition.save_revision().publish()
            log(f"  Programm mit Themen verknüpft: {public_url(edition)}")


def feature_topics(home, pages):
    from wagtail.models import Locale

    homes = [home]
    english = Locale.objects.filter(language_code="en").first()
    if english is not None and (home_en := home.get_translation_or_none(english)) is not None:
        homes.append(home_en.specific)
    for page in homes:
        if page.featured_topics.exists():
            continue
        page.featured_topics = [HomeFeaturedTopic(page=pages[slug]) for slug in FEATURED]
        page.save_revision().publish()


def update_references(pages):
    """Update the reference index now (a running task worker would do it a little later)."""
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)


@transaction.atomic
def build_wiki(shell, log):
    """Build the wiki demo on top of the site shell (`build_site_shell`'s return value)."""
    log("Themenseiten …")
    home, images, events = shell["home"], shell["images"], shell["events"]
    ensure_topic_workflow()
    index = ensure_topic_index(home, log)
    pages, editor, publisher = ensure_topics(index, images, log)
    ensure_scheduled_topic(index, images, pages, editor, publisher, log)
    ensure_workflow_in_progress(pages, editor, log)
    index_en, english_pages = ensure_translations(index, pages, editor, log)
    link_programme_sessions(events, pages, log)
    feature_topics(home, pages)
    update_references(
        [
            *TopicPage.objects.all(),
            *[event.specific for event in events.values()],
            home,
        ]
    )
    return {"topic_index": index, "topics": pages, "topic_index_en": index_en}
