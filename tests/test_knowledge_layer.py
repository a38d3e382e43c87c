"""The knowledge layer: importers (ICD-10, HPO, drugs), the merge with the curated files, the index
cache, `clinic-audit knowledge`, schema errors of the new fields, and precision on correct English."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import packaged
from pipeline.knowledge import KnowledgeError, load_knowledge
from pipeline.knowledge.cache import CacheWarning, cache_path
from pipeline.knowledge.build import source_info
from tests.conftest import make_article, run_rules

ROOT = Path(__file__).resolve().parent.parent
KB_DIR = packaged.knowledge_dir()
DATA = Path(__file__).parent / "data"
REF = '{title: "Gray\'s Anatomy (textbook)", book: true}'


@pytest.fixture(scope="module")
def kb():
    return load_knowledge(KB_DIR)


def test_at_least_5000_concepts_from_every_source(kb):
    assert len(kb) >= 5000
    counts = {name: s["concepts"] for name, s in kb.sources.items()}
    assert counts["curated"] >= 700 and counts["icd10"] >= 9000 and counts["hpo"] >= 15000
    assert counts["drug"] >= 1000
    assert kb.sources["icd10"]["version"] == "2.1.1" and kb.sources["hpo"]["data_version"] == "2025-01-16"


def test_icd10_import_keeps_codes_titles_and_tree(kb):
    chapters = [c for c in kb.concepts.values() if c.get("icd") and c.get("icd").isalpha()]
    assert len(chapters) == 19  # I-XIX; XX-XXII (external causes, factors, special codes) left out
    chol = kb.concept("icd10:A00")
    assert chol["name"] == "Cholera" and chol["is_a"] == ["icd10:A00-A09"]
    assert kb.is_a("icd10:A00", "icd10:I") and kb.is_a("icd10:A00", "infectious-disease")
    assert chol["references"][0]["url"] == "https://icd.who.int/browse10/2019/en#/A00"
    # a curated concept naming a code absorbs the entry: its id wins, the ICD tree stays
    ms = kb.concept("multiple-sclerosis")
    assert ms["icd"] == "G35" and "icd10:G35" not in kb.concepts
    assert kb.is_a("multiple-sclerosis", "icd10:G35-G37")
    assert [p["id"] for p in ms["provenance"]] == ["icd10:G35"]
    # "Psoriasis, unspecified" is the category's own name: it stays with the category
    assert [(m.surface, m.concept) for m in kb.find("Psoriasis and chickenpox")] == [
        ("Psoriasis", "psoriasis"), ("chickenpox", "icd10:B01")]


def test_hpo_import_keeps_terms_synonyms_and_is_a(kb):
    seizure = kb.concept("hpo:HP:0001250")
    assert seizure["name"] == "Seizure" and seizure["type"] == "symptom"
    assert seizure["references"][0]["url"] == "https://hpo.jax.org/browse/term/HP:0001250"
    assert "hpo:HP:0000707" in kb.ancestors("hpo:HP:0001250")  # Abnormality of the nervous system
    assert [m.concept for m in kb.find("He had protruding eyes.")] == ["hpo:HP:0000520"]  # exact synonym
    # everyday words are not looked up: "pain", "weakness", "confusion"
    assert kb.find("The pain and weakness caused confusion.") == ()


def test_drug_import_and_merge_by_generic_name(kb):
    assert kb.concept("drug:zolmitriptan")["references"][0]["url"].startswith("https://medlineplus.gov/druginfo/meds/")
    ator = kb.concept("atorvastatin")  # curated, with the imported MedlinePlus and DrugBank entries
    assert kb.is_a("atorvastatin", "statin") and "drug:atorvastatin" not in kb.concepts
    assert {r.get("drugbank") for r in ator["references"]} >= {"DB01076"}
    assert [m.concept for m in kb.find("Lipitor was stopped.")] == ["atorvastatin"]  # brand name


def test_icd_disjointness_of_closed_classes(kb):
    assert kb.disjoint("psoriasis", "cancer") == ("icd10:XII", "cancer")
    assert kb.disjoint("multiple-sclerosis", "muscle-disease") == ("icd10:G35-G37", "muscle-disease")
    assert kb.disjoint("melanoma", "skin-disease") is None and kb.disjoint("melanoma", "cancer") is None
    assert kb.disjoint("alzheimers", "mental-disorder") is None  # curated exception to chapter V
    assert kb.disjoint("psoriasis", "infectious-disease") is None  # an open class is never judged
    assert kb.disjoint("icd10:E11", "obesity") is None  # two ICD-10 categories: not made distinct
    assert kb.disjoint("icd10:R51", "heart-disease") is None  # symptoms chapter: never distinct


def test_anatomy_regions(kb):
    assert kb.part_of("medial-meniscus") == {"knee", "lower-limb"}
    assert kb.located_in("meniscus", "knee") is True
    assert kb.located_in("meniscus", "shoulder") is False
    assert kb.located_in("tibia", "forearm") is False
    assert kb.located_in("tibia", "knee") is None  # adjacent regions: cannot tell
    assert kb.located_in("skin", "hand") is None  # no region known
    assert kb.located_in("tibia", "tibialis-anterior") is None  # not a whole of anything here


def test_common_english_gives_few_imported_mentions(kb):
    lines = (DATA / "mlqe_pe_sample.txt").read_text(encoding="utf-8").splitlines()
    imported = [m for line in lines for m in kb.find(line) if kb.concept(m.concept)["source"] != "curated"]
    assert len(lines) == 1000 and len(imported) <= 15, [m.surface for m in imported]


def test_no_fact_finding_on_correct_english():
    for name in ("mlqe_pe_sample.txt", "correct_medical_english.txt"):
        text = (DATA / name).read_text(encoding="utf-8").replace("\n", "\n\n")
        findings = run_rules([make_article(text)], ["FA", "SA"])
        assert findings == [], (name, [(f.rule_id, f.text) for f in findings])


# -- the cache

def _copy_kb(tmp_path: Path, extra: str) -> Path:
    """A copy of the knowledge base with one more concept (the cache is keyed by content)."""
    dest = tmp_path / "knowledge"
    shutil.copytree(KB_DIR, dest)
    _add(dest, extra)
    return dest


def _add(d: Path, cid: str) -> None:
    with open(d / "professions.yaml", "a", encoding="utf-8") as f:
        f.write(f"  - {{id: {cid}, name: {cid}, type: profession, references: [{REF}]}}\n")


def test_cache_is_written_then_read_and_rebuilt_when_a_yaml_file_changes(tmp_path):
    d = _copy_kb(tmp_path, "orthoptist")
    first = load_knowledge(d)
    assert first.load_mode == "built" and cache_path(d, source_info()).exists()
    again = load_knowledge(d)
    assert again.load_mode == "cache" and len(again) == len(first)
    _add(d, "podiatrist")
    changed = load_knowledge(d)
    assert changed.load_mode == "built" and changed.concept("podiatrist")["name"] == "podiatrist"


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path):
    d = _copy_kb(tmp_path, "prosthetist")
    load_knowledge(d)
    where = cache_path(d, source_info())
    where.write_bytes(b"not a pickle")
    with pytest.warns(CacheWarning, match="unreadable"):
        kb = load_knowledge(d)
    assert kb.load_mode == "built" and len(kb) >= 5000
    assert load_knowledge(d).load_mode == "cache"


def test_knowledge_command_prints_counts_versions_and_load_times():
    env = {**os.environ, "CLINIC_AUDIT_CACHE_DIR": os.environ["CLINIC_AUDIT_CACHE_DIR"]}
    out = subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()", "knowledge", "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True, timeout=300)
    stats = json.loads(out.stdout)
    assert stats["concepts"] >= 5000
    assert stats["sources"]["icd10"]["version"] == "2.1.1" and stats["sources"]["hpo"]["version"] == "4.0.0"
    assert 0 < stats["load_seconds"]["warm"] < 2 and stats["load_seconds"]["cold"] > 0
    assert stats["facts"]["derived"]["is_a"] > 100 and stats["facts"]["typed"]["part_of"] > 100


# -- schema errors of the new fields name the file and the entry

def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "bad.yaml").write_text("domain: test\nconcepts:\n" + body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("body,message", [
    (f"  - {{id: knee, name: knee, type: anatomy, part_of: [legg], references: [{REF}]}}\n",
     r"bad\.yaml: entry 'knee': part_of names unknown concept 'legg'"),
    (f"  - {{id: scurvy, name: scurvy, type: condition, codes: {{icd10: E54X}}, references: [{REF}]}}\n",
     r"bad\.yaml: entry 'scurvy': .*E54X"),
    (f"  - {{id: knee, name: knee, type: anatomy, region: yes-please, references: [{REF}]}}\n",
     r"bad\.yaml: entry 'knee': .*region"),
    (f"  - {{id: a, name: a thing, type: category, is_a: [b], references: [{REF}]}}\n"
     f"  - {{id: b, name: b thing, type: category, is_a: [a], references: [{REF}]}}\n",
     r"bad\.yaml: entry '[ab]': is_a makes a loop"),
])
def test_new_fields_are_validated(tmp_path, body, message):
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(_write(tmp_path, body), terminologies=False)


def test_unknown_imported_code_names_file_and_entry(tmp_path):
    d = _write(tmp_path, f"  - {{id: scurvy, name: scurvy, type: condition, codes: {{icd10: E99}}, references: [{REF}]}}\n")
    with pytest.raises(KnowledgeError, match=r"bad\.yaml: entry 'scurvy': codes: no imported entry icd10:E99"):
        load_knowledge(d)
