"""An interpolated Kneser-Ney n-gram model over short symbol sequences (here: part-of-speech tags),
small enough to train in seconds and to ship as a JSON file.

    P(w | h) = max(c(h w) - D_k, 0) / c(h) + D_k * N1+(h .) / c(h) * P(w | h')

where h' is h without its first symbol, c is the raw count at the highest order and the
continuation count N1+(. h w) (the number of distinct symbols seen before h w) at lower orders,
D_k = n1 / (n1 + 2 n2) from the count-of-counts of order k, and the unigram level is interpolated
with the uniform distribution over the vocabulary (interpolated Kneser-Ney as described by Chen
and Goodman, https://aclanthology.org/P96-1041/ and their 1998 technical report TR-10-98).

The model stores, for every seen n-gram, its discounted term `a(h w)` and, for every seen context,
its back-off weight `b(h)`; a query walks from the longest context down."""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Sequence

BOS, EOS = "<s>", "</s>"
SEP = " "


class KneserNey:
    def __init__(self, order: int, vocab: list[str], terms: dict[str, float],
                 backoff: dict[str, float]):
        self.order = order
        self.vocab = vocab
        self.terms = terms  # "h w" -> a(h w)
        self.backoff = backoff  # "h" -> b(h); "" is the unigram level's weight on uniform
        self._uniform = 1.0 / len(vocab)

    @classmethod
    def train(cls, sentences: Iterable[Sequence[str]], order: int = 4) -> "KneserNey":
        counts: list[Counter] = [Counter() for _ in range(order + 1)]
        for sent in sentences:
            seq = [BOS] * (order - 1) + list(sent) + [EOS]
            for i in range(order - 1, len(seq)):
                counts[order][tuple(seq[i - order + 1:i + 1])] += 1
        # lower orders: continuation counts (distinct left extensions), which also count an
        # n-gram that starts the padded sentence once, so that "<s> A" keeps its mass
        for k in range(order - 1, 0, -1):
            for gram in counts[k + 1]:
                counts[k][gram[1:]] += 1
        vocab = sorted({g[-1] for g in counts[1]} | {EOS})
        terms: dict[str, float] = {}
        backoff: dict[str, float] = {}
        for k in range(1, order + 1):
            n1 = sum(1 for c in counts[k].values() if c == 1)
            n2 = sum(1 for c in counts[k].values() if c == 2)
            d = n1 / (n1 + 2 * n2) if n1 + n2 else 0.5
            total: Counter = Counter()
            types: Counter = Counter()
            for gram, c in counts[k].items():
                total[gram[:-1]] += c
                types[gram[:-1]] += 1
            for gram, c in counts[k].items():
                terms[SEP.join(gram)] = max(c - d, 0.0) / total[gram[:-1]]
            for h, t in total.items():
                backoff[SEP.join(h)] = d * types[h] / t
        return cls(order, vocab, terms, backoff)

    def prob(self, history: Sequence[str], word: str) -> float:
        """P(word | the last order-1 symbols of history)."""
        h = list(history[-(self.order - 1):]) if self.order > 1 else []
        p = self._uniform * self.backoff.get("", 1.0)
        p += self.terms.get(word, 0.0)
        for k in range(len(h) - 1, -1, -1):
            ctx = SEP.join(h[k:])
            b = self.backoff.get(ctx)
            if b is None:
                break
            p = self.terms.get(ctx + SEP + word, 0.0) + b * p
        return p

    def surprisals(self, symbols: Sequence[str]) -> list[float]:
        """-log2 P of each symbol of a sentence and of its end, given what precedes it."""
        seq = [BOS] * (self.order - 1) + list(symbols) + [EOS]
        return [-math.log2(self.prob(seq[:i], seq[i])) for i in range(self.order - 1, len(seq))]

    def to_dict(self, digits: int = 6) -> dict:
        return {"order": self.order, "vocab": self.vocab,
                "terms": {k: round(v, digits) for k, v in sorted(self.terms.items()) if v > 0},
                "backoff": {k: round(v, digits) for k, v in sorted(self.backoff.items())}}

    @classmethod
    def from_dict(cls, data: dict) -> "KneserNey":
        return cls(int(data["order"]), list(data["vocab"]), dict(data["terms"]),
                   dict(data["backoff"]))
