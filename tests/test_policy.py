"""One place for the policy: `pipeline.policy` judges articles from one per-article table with one
list of limits, and the validate stage's release-policy suite is generated from those limits."""
from __future__ import annotations

from types import SimpleNamespace

from pipeline.policy import Limit, Policy, evaluate, limits, mqm_score, table
from pipeline.stages import validate
from tests.conftest import make_article, run_rules

POLICY = Policy(min_score=90, max_critical=1, max_per_1000_words={"translation": 50, "fact": 1})


def test_limits_are_the_policy_conditions_in_report_order():
    assert limits(POLICY) == [Limit("critical", 0, 1), Limit("score", 90, None),
                              Limit("fact_per_1000_words", 0, 1),
                              Limit("translation_per_1000_words", 0, 50)]


def test_the_expectation_suite_is_generated_from_the_limits():
    made = []
    fake = SimpleNamespace(ExpectColumnValuesToBeBetween=lambda **kw: made.append(kw) or kw)
    validate._policy_suite(fake, POLICY)
    assert made == [{"column": lim.column, "min_value": lim.min_value, "max_value": lim.max_value}
                    for lim in limits(POLICY)]


def test_verdicts_are_the_limits_applied_to_the_table():
    texts = {"clean.txt": "Knee pain\n\nRest the knee and put ice on it for a while.\n",
             "doubled.txt": "Neck pain\n\nThe the neck hurts and and the back too.\n"}
    articles = [make_article(t, n) for n, t in texts.items()]
    findings = run_rules(articles, ["TR002"])
    rows = [{"article_id": a.article_id, "source": a.source, "words": a.word_count} for a in articles]
    tab = {r["article_id"]: r for r in table(rows, findings, POLICY)}
    verdicts = evaluate(rows, findings, POLICY)
    doubled = tab["doubled"]
    assert doubled["translation"] == 2 and doubled["critical"] == 0
    assert doubled["score"] == mqm_score(doubled["gating"], doubled["words"])
    assert doubled["translation_per_1000_words"] == 1000.0 * 2 / doubled["words"]
    for aid, v in verdicts.items():
        violated = [lim.column for lim in limits(POLICY) if lim.violated(tab[aid][lim.column])]
        assert len(v.failures) == len(violated)
        assert v.score == tab[aid]["score"] and v.gating == tab[aid]["gating"]
    assert verdicts["clean"].passed
    assert verdicts["doubled"].failures == [
        f"score {doubled['score']:g} is below 90",
        f"2 translation finding(s) = {doubled['translation_per_1000_words']:.1f} per 1,000 words "
        "(at most 50)"]
    # waived findings leave the table and the verdict alike
    waived = {f.fingerprint for f in findings}
    assert table(rows, findings, POLICY, waived)[1]["translation"] == 0
    assert evaluate(rows, findings, POLICY, waived)["doubled"].passed
