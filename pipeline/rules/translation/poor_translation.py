from __future__ import annotations

from pipeline.rules.base import Match, Rule

_KINDS = ("paragraph", "list_item")


class PoorTranslation(Rule):
    """A sentence that reads as a poor translation as a whole, though no single error was found.

    What it does
    Reads the quality estimate of each sentence of the running text (`Segment.quality`: the
    quality model trained on MLQE-PE human direct-assessment scores, from target-side features
    only: how common and how known its words are, capitals and repeated words, how probable its
    sequence of parts of speech is, and the other rules' findings) and reports a sentence of six
    words or more on which no other rule found anything when its predicted z-score is below the
    model's threshold. The threshold is calibrated on the post-edited (correct) English of the
    training data, so that about 1 in 100 of its sentences would be flagged; the evidence names
    the features that lowered the estimate most (the model's SHAP contributions).

    Why is this bad?
    Most of a machine translation's worst sentences hold no single error a rule can name: the
    words are English, but their choice and order make a sentence a reader must guess at ("the
    bones may clump together and break each other"). An editor should read them against the
    source.

    Example
    Beginning of communication studies above and can investigate its methodological development.

    Use instead
    The history of communication studies and of their methods can be traced as above.

    Severity
    Minor, with a modest confidence: a statistical estimate of how a rater would score the
    sentence, not a located error (MQM Fluency/Unintelligible). On MLQE-PE dev it flags more
    machine translations than post-edits, but far from all the sentences raters scored worst:
    many of those are fluent English that says the wrong thing, which no target-side check sees.

    References
    MLQE-PE: Fomicheva et al. (2020), https://arxiv.org/abs/2010.04480
    Direct assessment: Graham et al. (2017), Can machine translation systems be evaluated by the
    crowd alone?, https://doi.org/10.1017/S1351324915000339
    SHAP values: Lundberg and Lee (2017), https://arxiv.org/abs/1705.07874
    MQM core typology, Fluency/Unintelligible: https://themqm.org/error-types-2/typology/
    """

    code = "TR038"
    name = "poor-translation"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Unintelligible"
    scope = "scored"
    options = {"max_z": None, "min_words": 6}

    def check(self, ctx):
        model = ctx.resources.quality_model
        limit = ctx.options["max_z"]
        if limit is None:
            limit = model.meta.get("poor_translation", {}).get("max_z")
        if limit is None:
            return  # a model trained without post-edits has no calibrated threshold
        segs = [seg for seg in ctx.segments
                if seg.block_kind in _KINDS and seg.features is not None
                and seg.features.get("findings", 0.0) == 0
                and seg.features.get("words", 0.0) >= ctx.options["min_words"]]
        for seg, z in zip(segs, model.predict_z([seg.features for seg in segs])):
            if z >= limit:
                continue
            reasons = model.reasons(seg.features)
            why = "; ".join(r["description"] for r in reasons) or "its features together"
            text = seg.text.rstrip()
            yield Match(seg.start, seg.start + len(text),
                        f"This sentence reads as a poor translation (quality {seg.quality:.2f}; "
                        f"mostly: {why}): read it against the source.",
                        evidence={"predicted_z": round(z, 3), "threshold_z": limit,
                                  "quality": seg.quality, "reasons": reasons},
                        confidence=round(min(0.8, 0.4 + (limit - z)), 3))
