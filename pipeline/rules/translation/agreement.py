"""Agreement and verb-form errors that Harper misses, read from spaCy's tags (TR015 reports them
with Harper's lints): a third-person or past form after a modal or after "do"/"does"/"did"
("can causes", "didn't felt"), and a plural subject noun at the start of a clause followed
straight by a verb in -s ("Most patients returns")."""
from __future__ import annotations

from pipeline.rules.translation import grammar_patterns

_MODALS = {"can", "could", "may", "might", "must", "shall", "should", "will", "would"}
_DO = {"do", "does", "did"}
_NEGATION = {"not", "n't"}
_PLURAL_DET = {"the", "these", "those", "most", "many", "all", "some", "our", "their", "your",
               "my", "his", "her", "both", "several", "few", "other", "such"}
_SUBORDINATORS = {"when", "if", "because", "while", "although", "though", "after", "before",
                  "since", "unless", "until", "whether", "once", "that"}


def agreement_errors(toks):
    """(start, end, message, suggestion) for each error in one sentence's tokens."""
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        if low in _MODALS or low in _DO:
            j = i + 1
            while j < len(toks) and toks[j].text.lower() in _NEGATION:
                j += 1
            if j >= len(toks):
                continue
            verb = toks[j]
            if verb.tag == "VBZ" or (low in _DO and verb.tag == "VBD"):
                if verb.lemma and verb.lemma.lower() != verb.text.lower() and \
                        verb.lemma.lower() not in ("be", "have"):
                    yield (verb.start, verb.end,
                           f'After "{tok.text}" the verb takes its base form: "{verb.lemma}", '
                           f'not "{verb.text}".', verb.lemma)
        elif tok.tag == "NNS" and low not in grammar_patterns.load()["singular_in_s"] \
                and i + 1 < len(toks):
            verb = toks[i + 1]
            if verb.tag != "VBZ" or verb.lemma.lower() in ("be", "have") or \
                    not verb.text.lower().endswith("s"):
                continue
            before = toks[i - 1] if i > 0 else None
            clause_start = before is None or (
                before.text.lower() in _PLURAL_DET and
                (i < 2 or toks[i - 2].tag in (",", "CC", ".") or
                 toks[i - 2].text.lower() in _SUBORDINATORS))
            if clause_start:
                yield (verb.start, verb.end,
                       f'"{tok.text}" is plural, so the verb is "{verb.lemma}", not '
                       f'"{verb.text}".', verb.lemma)
