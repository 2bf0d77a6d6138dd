"""Demo content for the site shell: users, roles, images, home, editions and legal pages.

Every builder is idempotent: it looks objects up by a stable key (slug, e-mail, title) and only
creates what is missing, so `load_demo_data` can run again without duplicating anything.
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction

from wagtail.models import Locale, Page, Site

from home.licences import Licence
from home.models import (
    CreditedImage,
    EventIndexPage,
    EventPage,
    HomePage,
    SiteSettings,
    StandardPage,
)
from home.roles import EDITORS, MODERATORS, ensure_roles
from home.site_urls import page_url

from .pictures import draw_picture

# The demo's accounts live under the reserved top-level domain ".test" (RFC 2606, RFC 6761 6.2):
# such names never resolve, so no message to a demo account can reach anyone, and the addresses
# read as this site's own instead of a generic placeholder (the demo shows no "example.org").
DEMO_DOMAIN = "kooperationsraum.test"


def demo_email(name):
    """The demo account ``name``'s address, e.g. ``anna@kooperationsraum.test``."""
    return f"{name}@{DEMO_DOMAIN}"


DEMO_USERS = [
    # e-mail, password, display name, institution, group, is_superuser
    (demo_email("admin"), "demo-admin", "Admin", "Kooperationsraum", None, True),
    (
        demo_email("redaktion"),
        "demo-redaktion",
        "Rita Redaktion",
        "Zuse-Institut Berlin",
        EDITORS,
        False,
    ),
    (
        demo_email("moderation"),
        "demo-moderation",
        "Moritz Moderation",
        "digiS Berlin",
        MODERATORS,
        False,
    ),
    (demo_email("anna"), "demo-teilnahme", "Anna Archiv", "Landesarchiv Berlin", None, False),
    (
        demo_email("ben"),
        "demo-teilnahme",
        "Ben Bibliothek",
        "Staatsbibliothek zu Berlin",
        None,
        False,
    ),
    (
        demo_email("clara"),
        "demo-teilnahme",
        "Clara Museum",
        "Industriesalon Schöneweide e.V.",
        None,
        False,
    ),
]


def ensure_users(log):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    groups = ensure_roles()
    users = {}
    for email, password, display_name, institution, group_name, is_superuser in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email,
                display_name=display_name,
                institution=institution,
                is_staff=is_superuser or group_name is not None,
                is_superuser=is_superuser,
            )
            user.set_password(password)
            user.save()
            log(f"  Konto angelegt: {email}")
        if group_name:
            user.groups.add(groups[group_name])
        # Demo accounts count as verified, so they can log in at once.
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[email] = user
    return users


# The image of the 2025 announcement, with its caption and credit line as published there
# ("SW-Foto © Kurt Schwarz | Datenpartner: Industriesalon Schöneweide e.V. | CC BY-NC-SA 4.0 |
# farbige Ecken ergänzt durch Xenia Kitaeva"). The demo draws a stand-in picture: the photograph
# itself is not part of the repository.
SEED_IMAGE = "Laien-Artistengruppe ‚Luftkometen', 1962"
# The 2025 edition's documentation shows the venue: the seed image is its hero image already,
# which the page shows at its top (it appeared twice when the documentation repeated it).
VENUE_IMAGE = "Zuse-Institut Berlin, Foyer"

IMAGES = [
    # key (title), label drawn, kind, creator, rights holder, licence, modification note
    (
        SEED_IMAGE,
        "Luftkometen 1962",
        CreditedImage.Kind.BW_PHOTO,
        "Kurt Schwarz",
        "Industriesalon Schöneweide e.V.",
        Licence.CC_BY_NC_SA,
        "farbige Ecken ergänzt durch Xenia Kitaeva",
    ),
    (
        VENUE_IMAGE,
        "Zuse-Institut Berlin",
        CreditedImage.Kind.PHOTO,
        "Lena Lichtbild",
        "Zuse-Institut Berlin",
        Licence.CC_BY,
        "",
    ),
    (
        "Digitalisierungswerkstatt mit Aufsichtscanner",
        "Digitalisierungswerkstatt",
        CreditedImage.Kind.PHOTO,
        "Jonas Scan",
        "digiS – Servicestelle Digitalisierung Berlin",
        Licence.CC_BY_SA,
        "",
    ),
    (
        "Karteikarten eines Museumsinventars",
        "Inventarkarten",
        CreditedImage.Kind.SCAN,
        "",
        "Stadtmuseum Beispielstadt",
        Licence.PDM,
        "",
    ),
    (
        "Schema geteilter Infrastrukturen",
        "Geteilte Infrastruktur",
        CreditedImage.Kind.GRAPHIC,
        "Xenia Kitaeva",
        "Kooperationsraum",
        Licence.CC0,
        "",
    ),
    (
        "Lesesaal mit Findbüchern",
        "Lesesaal",
        CreditedImage.Kind.PHOTO,
        "Petra Porträt",
        "Landesarchiv Beispielland",
        Licence.ALL_RIGHTS_RESERVED,
        "",
    ),
]


def ensure_images(log):
    images = {}
    for index, (title, label, kind, creator, holder, licence, note) in enumerate(IMAGES):
        image = CreditedImage.objects.filter(title=title).first()
        if image is None:
            picture = ImageFile(
                io.BytesIO(draw_picture(seed=index, label=label)), name=f"demo-{index + 1}.png"
            )
            image = CreditedImage(
                file=picture,
                title=title,
                description=title if title == SEED_IMAGE else f"Symbolbild: {label}",
                kind=kind,
                creator=creator,
                rights_holder=holder,
                licence=licence,
                modification_note=note,
            )
            image.save()
            log(f"  Bild erzeugt: {title}")
        images[title] = image
    return images


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def public_url(page):
    """The page's address as visitors reach it (``WAGTAILADMIN_BASE_URL`` and the page's path,
    ``/en/`` for English), for the build's log; Wagtail's tree path (``/start-en/...``) is
    internal. Read from the database: publishing a revision saves a changed slug there, not on
    the instance the builder holds."""
    return page_url(Page.objects.get(pk=page.pk))


def _add_child(parent, page, log):
    parent.add_child(instance=page)
    page.save_revision().publish()
    log(f"  Seite angelegt: {public_url(page)}")
    return page


def translate_page(page, locale, fields, log):
    """Return the page's translation in `locale`, creating and publishing it from `fields`."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    log(f"  Übersetzung angelegt ({locale.language_code}): {public_url(translation)}")
    return translation


def ensure_locales():
    german = Locale.objects.get_or_create(language_code="de")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    return german, english


def ensure_home(log):
    german, _english = ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=german, depth=2).first()
    if home is None:
        home = HomePage(
            title="Kooperationsraum",
            slug="start",
            locale=german,
            intro=(
                "<p>Der Kooperationsraum begleitet die jährliche Konferenz zur Digitalisierung in "
                "Museen, Archiven und Bibliotheken: kuratierte Themenseiten, Fragen der "
                "Teilnehmenden vor, während und nach jeder Ausgabe, und eine Suche über alles, "
                "was bisher gesagt wurde.</p>"
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        log("  Startseite angelegt")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Kooperationsraum",
        )
    elif site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Kooperationsraum"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome" placeholder
    return home


SAVE_THE_DATE_2025 = (
    "<p>Save the Date: Die <b>digiS-Jahreskonferenz</b> findet am <b>13. November 2025</b> im "
    "<b>Zuse-Institut Berlin</b> statt. Ihr Thema sind in diesem Jahr <b>Kooperationen</b> – "
    "fünf Stränge ziehen sich durch den Tag:</p>"
    "<ul>"
    "<li>Shared Services und geteilte Infrastrukturen</li>"
    "<li>KI in der Sammlungspraxis</li>"
    "<li>nachhaltige Digitalisierung</li>"
    "<li>kooperative Digitalisierung verteilter Sammlungen</li>"
    "<li>Wissenstransfer zwischen Kultur, Wissenschaft und Zivilgesellschaft</li>"
    "</ul>"
    "<p>Stellen Sie Ihre Fragen schon vorab im Kooperationsraum – die Moderation greift sie in "
    "den Sessions auf.</p>"
)

SAVE_THE_DATE_2025_EN = (
    "<p>Save the date: the <b>digiS annual conference</b> takes place on <b>13 November 2025</b> "
    "at the <b>Zuse Institute Berlin</b>. This year's theme is <b>cooperation</b>, in five "
    "threads:</p>"
    "<ul>"
    "<li>shared services and shared infrastructures</li>"
    "<li>AI in collections practice</li>"
    "<li>sustainable digitisation</li>"
    "<li>cooperative digitisation of distributed collections</li>"
    "<li>knowledge transfer between culture, science and civil society</li>"
    "</ul>"
    "<p>Ask your questions in advance in Kooperationsraum – the moderators take them into the "
    "sessions.</p>"
)

# The 2026 edition: a demo edition (date and theme invented for the demo, marked as such).
PROGRAMME_2026 = [
    ("09:30", "10:00", "Ankommen und Begrüßung", "Programmkomitee", "Foyer", ""),
    ("10:00", "10:45", "Keynote: Offene Daten, geteilte Verantwortung", "N. N.", "Hörsaal", ""),
    ("11:00", "12:30", "Werkstatt: Daten gemeinsam pflegen", "", "Seminarraum 1", ""),
    ("12:30", "13:30", "Mittagspause", "", "Foyer", ""),
    ("13:30", "15:00", "Podium: Kooperationen ein Jahr danach", "", "Hörsaal", ""),
    ("15:15", "16:00", "Abschluss und Ausblick", "Programmkomitee", "Hörsaal", ""),
]
PROGRAMME_2026_EN = [
    ("09:30", "10:00", "Arrival and welcome", "Programme committee", "Foyer", ""),
    ("10:00", "10:45", "Keynote: open data, shared responsibility", "TBA", "Lecture hall", ""),
    ("11:00", "12:30", "Workshop: maintaining data together", "", "Seminar room 1", ""),
    ("12:30", "13:30", "Lunch break", "", "Foyer", ""),
    ("13:30", "15:00", "Panel: cooperation one year on", "", "Lecture hall", ""),
    ("15:15", "16:00", "Closing and outlook", "Programme committee", "Lecture hall", ""),
]

PROGRAMME_2025 = [
    ("09:30", "10:00", "Ankommen und Begrüßung", "Programmkomitee", "Foyer", ""),
    (
        "10:00",
        "10:45",
        "Keynote: Gemeinsam statt einsam – Kooperation als Infrastruktur",
        "Prof. Dr. Hanna Verbund",
        "Hörsaal",
        "Warum geteilte Dienste kleine Häuser stärken und was große Häuser davon haben.",
    ),
    (
        "11:00",
        "12:00",
        "Geteilte Dienste: Vom Pilotprojekt zum Regelbetrieb",
        "Dr. Jonas Scan, Mira Depot",
        "Hörsaal",
        "Erfahrungen aus Verbünden, die Digitalisierung, Langzeitarchivierung und Hosting teilen.",
    ),
    (
        "12:00",
        "13:00",
        "KI in der Sammlungspraxis: Erschließung mit Augenmaß",
        "Sami Modell, Dr. Petra Provenienz",
        "Seminarraum 1",
        "Handschriftenerkennung, automatische Verschlagwortung und die Frage nach der Qualität.",
    ),
    ("13:00", "14:00", "Mittagspause und Marktplatz der Projekte", "", "Foyer", ""),
    (
        "14:00",
        "15:00",
        "Nachhaltig digitalisieren: Energie, Formate, Personal",
        "Lea Langzeit, Tom Format",
        "Seminarraum 2",
        "Was kostet ein Digitalisat über zwanzig Jahre – und wer trägt das?",
    ),
    (
        "15:15",
        "16:15",
        "Verteilte Sammlungen kooperativ digitalisieren",
        "Clara Museum, Ben Bibliothek",
        "Hörsaal",
        "Gemeinsame Normdaten (GND), IIIF und abgestimmte Metadatenprofile in der Praxis.",
    ),
    (
        "16:30",
        "17:15",
        "Wissenstransfer zwischen Kultur, Wissenschaft und Zivilgesellschaft",
        "Podium",
        "Hörsaal",
        "Citizen Science, offene Daten und die Rolle der Gedächtnisinstitutionen.",
    ),
    ("17:15", "17:30", "Ausblick und Abschluss", "Programmkomitee", "Hörsaal", ""),
]

PROGRAMME_2025_EN = [
    ("09:30", "10:00", "Arrival and welcome", "Programme committee", "Foyer", ""),
    (
        "10:00",
        "10:45",
        "Keynote: Together, not alone – cooperation as infrastructure",
        "Prof. Dr. Hanna Verbund",
        "Lecture hall",
        "Why shared services strengthen small institutions and what large ones gain from them.",
    ),
    (
        "11:00",
        "12:00",
        "Shared services: from pilot project to regular operation",
        "Dr. Jonas Scan, Mira Depot",
        "Lecture hall",
        "Experience from networks that share digitisation, long-term preservation and hosting.",
    ),
    (
        "12:00",
        "13:00",
        "AI in collections practice: cataloguing with a sense of proportion",
        "Sami Modell, Dr. Petra Provenienz",
        "Seminar room 1",
        "Handwritten text recognition, automatic subject indexing and the question of quality.",
    ),
    ("13:00", "14:00", "Lunch break and project marketplace", "", "Foyer", ""),
    (
        "14:00",
        "15:00",
        "Sustainable digitisation: energy, formats, staff",
        "Lea Langzeit, Tom Format",
        "Seminar room 2",
        "What does a digital copy cost over twenty years – and who pays for it?",
    ),
    (
        "15:15",
        "16:15",
        "Digitising distributed collections together",
        "Clara Museum, Ben Bibliothek",
        "Lecture hall",
        "Shared authority data (GND), IIIF and agreed metadata profiles in practice.",
    ),
    (
        "16:30",
        "17:15",
        "Knowledge transfer between culture, science and civil society",
        "Panel",
        "Lecture hall",
        "Citizen science, open data and the role of memory institutions.",
    ),
    ("17:15", "17:30", "Outlook and closing", "Programme committee", "Lecture hall", ""),
]

PROGRAMME_2024 = [
    (
        "10:00",
        "10:45",
        "Keynote: Digitalisierung braucht Strategie",
        "Dr. Karl Konzept",
        "Saal A",
        "",
    ),
    ("11:00", "12:00", "Metadatenqualität im Verbund", "Nora Norm", "Saal A", ""),
    ("12:00", "13:00", "Lizenzen und offene Sammlungen", "Ole Open", "Saal B", ""),
    ("14:00", "15:00", "OCR für historische Drucke", "Frida Fraktur", "Saal B", ""),
    ("15:15", "16:15", "Förderprogramme im Überblick", "Dr. Gerd Geld", "Saal A", ""),
    ("16:30", "17:00", "Abschlussrunde", "Programmkomitee", "Saal A", ""),
]

PROGRAMME_2024_EN = [
    (
        "10:00",
        "10:45",
        "Keynote: Digitisation needs a strategy",
        "Dr. Karl Konzept",
        "Hall A",
        "",
    ),
    ("11:00", "12:00", "Metadata quality in networks", "Nora Norm", "Hall A", ""),
    ("12:00", "13:00", "Licences and open collections", "Ole Open", "Hall B", ""),
    ("14:00", "15:00", "OCR for historical prints", "Frida Fraktur", "Hall B", ""),
    ("15:15", "16:15", "Funding programmes at a glance", "Dr. Gerd Geld", "Hall A", ""),
    ("16:30", "17:00", "Closing round", "Programme committee", "Hall A", ""),
]


def _sessions(rows):
    def parse(value):
        return datetime.time.fromisoformat(value) if value else None

    return [
        (
            "session",
            {
                "start_time": parse(start),
                "end_time": parse(end),
                "title": title,
                "speakers": speakers,
                "room": room,
                "description": description,
                "topic": None,
            },
        )
        for start, end, title, speakers, room, description in rows
    ]


def ensure_events(home, images, log):
    _german, english = ensure_locales()
    index = _child(home, EventIndexPage, "ausgaben")
    if index is None:
        index = _add_child(
            home,
            EventIndexPage(
                title="Ausgaben",
                slug="ausgaben",
                show_in_menus=True,
                intro="<p>Die Konferenz findet einmal im Jahr in Berlin statt. Hier finden Sie "
                "kommende und vergangene Ausgaben mit Programm und Dokumentation.</p>",
            ),
            log,
        )
    edition_2025 = _child(index, EventPage, "2025")
    if edition_2025 is None:
        edition_2025 = _add_child(
            index,
            EventPage(
                title="Konferenz 2025",
                slug="2025",
                theme="Kooperationen",
                summary=(
                    "Geteilte Dienste und Infrastrukturen, KI in der Sammlungspraxis, nachhaltige "
                    "Digitalisierung und Wissenstransfer: Die Ausgabe 2025 fragt, wie Museen, "
                    "Archive und Bibliotheken gemeinsam mehr erreichen."
                ),
                date=datetime.date(2025, 11, 13),
                start_time=datetime.time(9, 30),
                end_time=datetime.time(17, 30),
                venue_name="Zuse-Institut Berlin",
                venue_address="Takustraße 7\n14195 Berlin",
                hero_image=images[SEED_IMAGE],
                announcement=[
                    ("save_the_date", {"heading": "Save the Date", "text": SAVE_THE_DATE_2025})
                ],
                programme=_sessions(PROGRAMME_2025),
                documentation=[
                    (
                        "paragraph",
                        "<p>Folien und Mitschriften der Sessions werden nach der Konferenz hier "
                        "gesammelt. Fragen, die offen geblieben sind, beantworten wir im "
                        "Kooperationsraum weiter.</p>",
                    ),
                    (
                        "image",
                        {
                            "image": images[VENUE_IMAGE],
                            "caption": VENUE_IMAGE,
                            "alt_text": "",
                        },
                    ),
                ],
            ),
            log,
        )
    edition_2024 = _child(index, EventPage, "2024")
    if edition_2024 is None:
        edition_2024 = _add_child(
            index,
            EventPage(
                title="Konferenz 2024",
                slug="2024",
                theme="Digitalisierung mit Strategie",
                summary=(
                    "Strategien, Metadatenqualität, Lizenzen und Förderung: die Ausgabe 2024 "
                    "mit Ergebnissen und Folien."
                ),
                date=datetime.date(2024, 11, 14),
                start_time=datetime.time(10, 0),
                end_time=datetime.time(17, 0),
                venue_name="Zuse-Institut Berlin",
                venue_address="Takustraße 7\n14195 Berlin",
                hero_image=images["Digitalisierungswerkstatt mit Aufsichtscanner"],
                programme=_sessions(PROGRAMME_2024),
                documentation=[
                    (
                        "paragraph",
                        "<p>Rund 180 Teilnehmende aus Museen, Archiven und Bibliotheken "
                        "diskutierten Strategien für die Digitalisierung. Die wichtigsten "
                        "Ergebnisse sind in die Themenseiten eingeflossen.</p>",
                    ),
                ],
            ),
            log,
        )
    # English versions
    translate_page(
        index,
        english,
        {
            "title": "Editions",
            "slug": "editions",
            "intro": "<p>The conference takes place once a year in Berlin. "
            "Here you find upcoming and past editions with programme and "
            "documentation.</p>",
        },
        log,
    )
    translate_page(
        edition_2025,
        english,
        {
            "title": "Conference 2025",
            "theme": "Cooperation",
            "summary": (
                "Shared services and infrastructures, AI in collections practice, sustainable "
                "digitisation and knowledge transfer: the 2025 edition asks how museums, "
                "archives and libraries achieve more together."
            ),
            "announcement": [
                (
                    "save_the_date",
                    {
                        "heading": "Save the Date",
                        "text": SAVE_THE_DATE_2025_EN,
                    },
                )
            ],
            "venue_name": "Zuse Institute Berlin",
            "programme": _sessions(PROGRAMME_2025_EN),
            "documentation": [
                (
                    "paragraph",
                    "<p>Slides and notes from the sessions are collected here after the "
                    "conference. Questions that remained open are answered in Kooperationsraum."
                    "</p>",
                ),
                (
                    "image",
                    {
                        "image": images[VENUE_IMAGE],
                        "caption": "Zuse Institute Berlin, foyer",
                        "alt_text": "",
                    },
                ),
            ],
        },
        log,
    )
    translate_page(
        edition_2024,
        english,
        {
            "title": "Conference 2024",
            "theme": "Digitisation with a strategy",
            "summary": "Strategies, metadata quality, licences and funding: the 2024 edition "
            "with results and slides.",
            "venue_name": "Zuse Institute Berlin",
            "programme": _sessions(PROGRAMME_2024_EN),
            "documentation": [
                (
                    "paragraph",
                    "<p>Around 180 participants from museums, archives and libraries discussed "
                    "strategies for digitisation. The main results have gone into the topic "
                    "pages.</p>",
                ),
            ],
        },
        log,
    )
    edition_2026 = _child(index, EventPage, "2026")
    if edition_2026 is None:
        edition_2026 = _add_child(
            index,
            EventPage(
                title="Konferenz 2026",
                slug="2026",
                theme="Offene Daten gemeinsam pflegen",
                summary=(
                    "Demo-Ausgabe: Wie Museen, Archive und Bibliotheken offene Daten gemeinsam "
                    "pflegen – ein Jahr nach der Ausgabe zu Kooperationen."
                ),
                date=datetime.date(2026, 11, 12),
                start_time=datetime.time(9, 30),
                end_time=datetime.time(16, 0),
                venue_name="Zuse-Institut Berlin",
                venue_address="Takustraße 7\n14195 Berlin",
                hero_image=images[SEED_IMAGE],
                programme=_sessions(PROGRAMME_2026),
            ),
            log,
        )
    translate_page(
        edition_2026,
        english,
        {
            "title": "Conference 2026",
            "theme": "Maintaining open data together",
            "summary": "Demo edition: how museums, archives and libraries maintain open data "
            "together – a year after the edition on cooperation.",
            "venue_name": "Zuse Institute Berlin",
            "programme": _sessions(PROGRAMME_2026_EN),
        },
        log,
    )
    return {"index": index, 2025: edition_2025, 2024: edition_2024, 2026: edition_2026}


LEGAL_PAGES = [
    (
        "impressum",
        "Impressum",
        "Legal notice",
        "legal-notice",
        [
            ("heading", {"text": "Angaben gemäß § 5 DDG", "level": "h2"}),
            (
                "paragraph",
                "<p>digiS – Servicestelle Digitalisierung Berlin<br/>c/o Zuse-Institut Berlin<br/>"
                "Takustraße 7<br/>14195 Berlin</p>"
                "<p><em>Demo-Text: Rechtsform, Vertretung und Kontaktdaten sind in dieser "
                "Demo nicht angegeben und vor dem Betrieb zu ergänzen.</em></p>",
            ),
            ("heading", {"text": "Kontakt", "level": "h2"}),
            ("paragraph", "<p>Web: https://www.digis-berlin.de/</p>"),
            ("heading", {"text": "Verantwortlich für den Inhalt", "level": "h2"}),
            ("paragraph", "<p>Rita Redaktion, Anschrift wie oben.</p>"),
        ],
        [
            ("heading", {"text": "Information according to § 5 DDG", "level": "h2"}),
            (
                "paragraph",
                "<p>digiS – Servicestelle Digitalisierung Berlin<br/>c/o Zuse-Institut Berlin"
                "<br/>Takustraße 7<br/>14195 Berlin, Germany</p>"
                "<p><em>Demo text: legal form, representation and contact details are not given "
                "in this demo and must be added before going live.</em></p>",
            ),
        ],
    ),
    (
        "datenschutz",
        "Datenschutz",
        "Privacy",
        "privacy",
        [
            ("heading", {"text": "Welche Daten wir verarbeiten", "level": "h2"}),
            (
                "paragraph",
                "<p>Wenn Sie ein Konto anlegen, speichern wir Ihre E-Mail-Adresse, Ihren "
                "Anzeigenamen und optional Ihre Institution. Ihre Beiträge sind öffentlich."
                "</p>",
            ),
            ("heading", {"text": "Keine Dritten", "level": "h2"}),
            (
                "paragraph",
                "<p>Diese Website lädt keine Schriften, Skripte oder Bilder von anderen "
                "Servern und setzt keine Tracking-Cookies.</p>",
            ),
            ("heading", {"text": "Ihre Rechte", "level": "h2"}),
            (
                "paragraph",
                "<p>Sie können alle Ihre Daten herunterladen und Ihr Konto löschen. "
                "Ihre Beiträge bleiben dann als „gelöschtes Konto“ stehen.</p>",
            ),
        ],
        [
            ("heading", {"text": "What data we process", "level": "h2"}),
            (
                "paragraph",
                "<p>When you register we store your e-mail address, display name and, "
                "optionally, your institution. Your contributions are public.</p>",
            ),
        ],
    ),
    (
        "barrierefreiheit",
        "Erklärung zur Barrierefreiheit",
        "Accessibility statement",
        "accessibility",
        [
            (
                "paragraph",
                "<p>Wir möchten, dass alle den Kooperationsraum nutzen können. Die "
                "Website soll die Anforderungen der WCAG 2.1 auf Stufe AA erfüllen; "
                "automatische Prüfungen mit axe-core laufen bei jeder Änderung.</p>",
            ),
            ("heading", {"text": "Barriere melden", "level": "h2"}),
            (
                "paragraph",
                "<p>Ist Ihnen eine Barriere aufgefallen? Schreiben Sie uns über die "
                "Kontaktangaben im Impressum.</p>"
                "<p><em>Demo-Text: Eine Kontaktadresse für Barrieren ist in dieser Demo nicht "
                "angegeben und vor dem Betrieb zu ergänzen.</em></p>",
            ),
        ],
        [
            (
                "paragraph",
                "<p>We want everyone to be able to use Kooperationsraum. The site aims "
                "to meet WCAG 2.1 level AA; automated axe-core checks run on every "
                "change.</p>",
            ),
        ],
    ),
]


def ensure_legal_pages(home, log):
    _german, english = ensure_locales()
    pages = {}
    for slug, title, title_en, slug_en, body, body_en in LEGAL_PAGES:
        page = _child(home, StandardPage, slug)
        if page is None:
            page = _add_child(home, StandardPage(title=title, slug=slug, body=body), log)
        translate_page(page, english, {"title": title_en, "slug": slug_en, "body": body_en}, log)
        pages[slug] = page
    return pages


ORGANISER = ("digiS – Servicestelle Digitalisierung Berlin", "https://www.digis-berlin.de/")


def ensure_site_settings(home, legal_pages):
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    # Social links and the mailing list stay empty (and hidden) until the organiser sets them.
    settings.organiser_name = settings.organiser_name or ORGANISER[0]
    settings.organiser_url = settings.organiser_url or ORGANISER[1]
    settings.imprint_page = settings.imprint_page or legal_pages["impressum"]
    settings.privacy_page = settings.privacy_page or legal_pages["datenschutz"]
    settings.accessibility_page = settings.accessibility_page or legal_pages["barrierefreiheit"]
    settings.save()


@transaction.atomic
def build_site_shell(log):
    """Build everything the site shell needs; returns the objects other apps' demos build on."""
    _german, english = ensure_locales()
    log("Konten und Rollen …")
    users = ensure_users(log)
    log("Bilder …")
    images = ensure_images(log)
    log("Startseite, Ausgaben und Pflichtseiten …")
    home = ensure_home(log)
    # The English home page first: translating a child page would otherwise copy the German
    # home page as its English parent, German intro included.
    translate_page(
        home,
        english,
        {
            "title": "Kooperationsraum",
            "intro": "<p>Kooperationsraum accompanies the annual conference on digitisation in "
            "museums, archives and libraries: curated topic pages, participants' questions "
            "before, during and after each edition, and a search across everything said so far."
            "</p>",
        },
        log,
    )
    events = ensure_events(home, images, log)
    legal_pages = ensure_legal_pages(home, log)
    ensure_site_settings(home, legal_pages)
    return {"users": users, "images": images, "home": home, "events": events}


# English labels of the demo tags (topic pages and questions); the others keep their German name,
# which is also the English one ("KI" is the exception that proves it needs a label).
TAG_LABELS_EN = {
    "3D": "3D",
    "Aufzeichnung": "Recording",
    "Betrieb": "Operations",
    "Erschließung": "Cataloguing",
    "Folien": "Slides",
    "Formate": "Formats",
    "Förderung": "Funding",
    "Geteilte Dienste": "Shared services",
    "Infrastruktur": "Infrastructure",
    "KI": "AI",
    "Kooperation": "Cooperation",
    "Kosten": "Costs",
    "Langzeitarchivierung": "Long-term preservation",
    "Lizenzen": "Licences",
    "Metadaten": "Metadata",
    "Nachhaltigkeit": "Sustainability",
    "Normdaten": "Authority data",
    "Offene Daten": "Open data",
    "Personal": "Staff",
    "Provenienz": "Provenance",
    "Qualität": "Quality",
    "Recht": "Law",
    "Rechte": "Rights",
    "Scanner": "Scanners",
    "Strategie": "Strategy",
    "Weiterbildung": "Training",
    "Wissenstransfer": "Knowledge transfer",
    "Zivilgesellschaft": "Civil society",
}


def ensure_tag_labels(log):
    """English labels for the demo's tags (run after the wiki and the board made them)."""
    from taggit.models import Tag

    from home.models import TagTranslation

    created = 0
    for tag in Tag.objects.filter(name__in=TAG_LABELS_EN):
        _label, new = TagTranslation.objects.update_or_create(
            tag=tag, defaults={"name_en": TAG_LABELS_EN[tag.name]}
        )
        created += new
    if created:
        log(f"  Englische Schlagwörter: {created}")
