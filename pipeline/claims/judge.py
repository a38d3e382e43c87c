"""Judge claims against the knowledge base (concepts, classes) and the facts (relations).

Every method answers a `Verdict` when the knowledge contradicts the claim, and None when the claim
agrees with it or the knowledge cannot judge it: unknown is never wrong. A verdict carries the
facts (or concepts) that decide it, so a finding can cite them."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.claims import ends
from pipeline.knowledge import KnowledgeBase
from pipeline.knowledge.base import CONCEPT_CACHE
from pipeline.knowledge.facts import Fact, Facts


# an ICD-10 category or subcategory code; chapters whose codes cut across the disease chapters
_CATEGORY = re.compile(r"^[A-Z]\d\d(?:\.\d+)?$")
_CROSS_CUTTING = frozenset("OPRSTUVWXYZ")
# the layer relations and the position each names, outside in
LAYER_RELATIONS = {"outer_layer_of": "outer", "middle_layer_of": "middle", "inner_layer_of": "inner"}
# the position relations, the side each names, and the side across from it on its axis
POSITION_RELATIONS = {"front_part_of": "front", "back_part_of": "back", "upper_part_of": "upper",
                      "lower_part_of": "lower"}
_POSITION_RELATION = {side: rel for rel, side in POSITION_RELATIONS.items()}
_OPPOSITE = {"front": "back", "back": "front", "upper": "lower", "lower": "upper"}
_AT = {"front": "at the front", "back": "at the back", "upper": "in the upper part", "lower": "in the lower part"}


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
        self.ancestors = lru_cache(maxsize=CONCEPT_CACHE)(self._ancestors)
        self.regions = lru_cache(maxsize=CONCEPT_CACHE)(self._regions)
        self._descendants: dict[str, set[str]] | None = None
        self._layers: dict[str, list[tuple[str, str, Fact]]] | None = None

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
                # a concept in both classes (Alzheimer's disease: a mental and a neurological
                # disorder) is not kept apart by their distinction
                if self.is_a(a, y) or self.is_a(b, x):
                    continue
                why = self._distinct(x, y)
                if why:
                    return x, y, why if isinstance(why, Fact) else None
        return None

    # --- two names for one disease ---
    def different_diseases(self, a: str, b: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(a's ICD-10 categories, b's) when ICD-10 (WHO 2019) files the two conditions under
        different three-character categories of its disease chapters and neither is a kind of the
        other: "kidney stones" (N20) and "gallstones" (K80) are not two names for one disease.
        None when either has no such code (HPO terms, classes) or they share a category."""
        if a == b or self._compatible(a, b):
            return None
        ca, cb = self._categories(a), self._categories(b)
        if not ca or not cb or ca & cb:
            return None
        return tuple(sorted(ca)), tuple(sorted(cb))

    def _categories(self, cid: str) -> frozenset[str]:
        """The three-character ICD-10 categories of a condition and of its kinds, in the chapters
        that classify diseases by their nature (not symptoms, injuries, pregnancy or newborns)."""
        c = self.kb.concepts.get(cid)
        if c is None or c["type"] not in ("condition", "category"):
            return frozenset()
        if self._descendants is None:
            self._descendants = defaultdict(set)
            for k, v in self.kb.concepts.items():
                for p in v.get("is_a", []):
                    self._descendants[p].add(k)
            for f in self.facts.facts:
                if f.relation == "is_a" and not f.derived:
                    for o in f.objects:
                        self._descendants[o].add(f.subject)
        out: set[str] = set()
        stack, seen = [cid], set()
        while stack:
            k = stack.pop()
            if k in seen:
                continue
            seen.add(k)
            code = (self.kb.concepts.get(k) or {}).get("icd") or ""
            if _CATEGORY.match(code) and code[0] not in _CROSS_CUTTING:
                out.add(code[:3])
            stack += self._descendants.get(k, ())
        return frozenset(out)

    def _closed_class(self, cid: str) -> bool:
        """A curated class whose ICD-10 entries are all of it (cancer, heart disease, mental
        disorder...); ICD-10's own blocks and chapters are not used this way, since ICD-10 files a
        disease by cause in one chapter and by site in another."""
        c = self.kb.concepts.get(cid, {})
        return c.get("source", "curated") == "curated" and c.get("type") == "category" and (
            bool(c.get("closed")) or c.get("icd") is not None)

    def name(self, cid: str) -> str:
        return self.kb.concepts[cid]["name"] if cid in self.kb.concepts else cid

    def _type(self, cid: str) -> str | None:
        return self.kb.concepts.get(cid, {}).get("type")

    def _compatible(self, a: str, b: str) -> bool:
        return a == b or self.is_a(a, b) or self.is_a(b, a)

    # --- anatomy ---
    def _regions(self, cid: str) -> frozenset[str]:
        """Every structure or region `cid` lies in: the facts' `part_of` chains and the concept
        layer's regions."""
        out: set[str] = set(self.kb.part_of(cid)) if cid in self.kb.concepts else set()
        for f in self.facts.get(cid, "part_of"):
            for o in f.objects:
                out |= {o} | self.regions(o)
        return frozenset(out)

    def _placed(self, cid: str) -> bool:
        return bool(self.facts.get(cid, "part_of"))

    def location(self, x: str, y: str) -> Verdict | None:
        """"X of/in the Y": wrong when X's regions are known completely, Y is a placed structure or
        region, and neither lies in the other; else, from the concept layer, when X lies in regions
        the knowledge base keeps apart from Y (`kb.located_in` is False)."""
        objs, closed, fs = self.facts.objects(x, "part_of")
        if self.facts.prop(x, "positional")[0]:
            return None
        if not closed:
            return self._kb_location(x, y)
        if not self.placed(y):
            return None
        if x == y or y in self.regions(x) or x in self.regions(y) or self._compatible(x, y):
            return None
        where = sorted(objs)
        return Verdict(f"the {self.name(x)} is in the {' / '.join(self.name(o) for o in where)}, "
                       f"not the {self.name(y)}", tuple(fs), (x, y), tuple(where))

    def _kb_location(self, x: str, y: str) -> Verdict | None:
        if x not in self.kb.concepts or y not in self.kb.concepts or self.kb.located_in(x, y) is not False:
            return None
        if x in self.regions(y) or y in self.regions(x):
            return None
        where = sorted({w for a in self.kb.ancestors(x) for w in self.kb.concepts[a].get("part_of", [])})
        return Verdict(f"the {self.name(x)} is in the {' / '.join(self.name(o) for o in where)}, "
                       f"not the {self.name(y)}", (), (x, y, *where), tuple(where))

    def placed(self, cid: str) -> bool:
        """Whether the knowledge says where `cid` is (facts, or the concept layer's regions)."""
        return self._placed(cid) or bool(cid in self.kb.concepts and self.kb.part_of(cid))

    # --- layers ---
    def layers(self, whole: str) -> list[tuple[str, str, Fact]]:
        """(layer, position, fact) of each `*_layer_of` fact on `whole`, in file order."""
        if self._layers is None:
            self._layers = defaultdict(list)
            for f in self.facts.facts:
                if f.relation in LAYER_RELATIONS:
                    for o in f.objects:
                        self._layers[o].append((f.subject, LAYER_RELATIONS[f.relation], f))
        return self._layers.get(whole, [])

    def layer(self, x: str, y: str, position: str | None) -> Verdict | None:
        """"X, the <position> layer of the Y" (position None: "X, a layer of the Y"): wrong when Y's
        layers are known and X (or the layer X is part of: the iris, of the uvea) is one of them at
        another position, or X is a layer of another structure (the mesoderm, a germ layer of the
        embryo, is no layer of the skin). Else the claim is read as a location ("X in the Y")."""
        whole = next((a for a in [y] + sorted(self.ancestors(y) - {y}) if self.layers(a)), None)
        if whole is None:
            return self.location(x, y)
        layers = self.layers(whole)
        primary: dict[str, str] = {}
        for s, p, _ in layers:
            primary.setdefault(s, p)  # a layer's first fact: its place in the three-layer description
        mine = [(s, p, f) for s, p, f in layers if s == x] or \
               [(s, p, f) for s, p, f in layers if s in self.regions(x)]
        if mine and (position is None or any(p == position for _, p, _ in mine)):
            return None
        expected = [s for s, p, _ in layers if p == position and primary[s] == position] or \
                   [s for s, p, _ in layers if p == position]
        there = f"; its {position} layer is the {' / '.join(self.name(s) for s in expected)}" if expected else ""
        deciding = tuple(f for s, p, f in layers if s in expected and p == position)
        if mine:
            s, _, _ = mine[0]
            what = f"the {self.name(x)} is " + (f"part of the {self.name(s)}, " if s != x else "") + \
                   f"the {primary[s]} layer of the {self.name(whole)}"
            return Verdict(what + there, tuple(f for *_, f in mine) + deciding, (x, y), tuple(expected))
        for z in sorted(self._layers):
            found = [(p, f) for s, p, f in self._layers[z] if s == x]
            if found and z != whole and not self._compatible(z, whole) and z not in self.regions(whole) \
                    and whole not in self.regions(z):
                p, f = found[0]
                kind = "germ layer" if self.is_a(x, "germ-layer") else "layer"
                return Verdict(f"the {self.name(x)} is the {p} {kind} of the {self.name(z)}, not a layer of the "
                               f"{self.name(whole)}{there}", (f,) + deciding, (x, y), tuple(expected))
        return self.location(x, y)

    # --- positions ---
    def position(self, x: str, y: str, side: str) -> Verdict | None:
        """"X, at the <side> of the Y": wrong when a fact puts X (or what X is a kind of) at the
        opposite side of Y (or of what Y is a kind of) and none at this side; unknown otherwise."""
        def facts(s: str) -> list[Fact]:
            rel = _POSITION_RELATION[s]
            return [f for c in sorted(self.ancestors(x)) for f in self.facts.get(c, rel)
                    if any(self._compatible(y, o) for o in f.objects)]
        if facts(side):
            return None
        against = facts(_OPPOSITE[side])
        if not against:
            return None
        f = against[0]
        where = next(o for o in f.objects if self._compatible(y, o))
        source = f.references[-1]["title"].split(" (")[0]
        return Verdict(f"the article puts the {self.name(x)} {_AT[side]} of the {self.name(where)}, but the facts "
                       f"place it {_AT[_OPPOSITE[side]]} of the {self.name(where)} ({source})",
                       tuple(against), (x, y), ())

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
    def _prop(self, x: str, name: str) -> tuple[bool | None, Fact | None]:
        """A property of `x`, or the nearest one its classes have (colonoscopy is an endoscopy)."""
        actual, fact = self.facts.prop(x, name)
        if actual is None:
            for a in sorted(self.ancestors(x) - {x}):
                actual, fact = self.facts.prop(a, name)
                if actual is not None:
                    break
        return actual, fact

    def placing(self, x: str, cls: str) -> Fact | None:
        """The `is_a` fact that puts `x` (or one of its classes) in `cls`, when a fact does."""
        for a in sorted(self.ancestors(x)):
            for f in self.facts.get(a, "is_a"):
                if any(o == cls or self.is_a(o, cls) for o in f.objects):
                    return f
        return None

    def prop(self, x: str, name: str, value: bool) -> Verdict | None:
        actual, fact = self.facts.prop(x, name)
        if actual is None and name == "contagious":
            if self.is_a(x, "non-communicable-disease"):
                if value is False:
                    return None
                why = self.placing(x, "non-communicable-disease")
                return Verdict(f"{self.name(x)} is not contagious (a non-communicable disease)",
                               (why,) if why else (), (x,))
        if actual is None:
            actual, fact = self._prop(x, name)
        if actual is None or actual == value:
            return None
        words = {"invasive": ("invasive", "non-invasive"), "ionising": ("uses ionising radiation", "uses no ionising radiation"),
                 "contagious": ("contagious", "not contagious"), "chronic": ("long-lasting (chronic)", "short-lived"),
                 "reversible": ("reversible (it can be undone or removed)", "not reversible"),
                 "permanent": ("permanent (what it does lasts)", "temporary (its effect wears off)"),
                 "flap": ("done by cutting a flap in the cornea", "done without a corneal flap"),
                 "autologous": ("made from the patient's own blood or tissue", "not made from the patient's own tissue")}
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
        if self._type(y) == "anatomy":
            return self.examines(x, y)
        objs, closed, fs = self.facts.objects(x, "measures")
        if closed and not any(self._compatible(y, o) for o in objs):
            return Verdict(f"{self.name(x)} measures {', '.join(self.name(o) for o in sorted(objs))}, "
                           f"not {self.name(y)}", tuple(fs), (x, y), tuple(sorted(objs)))
        return None

    def _examined(self, x: str) -> tuple[set[str], bool, list[Fact]]:
        """(body parts, closed, facts) a test examines, or the nearest ones its classes examine (a
        Holter monitor is an ECG)."""
        for a in [x] + sorted(self.ancestors(x) - {x}):
            organs, closed, fs = self.facts.objects(a, "examines")
            if organs:
                return organs, closed, fs
        return set(), False, []

    def examines(self, x: str, y: str) -> Verdict | None:
        """"X measures the pressure inside the Y", "X checks how well the Y works", "X checks for
        cancer of the Y": wrong when the body parts X examines are listed completely (`examines`,
        closed), Y is placed, and Y is none of them, no part of one and contains none. A
        positional word ("the back of the eye") or a part the knowledge cannot place is unknown,
        and so is every claim on a test one of whose organs it cannot place (a body fluid, the
        blood an HbA1c test examines, is no structure: nothing lies in it or holds it as a part)."""
        organs, closed, fs = self._examined(x)
        if not closed or self.facts.prop(y, "positional")[0] or not self.placed(y):
            return None
        if any(self._type(o) == "anatomy" and not self.placed(o) for o in organs):
            return None
        if any(self._compatible(y, o) or o in self.regions(y) or y in self.regions(o) for o in organs):
            return None
        where = sorted(organs)
        quantities = sorted(o for o in self.facts.objects(x, "measures")[0]
                            if self._type(o) == "process")
        seen = f"the {' / '.join(self.name(o) for o in where)}"
        what = f"measures {', '.join(self.name(q) for q in quantities)} ({seen})" if quantities else f"examines {seen}"
        return Verdict(f"{self.name(x)} {what}, not the {self.name(y)}", tuple(fs), (x, y), tuple(where))

    # --- operations and connecting structures (pipeline/claims/ends.py) ---
    def site(self, x: str, named: list[str]) -> Verdict | None:
        return ends.site(self, Verdict, x, named)

    def connection_ends(self, x: str):
        return ends.connection_ends(self, x)

    def connects(self, x: str, claimed: list[str]) -> Verdict | None:
        return ends.connects(self, Verdict, x, claimed)

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
