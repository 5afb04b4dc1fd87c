"""The data files in quotes/data (word lists, word pairs, YAML), loaded once: one loader
for every data file.

spaCy-free, so the store and the CLI can read the same lists as the extractor.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml


def read_data(name: str) -> str:
    """The text of the data file ``name`` in quotes/data."""
    return files("quotes.data").joinpath(name).read_text(encoding="utf-8")


@cache
def load_words(name: str) -> frozenset[str]:
    """The lowercase entries of a data file, one a line, '#' comments skipped."""
    return parse_words(read_data(name))


def parse_words(text: str) -> frozenset[str]:
    """The lowercase entries of a word list's text, one a line, '#' comments skipped."""
    lines = text.splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


@cache
def load_pairs(name: str) -> dict[str, str]:
    """A data file of ``word<TAB>value`` lines as a dict ('#' comments skipped)."""
    pairs = (line.split("\t") for line in read_data(name).splitlines())
    return {
        pair[0].strip().lower(): pair[1].strip()
        for pair in pairs
        if len(pair) == 2 and pair[0].strip() and not pair[0].startswith("#")
    }


@cache
def load_yaml(name: str):
    """A YAML data file, parsed (callers must not change what it returns)."""
    return yaml.safe_load(read_data(name))
