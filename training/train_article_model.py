"""Rebuild the article-need counts of TR070 (pipeline/rules/data/article_need.json.gz).

usage: python training/train_article_model.py [--data training/mlqe-pe] [--extra training/medical-en]
                                               [--out PATH] [--limit N]

Tags correct English with the pipeline's own spaCy model and settings: the human post-edits of
the train split of MLQE-PE's si-en, et-en, ro-en and ru-en (dev stays unseen, for measuring;
ne-en is left out, below) and the correct clinic English
written for this project in training/medical-en/*.txt (one sentence or paragraph a line, `#`
lines are comments), and the definitions of the Human Phenotype Ontology shipped with the
package (pipeline/data/terminologies/hp.obo.gz; curated medical English, which names body parts,
devices and findings that the post-edits rarely do: "the abdomen", "a joint"), for the nouns the
post-edits and clinic lines saw fewer than FILL_BELOW times (not as compound heads). Each
singular noun phrase that pipeline/article_need/phrases.py can judge is
counted bare or with a determiner, per noun, per (slot, noun) and, for a noun heading a compound
("muscle function"), per compound head. Nouns seen fewer than
MIN_KEEP times and slots seen fewer than MIN_PAIR times are dropped (the rule never judges
them). Deterministic; a few minutes of CPU, almost all of it spaCy's tagging."""
from __future__ import annotations

import argparse
import bisect
import math
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import mlqe, nlp, wordlists  # noqa: E402
from pipeline.knowledge.hpo import obo_path  # noqa: E402
from pipeline.article_need.model import MODEL_PATH, ArticleModel, regular_plural  # noqa: E402
from pipeline.article_need.phrases import noun_phrases, running_text  # noqa: E402

EXTRA_DIR = ROOT / "training" / "medical-en"
# ne-en is left out: its post-edits keep many of the MT's dropped articles (a fifth of the
# bare uses of plain count nouns such as "year", "village", "doctor", against about 6% in the
# other pairs), so they would teach the rule that a bare count noun is correct English.
PAIRS = ("si-en", "et-en", "ro-en", "ru-en")
MIN_KEEP = 3
MIN_PAIR = 2
BANDS = [-1.5, -1.0, -0.7, -0.4]  # edges of the plural-share bands (log10 plural/singular)
PRIOR_MIN = 10
FILL_BELOW = 10  # a noun seen fewer times than this in the post-edits takes the HPO counts too


def read_extra(folder: Path) -> list[str]:
    lines = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def read_hpo_definitions(path: Path, limit: int | None = None) -> list[str]:
    """The text of each `def:` line of an OBO file, in file order (the first `limit` of them)."""
    import gzip
    import re

    quoted = re.compile(r'^def: "((?:[^"\\]|\\.)*)"')
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            m = quoted.match(line)
            if m:
                out.append(m.group(1).replace('\\"', '"'))
                if limit is not None and len(out) >= limit:
                    break
    return out


def count(texts: list[str]) -> tuple[Counter, Counter, Counter, int]:
    """(noun counts, (slot, noun) counts, counts of nouns heading a compound, words), with keys
    (key, bare)."""
    lemmas, pairs, compounds, words = Counter(), Counter(), Counter(), 0
    for doc in nlp.load().pipe(texts, batch_size=256):
        words += sum(1 for t in doc if t.text[:1].isalnum())
        for sent in doc.sents:
            toks = [t for t in sent if not t.is_space]
            if not running_text([t.text for t in toks], [t.tag_ for t in toks]):
                continue
            for np in noun_phrases([t.text for t in toks], [t.tag_ for t in toks],
                                   [t.lemma_ for t in toks]):
                lemmas[np.lemma, np.bare] += 1
                pairs[f"{np.slot} {np.lemma}", np.bare] += 1
                if np.compound:
                    compounds[np.lemma, np.bare] += 1
    return lemmas, pairs, compounds, words


def fill(lemmas: Counter, pairs: Counter, more_lemmas: Counter, more_pairs: Counter) -> None:
    """Add the counts of a second corpus for the nouns the first saw fewer than FILL_BELOW
    times, with their slots: the HPO definitions name body parts and findings
    the post-edits rarely do ("abdomen", "joint"), but their house style ("in the circulation")
    must not override what general English already shows for a noun it knows."""
    seen = Counter()
    for (lemma, _), n in lemmas.items():
        seen[lemma] += n
    filled = {lemma for lemma, _ in more_lemmas if seen[lemma] < FILL_BELOW}
    # not their compounds: definitions write "the blood circulation", "the serum level", where
    # clinic English uses a compound generically and bare ("increase blood circulation")
    for table, more, noun_of in ((lemmas, more_lemmas, lambda k: k),
                                 (pairs, more_pairs, lambda k: k.rsplit(" ", 1)[-1])):
        for (key, bare), n in more.items():
            if noun_of(key) in filled:
                table[key, bare] += n


def plural_share(lemma: str, plurals: dict[str, str]) -> float:
    """log10 of how much more often wordfreq sees the noun's plural than its singular: count
    nouns have common plurals, mass nouns rarely any (the prior of the noun's bare rate)."""
    freqs = wordlists.english()
    plural = plurals.get(lemma) or regular_plural(lemma)
    return math.log10(max(freqs.get(plural, 0.0), 1e-9) / max(freqs.get(lemma, 0.0), 1e-9))


def irregular_plurals() -> dict[str, str]:
    """lemma -> plural, from the English model's own lemmatizer exceptions ("analyses")."""
    exc = nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_exc")["noun"]
    return {lemmas[0]: form for form, lemmas in sorted(exc.items()) if lemmas}


def priors(lemmas: dict[str, tuple[int, int]]) -> tuple[list[float], list[float], dict[str, int]]:
    """The pooled bare rate of the nouns in each band of plural share (nouns seen PRIOR_MIN
    times or more), and each noun's band: the learned prior of a noun's bare rate."""
    plurals = irregular_plurals()
    band_of = {k: bisect.bisect(BANDS, plural_share(k, plurals)) for k in lemmas}
    rates = []
    for band in range(len(BANDS) + 1):
        det = sum(d for k, (d, b) in lemmas.items() if band_of[k] == band and d + b >= PRIOR_MIN)
        bare = sum(b for k, (d, b) in lemmas.items() if band_of[k] == band and d + b >= PRIOR_MIN)
        rates.append(round((bare + 1) / (det + bare + 2), 4))
    return BANDS, rates, band_of


def table(counter: Counter, minimum: int) -> dict[str, tuple[int, int]]:
    keys = {k for k, _ in counter}
    out = {k: (counter[k, False], counter[k, True]) for k in keys}
    return {k: v for k, v in sorted(out.items()) if sum(v) >= minimum}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=mlqe.DATA_DIR)
    ap.add_argument("--extra", type=Path, default=EXTRA_DIR)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--hpo", type=Path, default=obo_path(), help="an OBO file whose definitions are counted too")
    ap.add_argument("--no-hpo", action="store_true", help="leave the HPO definitions out")
    ap.add_argument("--limit", type=int, help="only the first N rows of each pair (for tests)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    texts = [r.pe for pair in PAIRS for r in mlqe.read(args.data, pair, "train", args.limit)]
    extra = read_extra(args.extra) if args.extra.is_dir() else []
    hpo = [] if args.no_hpo else read_hpo_definitions(args.hpo, args.limit)
    lemmas, pairs, compounds, words = count(texts + extra)
    if hpo:
        more_lemmas, more_pairs, _, _ = count(hpo)
        fill(lemmas, pairs, more_lemmas, more_pairs)
    nouns = table(lemmas, MIN_KEEP)
    bands, rates, band_of = priors(nouns)
    model = ArticleModel(nouns, table(pairs, MIN_PAIR), compounds=table(compounds, MIN_PAIR), meta={
        "sources": {"mlqe-pe train post-edits": len(texts), "medical-en lines": len(extra),
                    "hpo definitions": len(hpo)},
        "words": words, "phrases": sum(lemmas.values()),
        "prior_bands": {"edges": bands, "bare_rates": rates}},
        priors={k: rates[b] for k, b in band_of.items()})
    model.save(args.out)
    print(f"{args.out}: {len(texts) + len(extra) + len(hpo)} texts, {words} words, "
          f"{model.meta['phrases']} noun phrases, {len(model.lemmas)} nouns, "
          f"{len(model.pairs)} slots, {args.out.stat().st_size / 1e3:.0f} kB, "
          f"{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
