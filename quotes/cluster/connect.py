"""Reaching a Dask cluster: a ``LocalCluster`` on this machine, or a running scheduler."""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path

from distributed import Client, LocalCluster

from quotes.cluster.worker import ExtractorPlugin
from quotes.limits import Budget

WORKER_BASE_MB = 600  # a worker with the model loaded, Dask's own state and some margin
WORKERS_TIMEOUT = 120  # seconds to wait for the first worker of a running scheduler
DEFAULT_BUDGET = Budget()
_LOCAL = re.compile(r"local(?::(\d+))?")


def local_workers(address: str) -> int | None:
    """Worker processes ``address`` asks for when it is ``local`` (one per core) or
    ``local:N``; ``None`` for any other address. Raises ``ValueError`` for ``local:0``."""
    match = _LOCAL.fullmatch(address.strip())
    if not match:
        return None
    workers = int(match.group(1)) if match.group(1) else os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"{address}: a local cluster needs at least one worker")
    return workers


@contextlib.contextmanager
def connect(
    address: str, model: str | None = None, full: bool = False, budget: Budget = DEFAULT_BUDGET
) -> Iterator[Client]:
    """A Dask client whose workers hold the extractor (loaded once per worker).

    ``address``: ``local`` or ``local:N`` starts a ``LocalCluster`` of N worker
    processes (one per core by default), one thread each, on 127.0.0.1, each restarted
    by its nanny past ``WORKER_BASE_MB`` plus ``budget.memory_mb`` megabytes; a
    scheduler file (``dask scheduler --scheduler-file``) or an address such as
    ``tcp://10.0.0.5:8786`` connects to a running scheduler and waits for a worker.
    ``model``, ``full``: the extractor each worker loads (see ``QuoteExtractor``).
    The cluster started here is closed when the block ends.
    """
    workers = local_workers(address)
    with contextlib.ExitStack() as stack:
        if workers is not None:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    memory_limit=f"{WORKER_BASE_MB + budget.memory_mb}MB",
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        elif Path(address).is_file():
            client = stack.enter_context(Client(scheduler_file=address))
        else:
            client = stack.enter_context(Client(address))
        yield prepare(client, model, full)


def prepare(client: Client, model: str | None = None, full: bool = False) -> Client:
    """``client`` with the extractor loaded on every worker, now and on any worker that
    joins later, once a first worker is there (for a cluster made another way, such as
    dask-jobqueue's ``SLURMCluster`` or dask-kubernetes' ``KubeCluster``)."""
    client.register_plugin(ExtractorPlugin(model, full))
    client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    return client
