"""The errors the library raises for what it will not do; each message is one line,
fit to show as it is."""


class Refused(ValueError):
    """Input refused before anything was written (unknown quote, verdict, scale, bad URL...)."""


class NotAQuotesDatabase(ValueError):
    """A file the quotes commands will not open as their database; the message says why."""
