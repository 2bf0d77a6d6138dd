"""The search in a real browser, over the demo site: header search, facets, 'Meinten Sie',
highlighting, autocomplete, and axe-core on the result and empty-result pages."""

import re


def result_titles(site):
    return site.page.locator(".search-result__title").all_inner_texts()


def test_search_from_the_header_highlights_the_words(site):
    site.goto("/")

    site.page.get_by_role("combobox", name="Suchbegriff").fill("Digitalisierung")
    site.page.get_by_role("button", name="Suchen").first.click()
    site.page.wait_for_load_state("networkidle")

    assert "/suche/?q=Digitalisierung" in site.page.url
    assert site.page.locator("h1").inner_text() == "Suche"
    assert re.match(
        r"\d+ Treffer für „Digitalisierung“", site.page.locator("#search-summary").inner_text()
    )
    marks = site.page.locator(".search-result mark").all_inner_texts()
    assert marks
    assert all("digitalisier" in mark.lower() for mark in marks)
    assert site.foreign_hosts() == set()


def test_a_facet_narrows_the_results(site):
    site.goto("/suche/?q=Digitalisierung")
    kinds_before = set(site.page.locator(".search-result__kind").all_text_contents())

    facet = site.page.locator('a[data-facet="typ"][data-value="thread"]')
    count = int(facet.locator(".search-facet__count").inner_text())
    facet.click()
    site.page.wait_for_load_state("networkidle")

    assert len(kinds_before) > 1
    assert "typ=thread" in site.page.url
    assert set(site.page.locator(".search-result__kind").all_text_contents()) == {"Frage"}
    assert f"{count} Treffer" in site.page.locator("#search-summary").inner_text()
    selected = site.page.locator('a[data-facet="typ"][data-value="thread"]')
    assert selected.get_attribute("aria-current") == "true"


def test_following_meinten_sie_searches_the_correction(site):
    site.goto("/suche/?q=F%C3%B6rderng")

    suggestion = site.page.locator(".search-suggestion__link")
    assert suggestion.inner_text() == "Förderung"
    suggestion.click()
    site.page.wait_for_load_state("networkidle")

    assert site.page.locator("#search-page-input").input_value() == "Förderung"
    assert site.page.locator(".search-suggestion").count() == 0
    assert "Förderung und Finanzierung" in result_titles(site)
    assert "Förderung" in site.page.locator(".search-result mark").all_inner_texts()


def test_header_autocomplete_offers_titles_and_opens_one(site):
    site.goto("/")
    box = site.page.get_by_role("combobox", name="Suchbegriff")

    box.press_sequentially("Förd", delay=30)
    listbox = site.page.get_by_role("listbox")
    listbox.wait_for()
    options = listbox.get_by_role("option").all_inner_texts()
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    box.press("Enter")
    site.page.wait_for_load_state("networkidle")

    assert any("Förderung und Finanzierung" in option for option in options)
    assert box.get_attribute("aria-expanded") in ("true", "false")
    assert active
    assert "/suche/" not in site.page.url  # the chosen suggestion was opened


def test_result_page_and_empty_result_page_have_no_accessibility_violations(site):
    site.goto("/suche/?q=Kooperation")
    assert site.page.locator(".search-result").count() > 0
    assert site.axe_violations() == []

    site.goto("/suche/?q=Zwergpinguinxyz")
    assert "wurde nichts gefunden" in site.page.locator(".search-empty").inner_text()
    assert site.axe_violations() == []

    site.goto("/en/search/?q=cooperation&sortierung=neueste")
    assert site.page.locator("html").get_attribute("lang") == "en"
    assert site.axe_violations() == []


def test_search_works_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(live_site + "/")
        page.locator("#header-search-input").fill("Förderung")
        page.locator(".header-search button").click()
        page.wait_for_load_state()

        assert "/suche/?q=F" in page.url
        assert page.locator(".search-result").count() > 0
        assert page.locator("#header-search-input").get_attribute("role") is None
    finally:
        context.close()
