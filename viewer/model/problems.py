"""Problems found while reading an export: what was odd, and where."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How much a problem matters to someone reading the export."""

    ERROR = "error"  # data was lost or could not be read
    WARNING = "warning"  # data was read but is not what the API promises
    INFO = "info"  # worth knowing, nothing wrong with the data

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Problem:
    """One oddity of an export.

    ``path`` locates it for people (``"[3].totalSales"``, ``"file"``);
    ``profile_index`` and ``field`` (the Python attribute name) locate it for
    code, so a view can jump to the profile and the field.
    """

    path: str
    message: str
    severity: Severity = Severity.WARNING
    profile_index: int | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f" (line {self.line}, column {self.column})"
        return f"{self.severity}: {where}: {self.message}"
