"""The article pages, fix list rows and rule pages of the report stage, made here (`jobs` 1) or
by worker processes.

Rendering an article's page and its fix list rows is about half of the report stage's time and
needs nothing but the article itself, its record and findings, and three things shared by the
release (the cross-article links, the rule docs, the common context). `Pages.add` hands each
article to a pool of `jobs` workers (forkserver or spawn, as `pipeline/parallel.py`), a few
articles a task, so the stage's own process goes on with findings.jsonl, the CSV and the SARIF
meanwhile. `add` and `close` give each article's `Made` (the page's failure or None, its fix
list rows or why they could not be made) in the order the articles were added, so nothing the
stage writes depends on the number of workers. A worker that dies costs nothing: the tasks it
took down are done again in this process. The same workers then make the rule pages
(`rule_pages`, one rule a task), while the stage writes the SARIF, the JUnit, the fix list and
the index.

A page whose inputs did not change since the last run is kept, not made again: each page's
digest (`page_digest`: everything its template reads, and `release_digest`: the code, the
rule docs and the policy) is recorded in articles/DIGESTS, and an article whose digest is the
one recorded for its page, whose page is still there, gets only its fix list rows. A re-audit
after one article changed thus renders one page, not thousands (issue 14). The rule pages are
kept the same way (rules/DIGESTS, `rule_digest`), computed by the stage without reading their
occurrences back; an article whose report fragment is used (pipeline/report/fragments.py) does
not come here at all."""
from __future__ import annotations

import hashlib
import json
import pickle
from collections import deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Callable, NamedTuple

from pipeline import parallel
from pipeline.report import fixlist, html
from pipeline.spill import read_items

PER_TASK = 16  # articles a task: enough to cover the cost of sending them
_shared: tuple = ()  # a worker's (out, cross, docs, common)


def _start(out: Path, cross, docs: dict, common: dict) -> None:
    global _shared
    _shared = (out, cross, docs, common)


def _rule_page(task: tuple) -> None:
    """rules/CODE.html of one rule (html.write_rule_page), its occurrences read from the file
    the stage spilled them to: one pickle an article (its place, id, and its occurrences, a
    pickle of (number, occurrence, context) each)."""
    folder, st, path, titles = task
    _, _, docs, common = _shared
    occurrences = sorted(((ord_, aid, *occ) for ord_, aid, blob in read_items(path)
                          for occ in pickle.loads(blob)), key=lambda o: (o[0], o[2]))
    articles, contexts = {}, {}
    for _, aid, n, occ, tokens in occurrences:
        articles.setdefault(aid, []).append((n, occ))
        contexts[(aid, n)] = tokens
    html.write_rule_page(folder, replace(st, articles=articles), contexts, titles, docs, common)


def _here(tasks: list[tuple]) -> None:
    for task in tasks:
        _rule_page(task)


class Made(NamedTuple):
    page_failure: dict | None  # None: the page is written
    fixes: list[dict]  # the article's fix list rows
    fixes_failure: str | None  # why the rows could not be made


def release_digest(docs: dict, common: dict) -> str:
    """What every page is made from besides its article: the package's code and templates, the
    rule docs (plugins' included) and the policy."""
    from pipeline.cache import code_version

    h = hashlib.sha256(f"{code_version()}\n{common['csp']}\n{common['policy']!r}\n".encode())
    h.update(json.dumps(docs, sort_keys=True).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def page_digest(release: str, aid: str, entry: dict, verdict, fs: list, text: str,
                segments: list[dict], cross) -> str:
    """A hash of everything an article's page shows (see html.write_article): of its pickle,
    which is the same for the same values built the same way. (Equal values built otherwise,
    such as a dict filled in another order, may pickle otherwise: the page is then made again,
    which costs time, never a stale page.)"""
    data = (release, aid, entry, verdict, fs, text, segments,
            [cross.links.get(f.fingerprint) for f in fs],
            sorted(cross.passages.get(aid, {}).items()))
    return hashlib.sha256(pickle.dumps(data, pickle.HIGHEST_PROTOCOL)).hexdigest()


def rule_digest(release: str, st, parts: list[tuple], titles: dict, doc: dict | None) -> str:
    """A hash of everything a rule's page shows: its name, category and counts, and for each of
    its articles (`parts`: its place in the read order, its id, the digest of its occurrences
    as spilled), the article's title; the rule's doc, and the release (`release_digest`)."""
    data = [release, st.code, st.name, st.category, list(st.by_severity.items()),
            sorted(parts), sorted(titles.items()), doc]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode(
        "utf-8", "surrogatepass")).hexdigest()


def _render(items: list[tuple]) -> list[Made]:
    out, cross, docs, common = _shared
    made = []
    for aid, entry, verdict, fs, article, segments, keep in items:
        fixes, fixes_failure = [], None
        if fs:
            try:
                fixes = fixlist.rows([article], fs)
            except Exception as exc:  # one article's rows must not cost the others'
                fixes_failure = f"{type(exc).__name__}: {exc}"
        failure = None if keep else html.write_article(
            out, aid, entry, verdict, fs, article.file_text, segments, cross, docs, common)
        made.append(Made(failure, fixes, fixes_failure))
    return made


class Pages:
    """Article pages and fix list rows, made in order of `add`: `add` gives the (key, Made) of
    the articles finished meanwhile, `close` waits for the rest."""

    def __init__(self, out: Path, cross, docs: dict, common: dict, jobs: int,
                 keep: bool = True):
        """`keep` False (`--no-cache`): every page is made again."""
        self.shared = (Path(out), cross, docs, common)
        self.jobs, self.pool = jobs, None
        self.release = release_digest(docs, common)
        # the last run's pages
        self.previous = html.read_digests(Path(out) / "articles") if keep else {}
        self.digests: dict[str, str] = {}  # page name -> digest, of this run's pages
        self.kept = 0
        self.task: list[tuple] = []  # (key, item) not yet sent
        self.inflight: deque[tuple[list, Future | None]] = deque()
        _start(*self.shared)  # this process makes the pages with one job, or after a death

    def add(self, key, aid: str, entry: dict, verdict, fs: list, article,
            segments: list[dict]) -> list[tuple]:
        name = html.page_name(aid)
        digest = self.digests[name] = page_digest(self.release, aid, entry, verdict, fs,
                                                  article.file_text, segments, self.shared[1])
        keep = self.previous.get(name) == digest and (self.shared[0] / "articles" / name).is_file()
        self.kept += keep
        item = (aid, entry, verdict, fs, article, segments, keep)
        if self.jobs <= 1 or keep:
            made = _render([item])[0]  # a kept page: its fix list rows only, made here
            if self.jobs <= 1:
                return [(key, made)]
            if self.task:  # in order: the articles before it first
                self._send()
            done: Future = Future()
            done.set_result([made])
            self.inflight.append(([(key, item)], done))
            return self._finished()
        self.task.append((key, item))
        if len(self.task) >= PER_TASK:
            self._send()
        return self._finished()

    def _finished(self) -> list[tuple]:
        finished = []
        while self.inflight and (self.inflight[0][1] is None or self.inflight[0][1].done()
                                 or len(self.inflight) > 2 * self.jobs):
            finished += self._take()
        return finished

    def close(self) -> list[tuple]:
        """The (key, Made) of every article still being done. The workers stay for
        `rule_pages`; `shutdown` ends them."""
        try:
            if self.task and self.pool is None and not parallel.worth_a_pool(len(self.task), self.jobs):
                pairs, self.task = self.task, []  # a few pages (a re-audit): made here
                done: Future = Future()
                done.set_result(_render([item for _, item in pairs]))
                self.inflight.append((pairs, done))
            elif self.task:
                self._send()
            finished = []
            while self.inflight:
                finished += self._take()
            return finished
        except BaseException:
            self.shutdown()
            raise

    def rule_pages(self, tasks: list[tuple]) -> Callable[[], None]:
        """Start making the rule pages of `tasks` (see `_rule_page`), one task each, on the
        workers; the function returned waits for them. A task whose worker died is done again
        in this process."""
        if self.jobs <= 1 or len(tasks) < 2 or \
                self.pool is None and not parallel.worth_a_pool(len(tasks), self.jobs):
            return lambda: _here(tasks)  # with no workers started, a few pages are made here
        try:
            self.pool = self.pool or parallel.process_pool(self.jobs, _start, self.shared)
            futures = [self.pool.submit(_rule_page, task) for task in tasks]
        except BrokenProcessPool:
            self.shutdown()
            return lambda: _here(tasks)

        def wait() -> None:
            for task, future in zip(tasks, futures):
                try:
                    future.result()
                except BrokenProcessPool:
                    _rule_page(task)
        return wait

    def shutdown(self) -> None:
        """The workers end (`close` and `rule_pages` are done)."""
        self._restart()

    def _send(self) -> None:
        keys, items = zip(*self.task)
        self.task = []
        pairs = list(zip(keys, items))
        try:
            self.pool = self.pool or parallel.process_pool(self.jobs, _start, self.shared)
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
