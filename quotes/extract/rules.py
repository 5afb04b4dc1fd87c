"""The registry of attribution rules: every rule that finds a quote, chooses a speaker
or drops a candidate, by id.

Each quote names the rule that found it (``Quote.rule``) and the one that chose its
speaker (``Quote.speaker_rule``), so that ``quotes evaluate GOLD --by-rule`` scores
the rules one by one and curators' rejections can be counted by rule. A rule is
registered where it is written: a Python finder with :func:`rule` (its docstring's
first line describes it), a variant or a filter with :func:`register`, a
reported-speech pattern by the patterns file it is read from (see
:mod:`quotes.extract.patterns`). A pattern names the Python function that makes a
quote of its matches, a *builder* (:data:`BUILDERS`, registered with :func:`builder`).

A candidate that a rule came close to and then gave up (no speaker, a denied cue,
words another quote holds) is kept as a :class:`Miss`: for a gold quote the
extractor missed, the evaluation names the closest rule that did not fire.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

QUOTED = "quoted"  # a passage in quote marks, and the cue or name that attributes it
REPORTED = "reported"  # reported speech: a cue and the clause or phrase it reports
SPEAKER = "speaker"  # from the mention of who spoke to the speaker
FILTER = "filter"  # what drops a candidate found by another rule
STAGES = (QUOTED, REPORTED, SPEAKER, FILTER)


class Rule(NamedTuple):
    """One rule: its ``id`` (as written in ``Quote.rule`` or ``Quote.speaker_rule``), the
    ``stage`` it belongs to (one of :data:`STAGES`) and what it does."""

    id: str
    stage: str
    description: str


class Miss(NamedTuple):
    """A candidate the rule ``rule`` gave up, at offsets start..end, and why."""

    rule: str
    start: int
    end: int
    reason: str


RULES: dict[str, Rule] = {}
BUILDERS: dict[str, Callable] = {}

Function = TypeVar("Function", bound=Callable)


def register(rule_id: str, stage: str, description: str, replace: bool = False) -> str:
    """Add a rule to :data:`RULES` and return its id. Registering an id again with
    other words is refused (two rules never share an id), unless ``replace`` (a
    patterns file read anew)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r} of rule {rule_id!r}: one of {STAGES}")
    known = RULES.get(rule_id)
    if known is not None and known != (rule_id, stage, description) and not replace:
        raise ValueError(f"rule {rule_id!r} is registered already, as {known.description!r}")
    RULES[rule_id] = Rule(rule_id, stage, description)
    return rule_id


def rule(rule_id: str, stage: str = QUOTED) -> Callable[[Function], Function]:
    """Register the decorated finder as the rule ``rule_id``, described by the first
    line of its docstring; the function comes back unchanged."""

    def decorate(function: Function) -> Function:
        register(rule_id, stage, " ".join((function.__doc__ or "").split("\n\n")[0].split()))
        return function

    return decorate


def builder(name: str) -> Callable[[Function], Function]:
    """Register the decorated function as the builder ``name`` that patterns name: it
    takes the :class:`~quotes.extract.reading.Reading`, the matched cue token and the
    matches (rule id → each match's tokens by node name) and returns a ``Found`` or None."""

    def decorate(function: Function) -> Function:
        if BUILDERS.get(name, function) is not function:
            raise ValueError(f"builder {name!r} is registered already")
        BUILDERS[name] = function
        return function

    return decorate


def rules_of(stage: str) -> list[Rule]:
    """The registered rules of one stage, by id."""
    return sorted((r for r in RULES.values() if r.stage == stage), key=lambda r: r.id)
