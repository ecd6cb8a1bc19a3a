"""How a compared path reads for people, the same in the two-profile view, the two-export view and ``--compare``.

A top-level field reads as the profile panel labels it (``totalSales`` ->
``Total sales``); an attribute as the attribute tree shows its path
(``attributes.Address.City``, ``attributes["Churn risk"]``), which is how
``viewer.compare.values.flatten`` already spells it; any other top-level key
as the file writes it (the panel lists those under *Other fields* by key).
``--compare --json`` keeps the paths themselves, the API's names.
"""

from __future__ import annotations

from viewer.model.field_labels import WIRE_LABELS


def path_label(path: str) -> str:
    """``Total sales`` for ``totalSales``; an attribute's path and any other key unchanged."""
    return WIRE_LABELS.get(path, path)
