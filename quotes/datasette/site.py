"""What a quotes site serves besides Datasette's own: which of its databases are quotes
databases (decided once, at start-up), the connections' read pragmas and the authorizer
that hides unpublished verdicts, and the static files."""

from __future__ import annotations

import sqlite3
from importlib import resources
from weakref import WeakKeyDictionary

from datasette.utils.asgi import NotFound, Response

HERE = resources.files("quotes.datasette")
TEMPLATES = str(HERE / "templates")
STATIC = HERE / "static"
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}
# A database holding these is a quotes database: the project's pages serve it.
QUOTES_TABLES = frozenset({"quotes", "articles", "speakers", "statements", "factchecks"})
# Reading pages of a big database: memory-mapped I/O skips a copy per page read
# (SQLite falls back to plain reads where it cannot map), and a 64 MiB page cache
# keeps the indexes the list pages walk. Writers never truncate the file.
READ_PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536")
# Unpublished verdicts: no page, query or download may read them.
PRIVATE_TABLES = frozenset({"factcheck_drafts"})
_quotes_databases: WeakKeyDictionary = WeakKeyDictionary()


async def find_quotes_databases(datasette) -> None:
    """Remember which of ``datasette``'s databases are quotes databases (at start-up)."""
    found = set()
    for name, database in datasette.databases.items():
        if name != "_internal" and set(await database.table_names()) >= QUOTES_TABLES:
            found.add(name)
    _quotes_databases[datasette] = frozenset(found)


def quotes_databases(datasette) -> frozenset[str]:
    """The names of the quotes databases ``datasette`` serves (found at start-up)."""
    return _quotes_databases.get(datasette, frozenset())


def refuse_private_reads(action, table, column, database, trigger):
    """SQLite authorizer: every column of ``PRIVATE_TABLES`` reads as NULL (so Datasette's
    own queries, such as a row page's count of referencing rows, find nothing there)."""
    if action == sqlite3.SQLITE_READ and table in PRIVATE_TABLES:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def prepare_connection(conn: sqlite3.Connection) -> None:
    """Read pragmas and the authorizer that hides unpublished verdicts, on every connection."""
    for pragma in READ_PRAGMAS:
        conn.execute(pragma)
    conn.set_authorizer(refuse_private_reads)


async def static_file(request):
    """A file of ``quotes/datasette/static`` (CSS, JavaScript, SVG), cached for an hour."""
    name = request.url_vars["path"]
    path = STATIC / name
    suffix = "." + name.rsplit(".", 1)[-1]
    if suffix not in STATIC_TYPES or not path.is_file():
        raise NotFound(f"No static file {name}")
    return Response(
        path.read_text("utf-8"),
        content_type=f"{STATIC_TYPES[suffix]}; charset=utf-8",
        headers={"cache-control": "max-age=3600"},
    )
