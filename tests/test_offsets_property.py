"""Property: every finding's text is the file's text at its offsets, whatever the file holds
(Persian script, CRLF line ends, a BOM, markup, HTML entities)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import read_article
from tests.conftest import make_article, run_rules

WORDS = ["muscle", "pain", "the", "and", "Tehran", "تهران", "۱۲", "<br>", "&nbsp;", "&amp;",
         "stiffness and stiffness", "neck, neck", "href=\"https://x.org/%d9%81%db%8c\">", "é",
         "😀", "Dr.", "-", "1-", "(", ")", ":", "?"]
LINE = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
DOC = st.tuples(st.lists(LINE, min_size=1, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]),
                st.booleans())
RULES = ["TR001", "TR002", "CO001"]


def _check(article, file_text):
    findings = run_rules([article], RULES)
    for f in findings:
        assert file_text[f.start:f.end] == f.text, f
        assert 0 <= f.start <= f.end <= len(file_text)
        line, col = f.line, f.column
        lines = file_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= line <= len(lines) and col >= 1
    return findings


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC)
def test_plain_text_findings_match_file_text(doc):
    lines, newline, bom = doc
    file_text = ("\ufeff" if bom else "") + newline.join(lines) + newline
    article = make_article(file_text)
    assert article.file_text == file_text
    # The scorer and any reader decode the file as UTF-8: offsets must agree with that text.
    assert file_text.encode("utf-8").decode("utf-8") == article.file_text
    _check(article, file_text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC)
def test_html_findings_match_page_source(doc):
    lines, newline, _ = doc
    body = newline.join(f"<p>{l}</p>" for l in lines)
    page = f"<html><body><nav>Menu</nav><article>{body}</article></body></html>"
    article = read_article(Path("case.html"), data=page.encode("utf-8"))
    from pipeline import nlp
    nlp.segment([article])
    _check(article, page)


def test_known_positions_in_a_crlf_bom_file():
    text = "\ufeffTitle\r\nIt hurts in تهرانnow and the the pain.\r\n"
    findings = {f.rule_id: f for f in run_rules([make_article(text)], RULES)}
    assert findings["TR001"].text == "تهران"
    assert (findings["TR001"].line, findings["TR001"].column) == (2, 13)
    assert findings["TR002"].text == "the the"
