"""A file's bytes, when it is a regular file, and never more of them than the size limit.

FIFOs, sockets and devices are refused without being waited on; the size
``stat`` reports is not trusted (``/proc`` files say 0 and go on for gigabytes).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from quotes.read.failures import ReadError, megabytes

_CHUNK = 65536
_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "not a regular file (FIFO)"),
    (stat.S_ISSOCK, "not a regular file (socket)"),
    (stat.S_ISCHR, "not a regular file (character device)"),
    (stat.S_ISBLK, "not a regular file (block device)"),
)


def read_file_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``; :class:`ReadError` for anything else
    (``"not a regular file (FIFO)"``, ``"is a directory"`` ...) and for a file longer
    than ``max_bytes`` (``"too large (...)"``), read no further than one chunk past it.
    """
    _refuse_special(os.stat(path).st_mode)  # a socket cannot even be opened
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO opens at once
    try:
        status = os.fstat(fd)
        _refuse_special(status.st_mode)
        if status.st_size > max_bytes:
            size = megabytes(status.st_size)
            raise ReadError(f"too large ({size} > {megabytes(max_bytes)} limit)")
        chunks, size = [], 0
        while chunk := os.read(fd, _CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise ReadError(f"too large (> {megabytes(max_bytes)} limit)")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _refuse_special(mode: int) -> None:
    for test, reason in _KINDS:
        if test(mode):
            raise ReadError(reason)
