"""One root exception for everything newskg reports to a user."""
from __future__ import annotations


class KGError(Exception):
    """Root of newskg's errors; the CLI prints its message on one line and exits non-zero."""

    exit_code = 1


class InputError(KGError):
    """An input article, graph or query file cannot be read or is malformed."""

    exit_code = 2


class QueryError(KGError):
    """A SPARQL query is malformed or names an unknown canned query."""

    exit_code = 2


class ValidationError(KGError):
    """A produced graph does not conform to the SHACL shapes."""

    exit_code = 3


class UsageError(KGError):
    """A command was given an impossible combination of arguments."""

    exit_code = 2


class RemoteError(KGError):
    """A remote store refused a request or could not be reached."""

    exit_code = 4
