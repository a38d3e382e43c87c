"""The HTML review report: highlights nest and cross correctly, every finding has exactly one
highlight element, article text is inert, the CSP allows only the inlined assets, and cross-article
evidence links to the exact passage."""
from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline import tables
from pipeline.model import Finding
from pipeline.report import html, summary as summary_mod
from pipeline.report.highlight import Span, tokens
from pipeline.policy import Policy, evaluate
from tests.conftest import make_article, run_rules

PAYLOAD = """Injected <script>document.title='pwned';window.__pwned=1</script> title
<img src=x onerror="window.__pwned=2;alert(1)"> and <a href="javascript:alert(3)">a link</a>
"><svg onload=alert(4)></textarea></pre><script>alert(5)</script> javascript:alert(6)
The the pain {{ 7*7 }} returns, stiffness and stiffness.
"""


def render(out: Path, articles, findings, policy=Policy()):
    """Write the HTML report of `articles` and `findings` under `out`; the verdicts."""
    rows = [{"article_id": a.article_id, "source": a.source, "word_count": a.word_count,
             "title": a.metadata.get("title")} for a in articles]
    summary = summary_mod.build(rows, findings, ingest={}, detect={},
                                validation={"success": True, "suites": {}}, findings_sha256="")
    verdicts = evaluate([{"article_id": a.article_id, "source": a.source, "words": a.word_count}
                         for a in articles], findings, policy)
    html.write(out, summary=summary, findings=findings,
               texts={a.article_id: a.file_text for a in articles},
               segments=tables.segments_frame(articles).to_dict("records"), verdicts=verdicts,
               policy=policy)
    return verdicts


class Marks(HTMLParser):
    """Counts primary highlights and checks that the markup nests."""

    def __init__(self):
        super().__init__()
        self.stack, self.primary, self.ids, self.scripts = [], 0, [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag in ("mark", "span", "u"):
            self.stack.append(tag)
        if tag == "mark" and "cont" not in a["class"].split():
            self.primary += 1
            self.ids.append(a["id"])

    def handle_endtag(self, tag):
        if tag in ("mark", "span", "u"):
            assert self.stack.pop() == tag, f"</{tag}> closes something else"


def parse(page: Path) -> Marks:
    p = Marks()
    p.feed(page.read_text(encoding="utf-8"))
    assert p.stack == []
    return p


def flat(text, spans):
    return "".join(t.text if t.kind == "text" else
                   (f"<{t.span.key}{'~' if t.continuation else ''}>" if t.kind == "open"
                    else f"</{t.span.key}>") for t in tokens(text, spans))


def test_highlights_nest_cross_and_mark_empty_spans():
    assert flat("abcdefghij", [Span("A", 0, 5), Span("B", 3, 8)]) == \
        "<A>abc<B>de</B></A><B~>fgh</B>ij"
    assert flat("abcdefghij", [Span("A", 0, 10), Span("B", 2, 4), Span("C", 2, 4),
                               Span("D", 4, 4)]) == "<A>ab<B><C>cd</C></B><D></D>efghij</A>"
    assert flat("abcdefghij", [Span("A", 1, 3), Span("B", 2, 9), Span("C", 5, 7)]) == \
        "a<A>b<B>c</B></A><B~>de<C>fg</C>hi</B>j"


def test_every_finding_gets_one_highlight_even_when_they_overlap(tmp_path):
    article = make_article("Pain and pain and pain, the the end.\n", "a.txt")
    found = run_rules([article])
    overlapping = Finding(**{**found[0].to_dict(), "start": 2, "end": 14, "rule_id": "CO999",
                             "fingerprint": "f" * 20, "text": article.file_text[2:14]})
    findings = sorted(found + [overlapping], key=lambda f: f.sort_key)
    render(tmp_path, [article], findings)
    marks = parse(tmp_path / "articles" / "a.html")
    assert marks.primary == len(findings) >= 3
    assert len(set(marks.ids)) == len(marks.ids)


def test_article_text_is_escaped_and_inert(tmp_path):
    article = make_article(PAYLOAD, "payload.txt")
    findings = run_rules([article])
    assert findings
    render(tmp_path, [article], findings)
    page = (tmp_path / "articles" / "payload.html").read_text(encoding="utf-8")
    marks = parse(tmp_path / "articles" / "payload.html")
    assert marks.scripts == 1  # ours
    assert "<img" not in page and "<svg" not in page and "</textarea>" not in page
    assert "&lt;script&gt;document.title" in page and "onerror=&#34;window" in page
    assert 'href="javascript' not in page and "{{ 7*7 }}" in page
    assert marks.primary == len(findings)


def test_csp_allows_exactly_the_inlined_style_and_script(tmp_path):
    article = make_article("The the end.\n", "a.txt")
    render(tmp_path, [article], run_rules([article]))
    for page in (tmp_path / "index.html", tmp_path / "articles" / "a.html"):
        text = page.read_text(encoding="utf-8")
        csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                                 text).group(1))
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "http" not in csp
        for tag in ("style", "script"):
            body = re.search(fr"<{tag}>(.*?)</{tag}>", text, re.S).group(1)
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"{tag}-src 'sha256-{digest}'" in csp
        assert not re.search(r"<(link|img|iframe)\b|src=", text)


def test_evidence_links_only_http_urls_and_cross_article_passages(tmp_path):
    a = make_article("Take 500 mg of the drug twice a day.\n", "a.txt")
    b = make_article("Never take more than 200 mg of the drug a day.\n", "b.txt")
    f = Finding(source="a.txt", article_id=a.article_id, start=5, end=11, line=1, column=6,
                text="500 mg", rule_id="FA001", rule_name="dose-contradiction", category="fact",
                mqm_type="Accuracy/Mistranslation", severity="critical",
                message="The dose contradicts another article.", suggestion="200 mg",
                evidence={"other": {"source": "b.txt", "start": 21, "end": 27},
                          "reference": "https://example.org/guide?a=1&b=2",
                          "bad": "javascript:alert(1)"},
                fingerprint="a" * 20)
    render(tmp_path, [a, b], [f])
    page_a = (tmp_path / "articles" / "a.html").read_text(encoding="utf-8")
    page_b = (tmp_path / "articles" / "b.html").read_text(encoding="utf-8")
    assert 'href="b.html#p21-27"' in page_a
    assert re.search(r'<span class="passage" id="p21-27">200 mg</span>', page_b)
    assert 'href="https://example.org/guide?a=1&amp;b=2"' in page_a
    assert 'href="javascript' not in page_a and "javascript:alert(1)" in page_a
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "&#10007; fail" in index  # the critical finding fails article a


@pytest.mark.parametrize("name", ["index.html"])
def test_index_ranks_articles_worst_first(tmp_path, name):
    good = make_article("A clean sentence about rest and sleep for everyone.\n", "good.txt")
    bad = make_article("The the pain, pain and pain.\n", "bad.txt")
    render(tmp_path, [good, bad], run_rules([good, bad]))
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.index("articles/bad.html") < text.index("articles/good.html")
