"""FA022: a clinic product said to be made of a material it is not made of ("hyaluronic acid
fillers are made of silicone", "a dental implant is a porcelain root"). What each product is made
of is the knowledge's `made_of` facts (closed, pipeline/data/knowledge/facts/materials.yaml)."""
from __future__ import annotations

import re

from pipeline.rules.base import Rule
from pipeline.rules.fact.product_claims import agrees, cited, plain_name, product_claims, report

_W = r"[\w'’-]+"
_ADV = r"(?:(?:usually|mainly|mostly|typically|always|often|generally|commonly|entirely|completely|only|all|" \
       r"actually|simply|basically|normally)\s+)*"
# "is made of", "are made from", "consists of", "is a (small) <material> screw"; the material may
# have an adjective before it ("made of clear plastic")
_MATERIAL_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(?:which|that)\s+(?:is|are)\s+|(?:is|are)\s+)?" + _ADV +
    r"(?:(?:made|manufactured|produced|formed|composed|fabricated|constructed)\s+(?:of|from|out\s+of|with)|"
    r"consists?\s+of|consisting\s+of)\s+(?:(?:a|an|the|pure|medical-grade|clear|hard|soft|thin|strong|"
    r"special|synthetic|natural|liquid|transparent|white|biocompatible)\s+)*"
    r"|\s+(?:is|are)\s+" + _ADV + r"(?:a|an)\s+(?:(?:small|tiny|thin|little|artificial|strong|special|"
    r"hard|soft|clear|pure|liquid|type\s+of|kind\s+of|form\s+of)\s+)*", re.I)


class WrongProductMaterial(Rule):
    """A product said to be made of the wrong material: "hyaluronic acid fillers are made of silicone".

    What it does
    Reads what a product is said to be made of ("X is made of / made from / consists of M", "X,
    made of M", "X is a M screw / gel / root") and reports the claim when the facts list what X
    is made of (`made_of`, closed) and M is a material (of the knowledge's material class) that is
    none of them, no kind of one and no class over one: a dental implant is titanium or zirconia,
    so "metal" and "ceramic" agree and "porcelain" or "plastic" do not. A product with no such
    fact (fillers in general, crowns, veneers), a product named as the object of a preposition
    ("the crown on a dental implant is made of porcelain"), a denied claim or a question give
    nothing.

    Why is this bad?
    A reader told that hyaluronic acid fillers are silicone, or that an implant is a porcelain root
    in the gum, misjudges the product's safety, permanence and how it is placed; liquid silicone
    is not approved for injection.

    Example
    Hyaluronic acid fillers are made of silicone. A dental implant is a porcelain root placed in the gum.

    Use instead
    Hyaluronic acid fillers are made of hyaluronic acid. A dental implant is a titanium post placed in the jawbone.

    Severity
    Major: a factual error about what a product is.

    References
    Facts pipeline/data/knowledge/facts/materials.yaml (`made_of`), each with its reference (FDA
    Dermal Fillers materials; dental implant and clear aligner pages); the material classes,
    pipeline/data/knowledge/materials.yaml.
    """

    code = "FA022"
    name = "wrong-product-material"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb, judge, facts = ctx.resources.knowledge, ctx.resources.judge, ctx.resources.facts

        def wanted(m):
            return "material" in judge.ancestors(m.concept) or kb.concept(m.concept)["type"] == "substance"

        def claims_of(kb_, text, offset, ms):
            for k, m in enumerate(ms):
                if not facts.objects(m.concept, "made_of")[0]:
                    continue
                for start, end, items in product_claims(kb, text, offset, ms, k, _MATERIAL_GAP, wanted):
                    yield start, end, k, items

        def verdict(product, material):
            objects, closed, fs = facts.objects(product, "made_of")
            if not objects or not closed or material == product or "material" not in judge.ancestors(material) \
                    and material not in objects:
                return None
            if agrees(judge, material, objects):
                return None
            names = " or ".join(sorted(plain_name(judge, o) for o in objects))
            return cited(judge, kb, fs, product, material, "made_of", objects,
                         f"{plain_name(judge, product)} is made of {names}")

        yield from report(ctx, claims_of, verdict, "material")
