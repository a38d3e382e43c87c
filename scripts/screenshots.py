"""Screenshots of the review report for docs/reports.md, in Debian's Chromium (as the browser tests
use it; set CLINIC_AUDIT_CHROMIUM for another binary): the index and an article page at 1400 px
(a desktop) and 390 px (a phone), and the translators' tab on the phone.

    clinic-audit run && python scripts/screenshots.py [reports] [docs]

Each shot is checked for sideways scrolling first; the script fails rather than document a page
that does not fit."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CLINIC_AUDIT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SIZES = {1400: 900, 390: 844}


def worst_article(reports: Path) -> Path:
    """The page of the first article in the index (the worst score)."""
    index = (reports / "index.html").read_text(encoding="utf-8")
    start = index.index('href="articles/') + len('href="')
    return reports / index[start:index.index('"', start)]


def main(reports: Path, docs: Path) -> None:
    reports = reports.resolve()
    article = worst_article(reports)
    shots = [("index", reports / "index.html", "", None),
             ("article", article, "", "mark.f.sev-critical:not(.cont)"),
             ("translators", article, "#translators", None)]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width, height in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            for name, path, fragment, select in shots:
                if name == "translators" and width != 390:
                    continue
                page.goto(path.as_uri() + fragment)
                if select and width > 900:  # the legend open, a critical finding's details shown
                    page.locator(select).first.click()
                    page.evaluate("document.querySelector('details.legend').open = true;"
                                  "window.scrollTo(0, 0)")
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    sys.exit(f"{path.name}{fragment} scrolls sideways at {width} px ({wide} px)")
                out = docs / f"report-{name}-{width}.png"
                page.screenshot(path=str(out))
                print(f"wrote {out}")
            context.close()
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0] if args else "reports"), Path(args[1] if len(args) > 1 else "docs"))
