"""Reading news articles into :class:`quotes.records.Article` records.

Inputs are files (``.txt .md .html .htm``), folders (walked recursively),
globs, ``-`` for stdin and http(s) URLs; :func:`read_inputs` yields an
``Article`` or a :class:`ReadFailure` for each, one at a time.
"""

from quotes.outlets import normalise_outlet
from quotes.read.failures import ReadFailure, ReadWarning
from quotes.read.reader import read_inputs

__all__ = ["ReadFailure", "ReadWarning", "normalise_outlet", "read_inputs"]
