"""The article pages and fix list rows of the report stage, made here (`jobs` 1) or by worker
processes.

Rendering an article's page and its fix list rows is about half of the report stage's time and
needs nothing but the article itself, its record and findings, and three things shared by the
release (the cross-article links, the rule docs, the common context). `Pages.add` hands each
article to a pool of `jobs` workers (forkserver or spawn, as `pipeline/parallel.py`), a few
articles a task, so the stage's own process goes on with findings.jsonl, the CSV and the SARIF
meanwhile. `add` and `close` give each article's `Made` (the page's failure or None, its fix
list rows or why they could not be made) in the order the articles were added, so nothing the
stage writes depends on the number of workers. A worker that dies costs nothing: the tasks it
took down are done again in this process."""
from __future__ import annotations

from collections import deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import NamedTuple

from pipeline.parallel import process_pool
from pipeline.report import fixlist, html

PER_TASK = 16  # articles a task: enough to cover the cost of sending them
_shared: tuple = ()  # a worker's (out, cross, docs, common)


def _start(out: Path, cross, docs: dict, common: dict) -> None:
    global _shared
    _shared = (out, cross, docs, common)


class Made(NamedTuple):
    page_failure: dict | None  # None: the page is written
    fixes: list[dict]  # the article's fix list rows
    fixes_failure: str | None  # why the rows could not be made


def _render(items: list[tuple]) -> list[Made]:
    out, cross, docs, common = _shared
    made = []
    for aid, entry, verdict, fs, article, segments in items:
        fixes, fixes_failure = [], None
        if fs:
            try:
                fixes = fixlist.rows([article], fs)
            except Exception as exc:  # one article's rows must not cost the others'
                fixes_failure = f"{type(exc).__name__}: {exc}"
        made.append(Made(html.write_article(out, aid, entry, verdict, fs, article.file_text,
                                            segments, cross, docs, common),
                         fixes, fixes_failure))
    return made


class Pages:
    """Article pages and fix list rows, made in order of `add`: `add` gives the (key, Made) of
    the articles finished meanwhile, `close` waits for the rest."""

    def __init__(self, out: Path, cross, docs: dict, common: dict, jobs: int):
        self.shared = (Path(out), cross, docs, common)
        self.jobs, self.pool = jobs, None
        self.task: list[tuple] = []  # (key, item) not yet sent
        self.inflight: deque[tuple[list, Future | None]] = deque()
        _start(*self.shared)  # this process makes the pages with one job, or after a death

    def add(self, key, aid: str, entry: dict, verdict, fs: list, article,
            segments: list[dict]) -> list[tuple]:
        item = (aid, entry, verdict, fs, article, segments)
        if self.jobs <= 1:
            return [(key, _render([item])[0])]
        self.task.append((key, item))
        if len(self.task) >= PER_TASK:
            self._send()
        finished = []
        while self.inflight and (self.inflight[0][1] is None or self.inflight[0][1].done()
                                 or len(self.inflight) > 2 * self.jobs):
            finished += self._take()
        return finished

    def close(self) -> list[tuple]:
        """The (key, Made) of every article still being done; the workers end."""
        try:
            if self.task:
                self._send()
            finished = []
            while self.inflight:
                finished += self._take()
            return finished
        finally:
            self._restart()

    def _send(self) -> None:
        keys, items = zip(*self.task)
        self.task = []
        pairs = list(zip(keys, items))
        try:
            self.pool = self.pool or process_pool(self.jobs, _start, self.shared)
            self.inflight.append((pairs, self.pool.submit(_render, list(items))))
        except BrokenProcessPool:  # a worker died since the last task: done when taken
            self._restart()
            self.inflight.append((pairs, None))

    def _restart(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _take(self) -> list[tuple]:
        pairs, future = self.inflight.popleft()
        try:
            if future is None:
                raise BrokenProcessPool("its worker died")
            made = future.result()
        except BrokenProcessPool:  # done again here: a dead worker costs no page
            self._restart()
            made = _render([item for _, item in pairs])
        return list(zip((key for key, _ in pairs), made))
