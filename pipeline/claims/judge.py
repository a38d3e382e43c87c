"""Judge claims against the knowledge base (concepts, classes) and the facts (relations).

Every method answers a `Verdict` when the knowledge contradicts the claim, and None when the claim
agrees with it or the knowledge cannot judge it: unknown is never wrong. A verdict carries the
facts (or concepts) that decide it, so a finding can cite them."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.knowledge import KnowledgeBase
from pipeline.knowledge.facts import Fact, Facts


@dataclass(frozen=True)
class Verdict:
    reason: str
    facts: tuple[Fact, ...] = ()
    concepts: tuple[str, ...] = ()
    expected: tuple[str, ...] = field(default=())

    def evidence(self, kb: KnowledgeBase, **extra) -> dict:
        ev = kb.evidence(*self.concepts, **extra) if self.concepts else {"concepts": [], "kb_entry": [],
                                                                         "references": [], **extra}
        ev["facts"] = [f.cite() for f in self.facts]
        ev["references"] = ev["references"] + [r for f in self.facts for r in f.references
                                               if r not in ev["references"]]
        if self.expected:
            ev["expected"] = list(self.expected)
        return ev


class Judge:
    def __init__(self, kb: KnowledgeBase, facts: Facts):
        self.kb, self.facts = kb, facts
        self.ancestors = lru_cache(maxsize=None)(self._ancestors)
        self.regions = lru_cache(maxsize=None)(self._regions)

    # --- classes ---
    def _ancestors(self, cid: str) -> frozenset[str]:
        if cid not in self.kb.concepts:
            return frozenset({cid})
        out = {cid}
        parents = list(self.kb.concepts[cid].get("is_a", [])) + [o for f in self.facts.get(cid, "is_a")
                                                                  for o in f.objects]
        for p in parents:
            out |= self.ancestors(p)
        return frozenset(out)

    def is_a(self, child: str, parent: str) -> bool:
        return parent in self.ancestors(child)

    def _distinct(self, a: str, b: str) -> Fact | bool | None:
        c = self.kb.concepts
        if b in c.get(a, {}).get("distinct_from", []) or a in c.get(b, {}).get("distinct_from", []):
            return True
        for s, o in ((a, b), (b, a)):
            for f in self.facts.get(s, "distinct_from"):
                if o in f.objects:
                    return f
        return None

    def disjoint(self, a: str, b: str) -> tuple[str, str, Fact | None] | None:
        """(ancestor-or-self of a, of b, the fact that keeps them apart or None when a concept file
        does) for two concepts the knowledge keeps apart; None when one is a kind of the other or
        nothing says they differ."""
        if a == b or self.is_a(a, b) or self.is_a(b, a):
            return None
        pair = self.kb.disjoint(a, b)  # the knowledge layer's own (ICD-aware) distinctions first
        if pair:
            return pair[0], pair[1], None
        for z in sorted(self.ancestors(b) - {b}):
            # "vitiligo is a kind of skin cancer": skin cancer is a cancer, a closed curated class
            # that vitiligo lies outside, so vitiligo is no kind of skin cancer either
            if self._closed_class(z) and not self.is_a(a, z):
                pair = self.kb.disjoint(a, z)
                if pair:
                    return pair[0], pair[1], None
        for x in sorted(self.ancestors(a)):
            for y in sorted(self.ancestors(b)):
                why = self._distinct(x, y)
                if why:
                    return x, y, why if isinstance(why, Fact) else None
        return None

    def _closed_class(self, cid: str) -> bool:
        """A curated class whose ICD-10 entries are all of it (cancer, heart disease, mental
        disorder...); ICD-10's own blocks and chapters are not used this way, since ICD-10 files a
        disease by cause in one chapter and by site in another."""
        c = self.kb.concepts.get(cid, {})
        return c.get("source", "curated") == "curated" and c.get("type") == "category" and (
            bool(c.get("closed")) or c.get("icd") is not None)

    def name(self, cid: str) -> str:
        return self.kb.concepts[cid]["name"] if cid in self.kb.concepts else cid

    def _compatible(self, a: str, b: str) -> bool:
        return a == b or self.is_a(a, b) or self.is_a(b, a)

    # --- anatomy ---
    def _regions(self, cid: str) -> frozenset[str]:
        out: set[str] = set()
        for f in self.facts.get(cid, "part_of"):
            for o in f.objects:
                out |= {o} | self.regions(o)
        return frozenset(out)

    def _placed(self, cid: str) -> bool:
        return bool(self.facts.get(cid, "part_of"))

    def location(self, x: str, y: str) -> Verdict | None:
        """"X of/in the Y": wrong when X's regions are known completely, Y is a placed structure or
        region, and neither lies in the other."""
        objs, closed, fs = self.facts.objects(x, "part_of")
        if not closed or self.facts.prop(x, "positional")[0] or not self._placed(y):
            return None
        if x == y or y in self.regions(x) or x in self.regions(y) or self._compatible(x, y):
            return None
        where = sorted(objs)
        return Verdict(f"the {self.name(x)} is in the {' / '.join(self.name(o) for o in where)}, "
                       f"not the {self.name(y)}", tuple(fs), (x, y), tuple(where))

    # --- functions ---
    def _covers(self, listed: set[str], cid: str) -> bool:
        """Whether `cid` agrees with one of `listed`: the same, a kind of it (or it a kind of cid),
        or a part of it (the islets of the pancreas make insulin)."""
        return any(self._compatible(cid, o) or o in self.regions(cid) or cid in self.regions(o)
                   for o in listed)

    def also(self, cid: str) -> list[str]:
        """`cid` and what the same word also names (`same_as`: "insulin" the drug class and the hormone)."""
        return [cid] + [o for f in self.facts.get(cid, "same_as") for o in f.objects]

    def produces(self, x: str, y: str) -> Verdict | None:
        verdicts = [self._produces(x, name) for name in self.also(y)]
        return None if any(v is None for v in verdicts) else verdicts[-1]

    def _produces(self, x: str, y: str) -> Verdict | None:
        objs, closed, fs = self.facts.objects(x, "produces")
        if closed and not self._covers(objs, y):
            return Verdict(f"the {self.name(x)} makes {', '.join(self.name(o) for o in sorted(objs))}, "
                           f"not {self.name(y)}", tuple(fs), (x, y), tuple(sorted(objs)))
        srcs, closed, fs = self.facts.objects(y, "produced_by")
        if closed and not self._covers(srcs, x):
            return Verdict(f"{self.name(y)} is made by the {' / '.join(self.name(o) for o in sorted(srcs))}, "
                           f"not the {self.name(x)}", tuple(fs), (x, y), tuple(sorted(srcs)))
        return None

    def performs(self, x: str, process: str) -> Verdict | None:
        who, closed, fs = self.facts.objects(process, "performed_by")
        if closed and not self._covers(who, x):
            return Verdict(f"{self.name(process)} is done by {' / '.join(self.name(o) for o in sorted(who))}, "
                           f"not the {self.name(x)}", tuple(fs), (x, process), tuple(sorted(who)))
        return None

    # --- causes ---
    def cause(self, condition: str, agent: str) -> Verdict | None:
        for c in sorted(self.ancestors(condition)):
            agents, closed, fs = self.facts.objects(c, "caused_by")
            if closed and not any(self._compatible(agent, a) for a in agents):
                return Verdict(f"{self.name(condition)} is caused by "
                               f"{' / '.join(self.name(a) for a in sorted(agents))}, not {self.name(agent)}",
                               tuple(fs), (condition, agent), tuple(sorted(agents)))
        return None

    def deficiency(self, condition: str, nutrient: str) -> Verdict | None:
        """"A lack of N causes C": wrong when C's nutritional causes are listed completely and N
        (or a class of N, "a lack of vitamins") is not among them."""
        for c in [condition] + sorted(self.ancestors(condition) - {condition}):
            nutrients, closed, fs = self.facts.objects(c, "caused_by_deficiency")
            if not nutrients:
                continue
            if closed and not any(self._compatible(nutrient, n) for n in nutrients):
                return Verdict(f"{self.name(condition)} comes from a lack of "
                               f"{' / '.join(self.name(n) for n in sorted(nutrients))}, not of "
                               f"{self.name(nutrient)}", tuple(fs), (condition, nutrient), tuple(sorted(nutrients)))
            return None
        return None

    # --- properties of tests and conditions ---
    def prop(self, x: str, name: str, value: bool) -> Verdict | None:
        actual, fact = self.facts.prop(x, name)
        if actual is None and name == "contagious":
            if self.is_a(x, "communicable-disease"):
                actual = True
            elif self.is_a(x, "non-communicable-disease"):
                actual = False
            if actual is not None:
                return None if actual == value else Verdict(
                    f"{self.name(x)} is {'' if actual else 'not '}contagious "
                    f"({'an infectious' if actual else 'a non-communicable'} disease)", (), (x,))
        if actual is None or actual == value:
            return None
        words = {"invasive": ("invasive", "non-invasive"), "ionising": ("uses ionising radiation", "uses no ionising radiation"),
                 "contagious": ("contagious", "not contagious"), "chronic": ("long-lasting (chronic)", "short-lived")}
        yes, no = words.get(name, (name, f"not {name}"))
        return Verdict(f"{self.name(x)} is {yes if actual else no}", (fact,), (x,))

    def uses(self, x: str, agent: str, polarity: bool) -> Verdict | None:
        agent = next((a for a in self.also(agent) if self.kb.concepts.get(a, {}).get("type") == "substance"), agent)
        agents, closed, fs = self.facts.objects(x, "uses")
        if not agents:
            if self.is_a(agent, "radiation"):
                return self.prop(x, "ionising", polarity)
            return None
        hit = any(self._compatible(agent, a) for a in agents)
        if polarity and closed and not hit:
            return Verdict(f"{self.name(x)} uses {' and '.join(self.name(a) for a in sorted(agents))}, "
                           f"not {self.name(agent)}", tuple(fs), (x, agent), tuple(sorted(agents)))
        if not polarity and any(self.is_a(a, agent) for a in agents):
            return Verdict(f"{self.name(x)} does use {' and '.join(self.name(a) for a in sorted(agents))}",
                           tuple(fs), (x, agent), tuple(sorted(agents)))
        return None

    def measures(self, x: str, y: str) -> Verdict | None:
        objs, closed, fs = self.facts.objects(x, "measures")
        if closed and not any(self._compatible(y, o) for o in objs):
            return Verdict(f"{self.name(x)} measures {', '.join(self.name(o) for o in sorted(objs))}, "
                           f"not {self.name(y)}", tuple(fs), (x, y), tuple(sorted(objs)))
        return None

    # --- who is affected ---
    def age(self, x: str, group: str, polarity: bool) -> Verdict | None:
        groups, closed, fs = self.facts.objects(x, "age_group")
        if not closed:
            return None
        typical = any(self._compatible(group, g) for g in groups)
        if polarity and not typical:
            return Verdict(f"{self.name(x)} typically affects {', '.join(self.name(g) for g in sorted(groups))}, "
                           f"not {self.name(group)}", tuple(fs), (x, group), tuple(sorted(groups)))
        if not polarity and group in groups:
            return Verdict(f"{self.name(x)} typically affects {self.name(group)}", tuple(fs), (x, group),
                           tuple(sorted(groups)))
        return None

    def sex(self, x: str, group: str) -> Verdict | None:
        groups, _, fs = self.facts.objects(x, "more_common_in")
        if groups and group not in groups:
            return Verdict(f"{self.name(x)} is more common in {', '.join(self.name(g) for g in sorted(groups))}",
                           tuple(fs), (x, group), tuple(sorted(groups)))
        return None

    def contraindicated(self, drug: str, group: str) -> Verdict | None:
        for d in sorted(self.ancestors(drug)):
            for f in self.facts.get(d, "contraindicated_in"):
                if any(self.is_a(group, g) for g in f.objects):
                    note = f" ({f.note})" if f.note else ""
                    return Verdict(f"{self.name(drug)} must not be given to {self.name(group)}{note}",
                                   (f,), (drug, group), f.objects)
        return None
