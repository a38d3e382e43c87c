"""Property: any generated article goes through ingest, segment and detect without a crash,
within a per-input deadline, with every block, sentence, token and finding at the right place in
the file (text, line and column). See inputs.py for what the articles hold."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import nlp
from pipeline.ingest import IngestError, read_article
from tests.conftest import run_rules
from tests.robustness import inputs, oracle

PER_INPUT_SECONDS = 60  # a hang, not a slow machine: a typical input takes well under a second


def audit(gen: inputs.Generated):
    """(article, findings), or None when the reader refuses the file with an IngestError. A
    paired file is read from disk, with its Persian partner beside it."""
    try:
        if gen.partner:
            with tempfile.TemporaryDirectory() as folder:
                article = read_article(gen.write(Path(folder)), Path(folder))
        else:
            article = read_article(Path(gen.name), data=gen.data)
    except IngestError:
        return None
    assert not nlp.segment([article])
    return article, run_rules([article])


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_generated_articles_never_crash_hang_or_misplace_an_offset(data):
    gen = inputs.article(inputs.HypothesisSource(data), bilingual_share=0.3)
    with oracle.deadline(PER_INPUT_SECONDS):
        result = audit(gen)
    if result is None:
        return
    article, findings = result
    if gen.name.endswith((".txt", ".md")) and article.encoding in ("utf-8", "utf-8-sig", "utf-16"):
        assert article.file_text == gen.text  # what was written is what is read
    assert oracle.problems(article, findings) == []


def test_the_generator_covers_what_it_promises():
    """Over a fixed sample the generator produces every format, encoding and line ending, and
    readable articles as well as refused ones (so the property is not vacuous)."""
    import random

    src = inputs.RandomSource(random.Random(7))
    sample = [inputs.article(src) for _ in range(300)]
    names = {g.name for g in sample}
    assert names == {"case.txt", "case.md", "case.html"}
    assert {g.name for g in [inputs.article(src, bilingual_share=1.0) for _ in range(100)]} == \
        {"case.xlf", "case.xliff", "case.tmx", "case.en.txt"}
    blob = b"".join(g.data for g in sample)
    assert b"\r\n" in blob and b"\xff\xfe" in blob and b"\xef\xbb\xbf" in blob
    texts = "".join(g.text for g in sample)
    for mark in ("\r", "\u200c", "\u200f", "\u06f1", "\u0661", "<!--", "&amp;", "---\n"):
        assert mark in texts, mark
    read = 0
    for g in sample:
        try:
            read_article(Path(g.name), data=g.data)
            read += 1
        except IngestError:
            pass
    assert 0.5 * len(sample) < read < len(sample)


def test_the_bilingual_generator_gives_readable_and_refused_files(tmp_path):
    """XLIFF 1.2 and 2.0, TMX and paired files: most are read, as units with inline codes; some
    (broken XML, paragraph counts that differ) are refused with a clear error."""
    import random

    src = inputs.RandomSource(random.Random(11))
    read, refused, codes, formats = 0, 0, 0, set()
    for k in range(120):
        gen = inputs.bilingual(src)
        folder = tmp_path / str(k)
        folder.mkdir()
        try:
            a = read_article(gen.write(folder), folder)
        except IngestError as e:
            assert e.problem and e.source == gen.name
            refused += 1
            continue
        read += 1
        formats.add(a.format)
        codes += bool(a.metadata.get("codes"))
        assert all(b.align_id for b in a.blocks)
    assert formats == {"xliff", "tmx", "paired"}
    assert read > 0.7 * 120 and refused > 0 and codes > 10
