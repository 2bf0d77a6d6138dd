# ruff: noqa: E501 - the demo questions are data, one per line.
"""Demo questions for the board: both editions, all phases, nested replies, votes, an answered,
a pinned, a pending, a flagged and a merged question. Idempotent: threads are looked up by title.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from board import limits, notifications, services
from board.models import Flag, Post, Thread, Visibility
from wiki.models import TopicPage

from .site_shell import demo_email


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


QUESTIONS = [
    # (edition year, phase, asker, title, body, tags, session index or None)
    (
        2025,
        "vorab",
        "anna",
        "Wie teilen kleine Archive sich einen Aufsichtscanner?",
        "Wir sind drei Kreisarchive und überlegen, einen **Aufsichtscanner** gemeinsam anzuschaffen. Wer hat Erfahrung mit Terminplanung, Versicherung und Transport? Die Themenseite [Geteilte Infrastrukturen](/themen/geteilte-infrastrukturen/) hilft uns schon.",
        ["Geteilte Dienste", "Scanner"],
        2,
    ),
    (
        2025,
        "vorab",
        "ben",
        "Welche Lizenz empfehlen Sie für Metadaten aus dem Verbund?",
        "CC0 oder CC BY? Unsere Verbundpartner sind sich uneinig. Die Seite [Lizenzen](/themen/lizenzen/) nennt beides.",
        ["Lizenzen", "Metadaten"],
        None,
    ),
    (
        2025,
        "vorab",
        "clara",
        "Gibt es Förderprogramme für kooperative Digitalisierung?",
        "Wir suchen Programme, die ausdrücklich *Verbünde* fördern.",
        ["Förderung"],
        6,
    ),
    (
        2025,
        "vorab",
        "anna",
        "Wie organisiert man Langzeitarchivierung als geteilten Dienst?",
        "Lohnt sich ein gemeinsames Rechenzentrum für mittlere Häuser?",
        ["Langzeitarchivierung", "Geteilte Dienste"],
        2,
    ),
    (
        2025,
        "vorab",
        "ben",
        "Welche Erfahrungen gibt es mit Handschriftenerkennung für Kurrent?",
        "Transkribus, eScriptorium oder etwas anderes?",
        ["KI", "HTR"],
        3,
    ),
    (
        2025,
        "vorab",
        "clara",
        "Wie dokumentieren wir KI-generierte Erschließung transparent?",
        "Wie kennzeichnen Sie automatisch erzeugte Schlagwörter im Katalog?",
        ["KI", "Erschließung"],
        3,
    ),
    (
        2025,
        "vorab",
        "anna",
        "Was kostet ein Digitalisat über zwanzig Jahre?",
        "Gibt es belastbare Zahlen zu Speicher, Migration und Personal?",
        ["Nachhaltigkeit", "Kosten"],
        5,
    ),
    (
        2025,
        "vorab",
        "ben",
        "Wie binden wir ehrenamtliche Heimatvereine in die Digitalisierung ein?",
        "Viele Sammlungen liegen bei Vereinen ohne eigene Technik.",
        ["Zivilgesellschaft"],
        7,
    ),
    (
        2025,
        "vorab",
        "clara",
        "IIIF im kleinen Museum: wo anfangen?",
        "Wir haben eine Sammlungsdatenbank, aber keinen Bildserver.",
        ["IIIF"],
        6,
    ),
    (
        2025,
        "vorab",
        "anna",
        "Welche Normdaten nutzen Sie für Orte?",
        "GND, GeoNames oder Wikidata – und wie verknüpfen Sie sie?",
        ["Normdaten", "GND"],
        6,
    ),
    (
        2025,
        "vorab",
        "ben",
        "Wie teilt man einen Scanner zwischen mehreren Häusern?",
        "Gibt es Musterverträge für die gemeinsame Nutzung von Digitalisierungstechnik?",
        ["Geteilte Dienste", "Scanner"],
        2,
    ),
    (
        2025,
        "vorab",
        "clara",
        "Energiebedarf von Bildservern: lohnt sich Messen?",
        "Wir möchten den Stromverbrauch unserer Infrastruktur kennen.",
        ["Nachhaltigkeit"],
        5,
    ),
    (
        2025,
        "vorab",
        "anna",
        "Gibt es ein gemeinsames Metadatenprofil für Fotografien?",
        "Wir suchen ein Profil, das Museen und Archive gleichermaßen nutzen.",
        ["Metadaten"],
        6,
    ),
    (
        2025,
        "vorab",
        "ben",
        "Wie überzeugt man die Verwaltung von Open Access für Sammlungen?",
        "Argumente, Beispiele, Zahlen?",
        ["Open Access"],
        1,
    ),
    (
        2025,
        "live",
        "clara",
        "Frage an die Keynote: Wer trägt die Kosten geteilter Infrastruktur?",
        "Im Vortrag klang es, als zahle das größte Haus. Ist das fair?",
        ["Geteilte Dienste", "Kosten"],
        1,
    ),
    (
        2025,
        "live",
        "anna",
        "Wie messen Sie die Qualität automatischer Verschlagwortung?",
        "Precision/Recall oder Stichproben durch Fachleute?",
        ["KI", "Qualität"],
        3,
    ),
    (
        2025,
        "live",
        "ben",
        "Welche Werkzeuge nutzen Sie für die Provenienzforschung?",
        "Gibt es geteilte Datenbanken über Häuser hinweg?",
        ["Provenienz"],
        3,
    ),
    (
        2025,
        "live",
        "clara",
        "Kann man Digitalisierungspersonal zwischen Häusern teilen?",
        "Stellenpool, Abordnung oder Dienstleister?",
        ["Personal", "Geteilte Dienste"],
        2,
    ),
    (
        2025,
        "live",
        "anna",
        "Welche Dateiformate sind für 3D-Objekte nachhaltig?",
        "glTF, OBJ oder PLY für die Langzeitarchivierung?",
        ["3D", "Formate"],
        5,
    ),
    (
        2025,
        "live",
        "ben",
        "Wie funktioniert Citizen Science bei der Transkription?",
        "Plattformen, Motivation, Qualitätssicherung?",
        ["Citizen Science"],
        7,
    ),
    (
        2025,
        "live",
        "clara",
        "Gibt es Schulungen zu IIIF für Bibliotheken?",
        "Am liebsten kostenlos und online.",
        ["IIIF", "Weiterbildung"],
        6,
    ),
    (
        2025,
        "live",
        "anna",
        "Wie gehen Sie mit Rechten an Fotografien unbekannter Urheber um?",
        "Verwaiste Werke: Erfahrungen mit der Sorgfältigen Suche?",
        ["Rechte"],
        None,
    ),
    (
        2025,
        "nachlese",
        "ben",
        "Wo finde ich die Folien der Session zu geteilten Diensten?",
        "Die Folien wurden im Vortrag erwähnt.",
        ["Folien"],
        2,
    ),
    (
        2025,
        "nachlese",
        "clara",
        "Gibt es eine Liste der Verbünde, die Digitalisierung teilen?",
        "Für die Kontaktaufnahme wäre eine Übersicht hilfreich.",
        ["Geteilte Dienste"],
        None,
    ),
    (
        2025,
        "nachlese",
        "anna",
        "Nachgefragt: Welche HTR-Modelle wurden im Workshop verwendet?",
        "Bitte mit Links zu den Modellen.",
        ["HTR", "KI"],
        3,
    ),
    (
        2025,
        "nachlese",
        "ben",
        "Wie geht es mit der Arbeitsgruppe Metadatenprofile weiter?",
        "Gibt es ein nächstes Treffen?",
        ["Metadaten"],
        6,
    ),
    (
        2025,
        "nachlese",
        "clara",
        "Können wir die Podiumsdiskussion nachhören?",
        "Gibt es eine Aufzeichnung?",
        ["Aufzeichnung"],
        7,
    ),
    (
        2024,
        "vorab",
        "anna",
        "Wie schreibt man eine Digitalisierungsstrategie für ein kleines Haus?",
        "Gibt es Vorlagen oder Beispiele?",
        ["Strategie"],
        0,
    ),
    (
        2024,
        "vorab",
        "ben",
        "Welche OCR-Software eignet sich für Fraktur?",
        "Tesseract mit welchem Modell?",
        ["OCR", "Fraktur"],
        3,
    ),
    (
        2024,
        "vorab",
        "clara",
        "Wie verbessern wir die Metadatenqualität im Verbund?",
        "Validierung, Dubletten, Normdaten – wo anfangen?",
        ["Metadaten", "Qualität"],
        1,
    ),
    (
        2024,
        "vorab",
        "anna",
        "Welche Förderprogramme gibt es für Digitalisierung 2025?",
        "Landes- und Bundesprogramme im Überblick?",
        ["Förderung"],
        4,
    ),
    (
        2024,
        "vorab",
        "ben",
        "CC BY oder CC BY-SA für Digitalisate?",
        "Was nutzen andere Häuser?",
        ["Lizenzen"],
        2,
    ),
    (
        2024,
        "live",
        "clara",
        "Frage zur Keynote: Wie misst man den Erfolg einer Strategie?",
        "Kennzahlen, die nicht nur Scanzahlen sind?",
        ["Strategie"],
        0,
    ),
    (
        2024,
        "live",
        "anna",
        "Wie trainiert man ein eigenes OCR-Modell?",
        "Wie viele Seiten Ground Truth braucht man?",
        ["OCR"],
        3,
    ),
    (
        2024,
        "live",
        "ben",
        "Wer prüft Lizenzen bei Fremdmaterial in Sammlungen?",
        "Juristische Abteilung oder Fachreferat?",
        ["Lizenzen", "Rechte"],
        2,
    ),
    (
        2024,
        "live",
        "clara",
        "Wie beantragt man Förderung als Verbund?",
        "Wer ist Antragsteller, wer Partner?",
        ["Förderung"],
        4,
    ),
    (
        2024,
        "live",
        "anna",
        "Wie bekommt man Dubletten in der Verbunddatenbank in den Griff?",
        "Automatisch zusammenführen oder manuell prüfen?",
        ["Metadaten"],
        1,
    ),
    (
        2024,
        "nachlese",
        "ben",
        "Gibt es die Folien zur Metadatenqualität?",
        "Ich finde sie nicht auf der Seite der Ausgabe.",
        ["Folien"],
        1,
    ),
    (
        2024,
        "nachlese",
        "clara",
        "Wie ging es mit den OCR-Projekten weiter?",
        "Ein Jahr später: Was ist daraus geworden?",
        ["OCR"],
        3,
    ),
    (
        2024,
        "nachlese",
        "anna",
        "Welche Strategien wurden im Abschluss genannt?",
        "Eine Zusammenfassung wäre hilfreich.",
        ["Strategie"],
        5,
    ),
    (
        2024,
        "nachlese",
        "ben",
        "Wo finde ich die Übersicht der Förderprogramme?",
        "Die Liste aus dem Vortrag von Dr. Geld.",
        ["Förderung"],
        4,
    ),
    (
        2024,
        "nachlese",
        "clara",
        "Lizenzhinweise im Bildnachweis: wie ausführlich?",
        "Reicht „CC BY 4.0“ oder braucht es den Link?",
        ["Lizenzen"],
        2,
    ),
]

# Replies that answer their question, in the order they are posted (the first one is accepted
# where the demo marks an answer). Questions without an entry get no replies.
ANSWERS = {
    "Welche Lizenz empfehlen Sie für Metadaten aus dem Verbund?": [
        "Für Metadaten empfehlen wir **CC0**: Sie sind dann ohne Namensnennung nachnutzbar, so wie es die Deutsche Digitale Bibliothek und Europeana erwarten.",
    ],
    "Gibt es Förderprogramme für kooperative Digitalisierung?": [
        "In Berlin fördert das Förderprogramm Digitalisierung (digiS) ausdrücklich Verbundprojekte; bundesweit lohnt ein Blick auf die DFG-Förderlinie für Digitalisierung.",
        "Wir haben als Verbund von drei Häusern beantragt – wichtig war eine klare Rollenverteilung im Antrag.",
    ],
    "Wie organisiert man Langzeitarchivierung als geteilten Dienst?": [
        "Wir nutzen einen gemeinsamen Dienst bei einem Rechenzentrum: Jedes Haus liefert seine Pakete (BagIt) ein, das Rechenzentrum prüft Formate und Prüfsummen.\n\n- Vertrag über Leistungen und Kosten\n- gemeinsames Formatprofil\n- ein Ansprechpartner je Haus",
        "Wichtig ist, dass die Verantwortung für die Inhalte bei den Häusern bleibt, nur der Betrieb ist geteilt.",
        "Wie verteilen Sie die Kosten – nach Speichermenge oder pauschal?",
    ],
    "Welche Erfahrungen gibt es mit Handschriftenerkennung für Kurrent?": [
        "Mit Transkribus und einem öffentlichen Kurrent-Modell kommen wir bei sauberen Kirchenbüchern auf etwa 90 % richtig erkannte Zeichen.",
        "Bei unseren Akten aus dem 19. Jahrhundert war es deutlich schlechter; erst ein eigenes Modell mit 50 transkribierten Seiten half.",
        "Wir lassen die Ergebnisse von Ehrenamtlichen korrigieren, das klappt gut.",
        "Kennzeichnen Sie die Texte als maschinell erkannt, sonst halten Nutzende sie für geprüft.",
    ],
    "Was kostet ein Digitalisat über zwanzig Jahre?": [
        "Wir rechnen mit etwa dem Doppelten der Herstellungskosten: Speicher, Migrationen und Personal summieren sich über zwanzig Jahre.",
    ],
    "Wie binden wir ehrenamtliche Heimatvereine in die Digitalisierung ein?": [
        "Bei uns scannen die Vereine ihre Bestände mit einem Leihgerät aus dem Kreisarchiv, die Erschließung machen wir gemeinsam in einer Schulung.",
        "Eine einfache Erfassungsmaske und feste Sprechstunden haben bei uns mehr bewirkt als jede Richtlinie.",
    ],
    "IIIF im kleinen Museum: wo anfangen?": [
        "Fangen Sie mit der Image API an: Ein IIIF-fähiger Bildserver (z. B. Cantaloupe) und ein Viewer wie Mirador reichen für den Anfang.",
        "Manche Verbünde bieten IIIF als Dienst an – dann müssen Sie gar keinen eigenen Server betreiben.",
        "Die Themenseite zu Standards und Normdaten hat eine gute Übersicht.",
    ],
    "Welche Normdaten nutzen Sie für Orte?": [
        "Wir verknüpfen Orte mit der **GND** und zusätzlich mit GeoNames für die Koordinaten.",
        "Bei historischen Ortsnamen hilft das Geschichtliche Ortsverzeichnis (GOV).",
        "GND allein reicht bei uns nicht, viele Weiler fehlen dort.",
        "Dann lohnt es sich, fehlende Orte über die GND-Agentur Ihres Verbunds nachzumelden.",
    ],
    "Energiebedarf von Bildservern: lohnt sich Messen?": [
        "Ja: Wir haben festgestellt, dass die nächtliche Bildberechnung mehr verbraucht als die Auslieferung. Vorberechnete Kacheln sparten viel Strom.",
    ],
    "Gibt es ein gemeinsames Metadatenprofil für Fotografien?": [
        "Die AG Metadatenprofile arbeitet an einem LIDO-Profil für Fotografien; ein Entwurf liegt im Verbund-Wiki.",
        "Wir nutzen bis dahin das Minimaldatenset der Museen und ergänzen Fotograf*in und Aufnahmedatum.",
    ],
    "Wie überzeugt man die Verwaltung von Open Access für Sammlungen?": [
        "Uns hat geholfen, die Nutzungszahlen der freien Bilder zu zeigen – und dass gemeinfreie Werke ohnehin frei sind.",
        "Ein Beschluss des Trägers zu einer Open-Access-Policy hat bei uns die Einzelfalldiskussionen beendet.",
        "Gibt es eine Musterpolicy, die man übernehmen kann?",
    ],
    "Frage an die Keynote: Wer trägt die Kosten geteilter Infrastruktur?": [
        "In der Keynote hieß es: Grundbetrieb über die Träger, Projekte über Förderung – und eine klare Vereinbarung, wer was bezahlt.",
        "Bei uns zahlt jedes Haus einen Sockelbetrag und einen Anteil nach Nutzung.",
        "Wichtig ist eine klare Vereinbarung, wer was bezahlt.\n\n- Anschaffung\n- Wartung\n- Versicherung",
        "Und wer haftet, wenn der Dienst ausfällt?",
    ],
    "Welche Werkzeuge nutzen Sie für die Provenienzforschung?": [
        "Wir dokumentieren in unserer Sammlungsdatenbank und gleichen mit der Lost-Art-Datenbank und Proveana ab.",
    ],
    "Kann man Digitalisierungspersonal zwischen Häusern teilen?": [
        "Ja, wir haben eine Fotografin gemeinsam mit zwei anderen Museen angestellt; jedes Haus hat feste Tage.",
        "Arbeitsrechtlich ist das über einen Träger einfacher als über Abordnungen.",
    ],
    "Welche Dateiformate sind für 3D-Objekte nachhaltig?": [
        "Für die Archivierung empfehlen sich offene Formate: **glTF** oder OBJ für Modelle, dazu die Rohdaten und ein Metadatensatz zur Aufnahme.",
        "PLY für Punktwolken hat sich bei uns auch bewährt.",
        "Denken Sie an die Texturen: Sie sollten als TIFF oder PNG mitarchiviert werden.",
    ],
    "Wie funktioniert Citizen Science bei der Transkription?": [
        "Wir stellen Seiten auf einer Transkriptionsplattform bereit; jede Seite wird von zwei Freiwilligen bearbeitet und von uns stichprobenweise geprüft.",
        "Ein Forum und regelmäßige Treffen halten die Gruppe zusammen.",
        "Wie gehen Sie mit unterschiedlichen Transkriptionsregeln um?",
        "Wir haben eine kurze Richtlinie mit Beispielen, das reicht meistens.",
    ],
    "Wie gehen Sie mit Rechten an Fotografien unbekannter Urheber um?": [
        "Wir prüfen sorgfältig und dokumentieren die Suche; danach greift für vergriffene und verwaiste Werke die gesetzliche Regelung, sonst veröffentlichen wir mit Rechtevorbehalt und Kontaktangebot.",
    ],
    "Wo finde ich die Folien der Session zu geteilten Diensten?": [
        "Die Folien stehen auf der Seite der Ausgabe 2025 unter Dokumentation.",
        "Danke, gefunden!",
    ],
    "Gibt es eine Liste der Verbünde, die Digitalisierung teilen?": [
        "Eine Übersicht gibt es auf der Themenseite Geteilte Infrastrukturen; ergänzen Sie gern, was fehlt.",
        "Für die Kontaktaufnahme wäre eine Liste mit Ansprechpersonen hilfreich.",
        "Bei uns hat das die IT des Landkreises übernommen – der Verbund fehlt noch in der Liste.",
    ],
    "Nachgefragt: Welche HTR-Modelle wurden im Workshop verwendet?": [
        "Im Workshop haben wir mit einem öffentlichen Transkribus-Modell für deutsche Kurrent des 19. Jahrhunderts gearbeitet und es mit etwa 40 eigenen Seiten nachtrainiert; für Drucke kam ein Kraken-Modell zum Einsatz.",
        "Die Modellnamen und die Fehlerraten stehen in den Folien des Workshops.",
        "Gibt es das nachtrainierte Modell zum Nachnutzen?",
        "Ja, wir stellen es unter CC BY bereit, sobald die Dokumentation fertig ist.",
    ],
    "Können wir die Podiumsdiskussion nachhören?": [
        "Ja, die Aufzeichnung wird mit der Dokumentation der Ausgabe veröffentlicht.",
    ],
    "Wie schreibt man eine Digitalisierungsstrategie für ein kleines Haus?": [
        "Beginnen Sie mit einer Bestandsaufnahme und drei Zielen für die nächsten drei Jahre; die Handreichung der digiS hilft: https://www.digis-berlin.de",
        "Ich würde mit einer kleinen Pilotphase beginnen.",
    ],
    "Welche OCR-Software eignet sich für Fraktur?": [
        "Tesseract mit den Fraktur-Modellen der UB Mannheim liefert gute Ergebnisse; OCR-D bietet dafür fertige Abläufe.",
        "ABBYY kann Fraktur auch, ist aber kostenpflichtig.",
        "Bei schlechten Vorlagen lohnt sich ein eigenes Modell.",
    ],
    "Wie verbessern wir die Metadatenqualität im Verbund?": [
        "Ein gemeinsames Profil mit Pflichtfeldern und eine automatische Prüfung beim Import haben bei uns am meisten gebracht.",
        "Wir nutzen dafür `OpenRefine` und sind zufrieden.",
        "Regelmäßige Redaktionssitzungen helfen, Abweichungen früh zu erkennen.",
        "Wie viele Fehler findet die automatische Prüfung bei Ihnen?",
    ],
    "CC BY oder CC BY-SA für Digitalisate?": [
        "Für Digitalisate gemeinfreier Werke gar keine Lizenz: Sie sind gemeinfrei (Public Domain Mark). Für eigene Fotografien empfehlen wir CC BY.",
    ],
    "Frage zur Keynote: Wie misst man den Erfolg einer Strategie?": [
        "In der Keynote wurden Nutzungszahlen, Nachnutzung der Daten und neue Kooperationen als Kennzahlen genannt.",
        "Wir ergänzen das um die Zahl der digitalisierten und erschlossenen Objekte.",
    ],
    "Wie trainiert man ein eigenes OCR-Modell?": [
        "Sie brauchen Ground Truth: 30–100 sorgfältig transkribierte Seiten Ihres Bestands. Damit trainieren Sie in Kraken oder Transkribus ein vorhandenes Modell nach.",
        "Wichtig: Trainings- und Testseiten trennen, sonst sind die Fehlerraten zu optimistisch.",
        "Die Themenseite KI in der Sammlungspraxis hat dazu Beispielzahlen.",
    ],
    "Wer prüft Lizenzen bei Fremdmaterial in Sammlungen?": [
        "Bei uns die Rechteabteilung; kleine Häuser können sich an die Beratung ihres Verbunds wenden.",
        "Dokumentieren Sie die Prüfung am Objekt, dann muss sie niemand wiederholen.",
        "Gibt es dafür eine Checkliste?",
        "Ja, die Themenseite Lizenzen verlinkt eine.",
    ],
    "Wie bekommt man Dubletten in der Verbunddatenbank in den Griff?": [
        "Wir gleichen über Normdaten-IDs und Inventarnummern ab und lassen die Treffer von den Häusern bestätigen, bevor zusammengeführt wird.",
    ],
    "Gibt es die Folien zur Metadatenqualität?": [
        "Ja, sie sind in der Dokumentation der Ausgabe 2024 verlinkt.",
        "Danke, das hilft uns weiter!",
    ],
    "Wie ging es mit den OCR-Projekten weiter?": [
        "Zwei der Projekte sind abgeschlossen, die Volltexte sind inzwischen online durchsuchbar.",
        "Das dritte Projekt trainiert gerade ein eigenes Modell für seine Zeitungen.",
        "Schön zu hören – gibt es dazu Zahlen?",
    ],
    "Welche Strategien wurden im Abschluss genannt?": [
        "Im Abschluss wurden drei genannt: gemeinsame Infrastruktur statt Insellösungen, offene Lizenzen als Standard und Weiterbildung des Personals.",
        "Die Zusammenfassung steht in der Dokumentation der Ausgabe 2024.",
        "Danke! Gibt es die Folien dazu?",
        "Ja, gleich darunter.",
    ],
    "Lizenzhinweise im Bildnachweis: wie ausführlich?": [
        "Titel, Urheber*in, Rechteinhaber, Lizenz mit Link und Bearbeitungshinweis – so wie der Bildnachweis hier auf der Seite: „SW-Foto © Kurt Schwarz | Datenpartner: Industriesalon Schöneweide e.V. | CC BY-NC-SA 4.0 | farbige Ecken ergänzt durch Xenia Kitaeva“.",
    ],
}

# Follow-ups that fit any discussion (the demo's deeper reply chains).
FOLLOW_UPS = [
    "Danke, das hilft uns weiter!",
    "> Gute Frage!\n\nDem schließe ich mich an – gibt es dazu Zahlen?",
    "Gibt es dazu schon einen Erfahrungsbericht, den man nachlesen kann?",
]

PHASE_DAYS = {
    2025: {
        "vorab": datetime.date(2025, 10, 20),
        "live": datetime.date(2025, 11, 13),
        "nachlese": datetime.date(2025, 11, 27),
    },
    2024: {
        "vorab": datetime.date(2024, 10, 28),
        "live": datetime.date(2024, 11, 14),
        "nachlese": datetime.date(2024, 12, 2),
    },
}


def _users(users):
    def get(key):
        return users[demo_email(key)]

    return get


# The topic page (wiki, by slug) a demo question belongs to: the first of its tags found here.
TOPIC_BY_TAG = {
    "Geteilte Dienste": "geteilte-infrastrukturen",
    "Lizenzen": "lizenzen",
    "Rechte": "lizenzen",
    "Open Access": "lizenzen",
    "Förderung": "foerderung",
    "KI": "ki-in-der-sammlungspraxis",
    "OCR": "ki-in-der-sammlungspraxis",
    "HTR": "ki-in-der-sammlungspraxis",
    "Nachhaltigkeit": "nachhaltige-digitalisierung",
    "Langzeitarchivierung": "nachhaltige-digitalisierung",
    "Metadaten": "standards",
    "Normdaten": "standards",
    "GND": "standards",
    "IIIF": "standards",
    "Formate": "standards",
    "Weiterbildung": "wissenstransfer",
    "Citizen Science": "wissenstransfer",
    "Strategie": "kooperative-digitalisierung",
}


def _topics():
    """The German topic pages by slug."""
    return {
        page.slug: page
        for page in TopicPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, slug__in=set(TOPIC_BY_TAG.values())
        )
    }


def _topic_for(tags, topics):
    for tag in tags:
        if tag in TOPIC_BY_TAG and TOPIC_BY_TAG[tag] in topics:
            return topics[TOPIC_BY_TAG[tag]]
    return None


@limits.exempt()
@transaction.atomic
def build_board_demo(shell, log):
    """The board's demo content (idempotent). Built through the services, with notifications
    muted: no e-mail task is enqueued for the demo's questions, replies and answers. The demo
    questions are German (their ``language``), whatever language the caller has active."""
    with notifications.muted(), translation.override("de"):
        return _build_board_demo(shell, log)


def _build_board_demo(shell, log):
    """Add the demo questions to the editions from ``demo.site_shell.build_site_shell``."""
    user = _users(shell["users"])
    moderator = user("moderation")
    people = [user("anna"), user("ben"), user("clara")]
    editions = {2025: shell["events"][2025], 2024: shell["events"][2024]}
    created = 0
    threads = []
    topics = _topics()
    for index, (year, phase, asker, title, body, tags, session) in enumerate(QUESTIONS):
        thread = Thread.objects.filter(title=title).first()
        if thread is None:
            edition = editions[year]
            sessions = edition.sessions()
            day = PHASE_DAYS[year][phase]
            when = _at(day, 9 + index % 8)
            thread = services.ask_question(
                edition=edition,
                author=user(asker),
                title=title,
                body=body,
                tags=tags,
                topic=_topic_for(tags, topics),
                session_id=sessions[session][0] if session is not None else "",
                is_anonymous=index % 9 == 4,
                now=when,
            )
            Thread.objects.filter(pk=thread.pk).update(created_at=when)
            _date_post(thread.posts.get(parent__isnull=True), when)
            _add_replies(thread, index, people, when)
            created += 1
        threads.append(thread)
    if created:
        _add_moderation_examples(threads, people, moderator)
        log(f"  Fragen angelegt: {created}")
    return threads


def _date_post(post, when):
    """Date a demo post like its thread's story (``created_at`` is set on saving otherwise)."""
    Post.objects.filter(pk=post.pk).update(created_at=when)
    post.created_at = when
    return post


def _add_replies(thread, index, people, when):
    asker = thread.author
    others = [person for person in people if person != asker]
    answers = ANSWERS.get(thread.title, [])
    count = min(index % 5, len(answers))
    previous = None
    replies = []
    for n in range(count):
        author = others[n % len(others)]
        parent = previous if (n % 2 == 1 and previous is not None) else None
        previous = _date_post(
            services.post_reply(
                thread=thread,
                author=author,
                body=answers[n],
                parent=parent,
                now=when + datetime.timedelta(hours=n + 1),
            ),
            when + datetime.timedelta(hours=n + 1),
        )
        replies.append(previous)
    if index % 4 == 0 and replies:
        # A deeper discussion under the first reply.
        deeper = replies[0]
        for level in range(3):
            deeper = _date_post(
                services.post_reply(
                    thread=thread,
                    author=people[level % len(people)],
                    body=FOLLOW_UPS[level % len(FOLLOW_UPS)],
                    parent=deeper,
                    now=when + datetime.timedelta(days=1, hours=level),
                ),
                when + datetime.timedelta(days=1, hours=level),
            )
    root = thread.posts.get(parent__isnull=True)
    for voter in others[: (index % 3) + 1 if index % 2 == 0 else index % 2]:
        services.vote(post=root, user=voter)
    for reply in replies[:1]:
        voter = next(person for person in people if person != reply.author)
        services.vote(post=reply, user=voter)
    if index % 3 == 0 and replies:
        services.accept_answer(thread=thread, post=replies[0], user=asker)


def _late_reply(*, thread, author, body):
    """A reply two days after the question (the moderation examples), dated like the rest."""
    asked = thread.posts.get(parent__isnull=True).created_at
    when = asked + datetime.timedelta(days=2)
    return _date_post(services.post_reply(thread=thread, author=author, body=body, now=when), when)


def _add_moderation_examples(threads, people, moderator):
    anna, ben, clara = people
    by_title = {thread.title: thread for thread in threads}
    # Pinned: a question the moderation wants in the session.
    for title in (
        "Frage an die Keynote: Wer trägt die Kosten geteilter Infrastruktur?",
        "Wie schreibt man eine Digitalisierungsstrategie für ein kleines Haus?",
    ):
        services.pin_thread(thread=by_title[title], moderator=moderator, reason="Für die Session")
    # Merged: a duplicate of the scanner question.
    services.merge_threads(
        source=by_title["Wie teilt man einen Scanner zwischen mehreren Häusern?"],
        target=by_title["Wie teilen kleine Archive sich einen Aufsichtscanner?"],
        moderator=moderator,
        reason="Gleiche Frage wie diese – die Antworten sammeln wir dort.",
    )
    # Flagged: a reply someone reported as advertising.
    target = by_title["Welche Normdaten nutzen Sie für Orte?"]
    advert = _late_reply(
        thread=target,
        author=ben,
        body="Unser Dienstleister macht das alles automatisch – schreiben Sie mir!",
    )
    services.flag_post(
        post=advert, reporter=clara, reason=Flag.Reason.SPAM, text="Sieht nach Werbung aus."
    )
    # Hidden: a reply with personal data of a third person.
    hidden = _late_reply(
        thread=by_title["Wie überzeugt man die Verwaltung von Open Access für Sammlungen?"],
        author=clara,
        body="Rufen Sie doch Frau M. direkt unter ihrer privaten Nummer an.",
    )
    services.hide_post(
        post=hidden, moderator=moderator, reason="Enthielt persönliche Daten einer Dritten."
    )
    # Locked: a finished discussion.
    services.lock_thread(
        thread=by_title["Können wir die Podiumsdiskussion nachhören?"],
        moderator=moderator,
        reason="Die Aufzeichnung ist verlinkt; die Diskussion ist abgeschlossen.",
    )
    # Pending approval: a reply as it looks when the edition asks for pre-moderation.
    pending = _late_reply(
        thread=by_title["Gibt es eine Liste der Verbünde, die Digitalisierung teilen?"],
        author=anna,
        body="Ich stelle gerade eine Liste zusammen und teile sie nach der Freigabe hier.",
    )
    pending.visibility = Visibility.PENDING
    pending.save(update_fields=["visibility"])
    services.recount_thread(thread=pending.thread)
