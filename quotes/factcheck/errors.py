"""The one error the fact-check library raises for input it will not accept."""


class Refused(ValueError):
    """Input refused before anything was written (unknown quote, verdict, scale, bad URL...).

    The message is one line, fit to show a checker as is.
    """
