"""Outputs are written atomically: a failed write leaves the old file and no temporary."""
from __future__ import annotations

import pytest

from pipeline import io


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "summary.json"
    io.write_json(target, {"complete": True})
    with pytest.raises(RuntimeError):
        with io.atomic_path(target) as tmp:
            tmp.write_text("half a fi")
            raise RuntimeError("crash mid-write")
    assert io.read_json(target) == {"complete": True}
    assert [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_a_streamed_file_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "findings.jsonl"
    with io.atomic_writer(target) as f:
        for k in range(3):
            f.write(f"{k}\n")
            assert not target.exists()  # nothing under the final name while it is written
    assert target.read_text(encoding="utf-8") == "0\n1\n2\n"
    with pytest.raises(RuntimeError):
        with io.atomic_writer(target) as f:
            f.write("half a record")
            raise RuntimeError("crash mid-stream")
    assert target.read_text(encoding="utf-8") == "0\n1\n2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.jsonl"]


def test_write_creates_parent_directories(tmp_path):
    io.write_text(tmp_path / "a" / "b" / "c.txt", "x")
    assert (tmp_path / "a/b/c.txt").read_text() == "x"


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_respect_the_umask(tmp_path, mask, mode):
    import os

    old = os.umask(mask)
    try:
        io.write_text(tmp_path / "index.html", "<p>report</p>")
        io.write_json(tmp_path / "summary.json", {})
    finally:
        os.umask(old)
    for name in ("index.html", "summary.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == mode, name
