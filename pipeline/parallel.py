"""Per-article work in worker processes (`--jobs N`).

`map_batches` runs `work(batch)` for batches of items in a pool of N worker processes (forkserver
where the platform has it, else spawn: never fork, so no worker inherits the parent's threads or
locks) and returns the results in the order of the batches, so the output never depends on N or
on which worker finished first. Each worker runs `initializer(*initargs)` once: that is where it
loads spaCy, the knowledge base, Harper and the models, which it then keeps for every batch.

Tasks run in the worker's main thread, so the per-article time budget (`pipeline/limits.py`,
SIGALRM) works inside workers as it does in one process. A worker that dies (a crash in native
code, the out-of-memory killer) breaks the pool; the batches it left unfinished are then run
again one item at a time in a fresh single-worker pool, so that only the item that kills its
worker again is lost: `died(item, problem)` gives its result, and every other item is audited.
A worker ends itself once the process that started its pool is gone (`_watched`): after a
SIGKILL of the run, a forkserver's workers would otherwise go on with their queued work.
`Workers` keeps the pool (or the Dask session) for several calls of `map`: a stage that goes through
the release in batches of articles starts its workers once.
With `jobs` 1 everything runs in this process, through the same functions, and so do fewer
items than justify starting workers (`worth_a_pool`): a re-audit after a few articles changed
starts no process for them. With `cluster` (the `executor: dask` setting, `cluster_setting`) the
same functions run on a Dask cluster instead (pipeline/cluster.py).

In the resident server (pipeline/server/, which sets `resident`), workers are started with spawn,
so that each gets the environment and folder of the request it works for (a forkserver would
hand every later request's workers those of the request that started it), and `kept_worker`
keeps a single worker (validate's, with Great Expectations imported) from one request to the
next; `as_caller` runs a task there in the caller's folder and environment.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import (FIRST_COMPLETED, Future, ProcessPoolExecutor,
                                ThreadPoolExecutor, wait)
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    from pipeline.cluster import Cluster

MAX_BATCH = 8  # items per task: few enough that the work spreads evenly over the workers
# pools kept between the requests of the resident server (it sets a dict): name -> pool
resident: dict[str, ProcessPoolExecutor] | None = None


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def jobs_setting(value) -> int:
    """The number of worker processes: `value` (0 or None: one per core)."""
    n = int(value or 0)
    if n < 0:
        raise ValueError(f"jobs must be 0 (one per core) or more, not {n}")
    return n or cpu_count()


def cluster_setting(settings) -> "Cluster | None":
    """The Dask cluster of the `executor`/`scheduler` settings, or None for local processes."""
    if (settings.get("executor") or "local") == "local":
        return None
    from pipeline.cluster import Cluster

    return Cluster(settings["scheduler"], float(settings.get("scheduler_timeout") or 30.0))


def worth_a_pool(items: int, jobs: int) -> bool:
    """Whether `items` to do justify starting `jobs` worker processes: at least `jobs` full
    batches (MAX_BATCH items each). A worker first loads what this process has loaded already
    (spaCy, the knowledge base, Harper, the rules' tables: 2-4 s of CPU each, on cores the
    workers share with this process), while an article costs 0.1-0.3 s to segment or audit:
    fewer items than that are done sooner here than spread over workers that must load first."""
    return items >= jobs * MAX_BATCH


def batches(items: Sequence, jobs: int) -> list[list]:
    """Consecutive batches of `items`, about four per worker and at most MAX_BATCH items each."""
    size = max(1, min(MAX_BATCH, len(items) // (jobs * 4) or 1))
    return [list(items[k:k + size]) for k in range(0, len(items), size)]


def _context():
    methods = multiprocessing.get_all_start_methods()
    forkserver = "forkserver" in methods and resident is None
    return multiprocessing.get_context("forkserver" if forkserver else "spawn")


def process_pool(jobs: int, initializer, initargs) -> ProcessPoolExecutor:
    """`jobs` worker processes (forkserver or spawn), each running `initializer(*initargs)`, and
    each ending itself when this process is gone (`_watch`)."""
    return ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_watched,
                               initargs=(os.getpid(), initializer, initargs))


WATCH_SECONDS = 1.0  # how often a worker looks whether the process that started it is alive


def _watched(owner: int, initializer, initargs) -> None:
    """A worker's start: a thread that ends the worker once the process `owner` that started its
    pool is gone (killed with SIGKILL, or crashed: a forkserver's workers are not its children
    and may otherwise go on for as long as their queued work lasts), then `initializer`."""
    import threading

    threading.Thread(target=_watch, args=(owner,), daemon=True,
                     name="clinic-audit-owner-watch").start()
    if initializer is not None:
        initializer(*initargs)


def _watch(owner: int) -> None:
    import time

    while owner_alive(owner):
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def owner_alive(pid: int) -> bool:
    """Whether the process `pid` runs: it exists and, on Linux, is not a zombie waiting to be
    reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process took the number: ours is gone
        return False
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):  # not Linux: os.kill is all there is
        return True


def kept_worker(name: str, warm: Callable[[], None]) -> tuple[ProcessPoolExecutor, bool]:
    """A pool of one worker process, given `warm()` to run first, and whether it is kept (its
    user must not shut it down): in the resident server the one kept under `name` from an
    earlier request while it is sound (else a new one, then kept), elsewhere a new one. Its
    tasks should go through `as_caller`."""
    pool = resident.get(name) if resident is not None else None
    if pool is not None:
        try:
            pool.submit(warm)
            return pool, True
        except (BrokenProcessPool, RuntimeError):  # its worker died, or it was shut down
            pool.shutdown(wait=False, cancel_futures=True)
    pool = process_pool(1, None, ())
    pool.submit(warm)
    if resident is not None:
        resident[name] = pool
    return pool, resident is not None


def as_caller(cwd: str, env: dict, fn: Callable, *args):
    """`fn(*args)` in the folder `cwd` with the environment `env` (the submitter's: a kept
    worker serves requests from anywhere), both restored afterwards."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    try:
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        return fn(*args)
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)


def end_kept() -> None:
    """The kept workers end (the resident server exits)."""
    for pool in (resident or {}).values():
        pool.shutdown(wait=False, cancel_futures=True)
    if resident:
        resident.clear()


def map_batches(work: Callable[[list], list], items: Sequence, jobs: int, *,
                initializer: Callable[..., None], initargs: tuple = (),
                died: Callable[[Any, str], Any], progress: Callable[[int], None] | None = None,
                cluster: "Cluster | None" = None) -> list:
    """[work([item])[0] for item in items], computed in batches by `jobs` worker processes, in
    the order of `items`. At most 2 x `jobs` batches are in flight, so a worker that dies costs
    only those: they are run again one item at a time, and an item whose worker dies again gets
    `died(item, problem)`. `work` and `initializer` must be module-level functions (a worker
    imports them by name). With `cluster`, the workers of that Dask cluster do it."""
    with Workers(work, jobs, initializer=initializer, initargs=initargs, died=died,
                 cluster=cluster) as workers:
        return workers.map(items, progress)


class Workers:
    """The workers of `map_batches`, kept for several calls of `map` (a stage that goes through
    the release in batches of articles starts them once). They start at the first `map` with
    enough items for them (`worth_a_pool`), so that a run that needs none (every article cached,
    or a few changed) starts none: those few are done here, after `initializer` ran here (once);
    `close` ends them."""

    def __init__(self, work: Callable[[list], list], jobs: int, *,
                 initializer: Callable[..., None], initargs: tuple = (),
                 died: Callable[[Any, str], Any], cluster: "Cluster | None" = None):
        self.work, self.jobs, self.died, self.cluster = work, jobs, died, cluster
        self.initializer, self.initargs = initializer, initargs
        self.pool: ProcessPoolExecutor | None = None
        self.session = None
        self.here = False  # `initializer` ran in this process

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.session is not None:
            self.session.close()
            self.session = None

    def map(self, items: Sequence, progress: Callable[[int], None] | None = None) -> list:
        """[work([item])[0] for item in items] (see `map_batches`)."""
        if self.cluster is not None:
            from pipeline import cluster as dask_cluster

            if self.session is None:
                self.session = dask_cluster.Session(self.work, self.cluster,
                                                    initializer=self.initializer,
                                                    initargs=self.initargs)
            return self.session.map(items, died=self.died, progress=progress)
        work, jobs = self.work, self.jobs
        chunks = batches(items, jobs)
        if self.pool is None and not worth_a_pool(len(items), jobs):
            return self._here(chunks, progress)
        results: list[list | None] = [None] * len(chunks)
        todo = deque(range(len(chunks)))
        lost: list[int] = []
        inflight: dict[Future, int] = {}
        try:
            while todo or inflight:
                self.pool = self.pool or process_pool(jobs, self.initializer, self.initargs)
                while todo and len(inflight) < 2 * jobs:
                    k = todo.popleft()
                    inflight[self.pool.submit(work, chunks[k])] = k
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                broken = False
                for fut in done:
                    k = inflight.pop(fut)
                    try:
                        results[k] = fut.result()
                    except BrokenProcessPool:
                        lost.append(k)
                        broken = True
                        continue
                    if progress:
                        progress(len(chunks[k]))
                if broken:  # every batch still in flight went down with the pool
                    lost.extend(inflight.values())
                    inflight.clear()
                    self.pool.shutdown(wait=True, cancel_futures=True)
                    self.pool = None
        except BaseException:
            self.close()
            raise
        if lost:
            for k, part in zip(sorted(lost), _one_by_one(work, [chunks[k] for k in sorted(lost)],
                                                         self.initializer, self.initargs,
                                                         self.died)):
                results[k] = part
                if progress:
                    progress(len(part))
        return [r for part in results for r in part]

    def _here(self, chunks: list[list], progress: Callable[[int], None] | None) -> list:
        if not self.here:
            self.initializer(*self.initargs)
            self.here = True
        out = []
        for chunk in chunks:
            out += self.work(chunk)
            if progress:
                progress(len(chunk))
        return out


def _one_by_one(work, chunks: list[list], initializer, initargs, died) -> list[list]:
    """Each item of `chunks` on its own in a single-worker pool (a new one after a death)."""
    out, pool = [], None
    try:
        for chunk in chunks:
            part = []
            for item in chunk:
                pool = pool or process_pool(1, initializer, initargs)
                try:
                    part.append(pool.submit(work, [item]).result()[0])
                except BrokenProcessPool as exc:
                    part.append(died(item, f"the worker process auditing it died ({exc})"))
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = None
            out.append(part)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    return out


_END = object()


def ahead(items: Iterable, on: bool) -> Iterator:
    """`items`, each next one made in a thread while the caller works on this one (when `on`):
    the detect stage reads batch k + 1 from its tables while the workers audit batch k (this
    process mostly waits for them, and waiting releases the GIL)."""
    if not on:
        yield from items
        return
    with ThreadPoolExecutor(1, thread_name_prefix="ahead") as executor:
        it = iter(items)
        coming = executor.submit(next, it, _END)
        while (item := coming.result()) is not _END:
            coming = executor.submit(next, it, _END)
            yield item


class Behind:
    """Work of this process that trails the workers': `run(fn, *args)` calls `fn` in a thread
    (when `on`; else at once), one call at a time and in order, after waiting for the previous
    call. A stage whose workers process batch k + 1 meanwhile writes batch k's tables: this
    process mostly waits for its workers, and waiting holds no lock (the GIL is released).
    An error of a call is raised by the next `run` or by leaving the `with` block."""

    def __init__(self, on: bool):
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="behind") if on else None
        self.previous: Future | None = None

    def __enter__(self) -> Behind:
        return self

    def __exit__(self, kind, *exc) -> None:
        try:
            if kind is None:
                self._wait()
        finally:
            if self.executor is not None:
                self.executor.shutdown(wait=True, cancel_futures=True)

    def run(self, fn: Callable, *args) -> None:
        if self.executor is None:
            fn(*args)
            return
        self._wait()
        self.previous = self.executor.submit(fn, *args)

    def _wait(self) -> None:
        if self.previous is not None:
            previous, self.previous = self.previous, None
            previous.result()
