"""Bytes to text: UTF-8 first, then a detected encoding; binary files are refused."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from quotes.read.failures import ReadError

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"BZh91AY&SY", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "ELF"),
    (b"SQLite format 3\x00", "SQLite"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def binary_kind(data: bytes) -> str | None:
    """The kind of binary file these bytes start with (``"gzip"``, ``"PDF"`` ...), or ``None``."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:65536] and not data.startswith(_UTF16_BOMS):
        return "NUL bytes"
    return None


def decode_bytes(data: bytes) -> str:
    """Decode a text file's bytes: UTF-8 (a BOM is dropped), else the detected encoding.

    Raises :class:`ReadError` with ``"empty file"`` for blank input and
    ``"binary file (...)"`` for binary or undecodable bytes.
    """
    kind = binary_kind(data)
    if kind:
        raise ReadError(f"binary file ({kind})")
    if data.startswith(_UTF16_BOMS):
        text = _decode_utf16(data)
    else:
        try:
            text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_detected(data)
    if not text.strip():
        raise ReadError("empty file")
    return text


def _decode_utf16(data: bytes) -> str:
    if len(data) % 2:
        raise ReadError("UTF-16 text with an odd number of bytes")
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:  # a lone surrogate
        raise ReadError("binary file (not decodable as UTF-16)") from None


def _decode_detected(data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        raise ReadError("binary file (not decodable as text)")
    text = str(best)
    # Short Western texts are often guessed as cp1250 or cp1257, which turns
    # "à" into "ŕ"; Windows-1252 wins whenever it reads the bytes as cleanly.
    if best.encoding != "cp1252":
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            western = None
        if western is not None and mess_ratio(western, 1.0) <= best.chaos:
            text = western
    if _control_share(text) > 0.05:
        raise ReadError("binary file (not decodable as text)")
    return text


def _control_share(text: str) -> float:
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v"
    )
    return controls / max(len(text), 1)
