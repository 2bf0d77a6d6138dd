"""Layout defects seen on real screens (issue 15): measured in the browser, not eyeballed."""

from .test_site_shell import on_a_phone

DESKTOP = {"width": 1366, "height": 900}

# Words of a title that the browser split across lines: a word (up to and including a hyphen, after
# which a break is fine) whose characters do not all sit on one line box.
WORDS_BROKEN = """(selector) => {
    const broken = [];
    for (const element of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const text = node.textContent;
            const re = /[^\\s-]+-?/g;  // a break after a hyphen is fine
            let match;
            while ((match = re.exec(text))) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


def test_topic_questions_use_the_full_width_on_a_desktop(browser, live_site):
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    page = context.new_page()
    try:
        page.goto(live_site + "/themen/ki-in-der-sammlungspraxis/")
        section = page.locator(".topic-questions").bounding_box()
        footer = page.locator(".topic__footer").bounding_box()
    finally:
        context.close()

    assert section["width"] >= footer["width"] - 1


def test_search_page_shows_one_search_box_on_a_phone(browser, live_site):
    context, page = on_a_phone(browser, live_site, "/suche/?q=Digitalisierung")
    try:
        visible = page.locator("input[type=search]:visible").count()
    finally:
        context.close()

    assert visible == 1


def test_question_titles_keep_their_words_whole_on_a_phone(browser, live_site):
    context, page = on_a_phone(browser, live_site, "/fragen/")
    try:
        titles = page.locator(".thread-item__title").count()
        broken = page.evaluate(WORDS_BROKEN, ".thread-item__title a")
    finally:
        context.close()

    assert titles > 5
    assert broken == []


PAGE_WEIGHT_LIMIT = 250_000  # bytes of HTML, CSS, JavaScript and fonts on a first visit


def test_home_page_first_visit_weighs_at_most_250_kb(browser, live_site):
    """Issue 15: the home page's HTML, CSS, JS and fonts (uncompressed, empty cache) stay light;
    images are not counted."""
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    page = context.new_page()
    sizes = {}

    def record(response):
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script", "font"):
            try:
                sizes[response.url] = (kind, len(response.body()))
            except Exception:  # noqa: BLE001 - a redirect has no body
                sizes[response.url] = (kind, 0)

    page.on("response", record)
    try:
        page.goto(live_site + "/")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()

    total = sum(size for _kind, size in sizes.values())
    fonts = [url for url, (kind, _size) in sizes.items() if kind == "font"]
    print(f"home page, first visit: {total} bytes", sorted(sizes.items()))
    assert fonts, "the webfont is loaded"
    assert total <= PAGE_WEIGHT_LIMIT, sorted(sizes.items())
