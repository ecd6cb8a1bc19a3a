"""Audience Viewer: read and show Talon.One customer-profile exports.

The package root is Qt-free: ``import viewer`` and ``viewer.load(...)`` work in
scripts and on machines without a display.
"""

from __future__ import annotations

from viewer.compare import compare
from viewer.insights import summarize
from viewer.model.export import Export
from viewer.model.problems import Problem, Severity
from viewer.model.profile import AudienceMembership, LoyaltyMembership, Profile, Timestamp
from viewer.reading.load_errors import LoadCancelled, LoadError
from viewer.reading.loader import load

__version__ = "0.1.0"

__all__ = [
    "AudienceMembership",
    "Export",
    "LoadCancelled",
    "LoadError",
    "LoyaltyMembership",
    "Problem",
    "Profile",
    "Severity",
    "Timestamp",
    "compare",
    "load",
    "summarize",
    "__version__",
]
