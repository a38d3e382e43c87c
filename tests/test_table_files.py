"""The stage tables go to disk and come back unchanged (pipeline/table_files.py): as Parquet with
fastparquet (the `parquet` extra), or, in a core install without it, as a JSON table beside the
name. Both give back the same values; a stage reading either rebuilds the same articles."""
import pandas as pd
import pytest

from pipeline import table_files, tables
from pipeline.model import FINDING_COLUMNS

FRAME = pd.DataFrame({
    "article_id": ["a", "b", "c"], "index": [0, 1, 2], "start": [0, 17, 2**40],
    "text": ["Knee pain", "درد زانو — «Persian»", ""],
    "source_text": [None, "درد", None], "align_id": [None, None, None],
    "quality": [0.25, None, 1.0], "confidence": [0.9, 0.75, 0.5]})


@pytest.fixture(params=["parquet", "json"])
def form(request, monkeypatch):
    if request.param == "parquet":
        pytest.importorskip("fastparquet")
    else:
        monkeypatch.setattr(table_files, "parquet_available", lambda: False)
    return request.param


def _round_trip(tmp_path, frame: pd.DataFrame) -> pd.DataFrame:
    path = tmp_path / "t.parquet"
    table_files.write(path, frame)
    return table_files.read(path)


def test_values_missing_values_and_unicode_come_back(tmp_path, form):
    back = _round_trip(tmp_path, FRAME)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == (["t.parquet"] if form == "parquet" else ["t.table.json"])
    assert list(back.columns) == list(FRAME.columns) and len(back) == 3
    assert back["source_text"].isna().tolist() == [True, False, True] and back["source_text"][1] == "درد"
    assert back["align_id"].isna().all() and back["text"].tolist() == FRAME["text"].tolist()
    assert back["start"].tolist() == [0, 17, 2**40] and str(back["start"].dtype) == "int64"
    assert back["quality"].isna().tolist() == [False, True, False] and back["quality"][2] == 1.0
    assert back["confidence"].tolist() == [0.9, 0.75, 0.5]


@pytest.mark.parametrize("make", [tables.articles_frame, tables.blocks_frame, tables.segments_frame,
                                  tables.tokens_frame, tables.findings_frame])
def test_empty_stage_tables_keep_their_columns(tmp_path, form, make):
    frame = make([])
    back = _round_trip(tmp_path, frame)
    assert list(back.columns) == list(frame.columns) and len(back) == 0
    if make is tables.findings_frame:
        assert list(back.columns) == FINDING_COLUMNS


def test_writing_one_form_removes_the_other(tmp_path, monkeypatch):
    pytest.importorskip("fastparquet")
    path = tmp_path / "segments.parquet"
    table_files.write(path, FRAME)
    monkeypatch.setattr(table_files, "parquet_available", lambda: False)
    table_files.write(path, FRAME.head(1))
    assert not path.exists() and table_files.json_path(path).exists()
    assert len(table_files.read(path)) == 1 and table_files.exists(path)
    monkeypatch.undo()
    table_files.write(path, FRAME)
    assert path.exists() and not table_files.json_path(path).exists()


def test_the_same_bytes_every_time(tmp_path, form):
    table_files.write(tmp_path / "1.parquet", FRAME)
    table_files.write(tmp_path / "2.parquet", FRAME)
    one, two = sorted(p for p in tmp_path.iterdir())
    assert one.read_bytes() == two.read_bytes()


def test_missing_and_damaged_tables_are_clear_errors_naming_the_file(tmp_path, form):
    path = tmp_path / "segments.parquet"
    with pytest.raises(FileNotFoundError, match=r"segments\.parquet is missing"):
        table_files.read(path)
    bad = path if form == "parquet" else table_files.json_path(path)
    bad.write_bytes(b"PAR1 not really PAR1")
    with pytest.raises(ValueError, match=rf"{bad.name}: not a readable"):
        table_files.read(path)


def test_a_parquet_table_without_fastparquet_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "tokens.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setattr(table_files, "parquet_available", lambda: False)
    with pytest.raises(ValueError, match=r"tokens\.parquet: reading Parquet needs fastparquet"):
        table_files.read(path)


def test_batches_come_back_one_by_one_empty_ones_included(tmp_path, form):
    path = tmp_path / "segments.parquet"
    parts = [FRAME.head(2), FRAME.head(0), FRAME.tail(1)]
    with table_files.TableWriter(path, list(FRAME.columns)) as out:
        for part in parts:
            out.append(part)
    assert table_files.count(path) == 3
    back = list(table_files.batches(path))
    assert [len(b) for b in back] == [2, 0, 1] and list(back[1].columns) == list(FRAME.columns)
    assert back[0]["text"].tolist() == ["Knee pain", "درد زانو — «Persian»"]
    assert back[2]["start"].tolist() == [2**40]
    assert [b is None for b in table_files.batches(path, wanted=lambda k: k == 2)] == \
        [True, True, False]
    assert table_files.read(path)["text"].tolist() == FRAME["text"].tolist()


def test_a_writer_that_fails_leaves_the_old_table(tmp_path, form):
    path = tmp_path / "findings.parquet"
    table_files.write(path, FRAME)
    with pytest.raises(ValueError, match="a batch with the columns"):
        with table_files.TableWriter(path, list(FRAME.columns)) as out:
            out.append(FRAME.head(1))
            out.append(FRAME[["text"]])
    assert len(table_files.read(path)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        (["findings.parquet"] if form == "parquet" else ["findings.table.json"])
