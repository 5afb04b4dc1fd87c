"""``sources.yml``: metadata for the article files in one folder, keyed by file name.

Example::

    bridge-vote.txt:
      outlet: Daily Lantern
      title: Council backs the new bridge
      published: 2024-05-19
      url: https://lantern.example/bridge-vote
      byline: Ada Quill
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from quotes.read.failures import ReadError
from quotes.read.fields import KNOWN_KEYS, clean_fields, unknown_keys

SIDECAR_NAME = "sources.yml"


def load_sidecar(folder: Path) -> dict[str, dict[str, Any] | ReadError]:
    """The entries of ``folder/sources.yml`` as ``{file name: fields}``; empty when there is none.

    An entry with a key that names no field (``outlett:``) is a :class:`ReadError`
    instead, which :func:`sidecar_fields` raises for that file alone. Raises
    :class:`ReadError` when the file exists but is not a YAML mapping of file
    names to mappings.
    """
    path = folder / SIDECAR_NAME
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ReadError(f"unreadable {SIDECAR_NAME}: {_first_line(error)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ReadError(f"{SIDECAR_NAME} must map file names to mappings of fields")
    return {str(name): _entry(path, str(name), entry) for name, entry in data.items()}


def _entry(path: Path, name: str, entry: dict[str, Any]) -> dict[str, Any] | ReadError:
    if unknown := unknown_keys(entry):
        return ReadError(
            f"{path}: unknown key {unknown[0]!r} in the entry for {name}; known keys: {KNOWN_KEYS}"
        )
    return clean_fields(entry)


def sidecar_fields(entries: dict[str, dict[str, Any] | ReadError], path: Path) -> dict[str, Any]:
    """The sidecar fields for one file, matched by file name, else by name without extension;
    raises the entry's :class:`ReadError` when it has an unknown key."""
    found = entries.get(path.name) or entries.get(path.stem) or {}
    if isinstance(found, ReadError):
        raise found
    return found


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
