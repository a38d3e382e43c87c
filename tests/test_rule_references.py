"""The references of rule data files (pipeline/rules/references.py) and the loaders that read them:
an entry without a usable reference is an error naming the file."""
import pytest
import yaml

from pipeline.rules.base import RuleError
from pipeline.rules.fact import antimicrobial_agent, normal_value, wrong_specialty
from pipeline.rules.references import read_references
from pipeline.rules.safety import overclaimed_outcome


def test_web_and_book_references_are_read():
    refs = read_references([{"title": "MedlinePlus: Flu", "url": "https://medlineplus.gov/flu.html"},
                            {"title": "Gray's Anatomy", "book": True}], "x")
    assert refs == ({"title": "MedlinePlus: Flu", "url": "https://medlineplus.gov/flu.html"},
                    {"title": "Gray's Anatomy", "book": True})


@pytest.mark.parametrize("items", [[], None, [{"title": "A page"}], [{"url": "https://a.org"}],
                                   [{"title": "A book", "book": "yes"}]])
def test_an_entry_without_a_usable_reference_is_an_error(items):
    with pytest.raises(KeyError, match="class 'x'"):
        read_references(items, "class 'x'")


@pytest.mark.parametrize("module, section", [(antimicrobial_agent, "targets"), (normal_value, "counts"),
                                             (wrong_specialty, "specialties"),
                                             (overclaimed_outcome, "lasting_marks")])
def test_each_loader_names_its_file_when_a_reference_is_missing(module, section, tmp_path, monkeypatch):
    data = yaml.safe_load(module.PATH.read_text(encoding="utf-8"))
    data[section][0]["references"] = []
    bad = tmp_path / module.PATH.name
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setattr(module, "PATH", bad)
    module.load.cache_clear()
    try:
        with pytest.raises(RuleError, match=f"{bad.name}.*no reference"):
            module.load()
    finally:
        module.load.cache_clear()
