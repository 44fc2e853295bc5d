"""What can go wrong, each with its exit code (documented in the README)."""


class ParcoursError(Exception):
    """An error the user can act on: one line, and the command's exit code."""

    exit_code = 1

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class BadFile(ParcoursError):
    """The file cannot be read, or some of its rows are wrong: nothing written."""

    exit_code = 3


class RuleBroken(ParcoursError):
    """The server refused the step (its message says which rule)."""

    exit_code = 4


class AccessDenied(ParcoursError):
    """The user's account may not do this or see these records."""

    exit_code = 5


class WrongCredentials(ParcoursError):
    """No login stored, or the server refused the user or the API key."""

    exit_code = 6


class Unreachable(ParcoursError):
    """No answer from the server (address, network, server stopped)."""

    exit_code = 7
