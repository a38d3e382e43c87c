"""benchmarks/bench_garble.py on a tiny fixture: the JSON it prints and its errors on bad data."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_garble",
                                                  ROOT / "benchmarks" / "bench_garble.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_garble"] = module  # its dataclass looks its module up by name
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_garble", None)


def _fixture(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "garble"
    data.mkdir()
    (data / "alpha.yaml").write_text(
        "class: alpha\ndescription: test\ncases:\n"
        '  - garbled: "Although the pain is mild, but it lasts for weeks."\n'
        '    flagged: "but"\n'
        '  - correct: "The knee is the largest joint in the body."\n'
        '  - garbled: "Because the disc slipped, therefore walking hurts."\n'
        "    held_out: true\n"
        '  - correct: "Rest the knee for a day."\n'
        "    held_out: true\n", encoding="utf-8")
    (data / "beta.yaml").write_text(
        "class: beta\ndescription: test\ncases:\n"
        '  - garbled: "Treatment has three steps: 1. Rest 2. Ice 3. Elevation"\n'
        '  - correct: "Treatment has three steps: rest, ice and elevation."\n', encoding="utf-8")
    from pipeline import mlqe

    # as in the dataset: the MT as rated (plain text), the post-edit tokenised
    mlqe.write(mlqe.path_of(tmp_path / "mlqe", "xx-en", "dev"), [
        ("Although it is small, but it hurts.", "Although it is small , it hurts .", -1.5, 0.2,
         "Obwohl es klein ist, tut es weh."),
        ("The wound heals in two weeks.", "The wound heals in two weeks .", 1.2, 0.0,
         "Die Wunde heilt in zwei Wochen."),
        ("The clinic opened in the year 2019.", "The clinic opened in 2019 .", -1.2, 0.1,
         "Die Klinik wurde 2019 eröffnet.")])
    return data, tmp_path / "mlqe"


def test_json_shape_and_values(bench, tmp_path, capsys):
    data, mlqe = _fixture(tmp_path)
    assert bench.main(["--data", str(data), "--mlqe-dir", str(mlqe), "--pairs", "xx-en",
                       "--jobs", "1", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"classes", "recall", "false_alarm_rate", "mlqe"}
    assert out["classes"] == {"alpha": {"recall": 1.0, "false_alarm_rate": 0.0},
                              "beta": {"recall": 1.0, "false_alarm_rate": 0.0}}
    assert (out["recall"], out["false_alarm_rate"]) == (1.0, 0.0)
    assert out["held_out"]["alpha"] == {"recall": 1.0, "false_alarm_rate": 0.0}
    assert out["dev"]["beta"] == {"recall": 1.0, "false_alarm_rate": 0.0}
    m = out["mlqe"]["xx-en"]
    assert set(m) == {"mt_per_1k", "pe_per_1k", "low_da_flagged", "pearson"}
    assert m["mt_per_1k"] == pytest.approx(1000 * 2 / 20, abs=0.01)  # one finding per garbled MT line
    assert m["pe_per_1k"] == 0.0
    assert m["low_da_flagged"] == 1.0  # both sentences with z < -1 get a finding
    # the quality model's correlation with DA (three sentences: only its range is meaningful)
    assert isinstance(m["pearson"], float) and -1.0 <= m["pearson"] <= 1.0


def test_bad_benchmark_file_is_a_clear_error(bench, tmp_path, capsys):
    data = tmp_path / "garble"
    data.mkdir()
    (data / "gamma.yaml").write_text(
        "class: gamma\ncases:\n  - garbled: \"The knee hurts.\"\n    flagged: \"elbow\"\n",
        encoding="utf-8")
    assert bench.main(["--data", str(data), "--no-mlqe", "--json"]) == 2
    err = capsys.readouterr().err
    assert "gamma.yaml: case 1" in err and "flagged" in err


def test_missing_mlqe_directory_is_a_clear_error(bench, tmp_path, capsys):
    data, _ = _fixture(tmp_path)
    assert bench.main(["--data", str(data), "--mlqe-dir", str(tmp_path / "none"), "--json"]) == 2
    assert "MLQE-PE directory" in capsys.readouterr().err


def test_bilingual_mode_runs_the_source_aware_rules(bench, tmp_path, capsys):
    data, _ = _fixture(tmp_path)
    from pipeline import mlqe

    mt = "Knee osteoarthritis is treated with injections of plasma."  # 8 words, as rated
    pe = "Knee osteoarthritis is treated with PRP injections ."  # 8 words
    mlqe.write(mlqe.path_of(tmp_path / "fa", "fa-en", "dev"), [
        (mt, pe, -1.5, 0.3, "برای درمان آرتروز زانو از تزریق PRP استفاده می‌شود.")])
    assert bench.main(["--data", str(data), "--mlqe-dir", str(tmp_path / "fa"), "--pairs",
                       "fa-en", "--jobs", "1", "--bilingual", "--json"]) == 0
    m = json.loads(capsys.readouterr().out)["mlqe"]["fa-en"]
    # alone, both sentences are fluent English; with the source, the MT lost the acronym (TR058)
    assert (m["mt_per_1k"], m["pe_per_1k"], m["low_da_flagged"]) == (0.0, 0.0, 0.0)
    assert m["bilingual"] == {"mt_per_1k": pytest.approx(1000 / 8, abs=0.01), "pe_per_1k": 0.0,
                              "low_da_flagged": 1.0}
