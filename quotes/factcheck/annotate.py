"""Adding verdicts to quotes and reading their history back.

A verdict is never edited or deleted: a correction is a new ``factchecks``
row that ``supersedes`` the previous one, and the current verdict of a quote
is its latest row, read from the ``current_factchecks`` view (see
:mod:`quotes.store.factchecks`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from sqlite_utils import Database

from quotes.errors import Refused
from quotes.factcheck.config import load_settings
from quotes.scales import default_scale_name, resolve_verdict
from quotes.store.database import immediate
from quotes.store.factchecks import seed_scales

MIN_PREFIX = 6


class Evidence(NamedTuple):
    """A source backing a verdict: its URL, an optional archived copy, the date it was read."""

    url: str
    archived_url: str | None = None
    accessed_on: str | None = None  # YYYY-MM-DD; today (UTC) when None


def utc_now() -> str:
    """The time now in UTC, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_url(url: str) -> str:
    """``url`` if it is http(s) with a host; :class:`Refused` otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
        raise Refused(f"not an http(s) URL with a host: {url!r}")
    return url


def parse_evidence(value: str, accessed_on: str | None = None) -> Evidence:
    """``"URL"`` or ``"URL ARCHIVED_URL"`` (separated by whitespace) as :class:`Evidence`."""
    parts = value.split()
    if not 1 <= len(parts) <= 2:
        raise Refused(f"evidence is 'URL' or 'URL ARCHIVED_URL': {value!r}")
    if accessed_on is not None:
        check_date(accessed_on)
    return Evidence(*(check_url(part) for part in parts), accessed_on=accessed_on)


def check_date(value: str) -> str:
    """``value`` if it is an ISO date (YYYY-MM-DD); :class:`Refused` otherwise."""
    try:
        date.fromisoformat(value)
    except ValueError:
        raise Refused(f"not a date like 2024-05-19: {value!r}") from None
    return value


def _checked(item: Evidence | str) -> Evidence:
    if isinstance(item, str):
        return parse_evidence(item)
    return parse_evidence(" ".join(filter(None, item[:2])), item.accessed_on)


def find_quote(db: Database, ref: str) -> str:
    """The id of the quote ``ref`` names: its id, or an unambiguous prefix of at least
    6 characters; :class:`Refused` when no quote or several match."""
    ref = ref.strip().lower()
    if db.execute("select 1 from quotes where id = ?", [ref]).fetchone():
        return ref
    ids = []
    if len(ref) >= MIN_PREFIX and ref.isalnum():
        sql = "select id from quotes where id like ? limit 3"
        ids = [row[0] for row in db.execute(sql, [ref + "%"]).fetchall()]
    if len(ids) == 1:
        return ids[0]
    if ids:
        raise Refused(f"quote id prefix {ref!r} matches several quotes: {', '.join(ids)}, ...")
    if len(ref) < MIN_PREFIX:
        raise Refused(
            f"quote id {ref!r} is too short: give the id or at least its first {MIN_PREFIX}"
            " characters (find ids with: quotes search TEXT)"
        )
    raise Refused(f"no quote with id {ref!r} (find ids with: quotes search TEXT)")


def add_factcheck(
    db: Database,
    quote: str,
    verdict: str,
    *,
    scale: str | None = None,
    note: str | None = None,
    evidence: Iterable[Evidence | str] = (),
    reviewer: str | None = None,
    supersedes: int | None = None,
    draft: bool = False,
) -> int:
    """Record ``verdict`` on the quote ``quote`` (id or unique prefix); return the new row's id.

    ``scale`` defaults to ``QUOTES_DEFAULT_SCALE`` or scales.yml's default; the
    verdict is matched to one of its labels (any case) and stored with the
    label's ordinal. ``evidence`` holds URLs or :class:`Evidence`, one
    ``factcheck_evidence`` row each. ``reviewer`` defaults to
    ``QUOTES_REVIEWER`` or the login name. The new verdict supersedes the
    current one (:func:`current_verdict`); ``supersedes``, when given, must name
    it, so a correction made while a colleague's landed first is refused
    instead of forking the history (checked inside the write transaction).
    With ``draft``, the verdict waits in ``factcheck_drafts`` instead, unseen
    outside the newsroom (see :mod:`quotes.factcheck.drafts`), and the draft's
    id is returned. :class:`Refused` leaves the database unchanged.
    """
    row, sources = prepare_verdict(db, quote, verdict, scale, note, evidence, reviewer)
    with immediate(db):
        previous = current_verdict(db, row["quote_id"])
        check_supersedes(db, row["quote_id"], supersedes, previous)
        if draft:
            return db["factcheck_drafts"].insert({
                **row, "created_at": utc_now(), "supersedes": previous and previous["id"],
                "evidence": json.dumps([item._asdict() for item in sources]),
            }).last_pk
        return insert_verdict(db, row, sources, previous)


def prepare_verdict(
    db: Database,
    quote: str,
    verdict: str,
    scale: str | None = None,
    note: str | None = None,
    evidence: Iterable[Evidence | str] = (),
    reviewer: str | None = None,
) -> tuple[dict, list[Evidence]]:
    """A checked ``factchecks`` row (without ``created_at`` and ``supersedes``) and its
    evidence, as :func:`add_factcheck` takes them; :class:`Refused` on bad input."""
    settings = load_settings()
    scale = scale or default_scale_name(settings.default_scale)
    rating = resolve_verdict(verdict, scale)
    row = {
        "quote_id": find_quote(db, quote),
        "verdict": rating.label,
        "scale": scale,
        "ordinal": rating.ordinal,
        "note": (note or "").strip() or None,
        "reviewer": (reviewer or "").strip() or settings.reviewer,
    }
    return row, [_checked(item) for item in evidence]


def insert_verdict(
    db: Database, row: dict, sources: Iterable[Evidence], previous: dict | None
) -> int:
    """Insert a prepared verdict superseding ``previous`` (the current one, looked up in
    the caller's write transaction) with its evidence; return its id."""
    if not db["ratings"].count_where("scale = ? and label = ?", [row["scale"], row["verdict"]]):
        seed_scales(db)  # a scale or label newer than this database: store it first
    stamped = {**row, "created_at": utc_now(), "supersedes": previous and previous["id"]}
    factcheck_id = db["factchecks"].insert(stamped).last_pk
    today = stamped["created_at"][:10]
    db["factcheck_evidence"].insert_all(
        {**item._asdict(), "factcheck_id": factcheck_id, "accessed_on": item.accessed_on or today}
        for item in sources
    )
    return factcheck_id


def current_verdict(db: Database, quote_id: str) -> dict | None:
    """The verdict a new one on ``quote_id`` corrects: the current verdict of the quote's
    statement (a verdict is shown on all its appearances), else the quote's own;
    ``None`` when there is none."""
    sql = (
        "select factchecks.* from factchecks where id = coalesce("
        "(select factcheck_id from statement_verdicts where statement_id ="
        " (select statement_id from statement_quotes where quote_id = :quote)),"
        " (select id from current_factchecks where quote_id = :quote))"
    )
    return next(iter(db.query(sql, {"quote": quote_id})), None)


def check_supersedes(
    db: Database, quote_id: str, supersedes: int | None, previous: dict | None
) -> None:
    """Refuse ``supersedes`` unless it names ``previous``, the current verdict of the
    quote (or of its statement): a correction of anything else would fork the history."""
    if supersedes is None or (previous and previous["id"] == supersedes):
        return
    if not db.execute("select 1 from factchecks where id = ?", [supersedes]).fetchone():
        raise Refused(f"no fact-check #{supersedes} to supersede")
    if previous is None:
        raise Refused(
            f"fact-check #{supersedes} is not on quote {quote_id}, which has no verdict yet;"
            " leave out --supersedes"
        )
    raise Refused(
        f"fact-check #{supersedes} is not the current verdict of quote {quote_id}; the current"
        f" one is #{previous['id']} ({previous['verdict']!r} by {previous['reviewer']},"
        f" {previous['created_at'][:10]}): supersede that one"
    )


def history(db: Database, quote: str) -> list[dict]:
    """Every verdict on the quote, oldest first, each with its ``evidence`` (a list of
    dicts), ``superseded_by`` (the id of the row that corrects it) and ``current``;
    then its unpublished drafts (``draft`` true, numbered apart, never current)."""
    quote_id = find_quote(db, quote)
    rows = list(db.query("select * from factchecks where quote_id = ? order by id", [quote_id]))
    evidence = _evidence(db, [row["id"] for row in rows])
    now = current(db, quote_id)
    for number, row in enumerate(rows):
        row["evidence"] = evidence.get(row["id"], [])
        row["superseded_by"] = next(
            (later["id"] for later in rows[number + 1:] if later["supersedes"] == row["id"]), None
        )
        row["current"] = row["id"] == now["id"]
        row["draft"] = False
    sql = "select * from factcheck_drafts where quote_id = ? and published_as is null order by id"
    for draft in db.query(sql, [quote_id]):
        del draft["published_as"]
        evidence_rows = json.loads(draft["evidence"] or "[]")
        rows.append({**draft, "evidence": evidence_rows, "superseded_by": None,
                     "current": False, "draft": True})
    return rows


def current(db: Database, quote: str) -> dict | None:
    """The quote's current (latest) verdict row, ``None`` when it has none."""
    rows = db.query("select * from current_factchecks where quote_id = ?", [quote])
    return next(iter(rows), None)


def _evidence(db: Database, factcheck_ids: Sequence[int]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    sql = "select * from factcheck_evidence where factcheck_id in (select value from json_each(?))"
    for row in db.query(sql + " order by id", [json.dumps(list(factcheck_ids))]):
        found.setdefault(row.pop("factcheck_id"), []).append(row)
    return found
