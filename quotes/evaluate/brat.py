"""Reading brat standoff annotations (PolNeAR layout) and the texts they refer to.

A gold directory holds ``text/NAME.txt`` with ``attributions/NAME_ANNOTATOR.ann``
(the PolNeAR layout), or ``NAME.txt`` beside ``NAME.ann`` / ``NAME_ANNOTATOR.ann``.
Offsets are Python ``str`` indexes into the text read as UTF-8 with newlines
left untranslated; discontinuous spans are kept as their fragments.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

Fragments = tuple[tuple[int, int], ...]

_ENTITY = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?$")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_NOTE = re.compile(r"^#\d+\tAnnotatorNotes (T\d+)\t(.*)$")


class Entity(NamedTuple):
    """A text-bound annotation: ``type`` (Source, Cue, Content ...) over ``fragments``;
    ``text`` is the annotated string as the file gives it (its first line only)."""

    id: str
    type: str
    fragments: Fragments
    text: str


class Event(NamedTuple):
    """An attribution event: its trigger type and role -> entity ids
    (``Content2`` is folded into ``Content``)."""

    id: str
    type: str
    roles: dict[str, list[str]]


class Annotation(NamedTuple):
    """All entities (by id), events and annotator notes (entity id → note text, as
    ``key: value`` lines in our own gold: ``speaker: Vladimir Putin``) of one ``.ann`` file."""

    entities: dict[str, Entity]
    events: list[Event]
    notes: dict[str, str] = {}


class GoldDocument(NamedTuple):
    """One annotated article: its name, text, annotation and the ``.ann`` file it came from."""

    name: str
    text: str
    annotation: Annotation
    ann_path: Path


def parse_ann(content: str) -> Annotation:
    """Parse the text of a brat ``.ann`` file.

    Lines other than entities (``T``), events (``E``) and annotator notes are
    skipped, and so are continuation lines left by annotated strings that contain
    a newline.
    """
    entities: dict[str, Entity] = {}
    events: list[Event] = []
    notes: dict[str, str] = {}
    for line in content.split("\n"):
        if match := _ENTITY.match(line):
            fragments = tuple(
                (int(start), int(end))
                for start, end in (part.split() for part in match.group(3).split(";"))
            )
            entities[match.group(1)] = Entity(
                match.group(1), match.group(2), fragments, match.group(4) or ""
            )
        elif match := _EVENT.match(line):
            events.append(_parse_event(match.group(1), match.group(2)))
        elif match := _NOTE.match(line):
            notes[match.group(1)] = match.group(2)
    return Annotation(entities, events, notes)


def _parse_event(event_id: str, body: str) -> Event:
    trigger_type = ""
    roles: dict[str, list[str]] = {}
    for index, argument in enumerate(body.split()):
        role, _, target = argument.partition(":")
        if index == 0:
            trigger_type = role
        roles.setdefault(re.sub(r"\d+$", "", role), []).append(target)
    return Event(event_id, trigger_type, roles)


def read_text(path: Path) -> str:
    """Read an article as UTF-8, keeping ``\\r\\n`` so that brat offsets still index it."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def read_ann(path: Path) -> Annotation:
    """Read and parse one ``.ann`` file."""
    return parse_ann(read_text(path))


def find_documents(gold_dir: Path | str, limit: int | None = None) -> list[GoldDocument]:
    """Find the annotated articles of ``gold_dir``, sorted by name.

    An article annotated by several annotators (``NAME_4b22.ann``,
    ``NAME_4e07.ann`` ...) is read once, from the first annotator in sorted
    order. Texts without an ``.ann`` file are left out. ``limit`` keeps the
    first ``limit`` articles.
    """
    gold_dir = Path(gold_dir)
    text_dir = gold_dir / "text" if (gold_dir / "text").is_dir() else gold_dir
    ann_dir = gold_dir / "attributions" if (gold_dir / "attributions").is_dir() else text_dir
    ann_by_stem = _ann_by_stem(sorted(ann_dir.glob("*.ann")))
    documents = []
    for text_path in sorted(text_dir.glob("*.txt")):
        ann_path = ann_by_stem.get(text_path.stem)
        if ann_path is None:
            continue
        documents.append(
            GoldDocument(text_path.stem, read_text(text_path), read_ann(ann_path), ann_path)
        )
        if limit is not None and len(documents) >= limit:
            break
    return documents


def _ann_by_stem(ann_files: list[Path]) -> dict[str, Path]:
    """Map each text stem to its ``.ann``: ``NAME.ann``, else the first ``NAME_ANNOTATOR.ann``."""
    by_stem: dict[str, Path] = {}
    for path in ann_files:
        by_stem.setdefault(path.stem.rsplit("_", 1)[0], path)
    for path in ann_files:
        by_stem[path.stem] = path
    return by_stem
