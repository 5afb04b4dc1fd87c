"""Cutting the inputs into partitions: the unit of work a task takes and a shard holds.

The inputs are listed where they will be read (on a worker, see
:func:`quotes.cluster.run.plan_on_cluster`) with the same rules as ``quotes ingest``
(folders walked in sorted order, globs, symlinks kept inside the folder named), so
the articles come in the same order. A name that leads nowhere stays in its place as
a failure, so it ends up as a line in a shard like any other bad input.
"""

from __future__ import annotations

import hashlib
from itertools import islice
from typing import NamedTuple

from quotes.read.failures import ReadFailure
from quotes.read.paths import STDIN, expand_inputs

# ("file" or "url", target), or ("failure", source, reason)
Item = tuple[str, str] | tuple[str, str, str]


class Partition(NamedTuple):
    """``items`` to read in order: ``("file", path)``, ``("url", address)`` or
    ``("failure", source, reason)``; ``number`` is its place in the input."""

    number: int
    items: tuple[Item, ...]

    @property
    def name(self) -> str:
        """The shard's file name: its number, then a hash of what it holds, so a shard
        left from a run over other inputs is never taken for this one."""
        digest = hashlib.sha256("\n".join("\t".join(i) for i in self.items).encode()).hexdigest()
        return f"part-{self.number:06d}-{digest[:12]}.jsonl.gz"


def plan_partitions(sources: list[str], size: int) -> list[Partition]:
    """The inputs named by ``sources`` (files, folders, globs, http(s) URLs) cut into
    partitions of ``size`` items, in reading order. Raises ``ValueError`` for ``-``:
    workers cannot read the client's standard input."""
    if STDIN in sources:
        raise ValueError("'-' (standard input) cannot be read on a cluster; name files")
    items = (_item(found) for found in expand_inputs(sources))
    partitions = []
    while chunk := tuple(islice(items, size)):
        partitions.append(Partition(len(partitions), chunk))
    return partitions


def split(partition: Partition) -> list[Partition]:
    """One partition per item of ``partition`` (all with its number): to find the one input
    that brings a worker down."""
    return [Partition(partition.number, (item,)) for item in partition.items]


def _item(found) -> Item:
    if isinstance(found, ReadFailure):
        return ("failure", found.source, found.reason)
    return (found.kind, found.target)
