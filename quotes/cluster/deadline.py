"""A time limit for work in the thread that runs a Dask task.

Dask has no task timeout, and a task runs in a worker's thread pool, where neither
``signal.alarm`` nor killing a forked child (the single-machine budget,
:mod:`quotes.extract.workers`) applies. A timer thread therefore raises
:class:`OverTimeLimit` in the task's thread (``PyThreadState_SetAsyncExc``): it takes
effect at the next Python bytecode the thread runs. The quote rules whose time grows
with the square of an article's quotes are Python, so they stop there; a single
compiled call (one spaCy component over one document) finishes first. The worker
stays up and goes on with the next article.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
from collections.abc import Iterator

RESEND_SECONDS = 0.05


class OverTimeLimit(BaseException):
    """Raised in a thread whose :func:`time_limit` ran out. A ``BaseException``, so the
    ``except Exception`` of the code it interrupts does not swallow it."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`OverTimeLimit` in this thread if the block takes longer than ``seconds``."""
    thread = threading.get_ident()
    lock = threading.Lock()
    ended = threading.Event()
    state = {"done": False, "fired": False}

    def fire() -> None:
        # Sent again until the block ends: one that arrives inside a gc callback (Dask's
        # workers run one at every collection) or a __del__ is printed and dropped.
        wait = seconds
        while not ended.wait(wait):
            with lock:
                if state["done"]:
                    return
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(thread), ctypes.py_object(OverTimeLimit)
                )
            wait = RESEND_SECONDS

    threading.Thread(target=fire, daemon=True).start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        ended.set()
        if state["fired"]:
            _take_pending()


def _take_pending() -> None:
    """Let an exception the timer sent as the block ended (or as the first one was on its
    way out) arrive here, and drop it.
    Clearing it instead (``SetAsyncExc`` with NULL) would leave CPython 3.11 checking for
    it at every bytecode from then on, slowing the whole process down for good."""
    try:
        for _ in range(1_000_000):
            pass
    except OverTimeLimit:
        pass
