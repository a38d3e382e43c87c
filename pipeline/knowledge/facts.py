"""Facts: relations between knowledge-base concepts (pipeline/data/knowledge/facts/*.yaml, and a project's
sources/knowledge/facts/*.yaml), each with a
reference, and the medication dose table.

A fact is `{subject, relation, objects | properties, closed?, references}` (schema:
`facts.schema.json`). Relations:

- `is_a`, `distinct_from`, `same_as`: classes beyond those of the concept files.
- `part_of`: anatomy -> the regions it lies in (transitive). Property `positional` marks a word that
  also names a part of other structures ("the head of the femur"), never judged as a subject.
- `outer_layer_of`, `middle_layer_of`, `inner_layer_of`: a layer -> the three-layer structure it is
  that layer of (dermis: middle layer of the skin; mesoderm: of the embryo). A layer's first fact for
  a structure is its place in the three-layer description; a later one, another position a common
  description also gives it (the dermis, the inner of the skin's two main layers).
- `front_part_of`, `back_part_of`, `upper_part_of`, `lower_part_of`: anatomy -> the structures in whose
  front, back, upper or lower part it lies (the cornea, the front of the eye; the cerebellum, the back
  and the lower part of the brain); a claim is judged only on an axis a fact covers.
- `produces` (organ -> products) / `produced_by` (product -> organs); `function` (organ ->
  processes) / `performed_by` (process -> organs, cells).
- `caused_by` / `causes` (infectious agents); `caused_by_deficiency` (condition -> nutrients) /
  `deficiency_causes` (nutrient -> conditions).
- `property`: booleans `invasive`, `ionising`, `contagious`, `chronic`, `reversible`, `permanent`, `flap`,
  `autologous`; `uses` and `measures` (tests).
- `examines` (test -> the organs or body parts whose state its result tells: tonometry, the eye).
- `operates_on` (operation -> the organ it removes or reshapes: a tonsillectomy, the tonsils; FA020).
- `protects_against` (vaccine -> the diseases or agents it protects against: BCG, tuberculosis; FA021).
- `made_of` (product -> its materials: a dental implant, titanium or zirconia; FA022).
- `connects` (tendon or ligament -> one of its two ends, one fact per end: the ACL, the femur and
  the tibia; for the classes, the kinds of tissue: a ligament, bone to bone or cartilage; FA009).
- `treats`, `contraindicated_in` (drug -> population groups), `age_group` (condition -> typical
  groups), `more_common_in` (condition -> sex).

`closed: true` says the objects are complete: a claim outside them is wrong. Without it, a claim
outside the list is unknown and never a finding.

`doses` entries give a drug's adult maximum single and daily amount, for self-care and when
prescribed. Facts derived from ICD-10 (`facts/derived/*.yaml`, `pipeline.knowledge.derived`) are
added when the ICD-10 tree is given. Every error names the file and the entry."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from pipeline.knowledge.load import KnowledgeError

SCHEMA = json.loads((Path(__file__).parent / "facts.schema.json").read_text(encoding="utf-8"))
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Fact:
    subject: str
    relation: str
    objects: tuple[str, ...]
    properties: tuple[tuple[str, bool], ...]
    closed: bool
    references: tuple[dict, ...]
    file: str
    note: str | None = None

    @property
    def derived(self) -> bool:
        return Path(self.file).parent.name == "derived"

    def cite(self) -> dict:
        """The fact as a finding's evidence shows it: what it says and where to check it."""
        out: dict[str, Any] = {"subject": self.subject, "relation": self.relation,
                               "file": Path(self.file).name, "references": list(self.references)}
        if self.objects:
            out["objects"] = list(self.objects)
            out["closed"] = self.closed
        if self.properties:
            out["properties"] = dict(self.properties)
        return out


@dataclass(eq=False)  # hashed by identity: claim caches key on it
class Facts:
    facts: list[Fact]
    doses: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        self._by: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for f in self.facts:
            self._by[(f.subject, f.relation)].append(f)

    def __len__(self) -> int:
        return len(self.facts)

    def get(self, subject: str, relation: str) -> list[Fact]:
        return self._by.get((subject, relation), [])

    def objects(self, subject: str, relation: str) -> tuple[set[str], bool, list[Fact]]:
        """(objects, closed, the facts that say so) for one subject and relation."""
        fs = self.get(subject, relation)
        return {o for f in fs for o in f.objects}, any(f.closed for f in fs), fs

    def prop(self, subject: str, name: str) -> tuple[bool | None, Fact | None]:
        for f in self.get(subject, "property"):
            value = dict(f.properties).get(name)
            if value is not None:
                return value, f
        return None, None

    def count_by_relation(self, derived: bool | None = None) -> dict[str, int]:
        """Facts by relation (`derived`: only the derived facts, or only the typed ones)."""
        counts: dict[str, int] = defaultdict(int)
        for f in self.facts:
            if derived is None or derived == f.derived:
                counts[f.relation] += 1
        if self.doses and not derived:
            counts["dose"] = len(self.doses)
        return dict(sorted(counts.items()))


def _where(data: Any, path: list) -> str:
    if len(path) >= 2 and path[0] in ("facts", "doses") and isinstance(path[1], int):
        entry = data[path[0]][path[1]]
        if isinstance(entry, dict):
            key = entry.get("subject") or entry.get("drug")
            rel = entry.get("relation")
            return f"#{path[1] + 1} ({key}{' ' + rel if rel else ''})"
        return f"#{path[1] + 1}"
    return "(file)"


def read_yaml(path: Path, validator) -> tuple[object, list]:
    """The YAML document of `path` and its schema errors under `validator` (by position); invalid
    YAML is a KnowledgeError naming the file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # libyaml when installed
    except yaml.YAMLError as exc:
        raise KnowledgeError(path, "(file)", f"not valid YAML: {exc}") from exc
    return data, sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))


def read_file(path: Path) -> tuple[list[Fact], dict[str, dict]]:
    data, errors = read_yaml(path, _VALIDATOR)
    if errors:
        err = min(errors, key=lambda e: (len(list(e.absolute_path)) < 2, list(e.absolute_path)))
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        raise KnowledgeError(path, _where(data, list(err.absolute_path)), f"{err.message} (at {where})")
    facts = [Fact(f["subject"], f["relation"], tuple(f.get("objects", [])),
                  tuple(sorted(f.get("properties", {}).items())), bool(f.get("closed")),
                  tuple(f["references"]), str(path), f.get("note"))
             for f in data.get("facts", [])]
    doses = {d["drug"]: {**d, "file": str(path)} for d in data.get("doses", [])}
    return facts, doses


def _read_files(files: list[Path]) -> list[tuple[list[Fact], dict[str, dict]]]:
    """`read_file` of each file, from the user cache when no file changed (parsing and
    validating the YAML costs about a second on every run otherwise)."""
    import hashlib

    from pipeline.knowledge import cache as kb_cache

    h = hashlib.sha256(Path(__file__).read_bytes())  # the Fact record and the validation
    for path in files:
        h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    cached_at = kb_cache.cache_dir() / f"facts-{kb_cache.digest({'files': h.hexdigest()})}.pickle"
    cached = kb_cache.read(cached_at)
    if isinstance(cached, list) and len(cached) == len(files):
        return cached
    out = [read_file(path) for path in files]
    kb_cache.write(cached_at, out)
    return out


def load_facts(directory: Path, concepts: dict[str, dict] | None = None,
               icd_parent: dict[str, str] | None = None, project: Path | None = None) -> Facts:
    """Every facts file in `directory`; with `concepts`, every id a fact names must be one; with
    `concepts` and the ICD-10 tree (`icd_parent`), the facts derived from ICD-10 as well. A
    project's facts folder (`project`, e.g. `sources/knowledge/facts/`) adds its files, and one of
    the same name as a packaged file replaces it (facts have no ids: the file is the unit)."""
    from pipeline.knowledge.load import layered_files

    directory = Path(directory)
    project = Path(project) if project is not None and Path(project).is_dir() else None
    files = layered_files(directory, project)
    facts: list[Fact] = []
    doses: dict[str, dict] = {}
    for path, (fs, ds) in zip(files, _read_files(files)):
        for n, f in enumerate(fs, 1):
            for cid in (f.subject, *f.objects):
                if concepts is not None and cid not in concepts:
                    raise KnowledgeError(path, f"#{n} ({f.subject} {f.relation})", f"unknown concept {cid!r}")
        for drug in ds:
            if concepts is not None and drug not in concepts:
                raise KnowledgeError(path, f"dose {drug!r}", f"unknown concept {drug!r}")
            if drug in doses:
                raise KnowledgeError(path, f"dose {drug!r}", f"also given in {doses[drug]['file']}")
        facts += fs
        doses.update(ds)
    if concepts is not None and icd_parent:
        from pipeline.knowledge.derived import derive_icd10

        facts += derive_icd10(directory / "derived", concepts, icd_parent,
                              project / "derived" if project is not None else None)
    return Facts(facts, doses)
