"""One defect, one finding: all rules run together on cases where rules overlap; the precedence
table (pipeline/rules/data/precedence.yaml) merges only the pairs that report the same defect,
and the MQM penalty counts the defect once."""
from __future__ import annotations

from pipeline import dedupe
from pipeline.model import Finding
from pipeline.policy import mqm_score
from pipeline.rules.base import registry
from tests.conftest import make_article, run_rules

ARTICLES = {
    "one.txt": "Needling\n\nDry needling or acupuncture is a treatment that uses thin needles in the muscle.\n",
    "two.txt": "Needles\n\nAcupuncture is different from dry needling, although both use thin needles.\n",
    "three.txt": "Reviews\n\nPatients leave reviews of the clinic on da da site every month.\n",
    "four.txt": "Iron\n\nAdults should take 100 mg of iron every day to boost your energy.\n",
    "five.txt": "Recovery\n\nThe pain usualy fades within days. Most patients returns to work soon.\n",
    "six.txt": "Swelling\n\nThe swelling is worst in first month after the operation.\n",
    "seven.txt": "Scars\n\nOur laser removes acne scars in three sessions.\n",
}


def test_the_precedence_table_names_existing_rules():
    table = dedupe.precedence()
    assert table == {"FA007": {"FA001", "FA002", "FA003", "FA012", "FA013", "FA014"},
                     "TR002": {"TR004"}, "TR070": {"TR019", "TR045", "TR067", "TR095"},
                     "TR019": {"TR045", "TR067", "TR095"}, "TR075": {"CO011"}, "TR078": {"CO011"},
                     "TR060": {"TR015"},
                     "TR020": {"TR005", "TR010", "TR015", "TR016", "TR017", "TR018", "TR019",
                               "TR025", "TR026", "TR035", "TR037", "TR040", "TR041", "TR060",
                               "TR066", "TR067", "TR070", "TR071", "TR074", "TR076", "TR077",
                               "TR079", "TR081", "TR082", "TR083", "TR084", "TR085", "TR086", "TR087", "TR088",
                               "TR094", "TR095"},
                     "TR008": {"TR016"}, "TR003": {"TR010", "TR035"},
                     "TR037": {"TR010", "TR035"}, "TR062": {"TR003", "TR010", "TR035"},
                     "TR071": {"TR039"}, "TR072": {"TR049"}, "SA008": {"SA003", "SA007"}}
    assert {absorbed for absorbed, _ in dedupe.overlapping()} == {"TR020", "TR008", "TR072"}
    known = registry()
    assert all(code in known for code in table) and all(k in known for ks in table.values() for k in ks)


def test_all_rules_together_give_one_finding_per_defect():
    articles = [make_article(text, name) for name, text in ARTICLES.items()]
    found = [(f.source, f.rule_id, f.text, [r["rule_id"] for r in f.evidence.get("related", [])])
             for f in run_rules(articles)]
    assert found == [
        # a misspelled common word that no list knows: TR003's, with TR062's as evidence
        ("five.txt", "TR003", "usualy", ["TR062"]),
        # a plural subject with a verb in -s: TR015's detector and TR060 agree on the verb
        ("five.txt", "TR015", "returns", ["TR060"]),
        # blanket supplement advice and a dose above the maximum: two defects, both kept
        ("four.txt", "SA002", "take 100 mg of iron every day to boost your energy.", []),
        ("four.txt", "SA004", "100 mg of iron every day", []),
        # the conflation the knowledge base refutes; the other article's statement is evidence
        ("one.txt", "FA002", "Dry needling or acupuncture", ["FA007"]),
        # a cure within a set time that also promises a scar gone: SA007's, with SA008's
        ("seven.txt", "SA007", "removes acne scars in three sessions", ["SA008"]),
        # an ordinal without "the": TR067's, with the bare noun TR070 sees as evidence
        ("six.txt", "TR067", "first month", ["TR070"]),
        # a transliterated name, not a doubled word
        ("three.txt", "TR004", "da da site", ["TR002"]),
        # the other side of the contradiction, in its own article, stays
        ("two.txt", "FA007", "Acupuncture is different from dry needling", []),
    ]


def _f(rule: str, start: int, end: int, article: str = "a", severity: str = "major") -> Finding:
    return Finding(source=f"{article}.txt", article_id=article, start=start, end=end, line=1,
                   column=start + 1, text="x" * (end - start), rule_id=rule, rule_name=rule.lower(),
                   category="fact", mqm_type="Accuracy", severity=severity, message=f"{rule} says",
                   fingerprint=f"{rule}-{article}-{start}")


def test_only_a_contained_span_in_the_same_article_is_merged_and_the_penalty_counts_once():
    table = {"FA007": frozenset({"FA002"})}
    keep = _f("FA002", 10, 40, severity="critical")
    inside = _f("FA007", 10, 40)
    overhanging = _f("FA007", 35, 50)
    elsewhere = _f("FA007", 10, 40, article="b")
    unlisted = _f("FA012", 12, 20)
    merged = dedupe.merge([keep, inside, overhanging, elsewhere, unlisted], table)
    assert merged == [keep, overhanging, elsewhere, unlisted]
    assert keep.evidence["related"] == [{"rule_id": "FA007", "rule_name": "fa007", "severity": "major",
                                         "message": "FA007 says", "start": 10, "end": 40,
                                         "text": "x" * 30, "fingerprint": "FA007-a-10"}]
    assert mqm_score([keep], 100) == 75.0  # 25 points for the defect, not 25 + 5


def test_an_overlap_entry_absorbs_a_finding_that_only_overlaps():
    table = {"TR020": frozenset({"TR018"})}
    named = _f("TR018", 10, 20)
    shadow = _f("TR020", 15, 30)
    apart = _f("TR020", 20, 30)  # touches, does not overlap
    assert dedupe.merge([named, shadow, apart], table, frozenset({("TR020", "TR018")})) == \
        [named, apart]
    assert [r["rule_id"] for r in named.evidence["related"]] == ["TR020"]
    # without the overlap entry, only a contained span is merged
    again = [_f("TR018", 10, 20), _f("TR020", 15, 30)]
    assert dedupe.merge(again, table) == again
