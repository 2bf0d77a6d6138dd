"""The demo site tells the seed's story (issue 15, item 6): the 2025 announcement, the image with
its caption and exact credit line, digiS as organiser, no placeholder addresses, answers that
fit their questions, and a 2026 edition in both languages."""

import html

import pytest

from board.models import Post, Thread, Visibility
from demo.questions import ANSWERS, FOLLOW_UPS
from home.models import CreditedImage, EventPage, SiteSettings, StandardPage

CREDIT = (
    "SW-Foto © Kurt Schwarz | Datenpartner: Industriesalon Schöneweide e.V. | CC BY-NC-SA 4.0 | "
    "farbige Ecken ergänzt durch Xenia Kitaeva"
)
CAPTION = "Laien-Artistengruppe ‚Luftkometen', 1962"


@pytest.mark.django_db
def test_demo_site_is_true_to_the_seed(client, demo_site):
    # The 2025 announcement.
    edition = EventPage.objects.get(locale__language_code="de", slug="2025")
    announcement = str(edition.announcement)
    for fact in (
        "13. November 2025",
        "Zuse-Institut Berlin",
        "digiS-Jahreskonferenz",
        "Kooperationen",
        "Shared Services und geteilte Infrastrukturen",
        "KI in der Sammlungspraxis",
        "nachhaltige Digitalisierung",
        "kooperative Digitalisierung verteilter Sammlungen",
        "Wissenstransfer zwischen Kultur, Wissenschaft und Zivilgesellschaft",
    ):
        assert fact in announcement, fact
    english = EventPage.objects.get(locale__language_code="en", slug="2025")
    assert "cooperative digitisation of distributed collections" in str(english.announcement)

    # The image, its caption and its exact credit line, on the edition's page.
    image = CreditedImage.objects.get(title=CAPTION)
    assert image.credit_line == CREDIT
    assert edition.hero_image == image
    page = html.unescape(client.get("/ausgaben/2025/").content.decode())
    assert CAPTION in page
    assert "SW-Foto © Kurt Schwarz" in page

    # digiS as organiser (footer, Impressum marked as demo text); no placeholder links.
    settings = SiteSettings.objects.get()
    assert settings.organiser_name == "digiS – Servicestelle Digitalisierung Berlin"
    assert (settings.mastodon_url, settings.linkedin_url, settings.mailing_list_url) == ("",) * 3
    home = client.get("/").content.decode()
    assert "Veranstaltet von" in home
    assert "digiS – Servicestelle Digitalisierung Berlin" in home
    imprint = StandardPage.objects.get(slug="impressum")
    assert "digiS" in str(imprint.body)
    assert "Demo-Text" in str(imprint.body)
    assert "Beispielverein" not in str(imprint.body)
    for path in (
        "/",
        "/ausgaben/2025/",
        "/impressum/",
        "/barrierefreiheit/",
        "/en/",
        "/en/editions/2025/",
    ):
        assert "example.org" not in client.get(path).content.decode(), path

    # Replies belong to their question.
    htr = Thread.objects.get(title="Nachgefragt: Welche HTR-Modelle wurden im Workshop verwendet?")
    assert "Modell" in htr.accepted_post.body
    # (The moderation examples – a flagged advert, a hidden and a pending reply – are off-topic
    # on purpose.)
    replies = Post.objects.filter(
        parent__isnull=False, visibility=Visibility.PUBLISHED, flags__isnull=True
    ).select_related("thread")
    for post in replies:
        fitting = ANSWERS.get(post.thread.title, []) + FOLLOW_UPS
        assert post.body in fitting or post.thread.title not in ANSWERS, post.thread.title

    # A 2026 edition in both languages.
    assert EventPage.objects.filter(slug="2026").count() == 2
    assert client.get("/ausgaben/2026/").status_code == 200
    assert client.get("/en/editions/2026/").status_code == 200
