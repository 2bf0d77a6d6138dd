"""Visual regression (issue 15): every page type at desktop and phone width, compared with the
reference screenshots committed under tests/e2e/screenshots/.

A page may differ from its reference by a little anti-aliasing (`TOLERANCE` of its pixels, each
channel off by more than `THRESHOLD`); anything more fails and writes the new screenshot and a
difference image next to the reference (`*.new.png`, `*.diff.png`, not committed). To accept a
change deliberately, run with UPDATE_SCREENSHOTS=1, look at the PNGs and commit them.

The webfont is served by the site, so text renders alike wherever Debian's Chromium runs; parts
that other browser tests change (the latest questions) are masked, and so are images: the test
settings keep media in memory, which the live server does not serve, so whether a picture shows
depends on what a developer's var/media holds (their boxes keep their size either way).
"""

import datetime
import os
from pathlib import Path

import pytest

SHOTS = Path(__file__).parent / "screenshots"
UPDATE = os.environ.get("UPDATE_SCREENSHOTS") == "1"
THRESHOLD = 40  # per channel, out of 255
TOLERANCE = 0.01  # share of pixels that may differ

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def thread_path():
    from board.models import Thread

    thread = Thread.objects.get(
        title="Nachgefragt: Welche HTR-Modelle wurden im Workshop verwendet?"
    )
    return thread.get_absolute_url()


# name, path (or a function giving it), whole page?, selectors to mask
PAGES = [
    ("home", "/", False, [".latest-questions"]),
    # The viewport only: further down, the page's length follows what other browser tests add
    # to the shared demo site (sessions' questions).
    ("edition", "/ausgaben/2025/", False, [".edition-questions"]),
    ("topic", "/themen/ki-in-der-sammlungspraxis/", True, []),
    ("questions", "/fragen/?ausgabe=2024", False, []),
    ("thread", thread_path, True, []),
    # Hits with equal scores may come in either order (documents built in parallel processes);
    # the list's place and the page around it are compared.
    ("search", "/suche/?q=Digitalisierung", False, [".search-results__list"]),
]

# The projector wall at projector sizes (and a phone, which must not break either). The 2024
# edition is over: no join code or QR code (they change with each demo load), and no browser
# test adds questions to it; the join address names the live server's port.
WALL_VIEWPORTS = {
    "720p": {"width": 1280, "height": 720},
    "1080p": {"width": 1920, "height": 1080},
    "phone": VIEWPORTS["phone"],
}
WALL = ("wall", "/fragen/wand/2024/?modus=hell", False, [".wall__url"])


def difference(reference, actual):
    """(share of differing pixels, difference image) of two screenshots of the same size."""
    from PIL import Image, ImageChops

    diff = ImageChops.difference(reference.convert("RGB"), actual.convert("RGB"))
    mask = diff.point(lambda value: 255 if value > THRESHOLD else 0).convert("L")
    mask = mask.point(lambda value: 255 if value else 0)
    changed = mask.histogram()[255]
    return changed / (mask.width * mask.height), Image.eval(diff, lambda value: min(255, value * 4))


@pytest.fixture(autouse=True)
def scene(request, committed_database):
    """Every screenshot is taken with the participant's scene in place, whichever test made it
    first: tests/e2e/test_participant.py (which runs before this module) makes it as well, and
    it adds to what these pages show (two 2024 questions, a vote and a reply on the OCR question
    of the topic page). The other browser tests ask in 2025 and only change masked parts."""
    if "live_site" in request.fixturenames:
        request.getfixturevalue("live_site")  # the demo site first
        participant_scene()


def test_difference_ignores_small_noise_and_finds_a_change():
    """Guards the guard."""
    from PIL import Image, ImageDraw

    base = Image.new("RGB", (100, 100), "white")
    noisy = base.copy()
    noisy.putpixel((5, 5), (250, 250, 250))
    changed = base.copy()
    ImageDraw.Draw(changed).rectangle((0, 0, 49, 49), fill="black")

    assert difference(base, noisy)[0] == 0
    assert difference(base, changed)[0] == 0.25


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(("name", "path", "full_page", "masks"), PAGES, ids=[p[0] for p in PAGES])
def test_page_looks_like_its_reference(browser, live_site, name, path, full_page, masks, viewport):
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], locale="de-DE", reduced_motion="reduce"
    )
    try:
        compare_with_reference(context, live_site, name, path, full_page, masks)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", WALL_VIEWPORTS)
def test_wall_looks_like_its_reference(browser, live_site, viewport):
    context = browser.new_context(
        viewport=WALL_VIEWPORTS[viewport], locale="de-DE", reduced_motion="reduce"
    )
    try:
        compare_with_reference(context, live_site, *WALL)
    finally:
        context.close()


def compare_with_reference(context, live_site, name, path, full_page, masks):
    """Screenshot ``path`` in a new tab of ``context`` and compare it with the reference
    ``<name>-<viewport width>.png`` (or write it, with UPDATE_SCREENSHOTS=1)."""
    from PIL import Image

    page = context.new_page()
    page.goto(live_site + (path() if callable(path) else path))
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    png = page.screenshot(
        full_page=full_page,
        animations="disabled",
        caret="hide",
        mask=[page.locator(selector) for selector in [*masks, "main img"]],
        mask_color="#888888",
    )
    width = page.viewport_size["width"]
    reference_file = SHOTS / f"{name}-{width}.png"
    if UPDATE:
        SHOTS.mkdir(exist_ok=True)
        reference_file.write_bytes(png)
        return
    assert reference_file.exists(), f"{reference_file} missing: run with UPDATE_SCREENSHOTS=1"
    import io

    actual = Image.open(io.BytesIO(png))
    reference = Image.open(reference_file)
    new_file = reference_file.with_suffix(".new.png")
    if actual.size != reference.size:
        new_file.write_bytes(png)
        pytest.fail(f"{name}: size {actual.size} instead of {reference.size}, see {new_file}")
    share, diff = difference(reference, actual)
    if share > TOLERANCE:
        new_file.write_bytes(png)
        diff.save(reference_file.with_suffix(".diff.png"))
    assert share <= TOLERANCE, f"{name}: {share:.2%} of the pixels differ, see {new_file}"


def test_wall_uses_the_sites_webfont(site):
    """The projector wall has its own layout but the site's self-hosted font, not a fallback."""
    site.goto(WALL[1])
    site.page.evaluate("document.fonts.ready")

    family = site.page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    loaded = site.page.evaluate("document.fonts.check('700 1em \"Source Sans 3\"')")
    used = site.page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )

    assert family.startswith('"Source Sans 3"')
    assert loaded is True
    assert set(used) == {'"Source Sans 3"'} or set(used) == {"Source Sans 3"}
    assert site.foreign_hosts() == set()


# --- a participant's own pages (issue 15, item 4) ----------------------------------------------

PARTICIPANT = {"email": "greta.visuell@example.org", "password": "geheim-und-lang-genug"}
SCENE_TIME = datetime.datetime(2024, 11, 20, 9, 30, tzinfo=datetime.UTC)


def participant_scene():
    """A participant of her own with fixed content and times (the shared site's other
    participants change with every browser test): two questions in 2024, one edited twice (its
    history page), a reply, an edition followed, a vote. Made once per browser session."""
    from django.contrib.auth import get_user_model

    from allauth.account.models import EmailAddress

    from board import services
    from board.models import Post, PostRevision, Subscription, Thread, Vote
    from home.models import EventPage

    user_model = get_user_model()
    greta = user_model.objects.filter(email=PARTICIPANT["email"]).first()
    if greta is not None:
        return greta, Thread.objects.get(author=greta, title__startswith="Wie dokumentieren")
    greta = user_model.objects.create_user(
        email=PARTICIPANT["email"],
        password=PARTICIPANT["password"],
        display_name="Greta Gedächtnis",
        institution="Stadtarchiv Beispielstadt",
        date_joined=SCENE_TIME - datetime.timedelta(days=400),
    )
    EmailAddress.objects.create(user=greta, email=greta.email, verified=True, primary=True)
    edition = EventPage.objects.get(slug="2024", locale__language_code="de")
    first = services.ask_question(
        edition=edition,
        author=greta,
        title="Wie dokumentieren wir Digitalisate für die Nachnutzung?",
        body="Welche Angaben brauchen **Nachnutzende** mindestens?",
    )
    root = first.posts.get(parent=None)
    services.edit_post(
        post=root,
        editor=greta,
        body="Welche Angaben brauchen **Nachnutzende** mindestens, und in welchem Format?",
        version=1,
    )
    services.edit_post(
        post=root,
        editor=greta,
        body="Welche Metadaten brauchen **Nachnutzende** mindestens, und in welchem Format?",
        version=2,
        title="Wie dokumentieren wir Digitalisate für die Nachnutzung durch Dritte?",
    )
    second = services.ask_question(
        edition=edition,
        author=greta,
        title="Gibt es Vorlagen für Kooperationsverträge zwischen Archiven?",
        body="Gern auch Erfahrungen.",
        is_anonymous=True,
    )
    fraktur = Thread.objects.get(title="Welche OCR-Software eignet sich für Fraktur?")
    services.post_reply(
        thread=fraktur, author=greta, body="Wir haben mit Kraken gute Erfahrungen gemacht."
    )
    services.subscribe(user=greta, edition=edition)
    services.vote(post=fraktur.posts.get(parent=None), user=greta)
    # Fixed times, so the pages look the same in every run.
    minutes = datetime.timedelta(minutes=1)
    Thread.objects.filter(pk=first.pk).update(created_at=SCENE_TIME, last_activity_at=SCENE_TIME)
    Thread.objects.filter(pk=second.pk).update(
        created_at=SCENE_TIME + 60 * minutes, last_activity_at=SCENE_TIME + 60 * minutes
    )
    Post.objects.filter(pk=root.pk).update(
        created_at=SCENE_TIME, edited_at=SCENE_TIME + 25 * minutes
    )
    for revision in PostRevision.objects.filter(post=root):
        PostRevision.objects.filter(pk=revision.pk).update(
            created_at=SCENE_TIME + (10 if revision.version == 1 else 25) * minutes
        )
    Post.objects.filter(thread=second).update(created_at=SCENE_TIME + 60 * minutes)
    Post.objects.filter(author=greta, thread=fraktur).update(created_at=SCENE_TIME + 90 * minutes)
    for number, subscription in enumerate(Subscription.objects.filter(user=greta).order_by("pk")):
        Subscription.objects.filter(pk=subscription.pk).update(
            created_at=SCENE_TIME + number * 30 * minutes
        )
    Vote.objects.filter(user=greta).update(created_at=SCENE_TIME + 95 * minutes)
    return greta, Thread.objects.get(pk=first.pk)


def history_path():
    _greta, thread = participant_scene()
    from django.urls import reverse

    return reverse("board:history", args=[thread.posts.get(parent=None).pk])


PARTICIPANT_PAGES = [
    ("mine", "/fragen/meine/", True, []),
    ("mine-subscriptions", "/fragen/meine/abonnements/", True, []),
    ("history", history_path, True, []),
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize(
    ("name", "path", "full_page", "masks"), PARTICIPANT_PAGES, ids=[p[0] for p in PARTICIPANT_PAGES]
)
def test_participant_page_looks_like_its_reference(
    browser, live_site, name, path, full_page, masks, viewport
):
    context = browser.new_context(
        viewport=VIEWPORTS[viewport], locale="de-DE", reduced_motion="reduce"
    )
    try:
        sign_in(context, live_site)
        compare_with_reference(context, live_site, name, path, full_page, masks)
    finally:
        context.close()


def sign_in(context, live_site):
    page = context.new_page()
    page.goto(live_site + "/konto/login/")
    page.fill("input[name=login]", PARTICIPANT["email"])
    page.fill("input[name=password]", PARTICIPANT["password"])
    page.locator("input[name=password]").press("Enter")
    page.wait_for_load_state("networkidle")
    assert "/konto/login/" not in page.url, "login failed"
    page.close()
