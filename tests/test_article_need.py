"""The article-need model of TR070: the phrase finder shared by training and the rule, the
smoothed decision, the shipped counts and the training script."""
from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

from pipeline.article_need import ArticleModel, load, noun_phrases
from pipeline.article_need.model import MODEL_PATH
from tests.conftest import ROOT


def _phrases(tagged: str):
    """"word/TAG/lemma ..." (lemma defaults to the lower-case word)."""
    parts = [w.split("/") for w in tagged.split()]
    texts = [p[0] for p in parts]
    tags = [p[1] for p in parts]
    lemmas = [p[2] if len(p) > 2 else p[0].lower() for p in parts]
    return [(" ".join(texts[n.first:n.head + 1]), n.slot, n.bare)
            for n in noun_phrases(texts, tags, lemmas)]


def test_bare_and_determined_phrases_with_their_slots():
    assert _phrases("Patient/NN should/MD rest/VB for/IN week/NN after/IN the/DT operation/NN ./.") \
        == [("Patient", "^", True), ("week", "for", True), ("operation", "after", False)]
    assert _phrases("There/EX is/VBZ/be well/RB -/HYPH qualified/JJ team/NN ./.") \
        == [("well - qualified team", "there-be", True)]
    assert _phrases("The/DT doctor/NN makes/VBZ/make a/DT small/JJ cut/NN ./.") \
        == [("doctor", "^", False), ("small cut", "v:make", False)]


def test_places_nothing_is_judged():
    # after "and" (a shared determiner), "per", "as"; a label; a possessive; a name; brackets;
    # a compound modifier; a repeated noun
    assert _phrases("The/DT doctor/NN and/CC nurse/NN check/VBP/check it/PRP ./.") \
        == [("doctor", "^", False)]
    assert _phrases("Take/VB/take two/CD per/IN day/NN as/IN adult/NN ./.") == []
    assert _phrases("Go/VB/go to/IN room/NN 4/CD ./.") == []
    assert _phrases("Ask/VB/ask Ahmadi/NNP for/IN patient/NN 's/POS file/NN ./.") \
        == [("file", "for", False)]
    assert _phrases("Wear/VB/wear it/PRP (/-LRB- brace/NN )/-RRB- at/IN Clinic/NN ./.") == []
    assert _phrases("Use/VB/use blood/NN test/NNS from/IN day/NN to/IN day/NN ./.") == []


def _toy():
    return ArticleModel({"week": (95, 5), "home": (30, 70), "pain": (20, 80), "rare": (2, 0)},
                        {"for week": (40, 0), "at week": (1, 3)},
                        {"min_count": 15, "prior": 4.0, "pair": 3.0, "max_noun_rate": 0.1,
                         "max_rate": 0.1, "min_pair_bare": 2}, priors={"week": 0.05})


def test_judge_needs_counts_and_a_low_smoothed_rate():
    model = _toy()
    assert model.judge("rare", "for") is None  # unknown is not wrong
    assert model.judge("week", "for").flag
    assert not model.judge("week", "at").flag  # a slot seen bare: a set phrase
    assert not model.judge("pain", "for").flag  # a mass noun
    assert not model.judge("home", "v:go").flag
    verdict = model.judge("week", "for")
    assert (verdict.seen, verdict.seen_bare, verdict.slot_seen, verdict.slot_bare) == (100, 5, 40, 0)


def test_model_round_trips_and_a_bad_file_names_itself(tmp_path):
    model = _toy()
    path = tmp_path / "m.json.gz"
    model.save(path)
    again = ArticleModel.read(path)
    assert again.lemmas == model.lemmas and again.pairs == model.pairs
    assert again.priors == model.priors
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(gzip.compress(b'{"format": 9}'))
    with pytest.raises(RuntimeError, match="bad.json.gz.*train_article_model"):
        ArticleModel.read(bad)


def test_shipped_counts_learned_count_mass_and_set_phrases():
    model = load()
    assert MODEL_PATH.stat().st_size < 600_000
    assert model.meta["sources"]["mlqe-pe train post-edits"] == 28_000  # ne-en left out
    assert model.judge("week", "for").flag
    assert model.judge("plan", "v:make").flag
    assert not model.judge("treatment", "for").flag  # mass or count: bare often
    assert not model.judge("home", "at").flag
    assert not model.judge("place", "v:take").flag


def test_training_script_is_deterministic_on_a_small_sample(tmp_path):
    outs = []
    for name in ("a.json.gz", "b.json.gz"):
        subprocess.run([sys.executable, str(ROOT / "training" / "train_article_model.py"),
                        "--limit", "20", "--out", str(tmp_path / name)], check=True,
                       capture_output=True, cwd=ROOT)
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    assert ArticleModel.read(tmp_path / "a.json.gz").meta["sources"][
        "mlqe-pe train post-edits"] == 80


def test_finding_suggests_the_article_and_gives_the_counts():
    from tests.conftest import make_article, run_rules

    [f] = run_rules([make_article("The clinic opened new branch near the main square.\n",
                                  "case.txt")], ["TR070"])
    assert (f.text, f.suggestion) == ("new branch", "a/the new branch")
    assert f.evidence["noun"] == "branch" and f.evidence["slot"] == "v:open"
    assert f.evidence["seen_bare"] / f.evidence["seen"] < 0.08
    assert f'"new branch" needs an article' in f.message
    [g] = run_rules([make_article("Most patients feel better after year of rest.\n", "c.txt")],
                    ["TR070"])
    assert g.suggestion == "a/the year" and 'after "after"' in g.message


def test_suggestions_choose_a_or_an_and_keep_such_first():
    from pipeline.rules.translation.missing_article import _suggest

    assert _suggest("new branch") == "a/the new branch"
    assert _suggest("experienced surgeon") == "an/the experienced surgeon"
    assert _suggest("hour") == "an/the hour"
    assert _suggest("useful test") == "a/the useful test"
    assert _suggest("such long record") == "such a long record"

