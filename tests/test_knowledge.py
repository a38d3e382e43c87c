"""The knowledge base: every entry referenced, schema errors name file and entry, lookups work."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline import packaged
from pipeline.knowledge import KnowledgeError, load_knowledge

KB_DIR = packaged.knowledge_dir()
REF = '{title: "Gray\'s Anatomy (textbook)", book: true}'


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(KB_DIR)


def _write(tmp_path: Path, body: str, name: str = "bad.yaml") -> Path:
    (tmp_path / name).write_text("domain: test\nconcepts:\n" + body, encoding="utf-8")
    return tmp_path


def test_knowledge_base_is_large_and_covers_every_domain(kb):
    types = Counter(c["type"] for c in kb.concepts.values())
    assert len(kb) >= 150
    for t in ("modality", "drug", "condition", "anatomy", "nutrient", "profession"):
        assert types[t] >= 10, (t, types[t])


def test_every_entry_has_a_reference(kb):
    for cid, concept in kb.concepts.items():
        refs = concept["references"]
        assert refs, f"{concept['file']}: {cid} has no reference"
        for r in refs:
            assert r.get("url") or r.get("book"), f"{cid}: reference {r} is neither a URL nor a book"


def test_drug_identifiers_match_the_drug_lexicon(kb):
    from drug_named_entity_recognition import drugs_finder

    for cid, c in kb.concepts.items():
        for r in c["references"]:
            if "drugbank" in r and c["source"] == "curated" and not c.get("provenance"):
                data = drugs_finder.drug_canonical_to_data[drugs_finder.drug_variant_to_canonical[c["name"]][0]]
                assert data["drugbank_id"] == r["drugbank"], cid
                if "medlineplus" in r:
                    assert data["medline_plus_id"] == r["medlineplus"], cid


def test_entry_without_reference_is_rejected_naming_file_and_entry(tmp_path):
    d = _write(tmp_path, "  - {id: elbow, name: elbow, type: anatomy, references: []}\n")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(d)
    assert err.value.file.endswith("bad.yaml") and err.value.entry == "'elbow'"
    assert "bad.yaml" in str(err.value) and "elbow" in str(err.value)


def test_missing_field_names_file_and_entry(tmp_path):
    d = _write(tmp_path, f"  - {{id: knee, type: anatomy, references: [{REF}]}}\n")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml: entry 'knee': 'name' is a required property"):
        load_knowledge(d)


def test_entry_without_id_is_named_by_position(tmp_path):
    d = _write(tmp_path, f"  - {{id: knee, name: knee, type: anatomy, references: [{REF}]}}\n"
                         f"  - {{name: hip, type: anatomy, references: [{REF}]}}\n")
    with pytest.raises(KnowledgeError, match=r"entry #2"):
        load_knowledge(d)


def test_unknown_type_and_bad_reference_are_rejected(tmp_path):
    d = _write(tmp_path, f"  - {{id: knee, name: knee, type: organ, references: [{REF}]}}\n")
    with pytest.raises(KnowledgeError, match="'knee'"):
        load_knowledge(d)
    d = _write(tmp_path, "  - {id: knee, name: knee, type: anatomy, references: [{title: a book}]}\n")
    with pytest.raises(KnowledgeError, match="'knee'"):
        load_knowledge(d)


def test_links_must_name_known_concepts(tmp_path):
    d = _write(tmp_path, f"  - {{id: knee, name: knee, type: anatomy, is_a: [jointt], references: [{REF}]}}\n")
    with pytest.raises(KnowledgeError, match=r"entry 'knee': is_a names unknown concept 'jointt'"):
        load_knowledge(d)


def test_duplicate_id_across_files(tmp_path):
    _write(tmp_path, f"  - {{id: knee, name: knee, type: anatomy, references: [{REF}]}}\n", "a.yaml")
    _write(tmp_path, f"  - {{id: knee, name: knee joint, type: anatomy, references: [{REF}]}}\n", "b.yaml")
    with pytest.raises(KnowledgeError, match=r"b\.yaml: entry 'knee': id also defined in .*a\.yaml"):
        load_knowledge(tmp_path)


def test_invalid_yaml_names_the_file(tmp_path):
    (tmp_path / "broken.yaml").write_text("domain: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="broken.yaml"):
        load_knowledge(tmp_path)


def test_longest_match_and_case_aware_abbreviations(kb):
    found = kb.find("High-power laser (Low-Level Laser Therapy or LLLT for short); tens of TENS units")
    assert [(m.surface, m.concept, m.via) for m in found] == [
        ("High-power laser", "hilt", "synonym"), ("Low-Level Laser Therapy", "lllt", "name"),
        ("LLLT", "lllt", "abbreviation"), ("TENS", "tens", "abbreviation")]


def test_relations(kb):
    assert kb.is_a("magnesium", "mineral") and not kb.is_a("magnesium", "vitamin")
    assert kb.disjoint("magnesium", "vitamin") == ("mineral", "vitamin")
    assert kb.disjoint("dry-needling", "acupuncture")
    assert kb.disjoint("hydrotherapy", "aquatic-therapy") is None
    ev = kb.evidence("lllt")
    assert ev["kb_entry"] == ["lllt"] and ev["references"]
