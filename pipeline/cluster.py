"""Per-article work on a Dask cluster (`--executor dask --scheduler ADDRESS`).

`Session` is the Dask backend of `pipeline.parallel.Workers` (and so of `map_batches`): the same
`work` and `initializer` functions, the same batches, and the results in the order of the items,
so the output is byte for byte the one of `--jobs 1`; one session serves every batch of articles
of a stage. It needs the `cluster` extra (dask[distributed]),
imported only here.

- Each worker process runs `initializer(*initargs)` once per session (a per-process guard keyed
  by a token of the session), before its first batch; a worker that the nanny restarts does it
  again.
- A worker that dies while running a batch: the scheduler runs the batch again on another worker
  (`distributed.scheduler.allowed-failures`, 3 by default); an exception raised by a batch is
  retried `RETRIES` times (Dask `retries=`). A batch that still fails with `KilledWorker` is run
  again one item at a time, and an item that kills its worker again gets `died(item, problem)`.
- A scheduler that cannot be reached, a lost connection, or a cluster left without workers for
  `timeout` seconds raise `ClusterError`: the run stops (exit 2) and the previous report stays.
- Dask runs tasks in worker threads, where the SIGALRM time budget (`pipeline/limits.py`) cannot
  fire: there it is not enforced (the article runs to its end). Run workers with one thread each
  (`dask worker --nthreads 1`); batches on one worker run one at a time anyway (a lock), because
  a worker's resources are shared by its threads.
"""
from __future__ import annotations

import queue
import threading
import uuid
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Sequence

EXTRA = "cluster"
RETRIES = 1  # re-runs of a batch that raised (a dead worker is the scheduler's allowed-failures)
POLL = 2.0  # seconds between health checks while waiting for results


class ClusterError(RuntimeError):
    """The Dask cluster cannot finish the run (missing extra, unreachable scheduler, lost
    connection, no workers)."""


@dataclass(frozen=True)
class Cluster:
    scheduler: str  # e.g. tcp://host:8786
    timeout: float = 30.0  # seconds to connect, and to wait for a worker when there is none


def distributed():
    """The `distributed` module, or ClusterError naming the extra that brings it."""
    try:
        import distributed as dd
    except ImportError as exc:
        raise ClusterError(f"--executor dask needs the `{EXTRA}` extra (dask[distributed]): "
                           f"pip install 'clinic-audit[{EXTRA}]' ({exc})") from exc
    return dd


class Session:
    """One connection to the cluster for several calls of `map` with the same `work`: each
    worker runs `initializer` once for all of them."""

    def __init__(self, work: Callable[[list], list], cluster: Cluster, *,
                 initializer: Callable[..., None], initargs: tuple = ()):
        dd = distributed()
        try:
            self.client = dd.Client(cluster.scheduler, timeout=cluster.timeout,
                                    set_as_default=False)
        except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, ValueError (a bad address)
            raise ClusterError(f"cannot reach the Dask scheduler at {cluster.scheduler} within "
                               f"{cluster.timeout:g} s: {type(exc).__name__}: {exc}") from exc
        self.run = _Run(self.client, dd, cluster, work, initializer, initargs)

    def map(self, items: Sequence, *, died: Callable[[Any, str], Any],
            progress: Callable[[int], None] | None = None) -> list:
        self.run.calls += 1
        return self.run.all(items, died, progress)

    def close(self) -> None:
        self.client.close()


_started: set[str] = set()
_lock = threading.Lock()


def _task(work, initializer, initargs: tuple, token: str, chunk: list) -> list:
    """One batch on a worker: the initializer first, once per process and call."""
    with _lock:
        if token not in _started:
            initializer(*initargs)
            _started.clear()  # a new call's initializer replaces the last one's resources
            _started.add(token)
        return work(chunk)


class _Run:
    def __init__(self, client, dd, cluster: Cluster, work, initializer, initargs):
        self.client, self.dd, self.cluster = client, dd, cluster
        self.args = (work, initializer, initargs, uuid.uuid4().hex)
        self.name = work.__name__.strip("_").replace("_", "-")
        self.done: queue.Queue = queue.Queue()
        self.calls = 0  # calls of `all`: part of each task's key, which must be new each time

    def threads(self) -> int:
        """Worker threads of the cluster, waiting up to `timeout` for a first worker."""
        try:
            self.client.wait_for_workers(1, timeout=self.cluster.timeout)
            return max(1, sum(self.client.nthreads().values()))
        except Exception as exc:  # noqa: BLE001 - a timeout or a lost connection
            raise ClusterError(f"no Dask worker is available at {self.cluster.scheduler} "
                               f"(waited {self.cluster.timeout:g} s): {type(exc).__name__}: "
                               f"{exc}") from exc

    def submit(self, chunk: list, key: str):
        fut = self.client.submit(_task, *self.args, chunk,
                                 key=f"{self.name}-{self.calls}.{key}-{self.args[3]}",
                                 retries=RETRIES, pure=False)
        fut.add_done_callback(self.done.put)
        return fut

    def all(self, items: Sequence, died, progress) -> list:
        from pipeline.parallel import batches

        threads = self.threads()
        chunks = batches(items, threads)
        results: list[list | None] = [None] * len(chunks)
        lost = self.gather({str(k): c for k, c in enumerate(chunks)}, 2 * threads, results,
                           progress)
        for k in lost:  # batches that killed workers: each item alone
            chunk = chunks[int(k)]
            part: list = [None] * len(chunk)
            for j, exc in self.gather({str(j): [item] for j, item in enumerate(chunk)},
                                      2 * threads, part, progress, key=f"{k}.").items():
                part[int(j)] = [died(chunk[int(j)], "the Dask workers auditing it died "
                                     f"({type(exc).__name__}: {exc})")]
            results[int(k)] = [r[0] for r in part]
        return [r for part in results for r in part]

    def gather(self, chunks: dict[str, list], inflight: int, results: list, progress,
               key: str = "") -> dict[str, BaseException]:
        """Run the chunks (at most `inflight` at a time), results[int(k)] = the chunk's result;
        returns the chunks that failed with KilledWorker (key: the exception)."""
        todo, running, lost = deque(chunks), {}, {}
        while todo or running:
            while todo and len(running) < inflight:
                k = todo.popleft()
                running[self.submit(chunks[k], key + k)] = k
            try:
                fut = self.done.get(timeout=POLL)
            except queue.Empty:
                self.check()
                continue
            if fut not in running:
                continue
            k = running.pop(fut)
            if fut.status == "finished":
                results[int(k)] = fut.result()
                if progress:
                    progress(len(chunks[k]))
            elif fut.status == "error" and isinstance(fut.exception(), self.dd.KilledWorker):
                lost[k] = fut.exception()
            elif fut.status == "error":
                fut.result()  # a bug in the work: raise it, as one process would
            else:
                raise ClusterError(f"the Dask cluster at {self.cluster.scheduler} lost the work "
                                   f"({fut.status}): the run cannot finish")
        return lost

    def check(self) -> None:
        """ClusterError when the connection is gone or no worker is left (after `timeout`)."""
        if self.client.status not in ("running", "connecting"):
            raise ClusterError(f"the connection to the Dask scheduler at {self.cluster.scheduler} "
                               f"was lost ({self.client.status}): the run cannot finish")
        try:
            workers = self.client.nthreads()
        except Exception as exc:  # noqa: BLE001 - a lost connection
            raise ClusterError(f"the Dask scheduler at {self.cluster.scheduler} does not answer "
                               f"({type(exc).__name__}: {exc}): the run cannot finish") from exc
        if not workers:
            self.threads()  # waits for a worker to come back, or raises
