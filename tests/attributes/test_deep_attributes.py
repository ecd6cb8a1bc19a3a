"""The attribute tree of a value nested far deeper than Python's recursion limit."""

from __future__ import annotations

import sys
from typing import Any

from viewer.attributes.detail import detail_text
from viewer.attributes.filter import AttributeIndex, filter_tree
from viewer.attributes.tree import AttributeTree
from viewer.model.values import count_values

DEPTH = 100_000


def deep(levels: int, leaf: Any) -> Any:
    value = leaf
    for _ in range(levels):
        value = {"a": value}
    return value


def bottom(tree: AttributeTree):
    node = tree.root
    while node.children:
        node = node.children[0]
    return node


def test_tree_opens_filters_and_copies_an_attribute_nested_100000_levels():
    tree = AttributeTree({"Deep": deep(DEPTH, "needle"), "Name": "Ada"})
    leaf = bottom(tree)
    assert leaf.value == "needle"
    assert leaf.depth() == DEPTH + 1
    assert leaf.path() == "attributes.Deep" + ".a" * DEPTH
    assert tree.find(leaf.path_keys()) is leaf

    index = AttributeIndex.build(tree)
    assert index.size == DEPTH + 2
    result = filter_tree(index, "needle")
    assert result.value_hits == {leaf}
    assert len(result.visible) == DEPTH + 2  # the hit and every ancestor, the root included

    deep_node = tree.root.children[0]
    assert deep_node.copy_text() == '{"a":' * DEPTH + '"needle"' + "}" * DEPTH
    assert deep_node.to_json().startswith('{\n  "a": {\n    "a": {')
    assert "too large to show here" in detail_text(deep_node)
    assert count_values(tree.root.value, 10**9) == DEPTH + 3  # the root, DEPTH objects, two strings


def test_tree_walking_code_works_5000_levels_deep():
    depth = 5_000
    assert depth > sys.getrecursionlimit()
    value: Any = "leaf"
    for i in range(depth):
        value = {f"k{i % 3}": value} if i % 2 else [value, i]
    tree = AttributeTree({"Deep": value})
    leaf = bottom(tree)
    assert leaf.value == "leaf"
    assert leaf.depth() == depth + 1
    assert leaf.path().startswith("attributes.Deep.k1[0].k2[0].k0[0]")
    assert leaf.jq_path().startswith(".attributes.Deep.k1[0].k2[0].k0[0]")
    assert len(leaf.path_keys()) == depth + 1
    assert tree.find(leaf.path_keys()) is leaf
    assert tree.count_nodes(10**9) == 1 + depth + depth // 2 + 1  # root, containers, list indices, leaf
    index = AttributeIndex.build(tree)
    assert filter_tree(index, "leaf").value_hits == {leaf}
    assert len(filter_tree(index, "key:k1").key_hits) == sum(1 for i in range(depth) if i % 2 and i % 3 == 1)
    assert detail_text(leaf).endswith("leaf")
    assert tree.root.to_json().count('"leaf"') == 1
