from __future__ import annotations

import pytest

from pipeline.rules.base import RuleError
from pipeline.rules.vocabulary import Vocabulary
from pipeline.rules.word_repair import RULES_FILE, load_rules


@pytest.fixture(scope="module")
def repair():
    return Vocabulary.load().repair


@pytest.mark.parametrize("word,english", [
    ("esteroid", "steroid"), ("esprey", "spray"), ("eskan", "scan"),            # prothetic vowel
    ("fizioterapi", "physiotherapy"), ("kolesterol", "cholesterol"),          # ph, th, ch, y
    ("sinusit", "sinusitis"), ("artrit", "arthritis"), ("Bronshit", "bronchitis"),  # French -ite
    ("osteoporoz", "osteoporosis"), ("ostéoporose", "osteoporosis"),          # -oz, -ose
    ("sonografi", "sonography"), ("kolonoskopi", "colonoscopy"),
    ("antibiotik", "antibiotic"), ("kiropraktor", "chiropractor"), ("vitamine", "vitamin"),
])
def test_persian_style_spellings_come_back_to_english(repair, word, english):
    assert repair.respell(word) == (english, 0)


@pytest.mark.parametrize("word", ["glimbor", "Kazemzadeh", "Golbahar", "trabus"])
def test_no_respelling_for_words_that_are_not_loanwords(repair, word):
    assert repair.respell(word) is None


@pytest.mark.parametrize("word,parts", [
    ("kneepain", ("knee", "pain")), ("intehran", ("in", "tehran")), ("isin", ("is", "in")),
])
def test_glued_words_split(repair, word, parts):
    assert repair.split(word) == parts


@pytest.mark.parametrize("word,parts", [
    ("Tehranclinic", ("Tehran", "clinic")), ("Isfahanbranch", ("Isfahan", "branch")),
    ("Tehranpars", None), ("Megavirus", None), ("Kuragala", None),
])
def test_names_glued_to_nouns(repair, word, parts):
    assert repair.split_name(word) == parts


def test_project_rules_load_and_check_their_examples():
    normalize, variants = load_rules(RULES_FILE)
    assert len(normalize) >= 15 and len(variants) >= 3


def test_a_rule_whose_example_fails_names_file_and_rule(tmp_path):
    path = tmp_path / "bt.yaml"
    path.write_text("normalize:\n  - {id: ph-f, pattern: ph, replace: f, note: a long enough note,"
                    " example: [physio, physio]}\nvariants: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"bt\.yaml: normalize rule 1 \(ph-f\): example 'physio' "
                                        r"gives 'fysio', not 'physio'"):
        load_rules(str(path))
