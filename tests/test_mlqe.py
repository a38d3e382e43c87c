from __future__ import annotations

import gzip

import pytest

from pipeline import mlqe


def test_vendored_data_has_every_pair_and_split():
    for pair in mlqe.PAIRS:
        for split in mlqe.SPLITS:
            rows = mlqe.read(mlqe.DATA_DIR, pair, split)
            assert len(rows) == (7000 if split == "train" else 1000)
    first = mlqe.read(mlqe.DATA_DIR, "si-en", "dev", limit=1)[0]
    assert first.mt.startswith("In addition to these plants there are coniferous plants")
    assert first.pe.startswith("In addition to these plants, there are also conifers")
    assert first.z_mean == pytest.approx(1.6082685760654154)
    assert first.src.startswith("මෙම ශාක වලට අමතරව")


@pytest.mark.parametrize("tokenised,text", [
    ("it 's ( really ) fine .", "it's (really) fine."),
    ('named " plant synthesis " here , 80 % of it', 'named "plant synthesis" here, 80% of it'),
    ("you can 't and don 't", "you can't and don't"),
    ("< unk > can bleed", "<unk> can bleed"),
])
def test_detokenize(tokenised, text):
    assert mlqe.detokenize(tokenised) == text


def test_write_then_read_round_trips_and_is_reproducible(tmp_path):
    rows = [('He said "no" \\ twice.', "He said no twice .", -0.5, 0.25, "Er sagte zweimal nein.")]
    a, b = tmp_path / "a" / "dev.tsv.gz", tmp_path / "b" / "dev.tsv.gz"
    mlqe.write(a, rows)
    mlqe.write(b, rows)
    assert a.read_bytes() == b.read_bytes()
    (got,) = mlqe.read(tmp_path, "a", "dev")
    assert got == mlqe.Row('He said "no" \\ twice.', "He said no twice.", -0.5, 0.25,
                           "Er sagte zweimal nein.")


def test_bad_files_name_the_file_and_the_problem(tmp_path):
    with pytest.raises(mlqe.DataError, match=r"xx-en/dev.tsv.gz: no such file"):
        mlqe.read(tmp_path, "xx-en", "dev")
    path = tmp_path / "yy-en" / "dev.tsv.gz"
    path.parent.mkdir()
    path.write_bytes(gzip.compress(b"mt\tpe\n"))
    with pytest.raises(mlqe.DataError, match=r"yy-en/dev.tsv.gz: columns"):
        mlqe.read(tmp_path, "yy-en", "dev")
    path.write_bytes(gzip.compress(b"mt\tpe\tz_mean\thter\tsrc\na\tb\tnot-a-number\t0\tc\n"))
    with pytest.raises(mlqe.DataError, match=r"yy-en/dev.tsv.gz: line 2"):
        mlqe.read(tmp_path, "yy-en", "dev")
