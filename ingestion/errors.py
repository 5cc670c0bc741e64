"""Errors a connector raises, worded for the operator who has to act on them."""


class SourceError(RuntimeError):
    """A source could not be read after every retry; the message names the source and request."""


class SourceAuthError(SourceError):
    """The source rejected our credentials; the message names the variable to fix, never its value."""
