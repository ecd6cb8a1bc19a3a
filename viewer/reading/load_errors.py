"""The two ways ``viewer.load`` ends without an export: nothing usable (``LoadError``) or told to stop."""

from __future__ import annotations


class LoadError(Exception):
    """Nothing usable could be read. ``line``/``column`` (1-based) locate malformed JSON."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        source: str | None = None,
        snippet: str | None = None,
        snippet_column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.source = source
        self.snippet = snippet  # the offending line (or the part of it around the column)
        self.snippet_column = snippet_column  # 1-based column of the error within ``snippet``

    def pointer(self) -> str:
        """The offending line and, under it, a caret at the column ("" when there is none)."""
        if self.snippet is None:
            return ""
        column = self.snippet_column or self.column or 1
        return f"{self.snippet}\n{' ' * (column - 1)}^"

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if self.line is not None:
            where += f"line {self.line}, column {self.column}: "
        return where + self.message


class LoadCancelled(Exception):
    """The caller's ``cancelled()`` said stop."""
