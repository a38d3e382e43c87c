"""Names from terminologies turned into names people write, and the filter that keeps common
English words and very short names out of the index (they would drown the text in spurious
mentions)."""
from __future__ import annotations

import math
import re
from functools import lru_cache

MAX_ZIPF_ONE_WORD = 3.8   # "pain", "weakness", "confusion" are everyday words: curated names only
MIN_LENGTH = 4

_QUALIFIERS = re.compile(r",?\s*(?:unspecified|not elsewhere classified|NOS|NEC|"
                         r"not otherwise specified)\b\.?", re.I)
_BRACKETS = re.compile(r"\s*\[([^\]]*)\]")
_PARENS = re.compile(r"\s*\(([^)]*)\)")
_SKIP_START = re.compile(r"^(?:other|unspecified|certain|personal|family|sequelae|"
                         r"encounter|abnormal\w*\s+of|abnormality|abnormal\s+findings)\b", re.I)
# British spellings of ICD-10 (WHO) and their American forms, which clinic pages mostly use
_US = [(re.compile(p, re.I), r) for p, r in [
    (r"haem", "hem"), (r"aemia\b", "emia"), (r"\boedema", "edema"), (r"oesoph", "esoph"),
    (r"diarrhoea", "diarrhea"), (r"leukaem", "leukem"), (r"paed", "ped"), (r"tumour", "tumor"),
    (r"foetal", "fetal"), (r"coeli", "celi"), (r"ischaem", "ischem"), (r"anaesth", "anesth"),
    (r"orthopaed", "orthoped"), (r"gynaec", "gynec"), (r"oestr", "estr"), (r"dyspnoea", "dyspnea"),
    (r"\bapnoea", "apnea"), (r"\bfaec", "fec"), (r"ae(?=mia|rob)", "e")]]


def variants(title: str) -> list[str]:
    """Names people write for a terminology title: qualifiers dropped ("unspecified", "NOS",
    "not elsewhere classified"), a bracketed alternative ("Varicella [chickenpox]") as a name of
    its own, parentheses dropped ("Essential (primary) hypertension"), and the American spelling
    of a British one. Titles that still hold a comma or that start "Other ..." give none."""
    title = _QUALIFIERS.sub("", title).strip(" ,")
    # "[chickenpox]" is a name; "[Devic]", "[Wells]" are bare eponyms ("devices", "wells")
    out = [b.strip() for b in _BRACKETS.findall(title) if " " in b.strip() or b.strip().islower()]
    title = _BRACKETS.sub("", title)
    title = re.sub(r"\s+", " ", _PARENS.sub("", title)).strip(" ,")
    out.insert(0, title)
    names: list[str] = []
    for name in out:
        if not name or "," in name or ":" in name or ";" in name or _SKIP_START.match(name):
            continue
        for n in (name, us_spelling(name)):
            if n not in names:
                names.append(n)
    return names


def us_spelling(name: str) -> str:
    for pattern, repl in _US:
        name = pattern.sub(lambda m: _keep_case(m.group(), repl), name)
    return name


def _keep_case(old: str, new: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from pipeline.wordlists import english

    return english()  # one table look-up per name instead of wordfreq's tokenizer


def zipf(word: str) -> float:
    f = _frequencies().get(word.casefold(), 0.0)
    return math.log10(f) + 9 if f else 0.0


def indexable(name: str, max_zipf: float = MAX_ZIPF_ONE_WORD) -> bool:
    """Whether a terminology name may be looked up in text: long enough, and not an everyday
    English word (Zipf frequency `max_zipf` or more). A phrase of several words names something
    specific ("short stature", "heart attack") even when its words are common."""
    if len(name) < MIN_LENGTH or not re.search(r"[a-z]", name, re.I):
        return False
    return " " in name or zipf(name) < max_zipf
