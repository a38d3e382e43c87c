"""The report at a glance (issue 11, item 7), page structure without a browser: a legend on every
page, severities distinct in colour, line and glyph, the index's reasons, sort keys and filters,
the corpus summary of rules and the rule pages, the translators' tab, no Data Docs link, and
findings.csv with a BOM and the sentence around each finding. tests/test_browser.py drives the
same pages in Chromium."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from lxml import html as lhtml

from pipeline import tables
from pipeline.model import SEVERITIES, Finding, fingerprint, fingerprint_key
from pipeline.report import files, html
from pipeline.policy import Policy
from tests.conftest import make_article
from tests.test_report_html import PAYLOAD, render as render_html

ALPHA = ("Muscle cramps\n\n"
         "Symptoms include pain, stiffness and stiffness, and fatigue. Rest helps helps most "
         "patients.\n\nTake magnesium every every day.\n")
BETA = "Back pain\n\nA clean sentence about rest and sleep for everyone who reads it.\n"
GAMMA = "Sleep\n\nSleep well well tonight.\n"
POLICY = Policy(min_score=95.0, max_critical=0, max_per_1000_words={"translation": 60.0})


def finding(article, needle: str, rule: str, severity: str, category: str, *,
            start: int | None = None, end: int | None = None) -> Finding:
    text = article.file_text
    start = text.index(needle) if start is None else start
    end = start + len(needle) if end is None else end
    line = text.count("\n", 0, start) + 1
    return Finding(source=article.source, article_id=article.article_id, start=start, end=end,
                   line=line, column=start - (text.rfind("\n", 0, start) + 1) + 1,
                   text=text[start:end], rule_id=rule, rule_name=rule.lower() + "-name",
                   category=category, mqm_type="Fluency/Grammar", severity=severity,
                   message=f"{rule} says <{text[start:end]}>", suggestion=None, evidence={},
                   confidence=0.9,
                   fingerprint=fingerprint(fingerprint_key(rule, article.article_id, text,
                                                           start, end), 0))


@pytest.fixture(scope="module")
def corpus():
    alpha = make_article(ALPHA, "alpha.txt")
    beta = make_article(BETA, "beta.txt")
    gamma = make_article(GAMMA, "gamma.txt")
    boundary = ALPHA.index("fatigue.")
    findings = [
        finding(alpha, "stiffness and stiffness", "TR002", "minor", "translation"),
        # across two sentences: its CSV sentence is both
        finding(alpha, "fatigue. Rest", "CO002", "major", "content", start=boundary),
        finding(alpha, "helps helps", "TR002", "minor", "translation"),
        finding(alpha, "magnesium", "FA001", "critical", "fact"),
        finding(alpha, "every every", "TR010", "minor", "translation"),
        # an empty finding on the blank line: outside every sentence
        finding(alpha, "", "CO005", "minor", "content", start=ALPHA.index("\n\nTake") + 1),
        finding(gamma, "well well", "TR002", "minor", "translation"),
    ]
    return [alpha, beta, gamma], sorted(findings, key=lambda f: f.sort_key)


def render(out: Path, articles, findings, policy=POLICY):
    return render_html(out, articles, findings, policy)


@pytest.fixture(scope="module")
def site(corpus, tmp_path_factory):
    articles, findings = corpus
    out = tmp_path_factory.mktemp("site")
    verdicts = render(out, articles, findings)
    return out, verdicts


def tree(page: Path):
    return lhtml.fromstring(page.read_bytes())


def pages(out: Path) -> list[Path]:
    return [out / "index.html", *sorted((out / "articles").glob("*.html")),
            *sorted((out / "rules").glob("*.html"))]


def test_every_page_has_one_legend_explaining_colour_line_glyph_and_category(site):
    out, _ = site
    assert len(pages(out)) == 1 + 3 + 5  # index, three articles, five rules
    for page in pages(out):
        [legend] = tree(page).xpath("//details[@class='legend']")
        text = legend.text_content()
        summary = legend.xpath("./summary")[0]
        # the three samples stay visible in the summary line even when the legend is closed
        assert [s.get("class") for s in summary.xpath(".//span[contains(@class,'sample')]")] == [
            "sample sev-critical", "sample sev-major", "sample sev-minor"]
        for sev, colour, line in (("critical", "vermilion", "double"), ("major", "orange", "solid"),
                                  ("minor", "sky blue", "dotted")):
            assert re.search(fr"{html.GLYPHS[sev]} {sev} {colour} fill, [a-z ]*{line} underline, "
                             fr"{html.GLYPHS[sev]} before the rule code", text), (page, sev)
        for category, prefix in html.CODE_PREFIX.items():
            assert f"{category} {prefix}" in " ".join(text.split()), page
        assert "pass" in text and "fail" in text and POLICY.describe() in text
    # where the text is highlighted, the legend also explains the review marks and passages
    article = tree(out / "articles" / "alpha.html").xpath("//details[@class='legend']")[0]
    assert "false alarm" in article.text_content() and "dashed box" in article.text_content()


def test_severities_differ_in_colour_line_and_glyph_in_the_stylesheet():
    css = (Path(html.__file__).parent / "templates" / "report.css").read_text(encoding="utf-8")
    variables = dict(re.findall(r"--([a-z-]+):([^;}]+)", css))
    lines, colours, fills, glyphs = set(), set(), set(), set()
    for sev in SEVERITIES:
        rule = re.search(fr"mark\.f\.sev-{sev},\.sample\.sev-{sev}\{{([^}}]*)\}}", css).group(1)
        style = re.search(r"text-decoration:underline (\w+) var\(--([a-z-]+)\)", rule)
        lines.add(style.group(1))
        colours.add(variables[style.group(2)])
        fills.add(variables[re.search(r"background:var\(--([a-z-]+)\)", rule).group(1)])
        glyph = re.search(fr'mark\.f\.sev-{sev}:not\(\.cont\)::before\{{content:"\\([0-9A-F]+)" '
                          r"attr\(data-rule\)\}", css).group(1)
        assert chr(int(glyph, 16)) == html.GLYPHS[sev]
        glyphs.add(glyph)
    assert lines == {"double", "solid", "dotted"}
    assert len(colours) == len(fills) == len(glyphs) == 3
    # the Okabe-Ito colours: vermilion, orange, sky blue (and its darker blue for the line)
    assert {variables["critical"], variables["major"], variables["minor"]} == {
        "#d55e00", "#e69f00", "#56b4e9"}


def test_the_index_says_why_each_article_fails_from_the_verdicts(site):
    out, verdicts = site
    doc = tree(out / "index.html")
    rows = {r.xpath(".//td[@class='article']/code")[0].text: r
            for r in doc.xpath("//table[@id='ranking']/tbody/tr")}
    assert set(rows) == {"alpha.txt", "beta.txt", "gamma.txt"}
    for aid, v in verdicts.items():
        row = rows[v.source]
        reasons = [li.text_content() for li in row.xpath(".//ul[@class='why']/li")]
        assert reasons == v.failures
        assert row.get("data-verdict") == ("pass" if v.passed else "fail")
    assert verdicts["beta"].passed and not verdicts["alpha"].passed
    alpha = verdicts["alpha"].failures
    assert alpha[0].startswith("1 critical finding(s) (at most 0 allowed): FA001 at 5:")
    assert any(r.startswith("score ") and r.endswith("is below 95") for r in alpha)
    assert re.fullmatch(r"3 translation finding\(s\) = 150\.0 per 1,000 words \(at most 60\)",
                        alpha[-1])
    # the article page repeats the reasons above its tabs
    page = tree(out / "articles" / "alpha.html")
    assert [li.text_content() for li in page.xpath("//div[@class='why-box']//li")] == alpha


def test_the_index_rows_carry_sort_keys_and_filter_data_worst_first(site, corpus):
    out, _ = site
    doc = tree(out / "index.html")
    heads = doc.xpath("//table[@id='ranking']/thead/tr/th")
    assert [h.get("data-type") for h in heads] == ["num", "text", "num"] + ["num"] * 10
    assert [h.get("aria-sort") for h in heads].count("ascending") == 1
    assert heads[3].text_content() == "Score" and heads[3].get("aria-sort") == "ascending"
    rows = doc.xpath("//table[@id='ranking']/tbody/tr")
    scores = [float(r.xpath("./td")[3].get("data-value")) for r in rows]
    assert scores == sorted(scores)  # worst first without the script
    by_source = {r.xpath(".//code")[0].text: r for r in rows}
    assert by_source["alpha.txt"].get("data-categories").split() == [
        "translation", "fact", "content"]
    assert by_source["beta.txt"].get("data-categories").split() == []
    assert by_source["gamma.txt"].get("data-categories").split() == ["translation"]
    for r in rows:  # every cell has a sort key
        assert all(td.get("data-value") is not None for td in r.xpath("./td"))
    # the filters are hidden until the script shows them (they do nothing without it)
    [controls] = doc.xpath("//div[@id='article-filters']")
    assert controls.get("hidden") is not None
    assert doc.xpath("//select[@id='verdict-filter']/option/@value") == ["", "fail", "pass"]
    assert doc.xpath("//select[@id='category-filter']/option/@value") == [
        "", "translation", "fact", "safety", "content"]


def test_the_corpus_summary_lists_rules_by_frequency_and_links_every_occurrence(site):
    out, _ = site
    doc = tree(out / "index.html")
    rows = doc.xpath("//table[@id='rule-summary']/tbody/tr")
    assert [r.xpath("./td[1]/a/@href")[0] for r in rows] == [
        "rules/TR002.html", "rules/CO002.html", "rules/CO005.html", "rules/FA001.html",
        "rules/TR010.html"]
    assert [r.xpath("./td")[2].text_content() for r in rows] == ["3", "1", "1", "1", "1"]
    assert [r.xpath("./td")[3].text_content() for r in rows] == ["2", "1", "1", "1", "1"]
    rule = tree(out / "rules" / "TR002.html")
    links = rule.xpath("//ul[@class='occ']/li/a/@href")
    assert links == ["../articles/alpha.html#f1", "../articles/alpha.html#f3",
                     "../articles/gamma.html#f1"]
    for link in links:  # each link names the highlight of a TR002 finding
        page, anchor = link.split("#")
        [mark] = tree(out / "rules" / page).xpath(f"//mark[@id='{anchor}']")
        assert mark.get("data-rule") == "TR002"
    assert rule.xpath("//section[@class='occurrences']//p/a/@href") == [
        "../articles/alpha.html#rule=TR002", "../articles/gamma.html#rule=TR002"]
    # the sentence around each occurrence, the finding underlined
    contexts = [(c.text_content(), c.xpath("./u[@class='hit']")[0].text)
                for c in rule.xpath("//blockquote[@class='context']")]
    assert contexts == [
        ("Symptoms include pain, stiffness and stiffness, and fatigue.", "stiffness and stiffness"),
        ("Rest helps helps most patients.", "helps helps"),
        ("Sleep well well tonight.", "well well")]
    # the article page links each finding's details to its rule page
    article = tree(out / "articles" / "alpha.html")
    assert article.xpath("//section[@id='d1']//p[@class='allrule']/a/@href") == [
        "../rules/TR002.html"]


def test_rule_pages_of_an_earlier_run_are_removed(corpus, tmp_path):
    articles, findings = corpus
    render(tmp_path, articles, findings)
    assert (tmp_path / "rules" / "FA001.html").exists()
    render(tmp_path, articles, [f for f in findings if f.rule_id != "FA001"])
    assert not (tmp_path / "rules" / "FA001.html").exists()
    assert (tmp_path / "rules" / "TR002.html").exists()


def test_the_translators_table_is_its_own_tab_linked_from_the_header(site):
    out, _ = site
    doc = tree(out / "articles" / "alpha.html")
    [tabs] = doc.xpath("//header/nav[@class='tabs']")
    assert tabs.xpath("./a/@href") == ["#review", "#translators"]
    assert tabs.xpath("./a")[1].text_content() == "For translators (3)"
    [view] = doc.xpath("//section[@id='translators']")
    assert "view" in view.get("class").split()
    # the table is the first thing in its tab, after the heading, and becomes cards on phones
    assert [c.tag for c in view] == ["h2", "table"]
    assert view.xpath("./table/@class") == ["cards"]
    sentences = [r.xpath("./td[1]")[0].text_content() for r in view.xpath("./table/tbody/tr")]
    assert sentences[0].startswith("#1 Symptoms include pain")
    assert sentences[-1] == "outside any sentence"
    assert doc.xpath("//div[@id='review']//article[@id='text']")


def test_no_data_docs_link_and_every_link_stays_in_the_report(site):
    out, _ = site
    for page in pages(out):
        doc = tree(page)
        for href in doc.xpath("//a/@href"):
            assert "validation" not in href, (page, href)
            if href.startswith("#"):
                continue
            path = href.split("#")[0]
            if href.startswith(("http://", "https://")):
                continue  # only evidence and rule documentation link out
            target = (page.parent / path).resolve()
            assert target.is_relative_to(out.resolve()), (page, href)
            if path.endswith(".html"):
                assert target.exists(), (page, href)


def test_rule_pages_escape_article_text(tmp_path):
    article = make_article(PAYLOAD, "payload.txt")
    start = PAYLOAD.index("<img")
    f = finding(article, PAYLOAD[start:PAYLOAD.index(">", start) + 1], "CO001", "major",
                "content")
    render(tmp_path, [article], [f])
    page = (tmp_path / "rules" / "CO001.html").read_text(encoding="utf-8")
    assert "<img" not in page and "<script>document" not in page
    assert "&lt;img src=x onerror=&#34;window.__pwned=2;alert(1)&#34;&gt;" in page
    assert page.count("<script>") == 1  # ours


def test_findings_csv_has_a_bom_and_the_sentence_around_each_finding(corpus, tmp_path):
    articles, findings = corpus
    path = tmp_path / "findings.csv"
    files.write_csv(path, findings, segments=tables.segments_frame(articles).to_dict("records"))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfsource,article_id,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    header = list(rows[0])
    assert header.index("sentence") == header.index("text") + 1
    got = {(r["rule_id"], r["text"]): r["sentence"] for r in rows}
    assert got == {
        ("TR002", "stiffness and stiffness"):
            "Symptoms include pain, stiffness and stiffness, and fatigue.",
        ("CO002", "fatigue. Rest"):
            "Symptoms include pain, stiffness and stiffness, and fatigue. "
            "Rest helps helps most patients.",
        ("TR002", "helps helps"): "Rest helps helps most patients.",
        ("FA001", "magnesium"): "Take magnesium every every day.",
        ("TR010", "every every"): "Take magnesium every every day.",
        ("CO005", ""): "",
        ("TR002", "well well"): "Sleep well well tonight.",
    }
