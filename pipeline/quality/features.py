"""Target-side features of a unit of text (a segment, or a line of MLQE-PE) for the quality model.

Generic by design: findings are counted by rule code, category and severity over whatever rules
ran, so a rule added later becomes a feature as soon as the model is retrained
(scripts/train_quality_model.py); a feature the shipped model does not know is ignored, and one it
knows but no finding produced is 0. Every feature is a float."""
from __future__ import annotations

import math
import re
import statistics
from typing import Iterable, Sequence

from pipeline.model import SEVERITY_PENALTY, Finding, Token

_WORD = re.compile(r"^[A-Za-z]+(?:[-'][A-Za-z]+)*$")
RARE_ZIPF = 3.0
POS_GROUPS = {"noun": {"NN", "NNS"}, "name": {"NNP", "NNPS"}, "verb": {"VB", "VBD", "VBG",
              "VBN", "VBP", "VBZ", "MD"}, "adj": {"JJ", "JJR", "JJS"}, "adv": {"RB", "RBR", "RBS"},
              "det": {"DT", "PDT", "PRP$"}, "prep": {"IN", "TO"}, "pron": {"PRP", "WP", "EX"},
              "conj": {"CC"}, "num": {"CD"}, "odd": {"FW", "XX", "UH", "LS", "SYM", "ADD", "NFP"}}


def finding_features(findings: Iterable[Finding], words: int) -> dict[str, float]:
    out: dict[str, float] = {"findings": 0.0, "mqm_penalty_per_word": 0.0}
    for f in findings:
        for key in (f"rule_{f.rule_id}", f"category_{f.category}", f"severity_{f.severity}"):
            out[key] = out.get(key, 0.0) + 1.0
        out["findings"] += 1.0
        out["mqm_penalty_per_word"] += SEVERITY_PENALTY[f.severity] / max(words, 1)
    return out


def text_features(tokens: Sequence[Token], vocabulary) -> dict[str, float]:
    words = [t for t in tokens if _WORD.match(t.text)]
    n = max(len(words), 1)
    lower = [t for t in words if not t.text[0].isupper()]
    zipf = [vocabulary.frequency(t.text) for t in words]
    caps_mid = sum(1 for k, t in enumerate(tokens) if k > 0 and t.text[:1].isupper()
                   and tokens[k - 1].text not in (".", ":", '"', "(", "-"))
    seen: set[str] = set()
    repeats = 0
    for t in words:
        w = t.text.lower()
        repeats += w in seen and len(w) > 3
        seen.add(w)
    out = {
        "tokens": float(len(tokens)), "words": float(len(words)),
        "log_words": math.log1p(len(words)),
        "mean_word_length": sum(len(t.text) for t in words) / n,
        "non_word_rate": sum(1 for t in lower if not vocabulary.known(t.text)) / n,
        "rare_word_rate": sum(1 for z in zipf if z < RARE_ZIPF) / n,
        "mean_zipf": sum(zipf) / n, "min_zipf": min(zipf, default=0.0),
        "capitalised_mid_rate": caps_mid / n,
        "repeated_word_rate": repeats / n,
        "punct_rate": sum(1 for t in tokens if t.pos == "PUNCT") / max(len(tokens), 1),
        "comma_rate": sum(1 for t in tokens if t.text == ",") / n,
        "digit_rate": sum(1 for t in tokens if any(c.isdigit() for c in t.text)) / n,
        "other_token_rate": sum(1 for t in tokens if not t.text.isascii()) / max(len(tokens), 1),
        "ends_with_stop": float(bool(tokens) and tokens[-1].text in (".", "!", "?")),
    }
    tags = [t.tag for t in tokens]
    for name, group in POS_GROUPS.items():
        out[f"pos_{name}_rate"] = sum(1 for t in tags if t in group) / max(len(tags), 1)
    out["has_verb"] = float(any(t in POS_GROUPS["verb"] for t in tags))
    return out


def syntax_features(tokens: Sequence[Token], model) -> dict[str, float]:
    """Surprisal statistics of the tag sequence under the syntax model."""
    tags = [t.tag for t in tokens]
    if len(tags) < 2:
        return {"syntax_mean_bits": 0.0, "syntax_max_bits": 0.0, "syntax_sd_bits": 0.0,
                "syntax_share_over_10": 0.0, "syntax_forward_bits_per_tag": 0.0,
                "syntax_spans": 0.0}
    scores = model.boundary_scores(tags)
    forward = model.surprisals(tags)[0]
    return {"syntax_mean_bits": statistics.fmean(scores), "syntax_max_bits": max(scores),
            "syntax_sd_bits": statistics.pstdev(scores),
            "syntax_share_over_10": sum(1 for s in scores if s > 10) / len(scores),
            "syntax_forward_bits_per_tag": sum(forward) / len(forward),
            "syntax_spans": float(len(model.improbable_spans(tags)))}


def unit_features(tokens: Sequence[Token], findings: Iterable[Finding], vocabulary,
                  syntax_model) -> dict[str, float]:
    text = text_features(tokens, vocabulary)
    return {**text, **syntax_features(tokens, syntax_model),
            **finding_features(findings, int(text["words"]))}
