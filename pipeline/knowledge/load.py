"""Read the knowledge-base YAML files, validate each against the JSON Schema, check cross-references.

Every error names the file and the entry (concept id, or its position when it has none)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

SCHEMA = json.loads((Path(__file__).parent / "concept.schema.json").read_text(encoding="utf-8"))
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: ~20x faster
_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


class KnowledgeError(Exception):
    """A knowledge-base file or entry is invalid."""

    def __init__(self, file: Path | str, entry: str, problem: str):
        self.file, self.entry, self.problem = str(file), entry, problem
        super().__init__(f"{file}: entry {entry}: {problem}")


def _entry_name(data: Any, path: list) -> str:
    if len(path) >= 2 and path[0] == "concepts" and isinstance(path[1], int):
        concept = data["concepts"][path[1]]
        cid = concept.get("id") if isinstance(concept, dict) else None
        return repr(cid) if cid else f"#{path[1] + 1}"
    return "(file)"


def read_file(path: Path) -> list[dict]:
    """The concepts of one file, schema-checked."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(path, "(file)", f"not valid YAML: {exc}") from exc
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = "/".join(str(p) for p in err.absolute_path) or "(root)"
        raise KnowledgeError(path, _entry_name(data, list(err.absolute_path)),
                             f"{err.message} (at {where})")
    for concept in data["concepts"]:
        concept["file"] = str(path)
        concept["source"] = "curated"
    return data["concepts"]


def layered_files(base: Path, project: Path | None) -> list[Path]:
    """The *.yaml files of `base` (the packaged layer) with the project's files of the same name
    in their place, then the project's other files. `project` may be None or absent."""
    own = {p.name: p for p in sorted(Path(project).glob("*.yaml"))} if project else {}
    return [own.pop(p.name, p) for p in sorted(Path(base).glob("*.yaml"))] + list(own.values())


def read_directory(directory: Path, project: Path | None = None) -> list[dict]:
    """All concepts of every *.yaml file in `directory`, with unique ids (links are checked once the
    imported terminologies are merged in: `pipeline.knowledge.build`). With a `project` layer
    (a project's own `sources/knowledge/`): a project file replaces the packaged file of the same
    name, other project files add their concepts, and a project concept whose id a packaged file
    defines replaces that concept. An id defined twice within one layer is an error."""
    files = layered_files(directory, project)
    if not files:
        raise KnowledgeError(directory, "(none)", "no knowledge-base files (*.yaml) found")
    layers: tuple[dict[str, dict], dict[str, dict]] = ({}, {})
    for f in files:
        by_id = layers[project is not None and f.parent == Path(project)]
        for c in read_file(f):
            if c["id"] in by_id:
                raise KnowledgeError(c["file"], repr(c["id"]),
                                     f"id also defined in {by_id[c['id']]['file']}")
            by_id[c["id"]] = c
    packaged, own = layers
    return [c for cid, c in packaged.items() if cid not in own] + list(own.values())
