"""`--executor dask`: segment and detect on a Dask cluster (a LocalCluster of 2 worker processes,
1 thread each) write the same bytes as `--jobs 1`, also when a worker is killed in the middle of
the run; a scheduler that cannot be reached stops the run (exit 2) and leaves the previous report
as it was; without the extra, or without a scheduler, it is a clear error."""
from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from pipeline.cli import main
from tests.conftest import ROOT
from tests.test_parallel import EXTRA, OUTPUTS, TABLES

distributed = pytest.importorskip("distributed")


def _run(corpus, out, *flags: str, params=ROOT / "params.yaml") -> int:
    with pytest.raises(SystemExit) as e:
        main(["--params", str(params), "run", str(corpus), "--out", str(out / "reports"),
              "--data-dir", str(out / "data"), *flags])
    return e.value.code


def _tree(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "sources" / "articles", folder, dirs_exist_ok=True)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory):
    """The reference: the same corpus audited by one process."""
    out = tmp_path_factory.mktemp("jobs1")
    assert _run(corpus, out, "--jobs", "1") == 0
    return out


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


class KillOnce(distributed.WorkerPlugin):
    """Kill the worker process (as a crash in native code would) when it starts the first task
    whose key begins with `prefix`, once per `marker` file."""

    def __init__(self, prefix: str, marker: str):
        self.prefix, self.marker = prefix, marker

    def transition(self, key, start, finish, *args, **kwargs):
        if finish == "executing" and str(key).startswith(self.prefix) \
                and not os.path.exists(self.marker):
            with open(self.marker, "w", encoding="utf-8") as f:
                f.write(str(key))
            os._exit(3)


def _same(one, other) -> None:
    for name in OUTPUTS:
        assert (one / "reports" / name).read_bytes() == (other / "reports" / name).read_bytes(), \
            name
    for name in TABLES:
        assert (one / "data" / name).read_bytes() == (other / "data" / name).read_bytes(), name
    assert _tree(one / "reports" / "articles") == _tree(other / "reports" / "articles")


def test_a_dask_run_writes_the_same_bytes_as_jobs_1(corpus, one_process, cluster, tmp_path):
    assert _run(corpus, tmp_path, "--executor", "dask", "--scheduler",
                cluster.scheduler_address) == 0
    _same(one_process, tmp_path)
    rows = (tmp_path / "reports" / "findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(r)["source"] for r in rows} >= {"x1.txt", "x2.txt", "x4.md", "x5.txt"}


def test_a_killed_worker_is_retried_and_the_run_completes(corpus, one_process, cluster, tmp_path):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests/
    marker = tmp_path / "killed"
    with distributed.Client(cluster.scheduler_address) as client:
        client.register_plugin(KillOnce("audit-batch-", str(marker)), name="kill-once")
        try:
            code = _run(corpus, tmp_path, "--executor", "dask", "--scheduler",
                        cluster.scheduler_address)
        finally:
            client.unregister_worker_plugin("kill-once")
    assert marker.read_text(encoding="utf-8").startswith("audit-batch-")  # a worker did die
    assert code == 0
    _same(one_process, tmp_path)
    summary = json.loads((tmp_path / "reports" / "summary.json").read_text(encoding="utf-8"))
    assert summary["complete"] is True and summary["errors"]["articles"] == []


def test_an_unreachable_scheduler_stops_the_run_and_keeps_the_report(one_process, corpus,
                                                                     tmp_path, capsys):
    shutil.copytree(one_process / "reports", tmp_path / "reports")
    before = _tree(tmp_path / "reports")
    params = tmp_path / "params.yaml"
    params.write_text((ROOT / "params.yaml").read_text(encoding="utf-8") +
                      "scheduler_timeout: 2\n", encoding="utf-8")
    code = _run(corpus, tmp_path, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9",
                params=params)
    assert code == 2
    assert _tree(tmp_path / "reports") == before  # the previous report, byte for byte
    why = json.loads((tmp_path / "reports.staging" / "run-failed.json").read_text())
    assert why["complete"] is False and why["failed_stage"] == "segment"
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9 within 2 s" in why["error"]
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert f"{tmp_path / 'reports'}/ is unchanged" in err and "crashed" not in err


def test_without_the_extra_it_is_a_clear_error(monkeypatch, corpus, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask[distributed] were absent
    code = _run(corpus, tmp_path, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2
    assert "pip install 'clinic-audit[cluster]'" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists() and not (tmp_path / "data").exists()


def test_dask_without_a_scheduler_is_a_clear_error(corpus, tmp_path, capsys):
    code = _run(corpus, tmp_path, "--executor", "dask")
    assert code == 2
    assert "executor: dask needs the address of a Dask scheduler" in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()
