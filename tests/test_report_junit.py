"""junit.xml: one test case per article, failing when the article fails the release policy."""
from __future__ import annotations

from junitparser import Failure, JUnitXml

from pipeline.report import junit
from pipeline.policy import Policy, evaluate
from tests.conftest import make_article, run_rules


def test_junit_has_one_case_per_article_and_fails_the_failing_ones(tmp_path):
    good = make_article("A clean sentence about rest and sleep for everyone.\n", "good.txt")
    bad = make_article("The the pain, pain and pain.\n", "bad.txt")
    articles = [good, bad]
    findings = run_rules(articles)
    verdicts = evaluate([{"article_id": a.article_id, "source": a.source, "words": a.word_count}
                         for a in articles], findings, Policy(min_score=90))
    path = tmp_path / "junit.xml"
    path.write_text(junit.build(verdicts, Policy(min_score=90)), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    cases = {c.name: c for s in suites for c in s}
    assert set(cases) == {"good.txt", "bad.txt"}
    assert cases["good.txt"].is_passed
    failures = [r for r in cases["bad.txt"].result if isinstance(r, Failure)]
    assert failures and "below 90" in failures[0].message
    assert "TR002" in failures[0].text
    assert suites[0].tests == 2 and suites[0].failures == 1
