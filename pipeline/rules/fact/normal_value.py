"""FA016: a normal value of the body ("normal body temperature is 39 °C") or an anatomical count
("the heart has three chambers") that contradicts a referenced fact. The facts, their units,
tolerances and references are data: pipeline/rules/data/normal_values.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule, RuleError
from pipeline.rules.references import read_references

PATH = packaged.rule_data("normal_values.yaml")

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100})
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_WORD_NUM = (rf"{_TENS}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:a|one)\s+hundred|"
             r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|zero|one|two|three|four|five|"
             r"six|seven|eight|nine|ten|eleven|twelve")
# "150,000" is one number (thousands separated by commas), "37,5" a decimal comma
_INNER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d|[.,]\d)|\d+(?:[.,]\d+)?(?!\d)|(?:{_WORD_NUM})\b)"
_NUM = rf"(?<![\w.,/-]){_INNER}"
_RANGE = r"\s*(?:-|–|—|to|and|or)\s*"
# a value: "39", "98.6", "160/100", "60 to 100", "90/60 to 120/80"
_VALUE = re.compile(rf"(?P<a>{_NUM})(?:\s*/\s*(?P<b>{_INNER}))?(?:{_RANGE}(?P<c>{_INNER})(?:\s*/\s*(?P<d>{_INNER}))?)?",
                    re.I)
# what precedes a stated normal value: a normal word, the quantity, a linking verb right before it
_NORMAL = re.compile(r"\b(?:normal(?:ly)?|healthy|typical(?:ly)?|average|standard|full[- ]term)\b", re.I)
_LINK = re.compile(r"(?:\b(?:is|are|was|were|be|of|lasts?|ranges?|averages?|stays?|remains?|sits?|measures?|"
                   r"equals?|around|about|approximately|roughly|nearly|near|close\s+to|some|typically|normally|"
                   r"generally|usually|between|from|at|beats?|breathes?)\s*|[:=]\s*)+$", re.I)
# a count: "<X> has / there are <N> <noun>", or "<N> <noun> make up <X>"
_HAS = re.compile(r"\b(?:has|have|had|possess(?:es)?|contains?|consists?\s+of|comprises?|(?:is|are)\s+(?:made\s+(?:up\s+)?of|"
                  r"composed\s+of|formed\s+(?:of|by|from))|there\s+(?:are|is)|total\s+of)\s+"
                  r"(?:(?:about|around|approximately|roughly|exactly|precisely|normally|usually|typically|generally|"
                  r"a\s+total\s+of|in\s+total|altogether)\s+)*$", re.I)
_MAKE_UP = re.compile(r"\s+(?:make\s+up|form|are\s+(?:found\s+)?in|in\s+(?:the|an?|each|every)\b)", re.I)
_BARE_START = re.compile(r"^\s*(?:(?:the|a|an|all|about|around|approximately|roughly|some|exactly)\s+)*$", re.I)
# what denies, compares, asks or reports the statement instead of making it
_NOT = re.compile(r"\b(?:not|no|never|neither|nor|above|over|below|under|beyond|exceed\w*|more|less|higher|lower(?!\s+(?:back|leg|legs|limbs?|jaw|abdomen|belly|lip|eyelids?|arm|arms|teeth|spine))|"
                  r"greater|fewer|up\s+to|at\s+least|at\s+most|rises?|rose|drops?|falls?|fell|reach\w*|increas\w*|"
                  r"decreas\w*|myths?|wrong\w*|false(?:ly)?|mistaken\w*|believe\w*|think|thought|claims?|claimed|"
                  r"if|when|whether|unless|instead|rather|used\s+to|once)\b|n['’]t\b", re.I)
_AFTER_NOT = re.compile(r"^[^.;]*?\b(?:is|are|means?|indicates?|signals?|counts?\s+as|would\s+be|considered)\s+"
                        r"(?:(?:a|an|too|very|quite|already)\s+)*(?:fever|high|low|fast|slow|abnormal|dangerous|"
                        r"hypertension|hypotension|tachycardia|bradycardia|diabetes|prediabetes|elevated|a\s+sign|"
                        r"not\s+normal|a\s+myth|wrong|false|untrue)\b", re.I)
# a value stated before the quantity is called normal: "a blood pressure of 160/100 mmHg is normal"
_IS_NORMAL = re.compile(r"\s*(?:is|are|was|were)\s+(?:(?:completely|perfectly|quite|totally|considered|still|"
                        r"usually|generally|also)\s+)*(?:normal|healthy)\b(?!\s+(?:for|in)\s+(?:a\s+|an\s+)?(?!(?:the\s+)?adults?\b)\w)", re.I)
_GLOSS = re.compile(r"\s*\([^()]{1,40}\)")
_CLAUSE = re.compile(r"[;:!]|,\s*(?:but|while|whereas|and|although|though)\b|\b(?:but|whereas|while)\b", re.I)


@dataclass(frozen=True)
class Fact:
    id: str
    kind: str  # "value" or "count"
    what: str
    fact: str
    low: float
    high: float
    tolerance: float
    refs: tuple
    exclude: re.Pattern | None
    trigger: re.Pattern | None = None  # values
    units: tuple = ()  # values: (pattern, scale, offset, name)
    bare: bool = False
    pair: tuple | None = None  # (low, high, tolerance) of the second number of "N/N"
    require: re.Pattern | None = None
    noun: re.Pattern | None = None  # counts
    per: tuple = ()  # counts: (pattern, factor)
    topic: re.Pattern | None = None


def _re(s):
    return re.compile(s, re.I) if s else None


@lru_cache(maxsize=1)
def load() -> tuple[tuple[Fact, ...], re.Pattern]:
    """The facts of pipeline/rules/data/normal_values.yaml and the sentence exclusions shared by
    the normal values, or an error naming the file."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        facts = []
        for kind, key, rng in (("value", "values", "normal"), ("count", "counts", "count")):
            for f in data[key]:
                refs = read_references(f["references"], f"fact {f['id']!r}")
                low, high = (float(x) for x in f[rng])
                if low > high:
                    raise KeyError(f"fact {f['id']!r}: an empty range")
                common = dict(id=str(f["id"]), kind=kind, what=str(f["what"]), fact=str(f["fact"]), low=low,
                              high=high, tolerance=float(f["tolerance"]), refs=refs, exclude=_re(f.get("exclude")))
                if kind == "value":
                    pair = f.get("pair")
                    facts.append(Fact(**common, trigger=_re(f["trigger"]), bare=bool(f.get("bare")),
                                      units=tuple((_re(u["pattern"]), float(u["scale"]), float(u["offset"]),
                                                   str(u["name"])) for u in f["units"]),
                                      pair=(float(pair["normal"][0]), float(pair["normal"][1]),
                                            float(pair["tolerance"])) if pair else None,
                                      require=_re(f.get("require"))))
                else:
                    facts.append(Fact(**common, noun=_re(f["noun"]), topic=_re(f.get("topic")),
                                      per=tuple((_re(p), float(k)) for p, k in (f.get("per") or {}).items())))
        return tuple(facts), _re(data["exclude"])
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise RuleError(f"{PATH}: {exc}") from exc


def _num(s: str | None) -> float | None:
    if s is None:
        return None
    s = re.sub(r"\s+", " ", s.lower())
    if s in _WORDS:
        return float(_WORDS[s])
    m = re.fullmatch(r"(\w+)[- ](\w+)", s)
    if m and m.group(1) in _WORDS and m.group(2) in _WORDS:
        return float(_WORDS[m.group(1)] + _WORDS[m.group(2)])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        return float(s.replace(",", ""))
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None


def _outside(lo: float, hi: float, low: float, high: float, tol: float) -> bool:
    """No point of the stated [lo, hi] within the accepted range widened by the tolerance."""
    return hi < low - tol or lo > high + tol


def _clause_start(text: str, end: int) -> int:
    starts = [m.end() for m in _CLAUSE.finditer(text, 0, end)]
    return starts[-1] if starts else 0


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


class WrongNormalValue(Rule):
    """A normal value or an anatomical count that contradicts a reference: "normal body temperature is 39 °C".

    What it does
    Reads statements of a normal adult value (body temperature, resting heart rate, breathing
    rate, blood pressure, fasting blood sugar, length of a pregnancy, platelet count, hemoglobin,
    TSH, HbA1c: "normal X is N unit", "X is normally N unit", "an X of N unit is normal"; "150,000"
    is read as one number) and of anatomical counts (teeth, heart chambers, bones of the adult
    skeleton, ribs, chromosomes, kidneys, vertebrae: "X has N Y", "there are N Y in X"). Converts
    the unit (°F to °C, mmol/L to mg/dL, months to weeks, pairs to items) and reports a value or
    range with no point inside the referenced normal range widened by a tolerance. Values given
    as abnormal ("39 °C is a fever"), compared ("above 100"), denied, asked, about another group
    (children, newborns, athletes, one patient) or with no readable unit give no finding: an
    unknown is never wrong.

    Why is this bad?
    Machine translation garbles numbers. A reader who believes that 39 °C or 160/100 mmHg is
    normal will not seek care for a fever or high blood pressure; a wrong count discredits the page.

    Example
    Normal body temperature is 39 degrees Celsius.

    Use instead
    Normal body temperature is about 37 degrees Celsius (98.6 °F).

    Severity
    Major: a factual error that can delay care.

    References
    The facts and their sources: pipeline/rules/data/normal_values.yaml (MedlinePlus Medical
    Encyclopedia: Vital signs, Body temperature norms, Platelet count, Hemoglobin, TSH test; Mayo
    Clinic CBC; American Diabetes Association Standards of Care; Gray's Anatomy; NLM Genetics Home
    Reference).
    """

    code = "FA016"
    name = "wrong-normal-value"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        facts, shared_exclude = load()
        for seg in ctx.segments:
            text = seg.text
            if text.rstrip().endswith("?"):
                continue
            seen: set[tuple[int, int]] = set()
            for fact in facts:
                if fact.exclude and fact.exclude.search(text):
                    continue
                claims = self._values(text, fact, shared_exclude) if fact.kind == "value" else \
                    self._counts(text, fact)
                for s, e, lo, hi, unit in claims:
                    if (s, e) in seen:
                        continue
                    seen.add((s, e))
                    stated = text[s:e]
                    titles = "; ".join(r["title"].split(" (")[0] for r in fact.refs)
                    message = (f'Wrong normal value: the article states "{stated}" for {fact.what}; '
                               f"{fact.fact} ({titles}).")
                    evidence = {"fact": fact.id, "stated": stated, "stated_value": [lo, hi], "unit": unit,
                                "expected": [fact.low, fact.high], "tolerance": fact.tolerance,
                                "references": list(fact.refs)}
                    yield Match(seg.start + s, seg.start + e, message, suggestion=None, confidence=0.85,
                                evidence=evidence)

    @staticmethod
    def _values(text: str, fact: Fact, shared_exclude):
        """(start, end, low, high, unit) of each stated normal value of `fact` outside its range."""
        if shared_exclude.search(text):
            return
        for m in _VALUE.finditer(text):
            unit_name, scale, offset, end = None, 1.0, 0.0, m.end()
            for pat, sc, off, name in fact.units:
                u = re.compile(r"\s*(?:" + pat.pattern + ")", re.I).match(text, m.end())
                if u:
                    unit_name, scale, offset, end = name, sc, off, u.end()
                    break
            if unit_name is None and not (fact.bare and m.group("b")):
                continue
            pre = text[_clause_start(text, m.start()):m.start()]
            trig = list(fact.trigger.finditer(pre))
            if not trig or not (_NORMAL.search(pre) or _IS_NORMAL.match(text, end)) or _NOT.search(pre):
                continue
            link = pre[trig[-1].end():]  # "temperature is about", or nothing after a verb ("breathes")
            if link.strip() and not _LINK.search(link):
                continue
            if fact.require and not fact.require.search(pre) or _AFTER_NOT.match(text[end:]):
                continue
            a, b, c, d = (_num(m.group(k)) for k in "abcd")
            if a is None or (m.group("c") and c is None):
                continue
            lo, hi = sorted(((a + offset) * scale, ((c if c is not None else a) + offset) * scale))
            wrong = _outside(lo, hi, fact.low, fact.high, fact.tolerance)
            if fact.pair and b is not None:
                plo, phi = sorted((b, d if d is not None else b))
                wrong = wrong or _outside(plo, phi, *fact.pair)
            elif fact.pair:
                continue  # one number of a blood pressure: cannot tell systolic from diastolic
            if wrong:
                yield m.start(), end, round(lo, 1), round(hi, 1), unit_name or "mmHg"

    @staticmethod
    def _counts(text: str, fact: Fact):
        """(start, end, low, high, unit) of each count of `fact` outside its accepted count."""
        if fact.topic and not fact.topic.search(text):
            return
        pat = re.compile(rf"(?P<a>{_NUM})(?:{_RANGE}(?P<c>{_INNER}))?\s+(?P<noun>{fact.noun.pattern})", re.I)
        # a short gloss in parentheses inside the counted phrase ("20 primary (milk) teeth") is blanked
        # out, offsets kept, so that the noun still follows the number
        for m in pat.finditer(_GLOSS.sub(lambda g: " " * len(g.group()), text)):
            pre = text[_clause_start(text, m.start()):m.start()]
            if not (_HAS.search(pre) or (_BARE_START.match(pre) and _MAKE_UP.match(text, m.end()))):
                continue
            if _NOT.search(pre):
                continue
            a, c = _num(m.group("a")), _num(m.group("c"))
            if a is None or (m.group("c") and c is None):
                continue
            k = next((f for p, f in fact.per if p.match(m.group("noun"))), 1.0)
            lo, hi = sorted((a * k, (c if c is not None else a) * k))
            if _outside(lo, hi, fact.low, fact.high, fact.tolerance):
                yield m.start(), m.end(), lo, hi, "count"
