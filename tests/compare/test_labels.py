"""One way of naming a compared path: the profile panel's labels, and attribute paths as the attribute tree has them."""

from __future__ import annotations

import json

import viewer
from viewer.compare.labels import path_label
from viewer.compare.values import flatten
from viewer.model.field_labels import PANEL_LABELS


def test_built_in_fields_read_as_the_panel_labels_them() -> None:
    assert path_label("totalSales") == "Total sales" == PANEL_LABELS["total_sales"]
    assert path_label("created") == "Created"
    assert path_label("sandbox") == "Environment (sandbox)"  # the panel's tile, not the list's column
    assert path_label("connectedAudiences") == "Connected audience IDs"
    assert path_label("connectedApplicationsIds") == "Connected application IDs"
    assert path_label("attributes.Address.City") == "attributes.Address.City"
    assert path_label("customField") == "customField"  # a key the viewer does not know, as the file has it


def test_attribute_paths_are_spelled_as_the_attribute_tree_spells_them() -> None:
    export = viewer.load(json.dumps([{"id": 1, "total_sales": 2, "attributes": {
        "Churn risk": "low", "a.b": 1, "a": {"b": 2}, "Address": {"City": "Berlin"}}}]).encode())
    flat = flatten(export.profiles[0])
    assert list(flat) == ["id", "totalSales", 'attributes["Churn risk"]', 'attributes["a.b"]', "attributes.a.b",
                          "attributes.Address.City"]  # a key with a dot is no longer taken for two levels
