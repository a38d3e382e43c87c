"""Segmentation: sentences and tokens per block, with offsets that map back to the file."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import nlp, table_files, tables
from pipeline.ingest import read_article


@pytest.mark.parametrize("parquet", [True, False], ids=["parquet", "json-table"])
def test_sentences_tokens_and_file_offsets_survive_the_table_round_trip(tmp_path, monkeypatch, parquet):
    if parquet:
        pytest.importorskip("fastparquet")
    else:  # a core install without fastparquet
        monkeypatch.setattr(table_files, "parquet_available", lambda: False)
    text = "\ufeffNeck pain\r\nRest helps. Heat helps too.\r\n- Stretch daily\r\n"
    art = read_article(Path("n.txt"), data=text.encode("utf-8"))
    nlp.segment([art])
    assert [(s.block_kind, s.text) for s in art.segments] == [
        ("title", "Neck pain"), ("paragraph", "Rest helps."), ("paragraph", "Heat helps too."),
        ("list_item", "Stretch daily")]
    seg = tables.segments_frame([art])
    tok = tables.tokens_frame([art])
    for r in seg.to_dict("records"):
        assert text[r["file_start"]:r["file_end"]] == r["text"]
    for r in tok.to_dict("records"):
        assert text[r["file_start"]:r["file_end"]] == r["text"]
    assert tok[tok.text == "helps"].pos.tolist() == ["VERB", "VERB"]
    frames = {"a": tables.articles_frame([art]), "b": tables.blocks_frame([art]), "s": seg, "t": tok}
    for name, frame in frames.items():
        table_files.write(tmp_path / f"{name}.parquet", frame)
    back = tables.articles_from_frames(*(table_files.read(tmp_path / f"{n}.parquet") for n in frames))[0]
    assert [s.text for s in back.segments] == [s.text for s in art.segments]
    assert [t.text for t in back.segments[1].tokens] == ["Rest", "helps", "."]
    assert back.file_span(5, 8) == art.file_span(5, 8)
    assert back.blocks == art.blocks and back.segments == art.segments  # tokens included


def test_unused_components_are_not_loaded():
    pipe = nlp.load().pipe_names
    assert "parser" not in pipe and "ner" not in pipe and "senter" in pipe
