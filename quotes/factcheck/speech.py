"""How a quote's words are presented: a direct quote is the speaker's words, in
quotation marks; a mixed one carries its own marks around the quoted part; an
indirect one (reported speech) is the reporter's paraphrase, never in marks and
never presented as the speaker's words."""

from __future__ import annotations

SPEECH_LABELS = {
    "direct": "quoted",
    "mixed": "partly quoted",
    "indirect": "reported speech (the reporter's words)",
}
MARKS = '"“”«»„'


def speech_label(kind: str | None) -> str:
    """What the row is, in words: ``quoted``, ``partly quoted`` or ``reported speech``."""
    return SPEECH_LABELS.get(kind or "", kind or "")


def presented(text: str, kind: str | None) -> str:
    """The words as they should be shown: a direct quote in “curly marks” (unless the
    text holds its own), anything else as it is."""
    if kind == "direct" and not (text[:1] in MARKS and text[-1:] in MARKS):
        return f"“{text}”"
    return text
