"""HTML the pages are made of: verdict badges, a quote's words as a reader should take
them, search terms and spans marked, word changes, cells linked to their pages."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from quotes.factcheck.speech import presented, speech_label

VERDICT_COLUMNS = {"verdict", "current_verdict"}
TONES = {  # the colour of a verdict badge, by label (any case); others are grey
    "true": ("true", "mostly true", "correct attribution", "accurate"),
    "mixed": ("half true", "mixture", "outdated"),
    "unknown": ("unproven", "research in progress", "legend"),
    "false": ("mostly false", "false", "pants on fire", "misattributed", "miscaptioned", "scam"),
}
VERDICT_TONES = {label: tone for tone, labels in TONES.items() for label in labels}
PARAGRAPH_LIMIT = 1500
QUOTE_VIEWS = ("quotes_current", "quotes_view")


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


def render_cell(row, value, column, table, database, datasette):
    """A cell of a quotes database's tables: verdicts as badges, speakers, quotes and
    statements linked to their pages; ``None`` leaves the cell to Datasette."""
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
