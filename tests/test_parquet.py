"""The stage tables go through Parquet with fastparquet (pipeline/io.py) and come back unchanged:
values, None in text columns, NaN in the nullable quality column, dtypes, Unicode, empty tables."""
import pandas as pd
import pytest

from pipeline import io, tables
from pipeline.model import FINDING_COLUMNS


def _round_trip(tmp_path, frame: pd.DataFrame) -> pd.DataFrame:
    path = tmp_path / "t.parquet"
    io.write_parquet(path, frame)
    return io.read_parquet(path)


def test_a_table_with_missing_values_and_unicode_comes_back_identical(tmp_path):
    frame = pd.DataFrame({
        "article_id": ["a", "b", "c"], "index": [0, 1, 2], "start": [0, 17, 2**40],
        "text": ["Knee pain", "درد زانو — «Persian»", ""],
        "source_text": [None, "درد", None], "align_id": [None, None, None],
        "quality": [0.25, None, 1.0], "confidence": [0.9, 0.75, 0.5]})
    back = _round_trip(tmp_path, frame)
    pd.testing.assert_frame_equal(back, frame)
    assert back["source_text"].isna().tolist() == [True, False, True] and back["source_text"][1] == "درد"
    assert back["align_id"].isna().all() and back["text"].tolist() == frame["text"].tolist()
    assert back["quality"].isna().tolist() == [False, True, False]
    assert [str(t) for t in back.dtypes] == [str(t) for t in frame.dtypes]
    assert [str(t) for t in back.dtypes][1:3] == ["int64", "int64"]


@pytest.mark.parametrize("make", [tables.articles_frame, tables.blocks_frame, tables.segments_frame,
                                  tables.tokens_frame, tables.findings_frame])
def test_empty_stage_tables_keep_their_columns(tmp_path, make):
    frame = make([])
    back = _round_trip(tmp_path, frame)
    assert list(back.columns) == list(frame.columns) and len(back) == 0
    if make is tables.findings_frame:
        assert list(back.columns) == FINDING_COLUMNS


def test_the_same_bytes_every_time(tmp_path):
    frame = pd.DataFrame({"a": ["x", None], "b": [1.5, None]})
    io.write_parquet(tmp_path / "1.parquet", frame)
    io.write_parquet(tmp_path / "2.parquet", frame)
    assert (tmp_path / "1.parquet").read_bytes() == (tmp_path / "2.parquet").read_bytes()


def test_a_damaged_table_is_a_clear_error_naming_the_file(tmp_path):
    bad = tmp_path / "segments.parquet"
    bad.write_bytes(b"PAR1 not really PAR1")
    with pytest.raises(ValueError, match=r"segments\.parquet: not a readable Parquet table"):
        io.read_parquet(bad)
