"""The review report in a real browser (Playwright driving Debian's Chromium, never a browser that
Playwright downloads): every finding has a highlight, a click shows its details, keyboard
navigation and filters work, and an article full of script-injection payloads runs no script.

Set up with `scripts/install-browser.sh` (installs chromium with apt-get when root). Skipped, saying why, only when no browser can be installed."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import ROOT
from tests.test_report_html import PAYLOAD

CHROMIUM = os.environ.get("CLINIC_AUDIT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="playwright is not installed (it is in requirements-test.lock)")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no browser at {CHROMIUM}: run scripts/install-browser.sh "
                f"(apt-get install -y chromium, as root)", allow_module_level=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The real pipeline over the bundled articles plus one article of injection payloads."""
    work = tmp_path_factory.mktemp("browser")
    src = work / "articles"
    shutil.copytree(ROOT / "sources" / "articles", src)
    (src / "zz_payload.txt").write_text(PAYLOAD, encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["--params", str(ROOT / "params.yaml"), "run", str(src),
              "--out", str(work / "reports"), "--data-dir", str(work / "data")])
    assert e.value.code == 0
    return work / "reports"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.dialogs, pg.errors = [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def summary(report: Path) -> dict:
    return json.loads((report / "summary.json").read_text(encoding="utf-8"))


def test_every_finding_has_a_highlight_and_a_click_shows_it(report, page):
    articles = summary(report)["articles"]
    for aid, a in articles.items():
        page.goto((report / "articles" / f"{aid}.html").as_uri())
        assert page.locator("mark.f:not(.cont)").count() == a["findings"], aid
    aid = max(articles, key=lambda k: articles[k]["findings"])
    page.goto((report / "articles" / f"{aid}.html").as_uri())
    findings = [json.loads(line) for line in (report / "findings.jsonl").read_text().splitlines()
                if json.loads(line)["article_id"] == aid]
    page.locator("#f2").click()
    detail = page.locator("#d2")
    assert detail.is_visible()
    assert findings[1]["message"] in detail.inner_text()
    assert page.locator("#d1").is_hidden()
    assert page.errors == []


def test_keyboard_navigation_and_filters(report, page):
    aid = "000_d16d583c0d26eb51"
    page.goto((report / "articles" / f"{aid}.html").as_uri())
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "f1"
    assert page.locator("#d1").is_visible()
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "f2"
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == "f1"
    total = page.locator("mark.f:not(.cont)").count()
    minor = page.locator("mark.f.sev-minor:not(.cont)").count()
    page.locator("input[data-filter=sev][value=minor]").uncheck()
    assert page.locator("mark.f.off:not(.cont)").count() == minor
    assert page.locator("#shown").inner_text() == f"{total - minor} of {total} findings shown"


def test_index_links_every_article_with_a_pass_fail_mark(report, page):
    page.goto((report / "index.html").as_uri())
    rows = page.locator("table.ranking tbody tr")
    assert rows.count() == len(summary(report)["articles"])
    assert page.locator("table.ranking .verdict").count() == rows.count()


def test_script_injection_payloads_stay_inert(report, page):
    page.goto((report / "articles" / "zz_payload.html").as_uri())
    page.wait_for_timeout(300)
    a = summary(report)["articles"]["zz_payload"]
    assert page.title() == f"{a['title'] or a['source']} · clinic-audit"  # not set to 'pwned'
    assert "<script>" in page.title()  # the article's title, as inert text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    text = page.locator("#text").inner_text()
    assert "<script>document.title='pwned'" in text and 'onerror="window.__pwned=2' in text
    assert page.locator("#text script, #text img, #text svg, #text a").count() == 0
    # the report's own script ran (allowed by its CSP hash): the filter counter is filled in
    assert page.locator("#shown").inner_text().endswith("findings shown")
    page.locator("mark.f:not(.cont)").first.click()
    assert page.dialogs == [] and page.evaluate("typeof window.__pwned") == "undefined"


# --- the report at a glance (issue 11, item 7) ---------------------------------------------------

def all_pages(report: Path) -> list[Path]:
    return [report / "index.html", *sorted((report / "articles").glob("*.html")),
            *sorted((report / "rules").glob("*.html"))]


def overflow(pg) -> list[str]:
    """Elements that stick out of the page to the right (the page scrolls sideways)."""
    return pg.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) { return []; }
      return Array.from(document.querySelectorAll('body *'))
        .filter(e => e.getBoundingClientRect().right > width + 1)
        .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 5);
    }""")


@pytest.mark.parametrize("width", [390, 1400])
def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(report, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    pg = context.new_page()
    pages = all_pages(report)
    assert len(pages) > 10
    for page in pages:
        views = ["", "#translators"] if page.parent.name == "articles" else [""]
        for view in views:
            pg.goto(page.as_uri() + view)
            assert overflow(pg) == [], (page.name, view)
    # the translators' table itself fits the phone's width
    pg.goto((report / "articles" / "000_d16d583c0d26eb51.html").as_uri() + "#translators")
    box = pg.locator("#translators table").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    context.close()


def column(pg, i: int) -> list[str]:
    return pg.evaluate(f"Array.from(document.querySelectorAll('#ranking tbody tr'))"
                       f".map(r => r.cells[{i}].dataset.value)")


def test_the_index_sorts_by_any_column_from_the_keyboard(report, page):
    page.goto((report / "index.html").as_uri())
    heads = page.locator("#ranking thead th")
    assert heads.count() == 13
    for i in range(heads.count()):
        head = heads.nth(i)
        numeric = head.get_attribute("data-type") == "num"
        was = head.get_attribute("aria-sort")
        head.locator("button").focus()
        page.keyboard.press("Enter")
        first = "descending" if was == "ascending" else "ascending"
        assert head.get_attribute("aria-sort") == first
        assert page.locator("#ranking th[aria-sort]").count() == 1
        for order in (first, "descending" if first == "ascending" else "ascending"):
            values = column(page, i)
            key = (lambda v: float(v)) if numeric else (lambda v: v.lower())
            assert values == sorted(values, key=key, reverse=order == "descending"), (i, order)
            if order == first:
                page.keyboard.press(" ")  # Space works too, and flips the order
                assert head.get_attribute("aria-sort") != first
    assert page.errors == []


def test_the_index_filters_by_verdict_and_category(report, page):
    articles = summary(report)["articles"]
    page.goto((report / "index.html").as_uri())
    assert page.locator("#article-filters").is_visible()

    def shown() -> set[str]:
        rows = page.locator("#ranking tbody tr:not([hidden]) td.article code")
        return {rows.nth(i).inner_text() for i in range(rows.count())}

    assert shown() == {a["source"] for a in articles.values()}
    page.select_option("#verdict-filter", "fail")
    failing = {a["source"] for a in articles.values() if not a["passed"]}
    assert shown() == failing and failing
    page.select_option("#verdict-filter", "pass")
    assert shown() == {a["source"] for a in articles.values() if a["passed"]}
    page.select_option("#verdict-filter", "")
    for c in ("translation", "fact", "safety", "content"):
        page.select_option("#category-filter", c)
        assert shown() == {a["source"] for a in articles.values() if a["by_category"][c]}, c
    page.select_option("#verdict-filter", "fail")
    page.select_option("#category-filter", "safety")
    expected = {a["source"] for a in articles.values()
                if not a["passed"] and a["by_category"]["safety"]}
    assert shown() == expected
    assert page.locator("#rows-shown").inner_text() == \
        f"{len(expected)} of {len(articles)} articles shown"


def test_without_the_script_the_index_is_worst_first_and_articles_show_both_views(report,
                                                                                   browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900},
                                  java_script_enabled=False)
    pg = context.new_page()
    pg.goto((report / "index.html").as_uri())
    cells = pg.locator("#ranking tbody tr td:nth-child(4)")
    scores = [float(cells.nth(i).inner_text()) for i in range(cells.count())]
    assert scores == sorted(scores) and len(scores) == len(summary(report)["articles"])
    assert pg.locator("#ranking th button").count() == 0
    assert pg.locator("#article-filters").is_hidden()
    assert pg.locator("details.legend").is_visible()
    pg.goto((report / "articles" / "000_d16d583c0d26eb51.html").as_uri())
    assert pg.locator("#review").is_visible() and pg.locator("#translators").is_visible()
    context.close()


def test_the_translators_table_is_a_tab_of_its_own(report, page):
    url = (report / "articles" / "000_d16d583c0d26eb51.html").as_uri()
    page.goto(url)
    _shows(page, "#review", "#translators")
    assert page.locator("#tab-review").get_attribute("aria-current") == "true"
    page.locator("#tab-translators").click()
    _shows(page, "#translators", "#review")
    assert page.locator("#tab-translators").get_attribute("aria-current") == "true"
    assert page.locator("#tab-review").get_attribute("aria-current") == "false"
    # filters apply to the table too: a sentence whose findings are all filtered out goes
    rows = page.locator("#translators tbody tr")
    total = rows.count()
    for c in ("translation", "content"):
        page.locator(f"input[data-filter=cat][value={c}]").uncheck()
    kept = page.locator("#translators tbody tr:not([hidden])").count()
    assert 0 < kept < total
    assert page.locator("#translators tbody tr:not([hidden]) li:not(.off)[data-cat=translation]"
                        ).count() == 0
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("n")  # the next finding is in the text: back to that view
    _shows(page, "#review", "#translators")
    assert page.evaluate("document.activeElement.dataset.cat") in ("fact", "safety")  # filtered
    assert page.url.endswith("#review")  # a reload stays on this view
    page.goto("about:blank")
    page.goto(url + "#translators")  # a link straight to the translators' view
    _shows(page, "#translators", "#review")
    assert page.errors == []


def _shows(page, shown: str, hidden: str) -> None:
    """`shown` is visible and `hidden` hidden, waiting for the page's script to switch the
    view (a click or a key runs it after the assertion would otherwise look)."""
    sync_api.expect(page.locator(shown)).to_be_visible()
    sync_api.expect(page.locator(hidden)).to_be_hidden()


def test_the_rule_summary_leads_to_every_occurrence(report, page):
    findings = [json.loads(line) for line in
                (report / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    page.goto((report / "index.html").as_uri())
    first = page.locator("#rule-summary tbody tr").first
    code = first.locator("td").first.get_attribute("data-value")
    counts = {}
    for f in findings:
        counts[f["rule_id"]] = counts.get(f["rule_id"], 0) + 1
    assert counts[code] == max(counts.values())
    assert first.locator("td").nth(2).inner_text() == str(counts[code])
    first.locator("a").click()
    assert page.url.endswith(f"/rules/{code}.html")
    assert page.locator("ul.occ > li").count() == counts[code]
    link = page.locator("section.occurrences p a").first
    aid = link.get_attribute("href").split("/")[-1].split(".html")[0]
    link.click()  # the article's page, showing only this rule's findings
    page.wait_for_load_state("load")
    shown = page.locator("mark.f:not(.cont):not(.off)")
    expected = sum(1 for f in findings if f["rule_id"] == code and f["article_id"] == aid)
    assert expected > 0
    sync_api.expect(shown).to_have_count(expected)  # retries: the page's script applies the filter
    assert {shown.nth(i).get_attribute("data-rule") for i in range(shown.count())} == {code}
    assert page.locator("#rule-filter").input_value() == code
    page.go_back()
    page.locator("ul.occ > li a").first.click()  # one occurrence: its details are open
    page.wait_for_load_state("load")
    n = page.url.rsplit("#f", 1)[1]
    page.locator(f"#d{n}").wait_for(state="visible", timeout=5000)
    assert code in page.locator(f"#d{n} .rule").inner_text()
    assert page.errors == []


def grey(css_colour: str) -> float:
    """Luminance (0-255) of a computed rgb()/rgba() colour laid over white, as a greyscale
    print or a CSS grayscale() filter renders it."""
    parts = [float(x) for x in css_colour[css_colour.index("(") + 1:-1].split(",")]
    r, g, b, a = parts + [1.0] * (4 - len(parts))
    r, g, b = (255 * (1 - a) + a * c for c in (r, g, b))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_severities_differ_in_colour_line_and_glyph_and_in_greyscale(report, page):
    page.goto((report / "articles" / "000_d16d583c0d26eb51.html").as_uri())
    looks = page.evaluate("""() => ['critical', 'major', 'minor'].map(sev => {
      const one = sel => {
        const e = document.querySelector(sel), s = getComputedStyle(e);
        return {line: s.textDecorationLine + ' ' + s.textDecorationStyle,
                colour: s.textDecorationColor, fill: s.backgroundColor,
                glyph: getComputedStyle(e, '::before').content};
      };
      return {mark: one('mark.f.sev-' + sev + ':not(.cont)'),
              sample: one('details.legend summary .sample.sev-' + sev)};
    })""")
    marks = [x["mark"] for x in looks]
    assert [m["line"] for m in marks] == ["underline double", "underline solid",
                                          "underline dotted"]
    assert len({m["colour"] for m in marks}) == len({m["fill"] for m in marks}) == 3
    assert [m["glyph"][:2] for m in marks] == ['"\u25b2', '"\u25a0', '"\u25cf']
    # darkest to lightest in greyscale, far enough apart to tell
    levels = [grey(m["fill"]) for m in marks]
    assert levels[0] + 10 < levels[1] and levels[1] + 8 < levels[2], levels
    # the legend's samples look exactly like the highlights
    for x in looks:
        assert (x["sample"]["line"], x["sample"]["colour"], x["sample"]["fill"]) == \
            (x["mark"]["line"], x["mark"]["colour"], x["mark"]["fill"])
        assert x["sample"]["glyph"] == x["mark"]["glyph"][:2] + '"'


def test_every_link_of_the_report_works_offline(report):
    from lxml import html as lhtml

    root = report.resolve()
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = set(lhtml.fromstring(path.read_bytes()).xpath("//@id"))
        return ids[path]

    checked = 0
    for page in all_pages(report):
        for href in lhtml.fromstring(page.read_bytes()).xpath("//a/@href"):
            if href.startswith(("http://", "https://")):
                continue  # evidence and rule documentation
            assert "validation/" not in href, (page.name, href)  # no Data Docs (CDN assets)
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page.resolve()
            assert target.is_relative_to(root) and target.is_file(), (page.name, href)
            if fragment and not fragment.startswith("rule="):
                assert fragment in ids_of(target), (page.name, href)
            checked += 1
    assert checked > 500
