"""How often each singular noun stands bare in correct English, overall and per slot (the
preposition or verb that governs it), and the decision TR070 takes from those counts.

A bare phrase is judged only when its noun was seen at least `min_count` times (unknown is not
wrong). Its bare rate is smoothed twice: the noun's own rate is pulled towards a learned prior
(`prior` pseudo-counts): the pooled bare rate of the nouns whose plural is about as common,
relative to the singular, in wordfreq's English (count nouns have common plurals, mass nouns
rarely), and the rate in its slot is pulled towards the noun's rate times how much likelier a
bare noun is in that slot than elsewhere, set phrases aside (`pair` pseudo-counts; "of" and
"without" take bare abstract nouns often, "after" and "during" seldom), so a slot seen bare a few times ("at home", "by mouth",
"take place") is exempt while an unseen slot falls back on the noun. The phrase is flagged when the noun's rate
is at most `max_noun_rate` (a noun that correct English often uses bare, "time", "treatment",
is never judged) and its rate in the slot at most `max_rate`. A noun heading a compound ("muscle
function", "donor area") is judged only on its own counts as a compound head (at least
`min_compound`), smoothed towards its rate as a noun: compounds are often generic and bare.

The counts (`pipeline/rules/data/article_need.json.gz`) are written by
training/train_article_model.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline import packaged

MODEL_PATH = packaged.rule_data("article_need.json.gz")
DEFAULTS = {"min_count": 10, "min_compound": 4, "prior": 6.0, "pair": 3.0, "max_noun_rate": 0.08, "max_rate": 0.08,
            "min_pair_bare": 2}


def regular_plural(lemma: str) -> str:
    """The regular English plural of a noun ("clinic" -> "clinics", "surgery" -> "surgeries")."""
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


@dataclass(frozen=True)
class Verdict:
    flag: bool
    rate: float  # smoothed bare rate in the slot
    seen: int  # the noun's phrases counted
    seen_bare: int
    slot_seen: int
    slot_bare: int


@dataclass
class ArticleModel:
    lemmas: dict[str, tuple[int, int]]  # lemma -> (with a determiner, bare)
    pairs: dict[str, tuple[int, int]]  # "slot lemma" -> (with a determiner, bare)
    params: dict[str, float] = field(default_factory=lambda: dict(DEFAULTS))
    meta: dict = field(default_factory=dict)
    # lemma -> the prior bare rate of nouns with as common a plural (learned; corpus-wide rate
    # for a noun without one)
    priors: dict[str, float] = field(default_factory=dict)
    # lemma -> (with a determiner, bare) when it heads a compound ("muscle function")
    compounds: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def base_rate(self) -> float:
        det = sum(d for d, _ in self.lemmas.values())
        bare = sum(b for _, b in self.lemmas.values())
        return bare / max(1, det + bare)

    def judge(self, lemma: str, slot: str, compound: bool = False) -> Verdict | None:
        """None when the noun (or, heading a compound, the noun as a compound head) is too rare
        in the counts to be judged."""
        det, bare = self.lemmas.get(lemma, (0, 0))
        p = self.params
        if det + bare < p["min_count"]:
            return None
        prior = self.priors.get(lemma, self._base)
        noun_rate = (bare + p["prior"] * prior) / (det + bare + p["prior"])
        if compound:  # "muscle function" is often bare where "function" is not
            cdet, cbare = self.compounds.get(lemma, (0, 0))
            if cdet + cbare < p["min_compound"]:
                return None
            noun_rate = (cbare + p["prior"] * noun_rate) / (cdet + cbare + p["prior"])
        pdet, pbare = self.pairs.get(f"{slot} {lemma}", (0, 0))
        slot_prior = min(1.0, noun_rate * self._slot_factor.get(slot, 1.0))
        rate = (pbare + p["pair"] * slot_prior) / (pdet + pbare + p["pair"])
        flag = noun_rate <= p["max_noun_rate"] and rate <= p["max_rate"] and \
            pbare < p["min_pair_bare"]
        return Verdict(flag, round(rate, 4), det + bare, bare, pdet + pbare, pbare)

    def open_counts(self, lemma: str) -> tuple[int, int]:
        """(with a determiner, bare) of the noun outside its set phrases (slots where it stood
        bare `min_pair_bare` times or more: "take place", "in hospital"): how the noun behaves
        as a count noun when no idiom shelters it."""
        return self._open.get(lemma, (0, 0))

    def __post_init__(self):
        self._base = self.base_rate
        self._open: dict[str, tuple[int, int]] = {}
        for key, (det, bare) in self.pairs.items():
            if bare < self.params["min_pair_bare"]:
                lemma = key.split(" ", 1)[1]
                d, b = self._open.get(lemma, (0, 0))
                self._open[lemma] = (d + det, b + bare)
        totals: dict[str, list[int]] = {}
        for key, (det, bare) in self.pairs.items():
            if bare >= self.params["min_pair_bare"]:
                continue  # a set phrase ("for example"): exempt anyway, not the slot's habit
            t = totals.setdefault(key.split(" ", 1)[0], [0, 0])
            t[0] += det
            t[1] += bare
        # how much likelier than average a bare noun is in each slot ("of", "by", "without"
        # take bare abstract nouns often; "for", "v:make" seldom), from the same counts
        det_all = sum(d for d, _ in totals.values())
        bare_all = sum(b for _, b in totals.values())
        base = (bare_all + 1) / (det_all + bare_all + 2)
        self._slot_factor = {
            slot: min(3.0, max(0.5, (bare + base * 10) / (det + bare + 10) / base))
            for slot, (det, bare) in totals.items()}

    def to_dict(self) -> dict:
        return {"format": 1, "meta": self.meta, "priors": self.priors,
                "compounds": {k: list(v) for k, v in self.compounds.items()},
                "lemmas": {k: list(v) for k, v in self.lemmas.items()},
                "pairs": {k: list(v) for k, v in self.pairs.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> "ArticleModel":
        if data.get("format") != 1:
            raise ValueError(f"format {data.get('format')!r}, expected 1")
        return cls({k: (int(v[0]), int(v[1])) for k, v in data["lemmas"].items()},
                   {k: (int(v[0]), int(v[1])) for k, v in data["pairs"].items()},
                   dict(DEFAULTS), dict(data.get("meta") or {}),
                   {k: float(v) for k, v in (data.get("priors") or {}).items()},
                   {k: (int(v[0]), int(v[1])) for k, v in (data.get("compounds") or {}).items()})

    def save(self, path: Path) -> None:
        """Written reproducibly (sorted keys, no time in the gzip header) and atomically."""
        from pipeline.io import write_json_gz

        write_json_gz(path, self.to_dict())

    @classmethod
    def read(cls, path: Path) -> "ArticleModel":
        try:
            from pipeline.io import read_json_gz

            return cls.from_dict(read_json_gz(path))
        except (OSError, ValueError, KeyError, TypeError, IndexError) as e:
            raise RuntimeError(f"{path}: not a readable article-need model ({e}); rebuild it "
                               "with training/train_article_model.py") from e


@lru_cache(maxsize=1)
def load() -> ArticleModel:
    """The shipped counts (read once per process; unpickled from the user's cache while the file
    and this module are unchanged: pipeline/derived_cache.py)."""
    from pipeline.derived_cache import cached

    return cached("articleneed", lambda: ArticleModel.read(MODEL_PATH), ArticleModel,
                  files=[Path(__file__), MODEL_PATH])
