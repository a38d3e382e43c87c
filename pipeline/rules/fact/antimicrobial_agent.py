"""FA015: an antimicrobial drug class (or one of its drugs) said to treat an infection of another
kind of agent ("antibiotics cure the flu"). What each class acts on is data:
pipeline/rules/data/antimicrobial_targets.yaml; what causes each infection is the knowledge's
`caused_by` facts (closed)."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule, RuleError
from pipeline.rules.fact.claims import mentions
from pipeline.rules.references import read_references

PATH = packaged.rule_data("antimicrobial_targets.yaml")
AGENT_KINDS = ("bacterium", "virus", "fungus", "parasite")
_PLURAL = {"bacterium": "bacteria", "virus": "viruses", "fungus": "fungi", "parasite": "parasites"}
_TARGET_TYPES = ("condition", "category", "organism")

# a dosage form or a word for the medicine after the class name: "antifungal cream clears ..."
_FORM = re.compile(r"(?:\s+(?:creams?|ointments?|gels?|tablets?|pills?|capsules?|drops|medicines?|medications?|"
                   r"drugs?|treatments?|therapy|shots?|injections?|syrups?|sprays?|lotions?))*", re.I)
_DET = r"(?:(?:the|a|an|your|their|his|her|its|most|all|many|any|every|common|simple|ordinary|seasonal|typical|bad)\s+)*" \
       r"(?:(?:cases?|bouts?|episodes?|attacks?)\s+of\s+(?:the\s+)?)?"
_AUX = r"(?:(?:can|could|will|would|may|might|should|must|do|does|did|quickly|easily|effectively|fully|completely|" \
       r"usually|always|often|also|really|reliably|successfully|safely|help|helps|help\s+to|helps\s+to|" \
       r"(?:is|are)\s+able\s+to|(?:is|are)\s+known\s+to|work\s+to|works\s+to)\s+)*"
_VERB = r"(?:cur(?:e|es|ed|ing)|treat(?:s|ed|ing)?|kill(?:s|ed|ing)?|clear(?:s|ed|ing)?(?:\s+up)?|" \
        r"fight(?:s|ing)?(?:\s+off)?|get(?:s|ting)?\s+rid\s+of|eliminat(?:e|es|ed|ing)|destroy(?:s|ed|ing)?|" \
        r"heal(?:s|ed|ing)?|stop(?:s|ped|ping)?|shorten(?:s|ed|ing)?|prevent(?:s|ed|ing)?|wipe(?:s|d)?\s+out|" \
        r"beat(?:s)?|knock(?:s)?\s+out|work(?:s)?\s+(?:against|on|for)|act(?:s)?\s+(?:against|on)|" \
        r"reliev(?:e|es|ed)|eas(?:e|es|ed)|speed(?:s)?\s+(?:up\s+)?recovery\s+from|" \
        r"(?:is|are)\s+(?:very\s+|highly\s+|also\s+|often\s+|usually\s+|commonly\s+)?(?:effective|active|useful|used|" \
        r"given|prescribed|needed|necessary|required|recommended|helpful|good)\s+(?:against|for|in)|" \
        r"(?:is|are)\s+(?:often\s+|usually\s+|commonly\s+)?(?:used|given|prescribed|needed|recommended|taken)\s+to\s+" \
        r"(?:treat|cure|fight|clear|kill|get\s+rid\s+of)|" \
        r"(?:is|are)\s+(?:the|a|an)\s+(?:(?:best|main|usual|standard|only|first-line|right|effective|common|proven|" \
        r"good|usual)\s+)*(?:treatment|cure|remedy|medicine|drug|choice|therapy|answer)\s+(?:for|against|of))"
# "<drug> cures the flu"; "<drug> for the flu" after a verb of taking ("take antibiotics for a cold")
_FORWARD = re.compile(r"\s+" + _AUX + _VERB + r"\s+" + _DET, re.I)
_FOR = re.compile(r"\s+(?:for|against|to\s+(?:treat|cure|fight|clear|kill|get\s+rid\s+of)|when\s+you\s+have|"
                  r"if\s+you\s+have)\s+" + _DET, re.I)
_TAKE_BEFORE = re.compile(r"\b(?:take|taking|takes|use|using|uses|try|trying|give|giving|get|getting|start|starting|"
                          r"need|needs|ask\s+(?:your\s+doctor\s+)?for)\s+(?:(?:an?|some|the|a\s+course\s+of)\s+)?$", re.I)
# "the flu is treated with antibiotics", "colds respond to antibiotics"
_MED = r"(?:(?:an?|the|some|several|oral|topical|strong|powerful|prescription|broad-spectrum|standard|" \
       r"(?:a\s+)?(?:short\s+|full\s+)?course\s+of|a\s+dose\s+of)\s+)*"
_BACKWARD = re.compile(
    r"\s+(?:(?:is|are|can\s+be|could\s+be|should\s+be|must\s+be|will\s+be|gets?)\s+"
    r"(?:(?:usually|often|always|easily|quickly|best|effectively|successfully|commonly|mainly|mostly|also|fully|"
    r"completely|normally|generally)\s+)*"
    r"(?:treated|cured|managed|cleared(?:\s+up)?|healed|fixed|eliminated|killed|stopped|controlled|fought)\s+"
    r"(?:with|by|using|through)|respond(?:s)?\s+(?:well\s+|quickly\s+)?to|(?:needs?|requires?)\s+"
    r"(?:treatment\s+with\s+)?|goe?s?\s+away\s+(?:quickly\s+|fast\s+)?with|"
    r"(?:clears?|heals?)\s+(?:up\s+)?(?:quickly\s+)?with)\s+" + _MED, re.I)
_TREATMENT_FOR = re.compile(r"\b(?:treatment|cure|remedy|medicine)\s+(?:for|of)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_IS = re.compile(r"\s+(?:is|are)\s+(?:usually\s+|often\s+|always\s+)?" + _MED, re.I)
_LIST_SEP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?|"
                       r"\s*,?\s+(?:such\s+as|like|including)\s+(?:the\s+)?", re.I)
# what takes the claim back, reports it as a belief, or asks it
_NEG = re.compile(r"\b(?:not|no|never|cannot|nothing|neither|nor|useless|ineffective|powerless|without|avoid|"
                  r"instead|rather|unless|except)\b|n['’]t\b", re.I)
_BELIEF = re.compile(r"\b(?:believes?|believed|think|thinks|thought|assumes?|assumed|myths?|misconceptions?|"
                     r"misbelief|mistaken|mistakenly|wrongly|falsely|erroneously|rumou?rs?|claims?|"
                     r"claimed|heard|contrary|untrue|false|whether|wonder|unlike|idea|expect|hope|hoping)\b", re.I)
_DISOWNED = re.compile(r"\b(?:myths?|not\s+true|untrue|false|wrong|wrongly|mistakes?|misconceptions?|misuse|overuse|"
                       r"unnecessar\w*|needless\w*|inappropriat\w*|resistan\w*|pointless|waste|harm\w*)\b", re.I)
_NEXT_DISOWNS = re.compile(r"\s*(?:(?:this|that|it|such\s+a\s+claim)\s+is\s+(?:a\s+myth|not\s+true|untrue|false|wrong|"
                           r"incorrect|a\s+misconception)|(?:myth|false|wrong|not\s+true)\s*[.!])", re.I)
# a noun after the disease that makes it a modifier: "flu complications", "flu vaccine"
_MODIFIER = re.compile(r"[\s-]*(?:complications?|related|season|vaccines?|vaccinations?|shots?|jabs?|patients?|"
                       r"sufferers|outbreaks?)\b", re.I)


@lru_cache(maxsize=1)
def load() -> dict[str, tuple[str, tuple[dict, ...]]]:
    """{drug class id: (agent kind it acts on, references)}, or an error naming the file."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        out = {}
        for t in data["targets"]:
            refs = read_references(t["references"], f"class {t['class']!r}")
            if t["acts_on"] not in AGENT_KINDS:
                raise KeyError(f"class {t['class']!r}: unknown agent kind {t['acts_on']!r}")
            out[str(t["class"])] = (str(t["acts_on"]), refs)
        return out
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise RuleError(f"{PATH}: {exc}") from exc


class AntimicrobialAgainstWrongAgent(Rule):
    """An antimicrobial said to treat an infection of another kind: "antibiotics cure the flu".

    What it does
    Reads claims that a drug class of pipeline/rules/data/antimicrobial_targets.yaml (antibiotics,
    antivirals, antifungals), or a drug of that class (amoxicillin, acyclovir, fluconazole), treats,
    cures, kills or works against a disease or an agent: "<drug> cures / treats / kills / is
    effective against / is the best treatment for <disease>", "<disease> is treated with <drug>",
    "take <drug> for <disease>". Reports the claim when the disease's causes are known completely
    (`caused_by`, closed) and none is of the kind the class acts on (antibiotics act on bacteria;
    the flu and colds are viral), or when the agent named is of another kind ("antibiotics kill
    viruses"). Denials ("antibiotics do not work against viruses"), questions, beliefs reported as
    wrong ("many people wrongly believe ...", "Myth: ...") and diseases whose agents the knowledge
    does not know completely give no finding.

    Why is this bad?
    Readers take antibiotics for a cold or an antifungal cream for a bacterial skin infection: the
    illness goes untreated, and needless antibiotics breed resistance.

    Example
    Antibiotics cure the flu.

    Use instead
    Antibiotics do not work against the flu, which is caused by a virus; antiviral drugs can shorten it.

    Severity
    Major: a factual error that misdirects treatment.

    References
    What each class acts on: pipeline/rules/data/antimicrobial_targets.yaml (CDC, MedlinePlus);
    what causes each disease: pipeline/data/knowledge/facts/infections.yaml and causes.yaml
    (MedlinePlus, Murray's Medical Microbiology).
    """

    code = "FA015"
    name = "antimicrobial-against-wrong-agent"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb, judge = ctx.resources.knowledge, ctx.resources.judge
        targets = load()
        segs = list(ctx.segments)
        for i, seg in enumerate(segs):
            text = seg.text
            if text.rstrip().endswith("?"):
                continue
            nxt = segs[i + 1].text if i + 1 < len(segs) else ""
            ms = mentions(kb, text, seg.start)
            drugs, tgts = [], []
            for k, m in enumerate(ms):
                anc = judge.ancestors(m.concept)
                cls = next((c for c in targets if c in anc), None)
                if cls:
                    drugs.append((k, cls))
                elif kb.concept(m.concept)["type"] in _TARGET_TYPES:
                    tgts.append(k)
            if not drugs or not tgts:
                continue
            seen: set[tuple[int, int]] = set()
            for k, cls in drugs:
                for start, end, items in self._claims(text, seg.start, ms, k, set(tgts)):
                    if self._disowned(text, start - seg.start, end - seg.start, nxt):
                        continue
                    first = True
                    for y in items:
                        found = self._verdict(kb, judge, ms[k].concept, cls, ms[y].concept, targets)
                        if found is None:
                            continue
                        # one claim about a list: the whole claim for the first wrong item, the
                        # item alone for the others
                        s, e = (start, end) if first else (ms[y].start, ms[y].end)
                        first = False
                        if (s, e) in seen:
                            continue
                        seen.add((s, e))
                        message, evidence = found
                        yield Match(s, e, f'Wrong treatment: "{ctx.text[s:e]}" — {message}.', suggestion=None,
                                    confidence=0.85, evidence=evidence)

    @staticmethod
    def _claims(text, offset, ms, k, tgts):
        """(start, end, indices of the disease mentions) of each claim that drug mention k treats
        one or more (a list) disease or agent mentions of the sentence."""
        d = ms[k]
        ds, de = d.start - offset, d.end - offset
        form = _FORM.match(text, de)
        de2 = form.end() if form else de
        # forward: the first mention after the drug, then the items of a list after it
        if k + 1 < len(ms) and (k + 1) in tgts:
            y = ms[k + 1]
            gap = text[de2:y.start - offset]
            if _FORWARD.fullmatch(gap) or (_FOR.fullmatch(gap) and _TAKE_BEFORE.search(text[:ds])):
                items = [k + 1]
                while items[-1] + 1 < len(ms) and (items[-1] + 1) in tgts and _LIST_SEP.fullmatch(
                        text[ms[items[-1]].end - offset:ms[items[-1] + 1].start - offset]):
                    items.append(items[-1] + 1)
                items = [j for j in items if not _MODIFIER.match(text, ms[j].end - offset)]
                if items:
                    yield d.start, ms[items[-1]].end, items
        # backward: "<disease> is treated with <drug>" (and the list before it), "the treatment
        # for <disease> is <drug>"
        if k >= 1 and (k - 1) in tgts:
            y = ms[k - 1]
            gap = text[y.end - offset:ds]
            ys = y.start - offset
            if _BACKWARD.fullmatch(gap) or (_IS.fullmatch(gap) and _TREATMENT_FOR.search(text[:ys])):
                items = [k - 1]
                while items[0] >= 1 and (items[0] - 1) in tgts and _LIST_SEP.fullmatch(
                        text[ms[items[0] - 1].end - offset:ms[items[0]].start - offset]):
                    items.insert(0, items[0] - 1)
                yield ms[items[0]].start, de, items

    @staticmethod
    def _disowned(text, s, e, nxt) -> bool:
        """The claim denied, asked, reported as a belief, or called wrong around it."""
        before = text[:s]
        cut = max(before.rfind(";"), before.lower().rfind(" but "))
        clause = before[cut + 1:] if cut >= 0 else before
        if _NEG.search(text[s:e]) or _NEG.search(clause) or _BELIEF.search(before):
            return True
        return bool(_DISOWNED.search(text[e:]) or _DISOWNED.search(before) or _NEXT_DISOWNS.match(nxt))

    @staticmethod
    def _verdict(kb, judge, drug, cls, target, targets):
        """(message, evidence) when `target` is not of the kind class `cls` acts on, else None."""
        kind, class_refs = targets[cls]
        anc = judge.ancestors(target)
        drug_words = f"{judge.name(cls)}s work" if drug == cls else f"{judge.name(drug)} (an {judge.name(cls)}) works"
        acts = f"{judge.name(cls)}s act on {_PLURAL[kind]} ({class_refs[0]['title'].split(' (')[0]})"
        if kb.concept(target)["type"] == "organism":
            own = next((a for a in AGENT_KINDS if a in anc), None)
            if own is None or own == kind or not kb.disjoint(own, kind):
                return None
            refs = list(class_refs) + [r for r in kb.entry(target)["references"] if r not in class_refs]
            kind_refs = "; ".join(r["title"] for r in kb.entry(target)["references"])
            who = f"{_PLURAL[own]} are not {_PLURAL[kind]}" if target == own else \
                f"{judge.name(target)} is a {own}, not a {kind}"
            message = (f"the article claims that {drug_words} against "
                       f"{_PLURAL[own] if target == own else judge.name(target)}; {acts}, and "
                       f"{who} ({kind_refs})")
            ev = kb.evidence(drug, cls, target, claim="treats", acts_on=kind, expected=[kind])
            ev["references"] = refs
            return message, ev
        if "infectious-disease" not in anc and not any(a in anc for a in AGENT_KINDS):
            return None
        v = judge.cause(target, kind)
        if v is None:
            return None
        agents = list(v.expected)
        kinds = {a: next((x for x in AGENT_KINDS if x in judge.ancestors(a)), None) for a in agents}
        if any(x is None for x in kinds.values()):
            return None  # an agent of unknown kind: cannot tell
        causes = " / ".join(_PLURAL[a] if kinds[a] == a else f"{judge.name(a)} (a {kinds[a]})" for a in agents)
        fact_refs = [r for f in v.facts for r in f.references]
        message = (f"the article claims that {drug_words} against {judge.name(target)}; {acts}, but "
                   f"{judge.name(target)} is caused by {causes} "
                   f"({'; '.join(dict.fromkeys(r['title'] for r in fact_refs))})")
        ev = v.evidence(kb, claim="treats", acts_on=kind, drug_class=cls)
        ev["references"] = list(class_refs) + [r for r in ev["references"] if r not in class_refs]
        return message, ev
