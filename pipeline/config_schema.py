"""The settings schema, generated from the defaults, and errors a user can act on.

Every key of `config.DEFAULTS` is a setting; its type comes from its default value (a mapping is a
section that accepts only its own keys). `REFINED` adds what a default cannot say: enums
(severities, dialects), open mappings (`rules.severity`, `rules.options`), nullable values and
bounds. Each file is validated on its own, so an error names the file, the line, the key and what
it accepts, with "did you mean" for a misspelt key or value."""
from __future__ import annotations

from typing import Any

import jsonschema
import yaml

from pipeline.grammar.harper import DIALECTS  # the wheel itself is imported only when used
from pipeline.model import SEVERITIES
from pipeline.suggest import closest, did_you_mean

SELECTOR = {"type": "string", "pattern": r"^(ALL|[A-Z]{2}[0-9]{0,3})$",
            "description": "a rule code (TR002), a prefix (TR, TR0) or ALL"}
POSITIVE = {"type": "number", "exclusiveMinimum": 0, "description": "a positive number"}

# Settings whose default value does not say everything they accept (dotted key -> JSON schema).
REFINED: dict[str, dict] = {
    "inputs": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "termbases": {"type": "array", "items": {"type": "string"}},
    "nlp.batch_size": {"type": "integer", "minimum": 1},
    "rules.select": {"type": "array", "items": SELECTOR},
    "rules.ignore": {"type": "array", "items": SELECTOR},
    "rules.severity": {"type": "object", "propertyNames": SELECTOR,
                       "additionalProperties": {"enum": list(SEVERITIES)}},
    "rules.options": {"type": "object", "propertyNames": SELECTOR,
                      "additionalProperties": {"type": "object"}},
    "languagetool.url": {"type": ["string", "null"]},
    "executor": {"enum": ["local", "dask"]},
    "scheduler": {"type": ["string", "null"], "description": "a Dask scheduler address, e.g. "
                  "tcp://host:8786"},
    "scheduler_timeout": POSITIVE,
    "languagetool.timeout": POSITIVE,
    "grammar.dialect": {"enum": list(DIALECTS)},
    "grammar.harper_rules": {"type": "object", "additionalProperties": {
        "type": "string", "pattern": r"^(TR[0-9]{3}|off)$",
        "description": "a rule code (TR015, TR016, TR019) or off"}},
}
# Sections whose every value is bounded the same way (the robustness limits).
REFINED_SECTIONS: dict[str, dict] = {"limits": POSITIVE}

_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"))
_NAMES = {"boolean": "true or false", "integer": "a whole number", "number": "a number",
          "string": "a string", "array": "a list", "object": "a mapping", "null": "null"}


def schema_for(value: Any, key: str = "") -> dict:
    """The JSON schema of a setting whose default is `value` (sections recursively)."""
    if key in REFINED:
        return REFINED[key]
    section = key.rpartition(".")[0]
    if section in REFINED_SECTIONS:
        return REFINED_SECTIONS[section]
    if isinstance(value, dict):
        return {"type": "object", "additionalProperties": False,
                "properties": {k: schema_for(v, f"{key}.{k}" if key else k)
                               for k, v in value.items()}}
    if isinstance(value, list):
        return {"type": "array", "items": schema_for(value[0]) if value else {"type": "string"}}
    for cls, name in _TYPES:
        if isinstance(value, cls):
            return {"type": "number"} if name == "number" else {"type": name}
    raise TypeError(f"setting {key!r}: no schema for a default of {value!r}; add it to REFINED")


def accepts(schema: dict) -> str:
    """What a schema accepts, in words."""
    if "enum" in schema:
        return "one of " + ", ".join(map(str, schema["enum"]))
    if "description" in schema:
        return schema["description"]
    types = schema.get("type", "object")
    words = " or ".join(_NAMES[t] for t in ([types] if isinstance(types, str) else types))
    if schema.get("type") == "array" and "items" in schema:
        each = accepts(schema["items"])
        words = "a list of strings" if each == "a string" else f"a list, each {each}"
    if schema.get("minItems"):
        words = "a non-empty " + words.removeprefix("a ")
    if "minimum" in schema:
        words += f" >= {schema['minimum']}"
    return words


def _line(text: str | None, path: list) -> int | None:
    """The line of `path` in a YAML document (None when it is not YAML or not found)."""
    if text is None:
        return None
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for part in path:
        if not isinstance(node, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
        if match is None:
            break
        line, node = match[0].start_mark.line + 1, match[1]
    return line


def _message(err: jsonschema.ValidationError) -> tuple[list, str]:
    path = list(err.absolute_path)
    key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    value, schema = err.instance, err.schema
    if err.validator == "additionalProperties":
        known = list(schema.get("properties", {}))
        bad = sorted(set(value) - set(known))[0]
        prefix = f"{key}." if key else ""
        best = closest(bad, known)
        hint = f"; did you mean {prefix + best!r}?" if best else ""
        where = f"{key!r} accepts" if key else "the settings are"
        return path + [bad], (f"unknown setting {prefix + bad!r}{hint} "
                              f"({where}: {', '.join(known)})")
    key = key or "the settings"
    if err.validator == "enum":
        return path, (f"{key}: {value!r} is not one of {', '.join(map(str, err.validator_value))}"
                      + did_you_mean(str(value), map(str, err.validator_value)))
    if err.validator == "pattern":
        upper = str(value).upper()
        hint = f"; did you mean {upper!r}?" if jsonschema.Draft202012Validator(
            schema).is_valid(upper) else ""
        return path, f"{key}: {value!r} is not {schema.get('description', 'valid')}{hint}"
    shown = "null" if value is None else f"{type(value).__name__} {value!r}"
    return path, f"{key}: {shown} is not {accepts(schema)}"


def problems(data: Any, schema: dict, text: str | None = None) -> list[tuple[int | None, str]]:
    """(line or None, message) for each invalid setting in `data`, in document order; `text` is
    the YAML it was read from, for the line numbers."""
    found = set()
    for err in jsonschema.Draft202012Validator(schema).iter_errors(data):
        path, msg = _message(err)
        found.add((_line(text, path), msg))
    return sorted(found, key=lambda p: (p[0] or 0, p[1]))
