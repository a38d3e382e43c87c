"""`measures` claims whose object is a body part: "tonometry measures the pressure inside the
ear", "a creatinine test shows how well the liver is working", "a Pap smear checks for cancer of
the ovaries" (judged by `Judge.examines` against the organs the test examines)."""
from __future__ import annotations

import re

from pipeline.claims.common import EXCLUDED_BEFORE as _EXCLUDED_BEFORE, RESULT_BEFORE as _RESULT_BEFORE, \
    Relation, concept_type as _type

# what a test examines, named by a body part: "X measures the pressure inside the Y", "X checks how
# well the Y works", "X screens for cancer of the Y", "X looks inside the Y" (the gap between the
# test's mention and the body part's; a few words, no clause of their own, no sample's source)
_NOT_A_HEAD = r"(?!(?:if|whether|when|while|that|which|who|because|and|or|but|than|as|so|from|not|no)\b)"
_PAT_EXAMINES = re.compile(
    r"(?:\s+(?:blood\s+|urine\s+)?(?:scans?|tests?|exams?|examinations?|monitors?))?"
    r"(?:\s+(?:can|may|will|helps?(?:\s+to)?|(?:is|are)\s+used\s+to))?"
    r"\s+(?:measures?|records?|checks?|shows?|assess(?:es)?|evaluates?|tests?|detects?|examines?|screens?|"
    r"looks?|monitors?|views?)"
    r"(?:\s+(?:for|at|into|inside|in))?(?:\s+how\s+well)?(?:\s+(?:the|your|a|an))?"
    rf"(?:(?:\s+{_NOT_A_HEAD}[a-z][\w'-]*){{1,3}}?\s+(?:of|in|inside|within|around|on|with|behind|through|to)"
    r"(?:\s+(?:the|your))?)?\s+", re.I)
_OF_AFTER = re.compile(r"\s+of\b", re.I)


def examined(kb, text, offset, ms):
    """`measures` claims whose object is a body part (judged against the organs the test examines)."""
    for i, a in enumerate(ms):
        if _type(kb, a.concept) != "test" \
                or _RESULT_BEFORE.search(text[max(0, a.start - offset - 20):a.start - offset]):
            continue
        for b in ms[i + 1:]:
            gap = text[a.end - offset:b.start - offset]
            if len(gap) > 80:
                break
            if _type(kb, b.concept) != "anatomy" or _OF_AFTER.match(text, b.end - offset) \
                    or _EXCLUDED_BEFORE.search(text[max(0, b.start - offset - 20):b.start - offset]):
                continue  # "the back of the eye": the eye is the place
            if _PAT_EXAMINES.fullmatch(gap):
                yield Relation("measures", a.concept, b.concept, a.start, b.end, True, None, "X examines the Y")
                break
