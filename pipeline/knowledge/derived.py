"""Facts derived from an imported terminology instead of typed one by one: which ICD-10 (WHO 2019)
chapters, blocks and categories are kinds of a curated class (viral infections, non-communicable
diseases, ...), read from the tables in `pipeline/data/knowledge/facts/derived/*.yaml`.

A table rule names the class and the ICD-10 codes whose entries are kinds of it (`include`), with
the codes inside them that are not (`except`). Entries of the form "... in diseases classified
elsewhere" (ICD-10's asterisk codes, which describe a manifestation of a disease classified in
another chapter) are never included. Each derived fact is an `is_a` from the widest ICD-10 entry
that the rule covers whole, and cites that entry in the WHO browser; `note` says it was derived.

Every error names the table file and the rule."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import jsonschema

from pipeline.knowledge.facts import Fact, read_yaml
from pipeline.knowledge.load import KnowledgeError

BROWSER = "https://icd.who.int/browse10/2019/en#/"
_ASTERISK = re.compile(r"\bclassified elsewhere\b", re.I)
SCHEMA = json.loads((Path(__file__).parent / "derived.schema.json").read_text(encoding="utf-8"))
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def read_table(path: Path) -> dict:
    data, errors = read_yaml(path, _VALIDATOR)
    if errors:
        err = errors[0]
        path_ = list(err.absolute_path)
        where = f"rule #{path_[1] + 1}" if len(path_) >= 2 and path_[0] == "rules" else "(file)"
        raise KnowledgeError(path, where, f"{err.message} (at {'/'.join(map(str, path_)) or '(root)'})")
    return data


def derive_icd10(directory: Path, concepts: dict[str, dict], icd_parent: dict[str, str],
                 project: Path | None = None) -> list[Fact]:
    """The `is_a` facts of every table in `directory` and the project's `project` folder (a
    project table replaces the packaged one of the same name); none when neither exists."""
    from pipeline.knowledge.load import layered_files

    project = Path(project) if project is not None and Path(project).is_dir() else None
    tables = layered_files(directory, project)
    if not tables:
        return []
    by_code = {c["icd"]: cid for cid, c in concepts.items() if c.get("icd")}
    children: dict[str, list[str]] = defaultdict(list)
    for code, parent in icd_parent.items():
        children[parent].append(code)
    out: list[Fact] = []
    for path in tables:
        data = read_table(path)
        for n, rule in enumerate(data["rules"], 1):
            where = f"rule #{n} ({rule['class']})"
            if rule["class"] not in concepts:
                raise KnowledgeError(path, where, f"unknown concept {rule['class']!r}")
            for code in rule["include"] + rule.get("except", []):
                if code not in by_code:
                    raise KnowledgeError(path, where, f"no ICD-10 entry {code!r}")
            excluded = set(rule.get("except", []))
            for code in rule["include"]:
                for top in _whole(code, excluded, children, concepts, by_code):
                    name = concepts[by_code[top]]["name"]
                    out.append(Fact(by_code[top], "is_a", (rule["class"],), (), False,
                                    ({"title": f"ICD-10 (WHO 2019) {top} {name}", "url": BROWSER + top},
                                     *rule.get("references", [])),
                                    str(path), f"derived from ICD-10: {rule.get('why', rule['class'])}"))
    return out


def _whole(code: str, excluded: set[str], children, concepts, by_code) -> list[str]:
    """The widest codes under `code` (itself included) none of whose entries is excluded or an
    asterisk code."""
    def bad(c: str) -> bool:
        return c in excluded or bool(_ASTERISK.search(concepts[by_code[c]]["name"])) if c in by_code else True

    def clean(c: str) -> bool:
        return not bad(c) and all(clean(k) for k in children.get(c, ()))

    if bad(code):
        return []
    if clean(code):
        return [code]
    return [w for k in sorted(children.get(code, ())) for w in _whole(k, excluded, children, concepts, by_code)]
