"""The two jobs a cluster runs: sources into shards, and sources into the database."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from distributed import Client

from quotes.cluster.load import Counts, Hold, Report, store_lines
from quotes.cluster.partitions import Partition
from quotes.cluster.run import plan_on_cluster, run_partitions
from quotes.cluster.worker import Done, Job
from quotes.cluster.write import settle

if TYPE_CHECKING:
    from sqlite_utils import Database

ARTICLES_PER_PARTITION = 16


def plan(client: Client, sources: list[str], size: int = ARTICLES_PER_PARTITION) -> list[Partition]:
    """The inputs ``sources`` names (files, folders, globs, http(s) URLs), listed on a worker
    and cut into partitions of ``size`` inputs: one task and one shard each."""
    return plan_on_cluster(client, sources, size)


def extract_to_shards(client: Client, partitions: list[Partition], job: Job) -> Iterator[Done]:
    """Extract the quotes of ``partitions`` (see :func:`plan`) on the cluster, one shard each
    in ``job.out`` (see :mod:`quotes.cluster.shards`), yielding what each task did, in
    input order. Shards there already are skipped, so a re-run finishes the job."""
    if job.out is None:
        raise ValueError("extract_to_shards needs job.out, the folder the shards go to")
    Path(job.out).mkdir(parents=True, exist_ok=True)
    yield from run_partitions(client, partitions, job)


def ingest_on_cluster(
    client: Client,
    db: Database,
    partitions: list[Partition],
    job: Job,
    tally: Counts,
    report: Report,
    hold: Hold = contextlib.nullcontext,
) -> Iterator[Done]:
    """Extract ``partitions`` (see :func:`plan`) on the cluster and store each partition's
    articles as its task finishes, in input order (see
    :func:`quotes.cluster.load.store_lines`), yielding what each task did; speaker
    identity is settled once at the end (also after an interruption, for what was stored)."""
    job = job._replace(out=None)
    try:
        for done in run_partitions(client, partitions, job):
            store_lines(db, done.lines, tally, report, hold)
            yield done
    finally:
        with hold():
            settle(db)
