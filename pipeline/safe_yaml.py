"""YAML from files a user or a web page supplied (front matter, metadata sidecars, the policy):
PyYAML's safe loader, with aliases refused and the text size bounded.

Aliases are what makes a "billion laughs" document: a few hundred bytes of anchors and aliases
that expand to gigabytes once the loaded data is turned into text. None of these files needs them,
so an alias is an error naming the line, before anything is expanded."""
from __future__ import annotations

import yaml


class YAMLInputError(ValueError):
    """Invalid, too large, too deep, or using aliases."""


class NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise YAMLInputError(f"YAML aliases (*name) are not allowed (line {mark.line + 1})")
        return super().compose_node(parent, index)


def load(text: str, max_chars: int, loader: type[yaml.SafeLoader] = NoAliasLoader):
    """The data in `text` (the caller names the file in its error message)."""
    if len(text) > max_chars:
        raise YAMLInputError(f"{len(text):,} characters of YAML; the limit is {max_chars:,}")
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except YAMLInputError:
        raise
    except RecursionError as e:
        raise YAMLInputError("YAML nested too deeply") from e
    except yaml.YAMLError as e:
        raise YAMLInputError(f"invalid YAML: {e}") from e
