"""Property: any generated article goes through ingest, segment and detect without a crash,
within a per-input deadline, with every block, sentence, token and finding at the right place in
the file (text, line and column). See inputs.py for what the articles hold."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import nlp
from pipeline.ingest import IngestError, read_article
from tests.conftest import run_rules
from tests.robustness import inputs, oracle

PER_INPUT_SECONDS = 60  # a hang, not a slow machine: a typical input takes well under a second


def audit(gen: inputs.Generated):
    """(article, findings), or None when the reader refuses the file with an IngestError."""
    try:
        article = read_article(Path(gen.name), data=gen.data)
    except IngestError:
        return None
    assert not nlp.segment([article])
    return article, run_rules([article])


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_generated_articles_never_crash_hang_or_misplace_an_offset(data):
    gen = inputs.article(inputs.HypothesisSource(data))
    with oracle.deadline(PER_INPUT_SECONDS):
        result = audit(gen)
    if result is None:
        return
    article, findings = result
    if not gen.name.endswith(".html") and article.encoding in ("utf-8", "utf-8-sig", "utf-16"):
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
