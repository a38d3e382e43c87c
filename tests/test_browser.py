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
