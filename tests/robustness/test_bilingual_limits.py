"""The bilingual readers (XLIFF, TMX, paired text) under the same limits as the other readers:
file size before reading, block length (targets and sources), the per-article time budget, and
warnings for what they leave out. The Persian half of a pair is read like an article file."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, read_article, xliff
from pipeline.limits import Limits
from pipeline.stages.ingest import ingest
from tests.robustness import oracle

X12 = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="fa" '
       'target-language="en" original="a" datatype="plaintext"><body>\n{units}</body></file>'
       '</xliff>\n')
TMX = ('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="fa" datatype="plaintext" '
       'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="x"/>'
       '<body>\n{units}</body></tmx>\n')


def unit12(uid: str, source: str, target: str, extra: str = "") -> str:
    return (f'<trans-unit id="{uid}"{extra}><source>{source}</source><target>{target}</target>'
            f'</trans-unit>\n')


def tu(uid: str, source: str, target: str) -> str:
    return (f'<tu tuid="{uid}"><tuv xml:lang="fa"><seg>{source}</seg></tuv>'
            f'<tuv xml:lang="en"><seg>{target}</seg></tuv></tu>\n')


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bilingual_file_over_the_size_limit_is_refused_unread(tmp_path):
    p = write(tmp_path / "big.xlf", X12.format(units=unit12("u1", "درد", "Pain. " * 400)))
    with pytest.raises(IngestError) as e:
        read_article(p, tmp_path, limits=Limits(max_file_bytes=1_000))
    assert e.value.source == "big.xlf"
    assert e.value.problem == (f"is {p.stat().st_size:,} bytes; the limit is 1,000 "
                               f"(limits.max_file_bytes)")


@pytest.mark.parametrize("name, text, problem", [
    ("long-target.xlf", X12.format(units=unit12("u1", "درد", "ok") + unit12("u2", "درد", "a" * 300)),
     "the paragraph at line 4 (unit u2) is 300 characters long; the limit is 200 "
     "(limits.max_block_chars)"),
    ("long-source.xlf", X12.format(units=unit12("u1", "د" * 300, "Pain.")),
     "the source text of the paragraph at line 3 (unit u1) is 300 characters long; the limit is 200 "
     "(limits.max_block_chars)"),
    ("long.tmx", TMX.format(units=tu("t1", "درد", "Pain.") + tu("t2", "درد", "b" * 300)),
     "the paragraph at line 4 (unit t2) is 300 characters long; the limit is 200 "
     "(limits.max_block_chars)"),
])
def test_a_unit_past_the_block_limit_is_refused_naming_line_unit_and_limit(name, text, problem):
    with pytest.raises(IngestError) as e:
        read_article(Path(name), data=text.encode(), limits=Limits(max_block_chars=200))
    assert (e.value.source, e.value.problem) == (name, problem)


def test_a_bilingual_reader_that_runs_past_the_time_budget_is_stopped(monkeypatch):
    def slow(root, file_text):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(xliff, "units", slow)
    text = X12.format(units=unit12("u1", "درد", "Pain."))
    with oracle.deadline(10):
        with pytest.raises(IngestError) as e:
            read_article(Path("slow.xlf"), data=text.encode(), limits=Limits(article_seconds=0.3))
    assert e.value.problem == "reading the file took longer than 0.3 s (limits.article_seconds)"


def test_units_left_out_are_a_warning_naming_them(tmp_path):
    units = unit12("u1", "درد", "Pain.") + "".join(
        unit12(f"n{k}", "x", "x", ' translate="no"') for k in range(1, 8))
    write(tmp_path / "a.xlf", X12.format(units=units))
    articles, problems, warnings = ingest([tmp_path])
    assert problems == [] and [b.align_id for b in articles[0].blocks] == ["u1"]
    assert warnings == [{"source": "a.xlf", "problem": '7 unit(s) marked translate="no" are not '
                                                      'audited (n1, n2, n3, n4, n5, ...)'}]


def test_a_unit_with_more_inline_codes_than_the_view_can_hold_is_a_clear_error():
    codes = "".join(f'<x id="{k}"/>' for k in range(6_500))
    text = X12.format(units=unit12("u1", codes, "Pain."))
    with pytest.raises(IngestError) as e:
        read_article(Path("codes.xlf"), data=text.encode())
    assert e.value.problem == "line 3: unit u1 has more than 6,400 distinct inline codes; not read"


# -- the Persian half of a pair ----------------------------------------------------------------------

def _pair(folder: Path, fa: str = "درد زانو\n") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write(folder / "knee.en.txt", "Knee pain\n")
    if fa is not None:
        write(folder / "knee.fa.txt", fa)


def test_a_persian_half_over_the_size_limit_is_refused_naming_it(tmp_path):
    _pair(tmp_path, "درد " * 400 + "\n")
    articles, problems, _ = ingest([tmp_path], Limits(max_file_bytes=1_000))
    size = (tmp_path / "knee.fa.txt").stat().st_size
    assert articles == [] and {"source": "knee.en.txt", "problem": (
        f"its Persian source knee.fa.txt is {size:,} bytes; the limit is 1,000 "
        f"(limits.max_file_bytes)")} in problems


def test_a_persian_half_linking_out_of_the_input_folder_is_not_read(tmp_path):
    write(tmp_path / "secret.txt", "root:x:0:0:secret\n")
    src = tmp_path / "src"
    _pair(src, fa=None)
    os.symlink(tmp_path / "secret.txt", src / "knee.fa.txt")
    articles, problems, _ = ingest([src])
    assert articles == []
    by = {Path(p["source"]).name: p["problem"] for p in problems}
    assert by["knee.en.txt"].startswith(f"its Persian source knee.fa.txt is a symlink to "
                                        f"{tmp_path / 'secret.txt'}, outside the input folder")
    assert "secret" not in "".join(b.source_text or "" for a in articles for b in a.blocks)
    # allowed when the settings say so
    articles, problems, _ = ingest([src], Limits(follow_symlinks=True))
    assert [b.source_text for b in articles[0].blocks] == ["root:x:0:0:secret"]


def test_a_persian_half_that_is_a_fifo_is_reported_never_waited_on(tmp_path):
    _pair(tmp_path, fa=None)
    os.mkfifo(tmp_path / "knee.fa.txt")
    with oracle.deadline(10):
        articles, problems, _ = ingest([tmp_path])
    # not a partner (not a regular file): the English half is audited on its own
    assert [(a.source, a.format) for a in articles] == [("knee.en.txt", "txt")]
    assert [(Path(p["source"]).name, p["problem"]) for p in problems] == [
        ("knee.fa.txt", "is a FIFO (named pipe), not a regular file; not read")]
