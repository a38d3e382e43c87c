"""Where robust's outputs meet main's review application and bilingual inputs: the editors' marks
(`review`), the translation unit (`unit_id`) and the JSONL escaping of line separators survive
together in findings.jsonl, findings.csv and findings.sarif; `gate --db` judges with exactly the
policy the run recorded."""
from __future__ import annotations

import csv
import json

import pytest
import yaml

from pipeline import gate as gate_mod
from pipeline.cli import main
from pipeline.review.db import ReviewDB
from tests.conftest import ROOT
from tests.robustness.test_regressions import write
from tests.robustness.test_runs import gate

XLIFF = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="fa" '
         'target-language="en" original="a" datatype="plaintext"><body>\n'
         '<trans-unit id="title"><source>درد زانو</source><target>Knee pain</target></trans-unit>\n'
         '<trans-unit id="u2"><source>زانو را استراحت دهید.</source>'
         '<target>Rest the\u2028the knee after a long walk.</target></trans-unit>\n'
         '</body></file></xliff>\n')


def _run(params, src, out) -> int:
    with pytest.raises(SystemExit) as e:
        main(["--params", str(params), "run", str(src), "--out", str(out / "reports"),
              "--data-dir", str(out / "data")])
    return e.value.code


def test_review_marks_unit_ids_and_escaping_survive_and_gate_db_uses_the_recorded_policy(
        tmp_path):
    src = tmp_path / "articles"
    write(src / "knee.xlf", XLIFF)
    write(src / "neck.txt", "Neck pain\n\nRoll the\u2029the shoulders every hour.\n")
    policy = write(tmp_path / "policy.yaml", "max_per_1000_words: {translation: 1}\n")
    db_path = tmp_path / "review.sqlite"
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params.update(rules={"select": ["TR002"]}, policy=str(policy), review={"db": str(db_path)},
                  waivers=str(write(tmp_path / "waivers.yaml", "waivers: []\n")))
    params_file = write(tmp_path / "params.yaml", yaml.safe_dump(params, allow_unicode=True))
    out = tmp_path / "out"
    reports = out / "reports"

    assert _run(params_file, src, out) == 0
    found = gate_mod.read_findings(reports / "findings.jsonl")
    assert sorted((f.source, f.text, f.unit_id) for f in found) == [
        ("knee.xlf", "the\u2028the", "u2"), ("neck.txt", "the\u2029the", None)]
    code, text = gate(reports, "--db", str(db_path), cwd=tmp_path)
    assert code == 2 and "no such review database" in text  # not created by the run

    db = ReviewDB(db_path)
    for f in found:
        db.record(f, "false_alarm", "the source repeats the word on purpose", "Ann Editor")
    code, text = gate(reports, cwd=tmp_path)  # the recorded policy, no waivers: fails
    assert code == 1, text
    code, text = gate(reports, "--db", str(db_path), cwd=tmp_path)
    assert code == 0 and "2 waived" in text, text
    policy.write_text("min_score: 0\n", encoding="utf-8")  # not the policy the run used
    code, text = gate(reports, "--db", str(db_path), cwd=tmp_path)
    assert code == 2 and "changed since the run" in text
    policy.write_text("max_per_1000_words: {translation: 1}\n", encoding="utf-8")

    assert _run(params_file, src, out) == 0  # the next run reads the decisions
    raw = (reports / "findings.jsonl").read_text(encoding="utf-8")
    assert raw.count("\n") == 2 and "\\u2028" in raw and "\\u2029" in raw
    assert not set("\u2028\u2029\u0085") & set(raw)
    rows = {r["source"]: r for r in map(json.loads, raw.split("\n")[:-1])}
    assert rows["knee.xlf"]["unit_id"] == "u2" and rows["neck.txt"]["unit_id"] is None
    for r in rows.values():
        assert (r["review"]["decision"], r["review"]["origin"]) == ("false_alarm", "database")
    assert [f.review["decision"] for f in gate_mod.read_findings(reports / "findings.jsonl")] \
        == ["false_alarm", "false_alarm"]  # the gate's reader keeps the marks
    with open(reports / "findings.csv", encoding="utf-8-sig", newline="") as fh:
        table = {r["source"]: r for r in csv.DictReader(fh)}
    assert table["knee.xlf"]["unit_id"] == "u2" and table["knee.xlf"]["text"] == "the\u2028the"
    assert {json.loads(r["review"])["decision"] for r in table.values()} == {"false_alarm"}
    results = json.loads((reports / "findings.sarif").read_text(encoding="utf-8"))["runs"][0][
        "results"]
    assert len(results) == 2
    assert all(r["suppressions"][0]["status"] == "accepted" for r in results)
    [unit] = [r for r in results if r["properties"].get("unit_id")]
    assert unit["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "knee.xlf#u2"
    assert gate(reports, "--db", str(db_path), cwd=tmp_path)[0] == 0
