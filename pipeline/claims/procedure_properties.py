"""Property claims on clinic procedures and products: reversible ("a sleeve gastrectomy can be
reversed"), permanent or temporary ("Botox results are permanent"), a corneal flap ("PRK creates a
thin flap") and autologous ("PRP is a synthetic drug"), judged by `Judge.prop`."""
from __future__ import annotations

import re

from pipeline.claims.common import APPOSED_NAME, Relation

# --- clinic properties of a procedure or product: `reversible`, `permanent` (its results stay or
# wear off), `flap` (a corneal flap is cut) and `autologous` (made from the patient's own tissue).
# (name, value, phrase); the phrase follows the subject and a few auxiliaries ("can be", "does
# not"); a negation there or in the phrase ("no flap", "without a flap") flips the value
_OWN = (r"(?:your|the\s+patient['\u2019]?s|a\s+patient['\u2019]?s|the\s+person['\u2019]?s|their|one['\u2019]?s)\s+own\b"
        r"(?:\s+(?:blood|fat|body|tissue|cells|hair|plasma|skin)\b)?")
_MONTHS = r"(?:\d+|a\s+few|few|several|one|two|three|four|five|six|nine|twelve|eighteen)\b[^.;,]{0,15}?\b(?:months?|weeks?|days?)\b"
_CLINIC_PROPS = [
    ("reversible", True, r"(?:an?\s+)?(?:reversible|removable)\b|(?:be\s+)?(?:\w+ly\s+)?(?:reversed|undone)\b"
                         r"|be\s+(?:\w+ly\s+)?(?:removed|taken\s+out|dissolved)\b"),
    ("reversible", False, r"(?:an?\s+)?(?:irreversible|non-?reversible)\b"),
    ("permanent", True, r"(?:an?\s+)?(?:permanent|lifelong|life-long|everlasting)\b|permanently\s+\w+s\b"
                        r"|(?:gives?|provides?|offers?|delivers?|produces?|achieves?)\s+(?:\w+\s+)?(?:permanent|lifelong)\b"
                        r"|(?:lasts?|stays?|remains?|persists?|left|kept)\s+(?:[\w-]+\s+){0,4}?(?:forever|for\s+ever|for\s+life|"
                        r"(?:for\s+)?a\s+lifetime|permanently|indefinitely)\b"),
    ("permanent", False, r"(?:an?\s+)?(?:temporary|short-lived|short-term|transient|non-permanent)\b"
                         r"|(?:gives?|provides?|offers?|delivers?|produces?)\s+(?:\w+\s+)?temporary\b"
                         r"|(?:wears?|wear|wore)\s+off\b|fades?\s+(?:away|over\s+time)\b"
                         r"|lasts?\s+(?:(?:only|about|around|approximately|roughly|up\s+to|between|for|from|just)\s+)*" + _MONTHS +
                         r"|(?:needs?|need|has|have|must)\s+(?:to\s+)?be\s+repeated\b"),
    ("flap", True, r"(?:creates?|cuts?|makes?|lifts?|requires?|involves?|uses?|needs?|forms?)\s+(?:(?:cutting|creating|making|"
                   r"lifting)\s+)?(?:(?:a|an|the|no|any)\s+)?(?:[\w-]+\s+){0,2}?flap\b"
                   r"|(?:[\w-]+\s+){0,4}?without\s+(?:(?:cutting|creating|making|lifting)\s+)?(?:(?:a|an|any)\s+)?(?:[\w-]+\s+){0,2}?flap\b"
                   r"|(?:a|an|the|no)\s+(?:[\w-]+\s+){0,2}?flap\s+is\s+(?:\w+\s+)?(?:created|cut|made|lifted|formed)\b"),
    ("flap", False, r"(?:an?\s+)?(?:flapless|flap-free|no-flap)\b"),
    ("autologous", True, r"(?:an?\s+)?(?:autologous|autogenous)\b"
                         r"|(?:made|prepared|taken|derived|obtained|produced|drawn|harvested|extracted|comes?|uses?|using|"
                         r"contains?)\s+(?:\w+\s+){0,3}?" + _OWN),
    ("autologous", False, r"(?:an?\s+)?(?:synthetic|man-made|artificial|lab-made|laboratory-made|factory-made)\b"
                          r"|(?:made|produced|manufactured|synthesi[sz]ed|created|grown)\s+(?:\w+\s+){0,2}?in\s+(?:a|the)\s+"
                          r"(?:lab|laboratory|factory|plant)\b|manufactured\b"
                          r"|(?:uses?|contains?|made\s+(?:of|from))\s+(?:an?\s+)?(?:synthetic|artificial|man-made)\b"),
]
# what may stand between the subject and the phrase; "results"/"effects" after the subject; an
# aside comparing it with another ("PRK, unlike LASIK, ..."); "In PRK, the surgeon ..."
_AUX = (r"(?P<aux>(?:\s+(?:is|are|be|can|cannot|can't|will|would|must|does|do|doesn't|don't|won't|isn't|aren't|not|never|"
        r"may|might|could|often|sometimes|rarely|seldom|possibly|probably|necessarily|fully|completely|totally|entirely|"
        r"easily|simply|safely|only|always|truly|really|quite|generally|usually|typically|normally|very|also|still|just|"
        r"then|later|surgically))*)\s+")
_CLINIC_SUBJECT = re.compile(r"^(?:['\u2019]s)?(?:\s+(?:results?|effects?|injections?|treatments?|procedures?|grafts?))?"
                             r"(?:\s*,\s*(?:unlike|like|just\s+like|as\s+with|compared\s+(?:with|to))\s+[^,;.]{1,60},)?" +
                             APPOSED_NAME + r"(?P<scene>\s*,\s*(?:(?:the|your)\s+(?:surgeon|doctor|ophthalmologist)|an?\s+laser)?)?",
                             re.I)
_CLINIC = re.compile(_AUX + "(?:" + "|".join(f"(?P<p{i}>{pat})" for i, (_, _, pat) in enumerate(_CLINIC_PROPS)) + ")", re.I)
_AND = re.compile(r"\s*,?\s+and\b", re.I)  # "is permanent and cannot be removed"
# the subject of its clause: "Botox", "the results of a hair transplant", "Unlike X, Y ...", not
# "swelling after a hair transplant", "people think that Botox ..." or the X of "unlike X"
_SUBJECT_LEAD = re.compile(r"(?:^|[,;:(\-\u2022]\s*|\b(?:and|but|so|because|while|whereas|although|however)\s+)"
                           r"(?P<in>(?:in|during|with)\s+)?(?:(?:the|a|an|your|their|this|these)\s+)?"
                           r"(?:(?:results?|effects?|outcomes?|benefits?)\s+(?:of|from)\s+(?:(?:a|an|the|your)\s+)?)?$", re.I)
_HEDGE = re.compile(r"\b(?:may|might|could|often|sometimes|rarely|seldom|possibly|probably)\b|\bnot\s+(?:always|necessarily|"
                    r"easily|usually|completely|fully)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|cannot|without)\b|n't\b", re.I)
_MYTH = re.compile(r"\b(?:myths?|misconceptions?|not\s+true)\b", re.I)  # "Myth: Botox is permanent."
_OWN_LATER = re.compile(r"\bfrom\s+" + _OWN, re.I)
_CLAUSE_END = re.compile(r"[.;:!?]|,\s*(?:but|while|whereas|although|though|so|because|which)\b|\s(?:but|because|whereas)\s", re.I)


def procedure_properties(text, offset, m):
    """Clinic property claims on `m`, the subject of its clause ("Botox results are temporary",
    "PRK, unlike LASIK, is done without a flap", "In LASIK, the surgeon lifts a flap"), one for
    each predicate joined by "and"; a hedged one ("may not be permanent") is none."""
    lead = _SUBJECT_LEAD.search(text[:m.start - offset])
    if not lead or _MYTH.search(text[:m.start - offset]):
        return
    after = text[m.end - offset:]
    end = _CLAUSE_END.search(after)
    clause = after[:end.start()] if end else after
    c = _CLINIC_SUBJECT.match(clause)
    if c.group("scene") and not lead.group("in"):
        return
    p = _CLINIC.match(clause, c.end())
    while p:
        i = next(int(k[1:]) for k, v in p.groupdict().items() if k.startswith("p") and v)
        name, value, _ = _CLINIC_PROPS[i]
        aux, phrase = p.group("aux"), p.group(f"p{i}")
        if not _HEDGE.search(aux) and (name == "reversible" or not re.search(r"\bcan(?![\u2019'\w])", aux)):
            if len(_NEGATION.findall(aux + " " + phrase)) % 2:
                value = not value
            if name == "autologous" and not value and _OWN_LATER.search(clause, p.end()):
                value = True  # "made in a laboratory from your own blood"
            yield Relation("property", m.concept, None, m.start, m.end + p.end(), value, name, f"X {phrase.strip()}")
        more = _AND.match(clause, p.end())
        p = _CLINIC.match(clause, more.end()) if more else None
