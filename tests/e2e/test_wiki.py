"""The wiki in a real browser: reading aids, wiki navigation, language switch, embeds, a11y."""

import pytest

TOPIC = "/themen/geteilte-infrastrukturen/"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/themen/", "Themen"),
        (TOPIC, "Geteilte Dienste und Infrastrukturen"),
        ("/themen/letzte-aenderungen/", "Letzte Änderungen"),
        ("/themen/schlagwort/kooperation/", "Kooperation"),
        ("/en/topics/", "Topics"),
        ("/en/topics/shared-infrastructures/", "Shared services and infrastructures"),
    ],
)
def test_wiki_pages_have_no_accessibility_violations(site, path, heading):
    response = site.goto(path)

    assert response.status == 200
    assert site.page.locator("h1").first.inner_text() == heading
    assert site.axe_violations() == []
    assert site.foreign_hosts() == set()


def test_table_of_contents_leads_to_the_section(site):
    site.goto(TOPIC)
    toc = site.page.get_by_role("navigation", name="Inhalt")

    toc.get_by_role("link", name="Servicestelle im Verbund").click()

    assert site.page.url.endswith(TOPIC + "#servicestelle-im-verbund")
    target = site.page.locator("#servicestelle-im-verbund")
    assert target.inner_text() == "Servicestelle im Verbund"
    top = target.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 200


def test_backlink_leads_to_the_mentioning_page(site):
    site.goto(TOPIC)
    backlinks = site.page.locator("section.backlinks")

    backlinks.get_by_role("link", name="Nachhaltige Digitalisierung").click()
    site.page.wait_for_load_state()

    assert site.page.url.endswith("/themen/nachhaltige-digitalisierung/")
    assert site.page.locator("h1").inner_text() == "Nachhaltige Digitalisierung"
    # ... and that page links back in its text
    body = site.page.locator(".topic__body")
    assert body.get_by_role("link", name="Geteilte Dienste und Infrastrukturen").count() == 1


def test_tag_link_opens_the_tag_page_listing_every_topic_with_it(site):
    site.goto(TOPIC)

    site.page.locator(".tag-list").get_by_role("link", name="Infrastruktur").click()
    site.page.wait_for_load_state()

    assert site.page.url.endswith("/themen/schlagwort/infrastruktur/")
    assert site.page.locator("h1").inner_text() == "Infrastruktur"
    titles = site.page.locator(".topic-card__title").all_inner_texts()
    assert "Geteilte Dienste und Infrastrukturen" in titles


def test_index_filters_by_tag(site):
    site.goto("/themen/")
    all_count = site.page.locator(".topic-card").count()

    site.page.locator(".tag-filter").get_by_role("link", name="KI (1)").click()
    site.page.wait_for_load_state()

    titles = site.page.locator(".topic-card__title").all_inner_texts()
    assert titles == ["KI in der Sammlungspraxis"]
    assert all_count >= 8


def test_language_switch_leads_to_the_english_topic(site):
    site.goto(TOPIC)

    site.page.get_by_role("link", name="English").click()
    site.page.wait_for_load_state()

    assert site.page.url.endswith("/en/topics/shared-infrastructures/")
    assert site.page.locator("html").get_attribute("lang") == "en"
    assert site.page.locator("h1").inner_text() == "Shared services and infrastructures"
    assert site.page.get_by_role("heading", name="Mentioned in").count() == 1


def test_wide_table_scrolls_inside_the_text_on_a_phone_also_by_keyboard(browser, live_site):
    from tests.e2e.conftest import SitePage

    phone = SitePage(browser, live_site, viewport={"width": 390, "height": 844})
    try:
        phone.goto(TOPIC)
        table = phone.page.get_by_role("region", name="Modelle geteilter Dienste im Vergleich")

        assert table.evaluate("element => element.scrollWidth > element.clientWidth")
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
        table.focus()
        phone.page.keyboard.press("ArrowRight")
        # Polled from here: wait_for_function evaluates its string with eval(), which the
        # site's Content-Security-Policy refuses.
        scrolled = (
            "document.activeElement.classList.contains('table-wrap') && "
            "document.activeElement.scrollLeft > 0"
        )
        for _attempt in range(50):
            if phone.page.evaluate(scrolled):
                break
            phone.page.wait_for_timeout(100)
        else:
            raise AssertionError("the table did not scroll")
        assert phone.axe_violations() == []
    finally:
        phone.context.close()


def test_embed_loads_nothing_from_the_provider_until_asked(site):
    site.page.route("**/*youtube*/**", lambda route: route.abort())
    site.goto("/themen/ki-in-der-sammlungspraxis/")

    assert site.foreign_hosts() == set()
    assert site.page.locator("iframe").count() == 0
    site.page.get_by_role("button", name="Inhalt von YouTube laden").click()

    frame = site.page.locator("figure.embed iframe")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert frame.get_attribute("title") == "Vortrag: KI in der Erschließung (Beispielvideo)"


def test_embed_without_javascript_offers_the_plain_link(browser, live_site):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(live_site + "/themen/ki-in-der-sammlungspraxis/")

        assert page.get_by_role("button", name="Inhalt von YouTube laden").count() == 0
        link = page.get_by_role("link", name="Auf YouTube ansehen")
        assert link.get_attribute("href") == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    finally:
        context.close()


def test_editor_submits_a_topic_page_for_review_and_the_live_page_stays(site):
    """Redaktion edits a published topic page and submits it to "Redaktionelle Prüfung"; the
    change waits for the Chefredaktion, the public page still shows the published text."""
    import uuid

    from wiki.models import TopicIndexPage, TopicPage

    index = TopicIndexPage.objects.get(locale__language_code="de")
    suffix = uuid.uuid4().hex[:8]
    page = TopicPage(
        title=f"Browsertest {suffix}",
        slug=f"browsertest-{suffix}",
        summary="Die veröffentlichte Zusammenfassung.",
    )
    index.add_child(instance=page)
    page.save_revision().publish()

    site.goto("/admin/login/")  # the site's (allauth's) login, which then opens the admin
    site.page.fill("#id_login", "redaktion@kooperationsraum.test")
    site.page.fill("#id_password", "demo-redaktion")
    site.page.locator("main").get_by_role("button", name="Anmelden").click()
    site.page.wait_for_load_state("networkidle")
    assert site.page.url.endswith("/admin/")
    site.goto(f"/admin/pages/{page.pk}/edit/")
    site.page.fill("#id_summary", "Die geänderte Zusammenfassung.")
    site.page.get_by_role("button", name="Mehr Aktionen").click()
    site.page.get_by_role("button", name="In Redaktionelle Prüfung einreichen").click()
    site.page.wait_for_load_state("networkidle")

    assert "zur Moderation eingereicht" in site.page.locator(".messages").inner_text()
    page.refresh_from_db()
    state = page.current_workflow_state
    assert (state.workflow.name, state.status) == ("Redaktionelle Prüfung", "in_progress")
    site.goto(page.url)
    summary = site.page.locator("main").inner_text()
    assert "Die veröffentlichte Zusammenfassung." in summary
    assert "Die geänderte Zusammenfassung." not in summary
