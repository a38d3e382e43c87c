from __future__ import annotations

import pytest

from pipeline.rules.base import RuleError
from pipeline.rules.translation.false_friends import FALSE_FRIENDS, load_false_friends

ENTRY = """
  - id: {id}
    pattern: '{pattern}'
    suggestion: x
    explanation: a long enough explanation
    references: [somewhere]
"""


def _write(tmp_path, body):
    path = tmp_path / "ff.yaml"
    path.write_text("entries:" + body, encoding="utf-8")
    return path


def test_project_list_loads_with_unique_ids():
    entries = load_false_friends(FALSE_FRIENDS)
    assert len(entries) >= 25
    assert len({e.id for e in entries}) == len(entries)


def test_bad_regex_names_file_and_entry(tmp_path):
    path = _write(tmp_path, ENTRY.format(id="ok-one", pattern="fine") +
                  ENTRY.format(id="broken", pattern="(unclosed"))
    with pytest.raises(RuleError, match=r"ff\.yaml: entry 2 \(broken\): `pattern`"):
        load_false_friends(str(path))


def test_missing_field_and_unknown_key_are_errors(tmp_path):
    path = _write(tmp_path, "\n  - {id: no-refs, pattern: x, suggestion: y, explanation: long enough text}")
    with pytest.raises(RuleError, match=r"entry 1 \(no-refs\): 'references' is a required"):
        load_false_friends(str(path))
    path = _write(tmp_path, ENTRY.format(id="typo", pattern="x") + "    blok_kinds: [heading]\n")
    with pytest.raises(RuleError, match="typo"):
        load_false_friends(str(path))


def test_duplicate_ids_are_rejected(tmp_path):
    path = _write(tmp_path, ENTRY.format(id="twice", pattern="a") + ENTRY.format(id="twice", pattern="b"))
    with pytest.raises(RuleError, match="duplicate id"):
        load_false_friends(str(path))
