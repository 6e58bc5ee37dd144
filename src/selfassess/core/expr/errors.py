"""The one error type the expression language raises, always carrying a position in the source."""

from __future__ import annotations


class ExpressionError(Exception):
    """A syntax, type or evaluation error at characters [start, end) of the expression's source."""

    def __init__(self, message: str, start: int, end: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.start = max(start, 0)
        self.end = max(end if end is not None else start + 1, self.start)

    @property
    def column(self) -> int:
        """The 1-based column of the error's start, as editors count."""
        return self.start + 1

    def __str__(self) -> str:
        return f"column {self.column}: {self.message}"
