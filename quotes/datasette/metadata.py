"""The Datasette metadata of a quotes site: ``metadata.yml``, with its ``quotes`` database
settings filed under the name of the database served.

``metadata.yml`` at the repository root is the one source of truth;
``quotes/metadata.yml`` is a symlink to it, which setuptools copies into
wheels as package data, so :func:`metadata_path` finds the same file in a
checkout, an editable install or an installed wheel.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

DATABASE_NAME = "quotes"


def metadata_path() -> Path:
    """Where the Datasette metadata is: ``quotes/metadata.yml`` in the package,
    else ``metadata.yml`` beside the package folder (a source checkout)."""
    packaged = resources.files("quotes").joinpath("metadata.yml")
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "metadata.yml"


@cache
def _metadata() -> dict:
    return yaml.safe_load(metadata_path().read_text("utf-8"))


def load_metadata(database_name: str = DATABASE_NAME) -> dict:
    """The Datasette metadata, with its ``quotes`` database settings (tables, canned
    queries, the charts' queries) filed under ``database_name`` (Datasette names a
    database after its file), and the database named as the site's data source."""
    metadata = copy.deepcopy(_metadata())
    metadata["source"] = database_name
    if database_name == DATABASE_NAME:
        return metadata
    databases = metadata.get("databases", {})
    if DATABASE_NAME in databases:
        databases[database_name] = databases.pop(DATABASE_NAME)
    for block in _database_references(metadata.get("plugins", {})):
        block["db"] = database_name
    return metadata


def _database_references(node) -> Iterator[dict]:
    """Every mapping in plugin settings that names the ``quotes`` database as ``db``
    (the charts' queries and filters)."""
    if isinstance(node, dict):
        if node.get("db") == DATABASE_NAME:
            yield node
        for value in node.values():
            yield from _database_references(value)
    elif isinstance(node, list):
        for value in node:
            yield from _database_references(value)
