"""Packaged defaults: the knowledge base, rule data and default policy come from the package
(importlib.resources); a project's own sources/knowledge/ extends and overrides them; the
knowledge cache key covers the project layer; the packaged policy is recorded and checked."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline import config, packaged
from pipeline.knowledge import KnowledgeError, load_knowledge
from pipeline.knowledge.build import source_info
from pipeline.knowledge.cache import cache_key
from pipeline.knowledge.facts import load_facts
from pipeline.policy import PolicyError, load_policy, record, recorded_policy

REF = '{title: "Gray\'s Anatomy (textbook)", book: true}'


def _concepts(d: Path, name: str, body: str) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text("domain: test\nconcepts:\n" + body, encoding="utf-8")
    return d


def test_packaged_data_is_inside_the_package():
    pkg = Path(packaged.__file__).parent
    assert packaged.knowledge_dir() == pkg / "data" / "knowledge"
    assert (packaged.knowledge_dir() / "facts" / "derived").is_dir()
    assert packaged.policy_file() == pkg / "data" / "policy.yaml"
    assert packaged.rule_data("grammar_words.yaml").is_file()


def test_without_a_project_layer_the_packaged_base_alone(tmp_path):
    base = load_knowledge(terminologies=False)
    missing = load_knowledge(project=tmp_path / "absent", terminologies=False)
    assert sorted(base.concepts) == sorted(missing.concepts)
    assert base.concept("physiotherapist")["name"] == "physiotherapist"


def test_project_concepts_extend_and_override_by_id(tmp_path):
    own = _concepts(tmp_path / "knowledge", "ours.yaml",
                    f"  - {{id: orthoptist, name: orthoptist, type: profession, references: [{REF}]}}\n"
                    f"  - {{id: physiotherapist, name: physiotherapist, type: profession, "
                    f"synonyms: [movement therapist], references: [{REF}]}}\n")
    kb = load_knowledge(project=own, terminologies=False)
    base = load_knowledge(terminologies=False)
    assert kb.concept("orthoptist")["file"].endswith("ours.yaml")
    physio = kb.concept("physiotherapist")  # replaced: the project's entry, not the packaged one
    assert physio["file"].endswith("ours.yaml") and physio["synonyms"] == ["movement therapist"]
    assert len(kb) == len(base) + 1
    assert [m.concept for m in kb.find("ask a movement therapist")] == ["physiotherapist"]


def test_a_project_file_replaces_the_packaged_file_of_the_same_name(tmp_path):
    own = tmp_path / "knowledge"
    own.mkdir()
    text = (packaged.knowledge_dir() / "modalities.yaml").read_text(encoding="utf-8")
    edited = text.replace("synonyms: [transcutaneous nerve stimulation,", "synonyms: [nerve zapper, transcutaneous nerve stimulation,", 1)
    assert edited != text
    (own / "modalities.yaml").write_text(edited, encoding="utf-8")
    kb = load_knowledge(project=own, terminologies=False)
    assert kb.concept("tens")["file"] == str(own / "modalities.yaml")
    assert "nerve zapper" in kb.concept("tens")["synonyms"]
    assert len(kb) == len(load_knowledge(terminologies=False))
    # a replacement that drops an id other files link to is an error naming both
    (own / "modalities.yaml").write_text(
        f"domain: test\nconcepts:\n  - {{id: hydrotherapy, name: hydrotherapy, type: modality, references: [{REF}]}}\n",
        encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"names unknown concept"):
        load_knowledge(project=own, terminologies=False)


def test_an_id_twice_in_the_project_layer_is_an_error(tmp_path):
    own = _concepts(tmp_path / "k", "a.yaml", f"  - {{id: orthoptist, name: orthoptist, type: profession, references: [{REF}]}}\n")
    _concepts(own, "b.yaml", f"  - {{id: orthoptist, name: eye therapist, type: profession, references: [{REF}]}}\n")
    with pytest.raises(KnowledgeError, match=r"b\.yaml: entry 'orthoptist': id also defined in .*a\.yaml"):
        load_knowledge(project=own, terminologies=False)


def test_project_facts_add_and_replace_by_file_name(tmp_path):
    base = load_facts(packaged.knowledge_dir() / "facts")
    facts = tmp_path / "knowledge" / "facts"
    facts.mkdir(parents=True)
    (facts / "causes.yaml").write_text(
        "domain: causes\nfacts:\n  - {subject: scurvy, relation: caused_by_deficiency, "
        f"objects: [vitamin-c], closed: true, references: [{REF}]}}\n", encoding="utf-8")
    layered = load_facts(packaged.knowledge_dir() / "facts", project=facts)
    from_causes = [f for f in base.facts if f.file.endswith("/causes.yaml")]
    assert len(from_causes) > 1
    assert len(layered) == len(base) - len(from_causes) + 1
    assert [f.subject for f in layered.facts if f.file.endswith("/causes.yaml")] == ["scurvy"]


def test_the_cache_key_covers_the_project_layer(tmp_path):
    base, sources = packaged.knowledge_dir(), source_info()
    own = tmp_path / "knowledge"
    plain = cache_key(base, sources)
    assert cache_key(base, sources, None) == plain
    own.mkdir()
    assert cache_key(base, sources, own) == plain  # an empty project layer changes nothing
    _concepts(own, "ours.yaml", f"  - {{id: orthoptist, name: orthoptist, type: profession, references: [{REF}]}}\n")
    first = cache_key(base, sources, own)
    assert first != plain
    _concepts(own, "ours.yaml", f"  - {{id: orthoptist, name: orthoptists, type: profession, references: [{REF}]}}\n")
    assert cache_key(base, sources, own) not in (plain, first)
    # the same file as a project file is not the same index as a packaged one
    (own / "ours.yaml").rename(own / "professions.yaml")
    assert cache_key(base, sources, own) != cache_key(base, sources, None)


def test_the_packaged_policy_is_the_default_only_when_none_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert config.load()["policy"] == packaged.POLICY_REF
    (tmp_path / "params.yaml").write_text("policy: mine.yaml\n", encoding="utf-8")
    assert config.load()["policy"] == str(Path("mine.yaml"))  # named: never replaced
    (tmp_path / "params.yaml").write_text("out: r\n", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "policy.yaml").write_text("min_score: 90\n", encoding="utf-8")
    assert config.load()["policy"] == "sources/policy.yaml"  # the project's own file


def test_the_packaged_policy_is_recorded_and_checked(tmp_path):
    policy = load_policy(packaged.POLICY_REF)
    raw = packaged.policy_file().read_bytes()
    assert policy.path == packaged.POLICY_REF and policy.sha256 == hashlib.sha256(raw).hexdigest()
    rec = record(policy, tmp_path / "reports")
    assert rec == {"path": packaged.POLICY_REF, "from_reports": packaged.POLICY_REF,
                   "sha256": policy.sha256}
    summary = str(tmp_path / "reports" / "summary.json")
    assert recorded_policy(rec, summary).sha256 == policy.sha256
    # a clinic-audit upgrade that changed its default policy: the gate refuses, never re-judges
    with pytest.raises(PolicyError, match="changed since the run"):
        recorded_policy({**rec, "sha256": "0" * 64}, summary)


def test_a_file_policy_is_recorded_relative_to_the_reports(tmp_path):
    (tmp_path / "sources").mkdir()
    own = tmp_path / "sources" / "policy.yaml"
    own.write_text("min_score: 90\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    rec = record(load_policy(own), tmp_path / "reports")
    assert rec["from_reports"] == "../sources/policy.yaml"
    assert "/" + tmp_path.name + "/" not in json.dumps({k: v for k, v in rec.items() if k != "path"})
    assert recorded_policy({**rec, "path": "elsewhere.yaml"},
                           str(tmp_path / "reports" / "summary.json")).min_score == 90


def test_a_named_knowledge_folder_that_is_missing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "params.yaml").write_text("knowledge: our-knowledge\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"params.yaml: knowledge: .*our-knowledge: no such folder"):
        config.load()
    (tmp_path / "our-knowledge").mkdir()
    assert config.load()["knowledge"] == "our-knowledge"
    (tmp_path / "params.yaml").write_text("out: r\n", encoding="utf-8")
    assert config.load()["knowledge"] == "sources/knowledge"  # the default: optional
