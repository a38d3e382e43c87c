"""Data shipped inside the package, found with importlib.resources: the knowledge base
(`pipeline/data/knowledge/`), the default release policy (`pipeline/data/policy.yaml`), the rule
data (`pipeline/rules/data/`) and the trained models. An installed wheel needs nothing from a
checkout of this repository.

`path(...)` gives a real file-system path (what the YAML loaders and globbing need); when the
package is imported from a zip archive, importlib extracts the resource once per process."""
from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib import resources
from pathlib import Path

# How a run records the packaged default policy (summary.json `policy.path`): not a file path,
# so that the gate never confuses it with a project's own file, and the same on every machine.
POLICY_REF = "package:pipeline/data/policy.yaml"

_stack = ExitStack()
atexit.register(_stack.close)


@cache
def path(*parts: str) -> Path:
    """The packaged resource `pipeline/<parts...>` as a file-system path."""
    ref = resources.files("pipeline").joinpath(*parts)
    return Path(_stack.enter_context(resources.as_file(ref)))


def knowledge_dir() -> Path:
    """The packaged knowledge base (concept files, `facts/`, `facts/derived/`)."""
    return path("data", "knowledge")


def policy_file() -> Path:
    """The packaged default release policy."""
    return path("data", "policy.yaml")


def rule_data(name: str) -> Path:
    """One file of the rule data (`pipeline/rules/data/NAME`)."""
    return path("rules", "data", name)
