"""Running partitions on a Dask cluster, results handed back in input order.

A few tasks per worker thread are in flight at once (the rest of the input waits
here, not on the scheduler), and results come back in partition order, so the
database is written in the order ``quotes ingest`` reads: the same rows, the same
ids. A worker that dies (killed, out of memory) has its task run again elsewhere by
Dask; a task that has brought down ``distributed.scheduler.allowed-failures``
workers is split here into one task per input, and the input that still brings a
worker down alone becomes a failure line, so a shard is never lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from distributed import Client, KilledWorker

from quotes.cluster.partitions import Partition, plan_partitions, split
from quotes.cluster.shards import Failure, write_shard
from quotes.cluster.worker import Done, Job, run_partition, summarise

TASKS_PER_THREAD = 3


def plan_on_cluster(client: Client, sources: list[str], size: int) -> list[Partition]:
    """The partitions of ``sources`` (see :func:`plan_partitions`), listed by a worker:
    the paths need only be readable where the work is done."""
    return client.submit(plan_partitions, sources, size, pure=False).result()


def run_partitions(client: Client, partitions: Iterable[Partition], job: Job) -> Iterator[Done]:
    """Run each partition's task on the cluster; yield what each did, in input order."""
    pending: deque[tuple[Partition, object]] = deque()
    todo = iter(partitions)

    def fill() -> None:
        ahead = TASKS_PER_THREAD * max(1, sum(client.nthreads().values()))
        while len(pending) < ahead and (partition := next(todo, None)) is not None:
            pending.append((partition, client.submit(run_partition, partition, job, pure=False)))

    fill()
    while pending:
        partition, future = pending.popleft()
        try:
            done = future.result()
        except KilledWorker:
            done = _one_input_at_a_time(client, partition, job)
        future.release()
        fill()
        yield done


def _one_input_at_a_time(client: Client, partition: Partition, job: Job) -> Done:
    """Run ``partition`` again one input per task; an input whose task still brings its
    worker down is a failure line. With ``job.out`` the shard is written by a worker."""
    alone = job._replace(out=None)
    futures = [client.submit(run_partition, p, alone, pure=False) for p in split(partition)]
    lines, seconds = [], 0.0
    for single, future in zip(split(partition), futures, strict=True):
        try:
            done = future.result()
            lines += done.lines
            seconds += done.seconds
        except KilledWorker:
            reason = "extraction failed: its worker died each time it was tried (out of memory?)"
            lines.append(Failure(single.items[0][1], reason))
    if job.out:
        path = Path(job.out) / partition.name
        client.submit(write_shard, path, lines, pure=False).result()
    return summarise(partition, lines, seconds, keep=job.out is None)
