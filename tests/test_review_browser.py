"""The review page in a real browser (Playwright driving Debian's Chromium, as tests/test_browser.py
does) against a real review server: open an article, decide with the keyboard, reload, and the
decisions are still there; the reviewer's name is required and remembered; the unreviewed filter
works; article text and comments stay text; the strict CSP reports no violation."""
from __future__ import annotations

import json
import re
import urllib.request

import pytest

from tests.review_support import build_report, review_server
from tests.test_browser import ARGS, CHROMIUM, sync_api  # skips like it when there is no browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("review-browser")
    build_report(work / "reports")
    with review_server(work / "reports", work / "review.sqlite") as (_, url):
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(context, url):
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda d: (page.problems.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_selector("#review-panel[data-ready]")
    return page


def test_decide_with_the_keyboard_reload_and_it_is_still_there(server, browser):
    expect = sync_api.expect
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = open_page(context, f"{server}/articles/alpha.html")
    assert page.locator("#rv-progress").inner_text() == "0 of 3 findings reviewed"

    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.id") == "f1"
    page.keyboard.press("f")  # no reviewer name yet: refused, nothing sent
    assert "Enter your name" in page.locator("#rv-status").inner_text()
    assert page.evaluate("document.activeElement.id") == "rv-name"
    page.keyboard.type("Ann Editor")
    page.keyboard.press("Escape")  # leaves the text box, back on the finding
    assert page.evaluate("document.activeElement.id") == "f1"
    page.keyboard.press("f")
    expect(page.locator("#rv-status")).to_have_text(re.compile("^Recorded: False alarm"))
    assert page.evaluate("document.activeElement.id") == "f2"  # moved on to the next finding
    page.keyboard.press("c")
    expect(page.locator("#rv-progress")).to_have_text("2 of 3 findings reviewed")
    page.locator("#rv-comment").fill("<img src=x onerror=window.__pwned=1> looks fine")
    page.keyboard.press("Escape")
    page.keyboard.press("x")
    expect(page.locator("#rv-progress")).to_have_text("3 of 3 findings reviewed")

    page.reload()
    page.wait_for_selector("#review-panel[data-ready]")
    assert page.locator("#rv-name").input_value() == "Ann Editor"  # remembered
    assert [page.locator(f"#f{n}").get_attribute("data-review") for n in (1, 2, 3)] == [
        "false_alarm", "confirmed", "fixed"]
    page.keyboard.press("n")
    assert page.locator("#rv-current").inner_text().startswith("False alarm by Ann Editor")
    assert page.locator("#rv-rule").inner_text() == (
        "TR002: precision 0.00 (0 confirmed, 1 false alarm, 1 fixed, 0 won't fix)")
    page.keyboard.press("p")  # the last finding, whose comment carries markup: shown as text
    assert "<img src=x onerror=window.__pwned=1> looks fine" in page.locator("#rv-current").inner_text()
    assert page.locator("#review-panel img, #text b, #text img").count() == 0
    page.locator("mark.f[data-rule=CO001]").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"

    page.keyboard.press("u")  # unreviewed only: everything here is decided
    assert page.locator("#unreviewed").is_checked()
    assert page.locator("#shown").inner_text() == "0 of 3 findings shown"
    assert page.problems == []  # no script error, no CSP violation

    with urllib.request.urlopen(f"{server}/api/decisions?article=alpha") as r:
        stored = json.load(r)["decisions"]
    assert sorted((d["decision"], d["reviewer"]) for d in stored) == [
        ("confirmed", "Ann Editor"), ("false_alarm", "Ann Editor"), ("fixed", "Ann Editor")]

    page.goto(f"{server}/index.html")  # the index: progress and rule precision, worst first
    expect(page.locator("#review-panel p")).to_have_text("3 of 4 findings reviewed.")
    rows = page.locator("table.rv-stats tbody tr")
    assert [rows.nth(i).inner_text().split() for i in range(rows.count())] == [
        ["TR002", "0.00", "0", "1", "1", "0"], ["CO001", "1.00", "1", "0", "0", "0"]]
    assert page.problems == []
    context.close()

