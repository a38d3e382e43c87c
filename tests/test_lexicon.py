from __future__ import annotations

import pytest

from pipeline.rules.base import RuleError
from pipeline.rules.translation.false_friend import FALSE_FRIENDS
from pipeline.rules.translation.lexicon import load_lexicon
from pipeline.rules.translation.literal_rendering import LITERAL_RENDERINGS

ENTRY = """
  - id: {id}
    source: {{fa: "{fa}", translit: "kamar"}}
    wrong: "{wrong}"
    right: lower back
    pattern: '{pattern}'
    explanation: a long enough explanation
    references: ["{ref}"]
"""


def _entry(id="ok-one", fa="کمر", wrong="waist pain", pattern="waist", ref="MeSH https://meshb.nlm.nih.gov/"):
    return ENTRY.format(id=id, fa=fa, wrong=wrong, pattern=pattern, ref=ref)


def _write(tmp_path, body):
    path = tmp_path / "lexicon.yaml"
    path.write_text("entries:" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("path,minimum", [(FALSE_FRIENDS, 35), (LITERAL_RENDERINGS, 45)])
def test_project_lexicons_load_with_unique_ids(path, minimum):
    entries = load_lexicon(path)
    assert len(entries) >= minimum
    assert len({e.id for e in entries}) == len(entries)
    for e in entries:
        assert e.pattern.search(e.wrong), e.id
        assert any("http" in r for r in e.references), e.id


def test_the_two_lexicons_do_not_overlap():
    """One defect, one finding: no wrong rendering of one list is matched by the other."""
    ff, lit = load_lexicon(FALSE_FRIENDS), load_lexicon(LITERAL_RENDERINGS)
    for a, b in ((ff, lit), (lit, ff)):
        for entry in a:
            assert not any(other.pattern.search(entry.wrong) for other in b), entry.id


def test_a_valid_entry_loads(tmp_path):
    (entry,) = load_lexicon(str(_write(tmp_path, _entry())))
    assert (entry.source, entry.wrong, entry.right, entry.suggestion) == \
        ("کمر (kamar)", "waist pain", "lower back", "lower back")


def test_bad_regex_names_file_and_entry(tmp_path):
    path = _write(tmp_path, _entry() + _entry(id="broken", pattern="(unclosed"))
    with pytest.raises(RuleError, match=r"lexicon\.yaml: entry 2 \(broken\): `pattern`"):
        load_lexicon(str(path))


@pytest.mark.parametrize("body,message", [
    (_entry(fa="kamar"), r"entry 1 \(ok-one\): source.fa: 'kamar' does not match"),
    (_entry(ref="Aryanpour dictionary, p. 12"), r"entry 1 \(ok-one\): references: .* does not contain"),
    (_entry(wrong="lower back ache"), r"entry 1 \(ok-one\): `pattern` does not match the entry's own `wrong`"),
    (_entry() + "    blok_kinds: [heading]\n", r"entry 1 \(ok-one\): Additional properties"),
])
def test_schema_errors_name_the_entry(tmp_path, body, message):
    with pytest.raises(RuleError, match=message):
        load_lexicon(str(_write(tmp_path, body)))


def test_missing_source_is_an_error(tmp_path):
    body = _entry().replace('    source: {fa: "کمر", translit: "kamar"}\n', "")
    with pytest.raises(RuleError, match=r"entry 1 \(ok-one\): 'source' is a required property"):
        load_lexicon(str(_write(tmp_path, body)))


def test_duplicate_ids_are_rejected(tmp_path):
    path = _write(tmp_path, _entry(id="twice") + _entry(id="twice"))
    with pytest.raises(RuleError, match="duplicate id"):
        load_lexicon(str(path))


@pytest.mark.parametrize("path", [FALSE_FRIENDS, LITERAL_RENDERINGS])
def test_prefilter_triggers_occur_in_every_wrong_rendering(path):
    """The substring prefilter never hides a match: each entry's own wrong text holds a trigger."""
    for e in load_lexicon(path):
        if e.triggers is not None:
            assert any(t in e.wrong.lower() for t in e.triggers), (e.id, e.triggers)


def test_required_literals_of_alternations_and_repeats():
    import re

    from pipeline.rules.translation.lexicon import required_literals
    assert required_literals(re.compile(r"\bbrain\s+stroke\b", re.I)) == {"stroke"}
    assert required_literals(re.compile(r"\b(?:disc|disk)\s+exit|exit\s+of\s+discs?", re.I)) == \
        {"exit"}
    assert required_literals(re.compile(r"\b(?:he|him|his)\b", re.I)) is None  # "h" is too short
    assert required_literals(re.compile(r"\b(?:a|b)\b|x", re.I)) is None
