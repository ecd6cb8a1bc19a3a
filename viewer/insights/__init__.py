"""The whole export at a glance: key figures, audiences, distributions, the attribute catalogue (no Qt).

``summarize(export)`` returns a ``Summary`` (frozen dataclasses in ``overview``).
"""

from __future__ import annotations

from viewer.insights.overview import (
    AttributeStats,
    AudienceSize,
    Bin,
    Catalogue,
    DateSpan,
    Distributions,
    Figure,
    Histogram,
    KeyFigures,
    MonthCount,
    Summary,
    Timeline,
)
from viewer.insights.summarizing import summarize

__all__ = [
    "AttributeStats",
    "AudienceSize",
    "Bin",
    "Catalogue",
    "DateSpan",
    "Distributions",
    "Figure",
    "Histogram",
    "KeyFigures",
    "MonthCount",
    "Summary",
    "Timeline",
    "summarize",
]
