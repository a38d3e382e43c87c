"""The validate stage's per-batch cache (pipeline/stages/validate_cache.py): a re-run validates
only the batches that changed (none: Great Expectations is not even started), writes the same
validation.json as a run without the cache, keeps the Data Docs while the batches they show are
unchanged, and recomputes a damaged entry with a warning."""
from __future__ import annotations

import re
import shutil

import pytest

from pipeline import cache, config, io, table_files
from pipeline.cli import main
from pipeline.stages import validate
from tests.test_validate_batches import run  # noqa: F401 (the fixture)

pytest.importorskip("great_expectations")



@pytest.fixture
def stage(run, tmp_path, monkeypatch):
    """`stage(cache_on=True)` runs the validate stage over a copy of the run's tables in
    `tmp_path/data` (cache in `tmp_path/cache`): the batches GX validated, as (table, by a
    checkpoint), whether GX was started, and validation.json's bytes."""
    folder, params = run
    data = tmp_path / "data"
    data.mkdir()
    for name in ("articles.parquet", "segments_scored.parquet", "findings.parquet"):
        (data / name).write_bytes((folder / "data" / name).read_bytes())
    calls: list = []
    validate_, start = validate.Validator._validate, validate.Validator._start

    def spy(self, name, frame, checkpoint):
        calls.append((name, checkpoint))
        return validate_(self, name, frame, checkpoint)

    def spy_start(self):
        calls.append("start")
        start(self)

    monkeypatch.setattr(validate.Validator, "_validate", spy)
    monkeypatch.setattr(validate.Validator, "_start", spy_start)

    def go(cache_on: bool = True):
        settings = config.load(params)
        settings.update(data_dir=str(data), out=str(tmp_path / "reports"), cache=cache_on,
                        cache_dir=str(tmp_path / "cache"))
        calls.clear()
        cache.STATS.clear()
        assert validate.run(settings) == 0
        started = "start" in calls
        return [c for c in calls if c != "start"], started, (data / "validation.json").read_bytes()

    return go


def _set_quality(data, batch: int, value: float) -> None:
    """Batch `batch` of the segments table with its first segment's quality `value`."""
    frames = list(table_files.batches(data / "segments_scored.parquet"))
    frames[batch].loc[0, "quality"] = value
    with table_files.TableWriter(data / "segments_scored.parquet", list(frames[0].columns)) as w:
        for f in frames:
            w.append(f)


def _entries(tmp_path):
    return sorted((tmp_path / "cache" / "batches" / "validate").rglob("*.pickle"))


def test_a_rerun_validates_only_the_batches_that_changed(stage, tmp_path):
    data, docs = tmp_path / "data", tmp_path / "reports" / "validation"
    first, started, result = stage()
    n = len(first)
    assert n == 3 + table_files.count(data / "findings.parquet") + 1  # segments, findings, policy
    assert sorted(c for c in first if c[1]) == [("findings", True), ("release-policy", True),
                                                ("segments", True)]  # the last ones: Data Docs
    assert started and cache.STATS["validate"] == {"hits": 0, "misses": n}
    assert len(_entries(tmp_path)) == n
    assert (docs / "index.html").exists() and (docs / validate.DOCS_MARKER).exists()
    calls, _, no_cache = stage(cache_on=False)  # everything validated, the Data Docs built
    assert no_cache == result and len(calls) == n and "validate" not in cache.STATS
    built = (docs / "index.html").stat().st_ino

    # nothing changed: Great Expectations is not started, the Data Docs are kept
    assert stage() == ([], False, result)
    assert cache.STATS["validate"] == {"hits": n, "misses": 0}
    assert (docs / "index.html").stat().st_ino == built

    # a batch in the middle changed: only it is validated; the Data Docs (the last batches) kept
    _set_quality(data, 1, 0.25)
    calls, _, result = stage()
    assert calls == [("segments", False)]
    assert cache.STATS["validate"] == {"hits": n - 1, "misses": 1}
    assert (docs / "index.html").stat().st_ino == built
    assert stage(cache_on=False)[2] == result
    built = (docs / "index.html").stat().st_ino

    # the last batch of a table changed: the Data Docs are built again, from each table's last
    _set_quality(data, 2, 0.25)
    calls, _, result = stage()
    assert sorted(calls) == [("findings", True), ("release-policy", True), ("segments", True)]
    assert cache.STATS["validate"] == {"hits": n - 1, "misses": 1}
    assert (docs / "index.html").stat().st_ino != built
    assert stage(cache_on=False)[2] == result

    # Data Docs of other batches (their marker says), or none: built again, every batch cached
    io.write_text(docs / validate.DOCS_MARKER, "another release\n")
    assert len(stage()[0]) == 3 and cache.STATS["validate"] == {"hits": n, "misses": 0}
    shutil.rmtree(docs)
    assert len(stage()[0]) == 3 and (docs / "index.html").exists()
    assert stage()[0] == []


def test_failed_expectations_come_back_the_same_from_the_cache(run, stage, tmp_path):
    data = tmp_path / "data"
    findings = table_files.read(data / "findings.parquet")
    findings.loc[0, "confidence"] = 1.5
    findings.loc[len(findings) - 1, "fingerprint"] = findings.loc[0, "fingerprint"]
    table_files.write(data / "findings.parquet", findings)
    settings = config.load(run[1])
    settings.update(data_dir=str(data), out=str(tmp_path / "reports"), cache=True,
                    cache_dir=str(tmp_path / "cache"))
    assert validate.run(settings) == 2
    first = (data / "validation.json").read_bytes()
    assert validate.run(settings) == 2
    assert cache.STATS["validate"]["misses"] == 0
    assert (data / "validation.json").read_bytes() == first
    failed = io.read_json(data / "validation.json")["suites"]["findings"]["failed"]
    assert [f["column"] for f in failed] == ["confidence", "fingerprint"]
    assert failed[0]["unexpected"] == [1.5]
    settings["cache"] = False
    assert validate.run(settings) == 2
    assert (data / "validation.json").read_bytes() == first


def test_a_damaged_entry_is_validated_again_with_a_warning(stage, tmp_path, capsys):
    _, _, result = stage()
    damaged = _entries(tmp_path)[0]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    capsys.readouterr()
    calls, _, again = stage()
    assert len(calls) == 1 and again == result
    warned = capsys.readouterr().err
    assert re.search(r"warning: cache entry .* is unusable and is recomputed", warned)
    io.read_checked_pickle(damaged)  # written again, whole
    assert stage()[0] == []


def test_a_run_with_two_workers_reports_the_validate_hits(run, tmp_path, capsys):
    """validate runs in a worker process beside the report stage: its counts come back."""
    folder, params = run
    with_cache = tmp_path / "params.yaml"
    with_cache.write_text(params.read_text(encoding="utf-8").replace("cache: false", "") +
                          f"\ncache: true\ncache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    for k in range(2):
        with pytest.raises(SystemExit) as e:
            main(["--params", str(with_cache), "run", str(folder / "corpus"), "--out",
                  str(tmp_path / "reports"), "--data-dir", str(tmp_path / "data"), "--jobs", "2"])
        assert e.value.code == 0
    line = next(x for x in capsys.readouterr().out.splitlines()[::-1] if x.startswith("cache: "))
    batches = len(_entries(tmp_path))
    assert f"validate {batches} of {batches} " in line
