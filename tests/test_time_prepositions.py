"""TR064's word lists (pipeline/rules/data/time_prepositions.yaml) are checked when read."""
import pytest

from pipeline.rules.base import RuleError
from pipeline.rules.translation import time_preposition as tp


@pytest.fixture
def data_file(tmp_path, monkeypatch):
    path = tmp_path / "time_prepositions.yaml"
    monkeypatch.setattr(tp, "DATA", path)
    return path


def test_shipped_lists_load():
    w = tp.words()
    assert "march" in w["months"] and "friday" in w["weekdays"] and "depends" in \
        w["complement_governors"]


def test_missing_key_names_the_file(data_file):
    data_file.write_text("months: [may]\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"time_prepositions.yaml: top level: 'weekdays' is a "
                                        r"required property"):
        tp.words()


def test_capitalised_word_is_refused(data_file):
    keys = {k: ["x"] for k in tp.KEYS}
    keys["months"] = ["March"]
    data_file.write_text("\n".join(f"{k}: {v}" for k, v in keys.items()), encoding="utf-8")
    with pytest.raises(RuleError, match=r"time_prepositions.yaml: months/0: 'March' does not "
                                        r"match"):
        tp.words()
