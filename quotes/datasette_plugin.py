"""The quotes Datasette plugin (entry point ``quotes``): the pages a visitor reads.

Registered through the ``datasette`` entry point when the package is
installed, and by :func:`quotes.cli.serve.build_datasette` otherwise.
Configuration (facets, search, labels, canned queries, the charts of
datasette-dashboards) is ``metadata.yml``; this module adds what metadata
cannot say:

- ``quotes/templates/`` (home page, quote page, speaker page, the quotes
  list) and ``quotes/static/`` (served at ``/-/quotes/static/``);
- ``extra_template_vars``: the home page's counts and links, and everything a
  quote page or a speaker page shows beyond its row;
- ``render_cell``: verdict badges, speakers linked to their page, quote text
  linked to its quote page.

Every query that needs the fact-check tables tolerates their absence: a
database without them shows no verdicts instead of failing.
"""

from __future__ import annotations

import json
import re
import sqlite3
from importlib import resources
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response
from jinja2 import FileSystemLoader
from markupsafe import Markup, escape

from quotes.datasette_facets import PrecountedFacet
from quotes.datasette_stream import buffer_body
from quotes.factcheck.speech import presented, speech_label
from quotes.statements.browse import APPEARANCES_SQL, compared_to
from quotes.statements.diff import word_diff
from quotes.store.ids import normalise_quote
from quotes.weburl import web_url

PACKAGE = resources.files("quotes")
TEMPLATES = str(PACKAGE / "templates")
STATIC = PACKAGE / "static"
STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}
QUOTE_VIEWS = ("quotes_current", "quotes_view")  # the reading views, best first
LIST_FACETS = ("speaker", "outlet", "kind", "cue", "current_verdict")
VERDICT_COLUMNS = {"verdict", "current_verdict"}
TONES = {  # the colour of a verdict badge, by label (any case); others are grey
    "true": ("true", "mostly true", "correct attribution", "accurate"),
    "mixed": ("half true", "mixture", "outdated"),
    "unknown": ("unproven", "research in progress", "legend"),
    "false": ("mostly false", "false", "pants on fire", "misattributed", "miscaptioned", "scam"),
}
VERDICT_TONES = {label: tone for tone, labels in TONES.items() for label in labels}
PARAGRAPH_LIMIT = 1500
MAX_LISTED = 200
SHINGLE, MAX_SHINGLES = 4, 12
# Other organisations' verdicts on a quote or on any appearance of its statement.
EXTERNAL_SQL = """
select * from external_factchecks where quote_id = ? or statement_id =
  (select statement_id from statement_quotes where quote_id = ?)
order by review_date desc, id desc"""


# Templates and static files ---------------------------------------------------------------


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Look for templates in ``quotes/templates`` after ``--template-dir``, before the defaults."""
    loader = env.loader.loaders[0]
    if isinstance(loader, FileSystemLoader) and TEMPLATES not in loader.searchpath:
        loader.searchpath.insert(1 if datasette.template_dir else 0, TEMPLATES)
    env.filters["quotes_mark"] = mark_terms
    env.filters["quotes_verdict"] = verdict_badge
    env.filters["quotes_words"] = presented_words
    env.filters["quotes_web_url"] = web_url  # every link that leaves the site goes through it


async def static_file(request):
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


# Reading pages of a big database: memory-mapped I/O skips a copy per page read
# (SQLite falls back to plain reads where it cannot map), and a 64 MiB page cache
# keeps the indexes the list pages walk. Writers never truncate the file.
READ_PRAGMAS = ("PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536")
# Unpublished verdicts: no page, query or download may read them.
PRIVATE_TABLES = frozenset({"factcheck_drafts"})


def refuse_private_reads(action, table, column, database, trigger):
    """SQLite authorizer: every column of ``PRIVATE_TABLES`` reads as NULL (so Datasette's
    own queries, such as a row page's count of referencing rows, find nothing there)."""
    if action == sqlite3.SQLITE_READ and table in PRIVATE_TABLES:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


@hookimpl
def prepare_connection(conn):
    for pragma in READ_PRAGMAS:
        conn.execute(pragma)
    conn.set_authorizer(refuse_private_reads)


@hookimpl
def asgi_wrapper(datasette):
    return buffer_body


@hookimpl
def register_facet_classes():
    return [PrecountedFacet]


@hookimpl
def register_routes():
    return [(r"^/-/quotes/static/(?P<path>[A-Za-z0-9_-]+\.[a-z]+)$", static_file)]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path("/-/quotes/static/quotes.css")]


# Cells ------------------------------------------------------------------------------------


def verdict_badge(verdict: str | None) -> Markup:
    """``verdict`` as a coloured badge; the colour says true, mixed, false or unknown."""
    if not verdict:
        return Markup('<span class="verdict verdict-none">not checked</span>')
    tone = VERDICT_TONES.get(verdict.strip().casefold(), "other")
    return Markup('<span class="verdict verdict-{}">{}</span>').format(tone, verdict)


def _row_value(row, column):
    try:
        return row[column]
    except (IndexError, KeyError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column in VERDICT_COLUMNS and isinstance(value, str) and value.strip():
        return verdict_badge(value)
    if table == "statements_view" and column in ("id", "text") and _row_value(row, "id"):
        href = datasette.urls.row(database, "statements", row["id"])
        return Markup('<a class="statement-link" href="{}">{}</a>').format(href, value)
    if table not in QUOTE_VIEWS or not isinstance(value, str):
        return None
    if column == "speaker" and _row_value(row, "speaker_id") is not None:
        href = datasette.urls.row(database, "speakers", str(row["speaker_id"]))
        return Markup('<a class="speaker-link" href="{}">{}</a>').format(href, value)
    if column in ("text", "id") and _row_value(row, "id"):
        href = datasette.urls.row(database, "quotes", row["id"])
        return Markup('<a class="quote-link" href="{}">{}</a>').format(href, value)
    return None


def presented_words(text: str | None, kind: str | None, search: str | None = None) -> Markup:
    """A quote's words as a reader should take them (see :mod:`quotes.factcheck.speech`):
    a direct quote in quotation marks, a mixed one with its own, reported speech without
    marks and labelled as the reporter's words; ``search`` terms marked."""
    text = text or ""
    words = mark_terms(text, search)
    if kind == "indirect":
        label = Markup('<span class="speech-label" title="{}">reported speech</span> ')
        return label.format(speech_label(kind)) + words
    if presented(text, kind) != text:
        return Markup("“{}”").format(words)
    return words


def mark_terms(text: str | None, search: str | None) -> Markup:
    """``text`` escaped, with each word of ``search`` wrapped in ``<mark>``."""
    text = text or ""
    words = sorted({w for w in re.findall(r"\w+", search or "") if len(w) > 1}, key=len)
    if not words:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, reversed(words))) + r")", re.I)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), Markup("<mark>"), escape(match[0])]
        parts.append(Markup("</mark>"))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


# Template variables -----------------------------------------------------------------------


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    async def inner():
        if view_name == "index":
            return {"quotes_home": await home(datasette)}
        if view_name != "row" or not database or request is None:
            return {}
        db = datasette.get_database(database)
        key = tilde_decode(request.url_vars.get("pks", ""))
        if table == "quotes":
            return {"quote_page": await quote_page(datasette, db, key)}
        if table == "speakers":
            return {"speaker_page": await speaker_page(datasette, db, key)}
        if table == "statements":
            return {"statement_page": await statement_page(datasette, db, key)}
        return {}

    return inner


async def _rows(db, sql: str, params=None) -> list[dict]:
    """Rows as dicts; none when the query fails (a table or column this database lacks)."""
    try:
        return [dict(row) for row in (await db.execute(sql, params or [])).rows]
    except Exception:  # noqa: BLE001  (sqlite3 errors and Datasette's QueryInterrupted)
        return []


async def _names(db) -> set[str]:
    return set(await db.table_names()) | set(await db.view_names())


async def quotes_list(datasette, db, **filters) -> dict:
    """The best reading view this database has and the URL of its faceted list.

    ``quotes_current`` (with the current verdict) when the fact-check tables
    exist, else ``quotes_view``; facets are asked for only on columns it has.
    """
    names = await _names(db)
    view = next(name for name in (*QUOTE_VIEWS, "quotes") if name in names)
    columns = await db.table_columns(view)
    configured = {
        f if isinstance(f, str) else next(iter(f.values()))
        for f in datasette.metadata("facets", database=db.name, table=view) or []
    }
    args = [(k, v) for k, v in filters.items() if k in columns]
    args += [("_facet", c) for c in LIST_FACETS if c in columns and c not in configured]
    url = datasette.urls.table(db.name, view) + ("?" + urlencode(args) if args else "")
    facets = [c.replace("current_verdict", "verdict") for c in LIST_FACETS if c in columns]
    return {
        "view": view,
        "columns": columns,
        "url": url,
        "facets": [*facets, "date"],
        "verdicts": "current_verdict" in columns,
    }


async def home(datasette) -> dict | None:
    """Counts, links and leaders for the home page, from the first database with quotes."""
    for db in datasette.databases.values():
        if db.name != "_internal" and "quotes" in await db.table_names():
            break
    else:
        return None
    counts = (
        await _rows(
            db,
            """
        select (select count(*) from articles) as articles,
          (select count(*) from outlets) as outlets,
          (select count(*) from speakers) as speakers,
          (select count(*) from quotes) as quotes""",
        )
        or [{}]
    )[0]
    checked = await _rows(db, "select count(distinct quote_id) as n from factchecks")
    counts["checked"] = checked[0]["n"] if checked else 0
    counts["checked_share"] = counts["checked"] / counts["quotes"] if counts.get("quotes") else 0
    listing = await quotes_list(datasette, db)
    return {
        "database": db.name,
        "counts": counts,
        "list": listing,
        "search_url": datasette.urls.table(db.name, listing["view"]),
        "dashboard_url": datasette.urls.path("/-/dashboards/quotes-overview"),
        "speakers": await _rows(
            db,
            """
            select speakers.id, speakers.name, speakers.description, facet_counts.n as quotes
            from facet_counts join speakers on speakers.name = facet_counts.value
            where facet_counts.facet = 'speaker' and facet_counts.n > 0
            order by quotes desc, speakers.name limit 8""",
        ),
        "outlets": await _rows(
            db,
            """
            select outlets.id, outlets.name, facet_counts.n as quotes
            from facet_counts join outlets on outlets.name = facet_counts.value
            where facet_counts.facet = 'outlet' and facet_counts.n > 0
            order by quotes desc, outlets.name limit 8""",
        ),
        "latest_checks": await _rows(
            db,
            """
            select factchecks.quote_id, factchecks.verdict, quotes.text, speakers.name as speaker
            from factchecks join quotes on quotes.id = factchecks.quote_id
            left join speakers on speakers.id = quotes.speaker_id
            where factchecks.id in (select max(id) from factchecks group by quote_id)
            order by factchecks.id desc limit 5""",
        ),
    }


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph of ``text`` around ``start:end``: blank-line separated, else the line."""
    for separator in ("\n\n", "\n"):
        left = text.rfind(separator, 0, start)
        left = 0 if left < 0 else left + len(separator)
        right = text.find(separator, end)
        right = len(text) if right < 0 else right
        if right - left <= PARAGRAPH_LIMIT:
            break
    return max(left, start - PARAGRAPH_LIMIT // 2), min(right, end + PARAGRAPH_LIMIT // 2)


def highlight(text: str, spans: list[tuple[int | None, int | None, str]]) -> Markup:
    """``text`` escaped, each non-overlapping ``(start, end, css class)`` span wrapped in
    ``<mark class=...>``; spans outside the text or overlapping an earlier one are dropped."""
    parts, last = [], 0
    for start, end, css in sorted(s for s in spans if s[0] is not None and s[1] is not None):
        if start < last or end > len(text) or start >= end:
            continue
        parts += [escape(text[last:start]), Markup('<mark class="{}">').format(css)]
        parts += [escape(text[start:end]), Markup("</mark>")]
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


async def quote_page(datasette, db, quote_id: str) -> dict | None:
    """What a quote's page shows besides its row: the paragraph with the quote
    highlighted, speaker, article, fact-check history and other appearances."""
    found = await _rows(
        db,
        """
        select quotes.*, articles.title as article_title, articles.url as article_url,
          articles.published as article_published, articles.text as article_text,
          outlets.name as outlet, speakers.name as speaker, speakers.description as speaker_role,
          speakers.type as speaker_type
        from quotes join articles on articles.id = quotes.article_id
        left join outlets on outlets.id = quotes.outlet_id
        left join speakers on speakers.id = quotes.speaker_id
        where quotes.id = ?""",
        [quote_id],
    )
    if not found:
        return None
    quote = found[0]
    article = quote.pop("article_text")
    left, right = paragraph_bounds(article, quote["start"], quote["end"])
    parts = json.loads(quote.get("segments") or "null") or [[quote["start"], quote["end"]]]
    spans = [
        *((start, end, "quote-highlight") for start, end in parts),
        (quote["speaker_start"], quote["speaker_end"], "speaker-highlight"),
        (quote["cue_start"], quote["cue_end"], "cue-highlight"),
    ]
    shifted = [
        (s - left if s is not None else None, e - left if e is not None else None, c)
        for s, e, c in spans
    ]
    listing = await quotes_list(datasette, db)
    return {
        "quote": quote,
        "paragraph": highlight(article[left:right], shifted),
        "clipped": (
            left > 0 and article[left - 1] not in "\n",
            right < len(article) and article[right] not in "\n",
        ),
        "speaker_url": quote["speaker_id"] is not None
        and datasette.urls.row(db.name, "speakers", str(quote["speaker_id"])),
        "article_url": datasette.urls.row(db.name, "articles", quote["article_id"]),
        "factchecks": await factcheck_history(db, quote_id),
        "elsewhere": await _rows(db, EXTERNAL_SQL, [quote_id, quote_id]),
        "others": await other_appearances(datasette, db, quote),
        "statement": await quote_statement(datasette, db, quote_id),
        "list": listing,
    }


async def factcheck_history(db, quote_id: str) -> list[dict]:
    """The quote's fact-checks, newest first, each with ``evidence`` (dicts with ``url``)."""
    checks = await _rows(
        db, "select * from factchecks where quote_id = ? order by id desc", [quote_id]
    )
    evidence = await _rows(
        db,
        """
        select * from factcheck_evidence where factcheck_id in
        (select id from factchecks where quote_id = ?) order by id""",
        [quote_id],
    )
    for number, check in enumerate(checks):
        check["evidence"] = [e for e in evidence if e["factcheck_id"] == check["id"]]
        if check.get("source_url"):
            check["evidence"].append({"url": check["source_url"]})
        check["checked_on"] = check.get("created_at") or check.get("checked_at")
        check["current"] = number == 0
    return checks


async def other_appearances(datasette, db, quote: dict) -> list[dict]:
    """The other appearances of the quote's statement (see :mod:`quotes.statements`),
    oldest first, each with ``relation`` and its words ``diff`` from this quote.

    A database without statements (or a quote not placed yet) falls back to
    full-text search on the quote column: quotes sharing a run of ``SHINGLE``
    words whose normalised words contain this one's, or are contained in it.
    """
    placed = await _rows(
        db, "select statement_id from statement_quotes where quote_id = ?", [quote["id"]]
    )
    if placed:
        others = await _rows(db, APPEARANCES_SQL, [placed[0]["statement_id"]])
        others = [other for other in others if other["id"] != quote["id"]]
        for other in others:
            other["url"] = datasette.urls.row(db.name, "quotes", other["id"])
            other["diff"] = diff_html(word_diff(quote["text"], other["text"]))
        return others
    return await _shared_words(datasette, db, quote)


async def _shared_words(datasette, db, quote: dict) -> list[dict]:
    words = re.findall(r"\w+", normalise_quote(quote["text"]))
    if not words:
        return []
    runs = [words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))]
    runs = runs[:: max(1, len(runs) // MAX_SHINGLES)]
    match = "text : (" + " OR ".join('"' + " ".join(run) + '"' for run in runs) + ")"
    candidates = await _rows(
        db,
        """
        select * from quotes_view
        where rowid in (select rowid from quotes_fts where quotes_fts match ?) and id != ?
        limit 50""",
        [match, quote["id"]],
    )
    mine = " ".join(words)
    others = []
    for other in candidates:
        theirs = " ".join(re.findall(r"\w+", normalise_quote(other["text"])))
        if mine in theirs or theirs in mine:
            other["url"] = datasette.urls.row(db.name, "quotes", other["id"])
            others.append(other)
    return others


def diff_html(changes) -> Markup:
    """Word changes (:func:`quotes.statements.word_diff`) as escaped HTML: added words in
    ``<ins>``, removed ones in ``<del>``, words an excerpt leaves out in ``<del class=trimmed>``."""
    tags = {
        "equal": Markup("{}"),
        "insert": Markup("<ins>{}</ins>"),
        "delete": Markup("<del>{}</del>"),
        "trimmed": Markup('<del class="trimmed">{}</del>'),
    }
    return Markup(" ").join(tags[change.kind].format(change.text) for change in changes)


async def quote_statement(datasette, db, quote_id: str) -> dict | None:
    """The statement the quote is in (when reported more than once): its URL, counts and
    current verdict, the latest recorded on any appearance (``verdict_quote_url`` says where)."""
    found = await _rows(
        db,
        """
        select statements.* from statements join statement_quotes
          on statement_quotes.statement_id = statements.id
        where statement_quotes.quote_id = ? and statements.n_appearances > 1""",
        [quote_id],
    )
    if not found:
        return None
    statement = found[0]
    statement["url"] = datasette.urls.row(db.name, "statements", statement["id"])
    verdicts = await _rows(
        db, "select * from statement_verdicts where statement_id = ?", [statement["id"]]
    )
    statement["verdict"] = verdicts[0] if verdicts else None
    if statement["verdict"]:
        statement["verdict_quote_url"] = datasette.urls.row(
            db.name, "quotes", statement["verdict"]["quote_id"]
        )
    return statement


async def statement_page(datasette, db, statement_id: str) -> dict | None:
    """A statement's appearances side by side, oldest first, each with its words diffed
    from the appearance it is compared to (see :func:`quotes.statements.compared_to`),
    and the statement's verdict shown on every one."""
    found = await _rows(db, "select * from statements_view where id = ?", [statement_id])
    found = found or await _rows(db, "select * from statements where id = ?", [statement_id])
    if not found:
        return None
    appearances = await _rows(db, APPEARANCES_SQL, [statement_id])
    if not appearances:
        return None
    verdicts = await _rows(
        db, "select * from statement_verdicts where statement_id = ?", [statement_id]
    )
    for appearance in appearances:
        reference = compared_to(appearance, appearances)
        appearance["compared_to"] = reference["id"]
        appearance["diff"] = diff_html(word_diff(reference["text"], appearance["text"]))
        appearance["url"] = datasette.urls.row(db.name, "quotes", appearance["id"])
        if appearance["speaker_id"] is not None:
            appearance["speaker_url"] = datasette.urls.row(
                db.name, "speakers", str(appearance["speaker_id"])
            )
    statement = found[0]
    speakers = {a["speaker"] for a in appearances if a["speaker"]}
    return {
        "statement": statement,
        "appearances": appearances,
        "first": appearances[0],
        "verdict": verdicts[0] if verdicts else None,
        "speakers": sorted(speakers),
        "different_speakers": bool(statement.get("different_speakers")),
        "list_url": datasette.urls.table(db.name, "statements_view"),
    }


async def speaker_page(datasette, db, speaker_id: str) -> dict | None:
    """A speaker's aliases, counts by outlet and verdict, their latest quotes, and a
    faceted link. Counts come from the list (rejected quotes left out), by index."""
    if not speaker_id.isdigit():
        return None
    listing = await quotes_list(datasette, db, speaker_id=speaker_id)
    wanted = ("id", "text", "outlet", "published", "article_title", "kind", "current_verdict")
    columns = ", ".join(c if c in listing["columns"] else f"null as {c}" for c in wanted)
    view, key = listing["view"], [int(speaker_id)]
    quotes = await _rows(
        db,
        f"""
        select {columns} from {view} where speaker_id = ?
        order by published desc, rowid desc limit {MAX_LISTED}""",
        key,
    )
    for quote in quotes:
        quote["url"] = datasette.urls.row(db.name, "quotes", quote["id"])
        quote["outlet"] = quote["outlet"] or "(no outlet)"
    by_outlet = await _rows(
        db,
        f"""
        select coalesce(outlet, '(no outlet)') as name, count(*) as n from {view}
        where speaker_id = ? group by outlet order by n desc, name""",
        key,
    )
    by_verdict = []
    if listing["verdicts"]:
        by_verdict = await _rows(
            db,
            f"""
            select current_verdict as name, count(*) as n from {view}
            where speaker_id = ? and current_verdict is not null
            group by current_verdict order by n desc, name""",
            key,
        )
    aliases = await _rows(
        db, "select alias from speaker_aliases where speaker_id = ? order by alias", key
    )
    return {
        "quotes": quotes,
        "total": sum(row["n"] for row in by_outlet),
        "aliases": [a["alias"] for a in aliases],
        "by_outlet": [(row["name"], row["n"]) for row in by_outlet],
        "by_verdict": [(row["name"], row["n"]) for row in by_verdict],
        "list": listing,
    }
