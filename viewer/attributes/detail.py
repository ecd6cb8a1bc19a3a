"""The text of the attribute tab's detail area for one node (no Qt)."""

from __future__ import annotations

from viewer.attributes.nodes import Node
from viewer.model.times import date_only_text
from viewer.model.values import TIME, count_values

DETAIL_JSON_LIMIT = 2000  # values; bigger subtrees are summarised, not printed


def detail_text(node: Node) -> str:
    """Both paths, the type, and the whole value (pretty JSON for modest subtrees)."""
    lines = [node.path(), node.jq_path(), f"Type: {node.type_text}", ""]
    if node.kind == TIME and date_only_text(node.value) is not None:
        lines += [f"Date:       {node.full_text} (midnight UTC: a date, not a moment)", f"Original:   {node.value}"]
    elif node.kind == TIME:
        lines += [f"Local time: {node.full_text}", f"Original:   {node.value}"]
    elif node.is_container and count_values(node.json_value(), DETAIL_JSON_LIMIT) <= DETAIL_JSON_LIMIT:
        lines.append(node.to_json())
    elif node.is_container:
        lines.append(f"{node.full_text} (too large to show here: use Copy subtree as JSON)")
    else:
        lines.append(node.copy_text())
    return "\n".join(lines)
