"""What the command line prints besides its results: verbosity, colour, progress.

The CLI calls `configure` once; library code (stages, detect) only calls `track` and `info`, which
do nothing until then, so tests and benchmarks print no bars.

- Colour: `--color auto` (default) colours a stream only when it is a terminal, `NO_COLOR` is
  unset or empty (no-color.org), and `TERM` is not `dumb`; `FORCE_COLOR` (non-empty) forces it;
  `--color always|never` overrides both.
- Progress: a tqdm bar on stderr, shown only when stderr is a terminal, not with `--quiet`, and
  only once a step has run for a second (short runs print nothing).
- Article text is printed through `printable`: control characters (an ESC in a scraped page
  could drive the terminal) are shown as `\\x1b`, never sent."""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Iterable, TextIO, TypeVar

T = TypeVar("T")
QUIET, NORMAL, VERBOSE = -1, 0, 1
STYLES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34",
          "magenta": "35", "cyan": "36"}
SEVERITY_STYLE = {"critical": ("bold", "red"), "major": ("yellow",), "minor": ("cyan",)}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class State:
    level: int = NORMAL
    color_when: str = "auto"
    progress: bool = False  # off until the CLI turns it on


state = State()


def wants_color(stream: TextIO, when: str = "auto") -> bool:
    if when in ("always", "never"):
        return when == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def configure(*, quiet: bool = False, verbose: bool = False, color: str = "auto") -> None:
    state.level = QUIET if quiet else VERBOSE if verbose else NORMAL
    state.color_when = color
    isatty = getattr(sys.stderr, "isatty", None)
    state.progress = not quiet and bool(isatty and isatty())


def paint(text: str, *styles: str, stream: TextIO | None = None) -> str:
    """`text` in ANSI `styles` when `stream` (default stdout) gets colour."""
    if not styles or not wants_color(stream or sys.stdout, state.color_when):
        return text
    return f"\x1b[{';'.join(STYLES[s] for s in styles)}m{text}\x1b[0m"


def printable(text: str) -> str:
    """`text` with control characters (except tab and newline) shown as escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def info(message: str) -> None:
    """A status line on stdout, unless --quiet."""
    if state.level > QUIET:
        print(message)


def detail(message: str) -> None:
    """A message on stderr with --verbose only."""
    if state.level >= VERBOSE:
        print(paint(message, "dim", stream=sys.stderr), file=sys.stderr)


def error(message: str) -> None:
    """An error on stderr (always printed)."""
    print(f"{paint('error', 'bold', 'red', stream=sys.stderr)}: {message}", file=sys.stderr)


def track(items: Iterable[T], desc: str, total: int | None = None,
          unit: str = "article") -> Iterable[T]:
    """`items`, with a progress bar on stderr when the CLI enabled progress."""
    if not state.progress:
        return items
    from tqdm import tqdm  # imported only when a bar can be shown

    return tqdm(items, desc=desc, total=total, unit=unit, file=sys.stderr, disable=None,
                delay=1.0, leave=False, dynamic_ncols=True)
