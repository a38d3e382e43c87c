from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongAnatomicalLocation(RelationRule):
    """A body structure placed in the wrong part of the body: "the tibia, the bone of the forearm".

    What it does
    Reads location claims ("X of the Y", "X, the bone of the Y", "X, a cartilage of the Y", "X in
    the Y", "X, located in the Y", "X, attached to the Y") and reports them when the facts list
    every region X lies in (`part_of`, closed) and the named region is neither one of them (nor
    containing them) nor inside X. Structures whose regions are not listed, and words that also
    name a part of other structures ("the head of the femur"), are never judged.

    Also reads layer claims ("X, the middle layer of the Y", "X (the outer layer of the Y)", "X is
    the innermost layer of the Y", "the outer layer of the Y, X", "X, a layer of the Y"; the
    position from outer/top/superficial, middle/intermediate, inner/deepest/bottom, or "lining";
    "muscular" or "protective" are no position) and reports them when the facts list Y's layers
    and X is one of them at another position ("the dermis, the outer layer of the skin": the dermis
    is the middle layer), or X is a layer of another structure ("the mesoderm, the middle layer of
    the skin": the mesoderm is a germ layer of the embryo). A structure with no layer facts, or an
    X that is no known layer, is never judged as a layer (only as a location).

    And position claims, the side of a structure a part lies in ("X, at the back of the Y", "X,
    the front part of the Y", "X, the front teeth"): reported when a fact puts X on the other side
    of the same axis (front/back, upper/lower) and none on the side claimed ("the cornea, at the
    back of the eye": the cornea is at the front). Negated, listed or reported claims ("the myth
    that ...") give none.

    And connection claims, the two ends a tendon or ligament joins ("X connects / attaches / joins
    / links A to / with / and B", "X, which connects A to B", "X (connecting A to B)", "X connects
    the bones to each other", "X is attached to the B"): reported when the claimed ends cannot be
    matched to X's two ends (`connects`, one fact per end), one of them being placed and lying in
    none of that end's structures ("the Achilles tendon connects the calf muscles to the knee": it
    ends on the calcaneus), or a kind of tissue kept apart from that end's kind ("ligaments connect
    muscles to bones": a ligament's ends are bone or cartilage). A part or region holding the end
    agrees (the heel); a tendon or ligament with no facts of its own is judged by its class, on
    the kind of tissue only; a ligament the knowledge does not know ("the falciform ligament") is
    never judged.

    Why is this bad?
    A reader told that the meniscus is in the shoulder, the tibia in the forearm, or that ligaments
    join muscles to bones, learns wrong anatomy and misreads where their own problem is; one told that a filler goes into the epidermis
    or the "mesoderm" misjudges how deep the treatment reaches.

    Example
    The meniscus, a cartilage of the shoulder, absorbs shock. The filler is injected into the
    mesoderm (the middle layer of the skin).

    Use instead
    The meniscus, a cartilage of the knee, absorbs shock. The filler is injected into the dermis
    (the middle layer of the skin).

    Severity
    Major: a factual error about the body, usually a mistranslated or swapped body part.

    References
    Facts pipeline/data/knowledge/facts/anatomy-locations.yaml (`part_of`), anatomy-layers.yaml
    (`outer_layer_of`, `middle_layer_of`, `inner_layer_of`) and anatomy-positions.yaml
    (`front_part_of`, `back_part_of`, `upper_part_of`, `lower_part_of`) and connections.yaml
    (`connects`: MSD Manual, Mayo Clinic, Healthwise), each with its reference
    (Gray's Anatomy, MedlinePlus, MeSH, the NCI dictionary); the finding's evidence cites the
    deciding facts.
    """

    code = "FA009"
    name = "wrong-anatomical-location"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"
    kinds = ("location", "layer", "position", "connects")
    what = "location"

    def verdict(self, judge, r):
        if r.kind == "connects":
            return judge.connects(r.x, r.name.split("|"))
        if r.kind == "position":
            return judge.position(r.x, r.y, r.name)
        return judge.layer(r.x, r.y, r.name) if r.kind == "layer" else judge.location(r.x, r.y)
