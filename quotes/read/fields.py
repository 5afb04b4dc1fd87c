"""Article metadata fields as plain dicts, merged in order of precedence."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

FIELDS = ("title", "outlet", "url", "published", "byline")
ALIASES = {"date": "published", "author": "byline"}
KNOWN_KEYS = "title, outlet, url, published (or date), byline (or author)"

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")


def normalise_date(value: Any) -> str | None:
    """An ISO date ``YYYY-MM-DD`` from a date, a datetime or a date string; ``None`` if unreadable.

    Accepts ISO dates and datetimes (``2024-05-19T10:00:00Z``) and a few
    written forms (``May 19, 2024``, ``19 May 2024``, ``2024/05/19``).
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.split())
    match = re.match(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])", text)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)).isoformat()
        except ValueError:
            return None
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.replace("Sept.", "Sep"), form).date().isoformat()
        except ValueError:
            continue
    return None


def clean_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Keep the known fields that have a value; dates become ISO, other values trimmed strings.

    ``author`` counts as ``byline`` and ``date`` as ``published`` when those are absent.
    """
    raw = dict(raw)
    raw.setdefault("byline", raw.get("author"))
    raw.setdefault("published", raw.get("date"))
    fields: dict[str, Any] = {}
    for name in FIELDS:
        value = raw.get(name)
        if name == "published":
            value = normalise_date(value)
        elif isinstance(value, list):
            value = ", ".join(str(item).strip() for item in value if str(item).strip())
        elif value is not None:
            value = " ".join(str(value).split())
        if value:
            fields[name] = value
    return fields


def unknown_keys(raw: dict[str, Any]) -> list[str]:
    """The keys of ``raw`` that name no field (a misspelt ``outlett:`` would be ignored)."""
    return [str(key) for key in raw if key not in FIELDS and key not in ALIASES]


def merge_fields(*layers: dict[str, Any]) -> dict[str, Any]:
    """Merge field dicts; a later layer's values beat an earlier one's (``None`` never wins)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update({key: value for key, value in layer.items() if value is not None})
    return merged
