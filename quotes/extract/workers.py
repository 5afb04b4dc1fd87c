"""Extracting quotes in worker processes, streaming, in input order, on a per-article budget.

Workers are forked with the parent's loaded extractor (no reload), warmed up on
one short text first so that what loads lazily loads once; texts go out a few
at a time, one task per worker, and no more than two tasks per worker wait to
be handed back, so the corpus is never held in memory.

With a :class:`~quotes.limits.Budget`, a worker may use so much memory beyond what it had when
forked (an address-space limit: it gets ``MemoryError`` or dies), and a task so
many seconds (then the worker is killed). Either way the worker is replaced and
the task's texts are extracted again one at a time, so only a text that exceeds
the budget alone fails; the stream goes on.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import NamedTuple, Protocol

from quotes.limits import Budget
from quotes.records import Quote


class Extractor(Protocol):
    """What a worker needs of :class:`quotes.extract.QuoteExtractor` (named here, not
    imported: the pipeline imports this module)."""

    def extract(self, text: str) -> list[Quote]: ...

    def quotes_of(self, texts: list[str]) -> list[list[Quote]]: ...


TEXTS_PER_TASK = 4
TASKS_PER_WORKER = 2
WARM_UP = 'Ann Lee, the mayor, said: "We will open the bridge." She added that it was safe.\n'
_extractor: Extractor | None = None
_PENDING = object()
_PR_SET_PDEATHSIG = 1


class ExtractionFailed(Exception):
    """Extracting one text failed in a worker; the message is the one-line reason."""


class _Task(NamedTuple):
    number: int  # which chunk of the input
    offset: int  # where its texts start in the chunk
    texts: list[str]


def extract_in_workers(
    extractor: Extractor,
    texts: Iterable[str],
    n_process: int = 1,
    budget: Budget | None = None,
    batch_size: int = TEXTS_PER_TASK,
) -> Iterator[list[Quote] | ExtractionFailed]:
    """Yield the quotes of each text, in order, or the :class:`ExtractionFailed` that
    says why there are none, extracted by ``n_process`` forked workers on ``budget``
    (no limits when it is ``None``). ``batch_size`` caps the texts per task.

    Without ``fork`` (Windows, macOS defaults) the texts are extracted here, with
    no budget.
    """
    global _extractor
    if "fork" not in multiprocessing.get_all_start_methods():
        for text in texts:
            try:
                yield extractor.extract(text)
            except Exception as error:
                yield ExtractionFailed(_reason(error))
        return
    _extractor = extractor
    extractor.extract(WARM_UP)  # word lists and name data load once, before the fork
    gc.freeze()  # so a worker's collector leaves the pages it shares with us alone
    try:
        pool = _Pool(n_process, budget, max(1, min(batch_size, TEXTS_PER_TASK)))
        with contextlib.closing(pool):
            yield from pool.stream(iter(texts))
    finally:
        gc.unfreeze()


def pipe_in_processes(
    extractor: Extractor, texts: Iterable[str], n_process: int, batch_size: int = 64
) -> Iterator[list[Quote]]:
    """Yield the quotes of each text, in order, extracted by ``n_process`` forked
    workers with no budget; the first text that fails raises its :class:`ExtractionFailed`."""
    for quotes in extract_in_workers(extractor, texts, n_process, None, batch_size):
        if isinstance(quotes, ExtractionFailed):
            raise quotes
        yield quotes


class _Pool:
    """Forked workers, each busy with one task or idle, and the chunks still to hand back."""

    def __init__(self, n_process: int, budget: Budget | None, size: int) -> None:
        self.context = multiprocessing.get_context("fork")
        self.budget = budget
        self.size = size
        self.limit = n_process * TASKS_PER_WORKER
        self.workers = [_Worker(self.context, budget) for _ in range(n_process)]
        self.queue: deque[_Task] = deque()
        self.chunks: dict[int, list] = {}

    def stream(self, texts: Iterator[str]) -> Iterator[list[Quote] | ExtractionFailed]:
        read = handed = 0
        more = True
        while True:
            for worker in self.workers:
                if worker.task is None:
                    if not self.queue and more and read - handed < self.limit:
                        chunk = list(islice(texts, self.size))
                        more = bool(chunk)
                        if chunk:
                            self.chunks[read] = [_PENDING] * len(chunk)
                            self.queue.append(_Task(read, 0, chunk))
                            read += 1
                    if self.queue:
                        worker.start(self.queue.popleft())
            while handed in self.chunks and _PENDING not in self.chunks[handed]:
                yield from self.chunks.pop(handed)
                handed += 1
            busy = [worker for worker in self.workers if worker.task is not None]
            if not busy:
                if not more and not self.queue:
                    return
                continue
            self._wait(busy)

    def _wait(self, busy: list[_Worker]) -> None:
        deadlines = [worker.deadline for worker in busy if worker.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait([worker.conn for worker in busy], timeout)
        for worker in busy:
            if worker.conn in ready or worker.conn.poll(0):
                self._settle(worker, *worker.reply())
            elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                self._settle(worker, "over", f"over the time limit ({self.budget.seconds:g} s)")

    def _settle(self, worker: _Worker, status: str, value) -> None:
        task = worker.task
        worker.task = None
        if status in ("over", "died"):
            worker.stop()
            self.workers[self.workers.index(worker)] = _Worker(self.context, self.budget)
        if status == "ok":
            self.chunks[task.number][task.offset : task.offset + len(task.texts)] = value
        elif len(task.texts) > 1:  # find the one text to blame, alone
            singles = [_Task(task.number, task.offset + i, [t]) for i, t in enumerate(task.texts)]
            self.queue.extendleft(reversed(singles))
        else:
            self.chunks[task.number][task.offset] = ExtractionFailed(value)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()


class _Worker:
    """One forked worker process and the task it is busy with, if any."""

    def __init__(self, context, budget: Budget | None) -> None:
        self.conn, child = context.Pipe()
        memory = budget.memory_mb * 1_000_000 if budget else None
        args = (child, memory, os.getpid())
        self.process = context.Process(target=_serve, args=args, daemon=True)
        self.process.start()
        child.close()
        self.seconds = budget.seconds if budget else None
        self.task: _Task | None = None
        self.deadline: float | None = None

    def start(self, task: _Task) -> None:
        self.conn.send(task.texts)
        self.task = task
        if self.seconds is not None:  # for the whole task: a text over it is then tried alone
            self.deadline = time.monotonic() + self.seconds

    def reply(self) -> tuple[str, object]:
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            code = self.process.exitcode
            signal_name = signal.Signals(-code).name if code and code < 0 else f"exit {code}"
            return "died", f"the worker died ({signal_name}), perhaps out of memory"

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()  # it holds nothing to save, and leaving politely takes longer
        self.process.join()


def _serve(conn: Connection, memory: int | None, parent: int) -> None:
    """A worker's life: extract each task's texts and send back ("ok", quotes), or
    ("over", reason) for ``MemoryError`` (and leave), or ("error", reason). It leaves
    when ``parent`` dies: its pipe may never close, as sibling workers hold its end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with(parent)
    if memory is not None:
        _limit_memory(memory)
    while True:
        while not conn.poll(1.0):
            if os.getppid() != parent:
                return
        try:
            texts = conn.recv()
        except EOFError:
            return
        try:
            reply = ("ok", _extractor.quotes_of(texts))
        except MemoryError:
            reply = ("over", f"over the memory limit ({memory // 1_000_000:,} MB)")
        except Exception as error:
            reply = ("error", _reason(error))
        conn.send(reply)
        if reply[0] == "over":
            return


def _die_with(parent: int) -> None:
    """Have Linux kill this process when ``parent`` dies (``kill -9`` of ingest), even
    mid-article; elsewhere the wait for work notices it within a second."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before that took effect
        os._exit(0)


def _limit_memory(extra: int) -> None:
    """Cap this process's address space at what it holds now plus ``extra`` bytes."""
    try:
        with open("/proc/self/statm") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: no limit
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = held + extra if hard == resource.RLIM_INFINITY else min(held + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _reason(error: Exception) -> str:
    return str(error) or type(error).__name__
