"""Expand the input paths into article files, reporting everything that is not one.

Nothing is skipped silently: a file of another type, a folder named like an article, a FIFO or
other special file, a dangling symlink or a symlink loop each give a warning or an error naming
it. A symlink whose target lies outside the input folder is refused (an error) unless
`follow_symlinks` is set: otherwise a link to /etc/passwd would be audited and its text
published in the report. Hidden files and folders (.git, .dvc) are left alone."""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.bifile import EXTENSIONS as BILINGUAL

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           **BILINGUAL}
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")


class IngestError(Exception):
    """A file that cannot be audited (`warning`: one that is deliberately not audited)."""

    def __init__(self, source: str, problem: str, warning: bool = False):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
        self.warning = warning


def is_article_name(name: str) -> bool:
    return Path(name).suffix.lower() in FORMATS


def _is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIXES)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def refused_link(path: Path, root: Path, follow_symlinks: bool) -> str | None:
    """Why a file read along with an article (the Persian half of a pair) is refused, as the
    walk below would refuse it: a broken symlink, or one leading out of the input folder."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "is a dangling symlink or a symlink loop; not read"
    if not _inside(target, root.resolve()) and not follow_symlinks:
        return (f"is a symlink to {target}, outside the input folder; refused (set "
                f"ingest.follow_symlinks: true to allow)")
    return None


@dataclass
class _Walk:
    follow_symlinks: bool
    found: list[tuple[Path, Path]]
    problems: list[IngestError]

    def error(self, path: Path, problem: str, warning: bool = False) -> None:
        self.problems.append(IngestError(str(path), problem, warning))

    def entry(self, path: Path, root: Path, real_root: Path, seen: set[Path]) -> None:
        """Classify one directory entry (or one path given on the command line)."""
        article = is_article_name(path.name)
        target = path
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except RuntimeError:  # Python 3.11 reports a loop this way
                self.error(path, "is a symlink loop; not read", warning=not article)
                return
            except OSError as e:
                problem = ("is a symlink loop" if e.errno == errno.ELOOP else
                           f"is a dangling symlink (its target {os.readlink(path)} does not exist)")
                self.error(path, f"{problem}; not read", warning=not article)
                return
            if not _inside(target, real_root) and not self.follow_symlinks:
                self.error(path, f"is a symlink to {target}, outside the input folder; refused "
                                 f"(set ingest.follow_symlinks: true to allow)")
                return
        try:
            mode = os.stat(path).st_mode
        except OSError as e:
            self.error(path, f"cannot be read: {e.strerror or e}")
            return
        if stat.S_ISDIR(mode):
            if path.is_symlink() and _inside(target, real_root):
                self.error(path, f"is a symlink to the folder {target}, which is inside the "
                                 f"input and audited there; not followed", warning=True)
                return
            if article:
                self.error(path, "is a folder named like an article; the files in it are "
                                 "audited as a folder", warning=True)
            self.folder(path, root, real_root, seen)
        elif stat.S_ISREG(mode):
            if article:
                self.found.append((path, root))
            elif not _is_sidecar(path.name):
                self.error(path, f"not audited: {path.suffix or 'no'} file type (articles are "
                                 f"{', '.join(sorted(FORMATS))})", warning=True)
        else:
            self.error(path, f"is {_kind(mode)}, not a regular file; not read",
                       warning=not article)

    def folder(self, folder: Path, root: Path, real_root: Path, seen: set[Path]) -> None:
        real = folder.resolve()
        if real in seen:
            self.error(folder, "is a folder already visited (a symlink cycle); not read again",
                       warning=True)
            return
        seen.add(real)
        try:
            names = sorted(os.listdir(folder))
        except OSError as e:
            self.error(folder, f"cannot be listed: {e.strerror or e}")
            return
        for name in names:
            if not name.startswith("."):
                self.entry(folder / name, root, real_root, seen)


def discover(paths: list[Path], follow_symlinks: bool = False
             ) -> tuple[list[tuple[Path, Path]], list[IngestError]]:
    """(file, root) pairs in a stable order, root being what `source` is made relative to; and
    the problems found on the way (errors, and warnings with `warning` set)."""
    walk = _Walk(follow_symlinks, [], [])
    for p in paths:
        p = Path(p)
        if p.is_dir():  # a folder named on the command line is a root, even through a symlink
            walk.folder(p, p, p.resolve(), set())
        elif os.path.lexists(p):
            if not is_article_name(p.name):
                walk.error(p, f"unsupported file type {p.suffix or '(none)'}; expected one of "
                              f"{', '.join(sorted(FORMATS))}")
                continue
            walk.entry(p, p.parent, p.parent.resolve(), set())  # its folder is the input folder
        else:
            walk.error(p, "no such file or directory")
    return walk.found, walk.problems
