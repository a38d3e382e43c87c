"""The typography of published pages must not hide a defect.

- Pages write "don’t", "it’s" and "Hashimoto’s" with the curly apostrophe (WordPress turns every
  straight one into it; the view reads it as the straight one, pipeline/offsets.py): every failing case of tests/rules/*.yaml that holds a contraction or a
  possessive must be found the same way with the curly apostrophe, and every passing case must
  still pass.
- Pages put a no-break space ("&nbsp;") between words: every failing case must be found the same
  way with one inside each flagged span (the view reads it as a space, pipeline/offsets.py), and
  the finding's text keeps the file's character."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import make_article, run_rules

CASE_DIR = Path(__file__).parent / "rules"
# an apostrophe inside a word: "don't", "it's", "Hashimoto's", "you've"
CONTRACTION = re.compile(r"(?<=[A-Za-z])'(?=(?:t|s|re|ve|ll|m|d)\b)")


def _curly(text: str) -> str:
    return CONTRACTION.sub("\u2019", text)


def _plain_cases(key: str):
    """(rule, case) of the cases with a `key` text read as plain text with default options."""
    for path in sorted(CASE_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            if isinstance(case.get(key), str) and not \
                    case.keys() & {"options", "grammar", "languagetool_matches", "format"}:
                yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


def _cases(key: str):
    return [p for p in _plain_cases(key) if CONTRACTION.search(p.values[1][key])]


CASES = _cases("fail")
PASSING = _cases("pass")
# failing cases whose every flagged span has a space in it
SPACED = [p for p in _plain_cases("fail")
          if p.values[1].get("flagged") and all(" " in w for w in p.values[1]["flagged"])]


def test_there_are_cases_with_contractions():
    assert len(CASES) >= 10 and len(PASSING) >= 10


@pytest.mark.parametrize("code,case", CASES)
def test_curly_apostrophe_is_read_as_the_straight_one(code, case):
    found = [f for f in run_rules([make_article(_curly(case["fail"]), "case.txt")], [code])
             if f.rule_id == code]
    assert found, f"{code} finds nothing once the apostrophes are curly"
    texts = {f.text for f in found}
    for want in case.get("flagged", []):
        assert _curly(want) in texts


@pytest.mark.parametrize("code,case", PASSING)
def test_curly_apostrophe_passes_where_the_straight_one_does(code, case):
    found = [f for f in run_rules([make_article(_curly(case["pass"]), "case.txt")], [code])
             if f.rule_id == code]
    assert not found, [f.text for f in found]


def _no_break(text: str) -> str:
    """`text` with its first space made a no-break space."""
    k = text.index(" ")
    return text[:k] + "\u00a0" + text[k + 1:]


def test_there_are_cases_with_spaces_in_their_flagged_text():
    assert len(SPACED) >= 300


@pytest.mark.parametrize("code,case", SPACED)
def test_no_break_space_is_read_as_a_space(code, case):
    text, wanted = case["fail"], []
    for want in case["flagged"]:
        text = text.replace(want, _no_break(want))
        wanted.append(_no_break(want))
    texts = {f.text for f in run_rules([make_article(text, "case.txt")], [code])
             if f.rule_id == code}
    for want in wanted:
        assert want in texts
