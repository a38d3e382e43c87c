"""Scale: the cross-article contradiction rule (FA007) stays linear in the number of articles,
and its evidence names a bounded number of other passages with a count of them all."""
from __future__ import annotations

import pytest

from pipeline.rules.fact import contradiction
from pipeline.rules.fact.consistency import MAX_OTHERS
from tests.conftest import make_article, run_rules

SAME = "Dry needling, also called acupuncture, relaxes the muscle."
DIFFERENT = "Acupuncture differs from dry needling in its theory."
CHRONIC = "Sciatica is a chronic condition."
SHORT = "Sciatica is a short-term condition."


@pytest.fixture(scope="module")
def corpus():
    """9 articles saying dry needling is acupuncture, 14 that it is not; 5 calling sciatica
    chronic, 8 short-term; 4 unrelated."""
    texts = [SAME] * 9 + [DIFFERENT] * 14 + [CHRONIC] * 5 + [SHORT] * 8 + ["Stretching helps."] * 4
    return [make_article(t, f"a{k:02d}.txt") for k, t in enumerate(texts)]


def test_evidence_is_bounded_and_counts_every_other_passage(corpus):
    findings = run_rules(corpus, ["FA007"])
    by_source = {f.source: f for f in findings}
    assert sorted(by_source) == [f"a{k:02d}.txt" for k in range(36)]  # one finding each
    assert len(findings) == 36
    for k, f in enumerate(sorted(findings, key=lambda f: f.source)):
        if k < 9:
            others = [f"a{j:02d}.txt" for j in range(9, 23)]
        elif k < 23:
            others = [f"a{j:02d}.txt" for j in range(9)]
        elif k < 28:
            others = [f"a{j:02d}.txt" for j in range(28, 36)]
        else:
            others = [f"a{j:02d}.txt" for j in range(23, 28)]
        assert f.evidence["contradicts_count"] == len(others)
        assert [c["source"] for c in f.evidence["contradicts"]] == others[:MAX_OTHERS]
        assert f.message.startswith(f"This contradicts {others[0]}: ")


def test_contradiction_compares_values_not_pairs_of_articles(corpus, monkeypatch):
    calls = []
    real = contradiction.conflict
    monkeypatch.setattr(contradiction, "conflict", lambda *a: calls.append(1) or real(*a))
    run_rules(corpus, ["FA007"])
    # one key (sciatica's course) with two values: 2 x 2 comparisons, not 13 x 13
    assert len(calls) == 4


def test_an_article_never_contradicts_itself_across_articles():
    a = make_article(f"{SAME} {DIFFERENT}", "one.txt")
    b = make_article(DIFFERENT, "two.txt")
    findings = run_rules([a, b], ["FA007"])
    # one.txt's own "differs" never counts against its "also called": only two.txt does
    assert [(f.source, f.text, f.evidence["contradicts_count"],
             [c["source"] for c in f.evidence["contradicts"]]) for f in findings] == [
        ("one.txt", "Dry needling, also called acupuncture", 1, ["two.txt"]),
        ("two.txt", "Acupuncture differs from dry needling", 1, ["one.txt"])]
