"""The attribute filter's value conditions and attribute paths (no Qt).

The forms, beside the substring and regex ones of ``viewer.attributes.filter``::

    >100  <=0.5  !=0        numbers, compared exactly (int or Decimal, never float)
    >=2024-01  <90d         times: a month is a span, 90d is 90 days before now
    1..5  2024-01..2024-06  a range, both ends included; 1.. and ..5 leave one end open
    Address.City            the node at that path and its subtree (keys case-insensitive,
                            a list on the way stands for its elements, a copied
                            attributes.Tags[0] works too)
    Address.City:berlin     a value at that path contains the text
    Orders>=3  SignupDate>=2024-01  ChurnRisk:0.2..0.5  LoyaltyTier=gold
                            a value at that path compared (= with text: the whole value)

The operands are read by ``viewer.model.operands``, the same reading the profile
query language uses. A bare operand compares numbers, or times when it is a
date with a dash or an age (``90d``): a bare ``>2000`` stays a number
comparison, as it always was here, while at a path ``SignupDate>=2024`` reads
the year. At a path, a number written as text (a postal code) compares as a
number; bare comparisons look at JSON numbers only.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from viewer.attributes.nodes import Node
from viewer.attributes.paths import ROOT_NAME
from viewer.model.operands import (
    REVERSED,
    Operand,
    date_test_for,
    exact_number,
    moment,
    number_value,
    operand,
)
from viewer.model.values import LIST, OBJECT, RANGE

Test = Callable[[Any], bool]
_OPERATOR = re.compile(r"(>=|<=|!=|==|=|>|<)\s*")
_NAMED = re.compile(r"(?P<name>[^<>=!:\s][^<>=!:]*?)\s*(?P<op>>=|<=|!=|==|=|>|<|:)\s*(?P<rest>.*)\Z", re.DOTALL)
_STEP = re.compile(r'\.?(?:\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.\[\]"]+))')


@dataclass(frozen=True, slots=True)
class Condition:
    """What a value must be: ``op`` one of ``> >= < <= = !=``, ``..`` (a range) or ``:`` (contains)."""

    op: str
    operand: Operand | None = None  # a comparison's value; a range's low end (None: open)
    high: Operand | None = None  # a range's high end (None: open)
    needle: str = ""  # the text ``:`` looks for, lower-case unless ``case_sensitive``
    case_sensitive: bool = False
    dates: bool = True  # whether the operand's reading as a time counts

    def number_test(self) -> Test | None:
        """The test an exact number must pass (None: the condition names no number)."""
        if self.op == "..":
            ends = (self.operand, self.high)
            if not all(end is None or end.number is not None for end in ends):
                return None
            low, high = (end.number if end is not None else None for end in ends)
            if low is not None and high is not None:
                return lambda v: low <= v <= high
            if low is not None:
                return partial(operator.le, low)
            return partial(operator.ge, high) if high is not None else None
        if self.op == ":" or self.operand is None or self.operand.number is None:
            return None
        return partial(REVERSED[self.op if self.op != "!=" else "="], self.operand.number)

    def date_test(self, now: datetime) -> Test | None:
        """The test a moment must pass, seen from ``now`` (None: the condition names no time)."""
        if not self.dates:
            return None
        if self.op == "..":
            ends = (self.operand, self.high)
            if not all(end is None or end.is_date for end in ends):
                return None
            tests = [
                date_test_for(op, span)
                for op, end in ((">=", self.operand), ("<=", self.high))
                if end is not None and (span := end.when(now)) is not None
            ]
            return tests[0] if len(tests) == 1 else lambda v: tests[0](v) and tests[1](v)
        if self.op == ":" or self.operand is None:
            return None
        span = self.operand.when(now)
        return date_test_for(self.op if self.op != "!=" else "=", span) if span is not None else None


def bare_condition(needle: str) -> Condition | None:
    """``>100``, ``<90d``, ``1..5`` typed alone (None: the text is no condition, match it as text)."""
    found = _OPERATOR.match(needle)
    if found is not None:
        value = operand(needle[found.end() :])
        dated = _dated(value)
        if value.number is None and not dated:
            return None
        return Condition(_op(found.group(1)), value, dates=dated)
    if ".." not in needle:
        return None
    ends = [operand(end) if end.strip() else None for end in needle.split("..", 1)]
    if not any(ends):
        return None
    if all(end is None or end.number is not None for end in ends):
        return Condition("..", ends[0], ends[1], dates=all(end is None or _dated(end) for end in ends))
    if all(end is None or _dated(end) for end in ends):
        return Condition("..", ends[0], ends[1])
    return None


def _dated(value: Operand) -> bool:
    """Whether a bare operand means a time: an age, or a date written with a dash."""
    return value.relative is not None or (value.span is not None and "-" in value.text.lstrip("+-"))


def _op(text: str) -> str:
    return "=" if text == "==" else text


def named_condition(needle: str) -> tuple[tuple[str, ...], Condition | None] | None:
    """``Address.City:berlin``, ``Orders>=3``, ``Tags:1..5``: the path and its condition.

    None when ``needle`` has no such form; a condition of None when only the
    path is written so far (``Orders>``). Bare paths are :func:`path_keys`.
    """
    found = _NAMED.match(needle)
    if found is None:
        return None
    keys = path_keys(found["name"])
    if keys is None:
        return None
    op, rest = _op(found["op"]), found["rest"].strip()
    if op == ":":
        inner = _OPERATOR.match(rest)
        if inner is not None:
            op, rest = _op(inner.group(1)), rest[inner.end() :].strip()
        elif ".." in rest:
            ranged = bare_condition(rest)
            if ranged is not None:
                return keys, Condition("..", ranged.operand, ranged.high)
    if not rest:
        return keys, None
    if op == ":":
        sensitive = rest != rest.lower()
        return keys, Condition(":", needle=rest if sensitive else rest.lower(), case_sensitive=sensitive)
    value = operand(rest)
    if op not in ("=", "!=") and value.number is None and not value.is_date:
        return None  # "a>b" is text to look for
    return keys, Condition(op, value)


def path_keys(text: str) -> tuple[str, ...] | None:
    """``Address.City`` -> ``("address", "city")``; ``Tags[0]`` and ``["a b"]`` steps too.

    None when ``text`` is no path (empty steps, stray brackets or quotes).
    """
    keys: list[str] = []
    at = 0
    while at < len(text):
        step = _STEP.match(text, at)
        if step is None or step.end() == at:
            return None
        index, quoted, plain = step.groups()
        if quoted is not None:
            try:
                plain = json.loads(f'"{quoted}"')
            except ValueError:
                return None
        key = (index if index is not None else plain).strip().lower()
        if not key:
            return None
        keys.append(key)
        at = step.end()
    return tuple(keys) or None


def is_dotted_path(needle: str) -> bool:
    """Whether ``needle`` typed alone may name a path: it has a step separator and is no number."""
    return ("." in needle or "[" in needle) and number_value(needle) is None


def find_path(root: Node, keys: tuple[str, ...]) -> list[Node]:
    """The nodes at ``keys`` below ``root``: one, or one per list element on the way, or none."""
    if keys[0] == ROOT_NAME and getattr(root, "root_name", ROOT_NAME) == ROOT_NAME and not _step(root, keys[0]):
        keys = keys[1:]  # a path as copied from the tree: attributes.Address.City
    nodes = [root]
    for key in keys:
        nodes = [found for node in nodes for found in _step(node, key)]
        if not nodes:
            break
    return nodes


def _step(node: Node, key: str) -> list[Node]:
    if node.kind == OBJECT:
        return [child for child in _members(node) if type(child.key) is str and child.key.lower() == key]
    if node.kind != LIST:
        return []
    members = _members(node)
    if key.isdigit():
        wanted = int(key)
        at = [child for child in members if child.key == wanted]
        if at:
            return at
    return [found for child in members for found in _step(child, key)]  # every element's key


def _members(node: Node) -> Iterator[Node]:
    """The children of an object or list, through range rows."""
    pending = [iter(node.children)]
    while pending:
        for child in pending[-1]:
            if child.kind == RANGE:
                pending.append(iter(child.children))
                break
            yield child
        else:
            pending.pop()


def leaves_under(node: Node) -> Iterator[Node]:
    """``node`` itself when it is a value, else every value inside it, in tree order."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.is_container:
            stack.extend(reversed(current.children))
        else:
            yield current


def value_test(condition: Condition, now: datetime) -> Callable[[Node], bool]:
    """Whether a value node at a path meets ``condition``: as a number, as a time, or as text."""
    number, date = condition.number_test(), condition.date_test(now)
    op = condition.op
    if op == ":":
        needle, sensitive = condition.needle, condition.case_sensitive
        return lambda node: needle in (node.match_text if sensitive else node.match_text.lower())
    text = condition.operand.text if op in ("=", "!=") and condition.operand is not None else None

    def passes(node: Node) -> bool:
        value = node.value
        if number is not None and (exact := exact_number(value)) is not None and number(exact):
            return True
        if date is not None and type(value) is str and (when := moment(value)) is not None and date(when):
            return True
        return text is not None and node.match_text.lower() == text

    if op == "!=":
        return lambda node: not passes(node)
    return passes
