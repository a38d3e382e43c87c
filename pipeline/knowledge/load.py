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


def read_directory(directory: Path) -> list[dict]:
    """All concepts of every *.yaml file in `directory`, with unique ids (links are checked once the
    imported terminologies are merged in: `pipeline.knowledge.build`)."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise KnowledgeError(directory, "(none)", "no knowledge-base files (*.yaml) found")
    concepts = [c for f in files for c in read_file(f)]
    by_id: dict[str, dict] = {}
    for c in concepts:
        if c["id"] in by_id:
            raise KnowledgeError(c["file"], repr(c["id"]),
                                 f"id also defined in {by_id[c['id']]['file']}")
        by_id[c["id"]] = c
    return concepts
