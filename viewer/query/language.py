"""The profile query language: text in, a small typed tree out, or an error with its position (no Qt).

One language for the search box and ``audience-viewer --query``::

    ada  "two words"        free text: ID, integration ID, audience names, attribute values
    Name:ada                an attribute (at any depth) contains the text; Address.City:berlin, Tags:vip
    audience:vip            an audience name or ID;  live  sandbox  unknown  the environment
    totalSales>500          comparisons > >= < <= = on profile fields and attributes, exact
    ChurnRisk>0.5           numbers (a number written as text, like a postal code, counts)
    totalSales:100..500     a range, both ends included; 100.. and ..500 leave one end open
    LoyaltyTier=gold        = with text: the whole value, case-insensitive
    created>=2024-01-01     dates: a year (2024), a month (2023-06), a day, a full timestamp;
    lastActivity<90d        90d 12w 6m 1y: that long before now (here: inactive for 90 days)
    has:Email               the field or attribute is there (not null, not empty)
    is:problem  is:repeated a problem names the profile / it appears twice in the export
    -audience:vip  NOT x    negation;  a OR b  either;  ( ) grouping;  side by side: all of them
    sessions>3 points>=100 tier:gold in:vip session:closed    the CSV files beside the profiles

Field names are the wire names (``totalSales``), snake case (``total_sales``) or the list's
column titles (``"Total sales"``), case-insensitive. ``OR``, ``AND`` and ``NOT`` are keywords in
capitals only; OR binds looser than the implicit AND (``a b OR c`` is ``(a b) OR c``). Quotes
make anything plain text.

:func:`parse` never raises: it returns a :class:`Query` or a :class:`ParseError`
(message and 0-based character position), so every keystroke can be shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from viewer.model.operands import Operand, operand
from viewer.query.companion_terms import KEYED
from viewer.query.fields import ProfileField, attribute_path, profile_field
from viewer.query.search_terms import Term

MAX_DEPTH = 64  # nested parentheses: more is a typo, and keeps the parser's recursion bounded
_WORD = re.compile(r'(?:[^\s"()]+|"[^"]*"?)+')
_OPERATOR = re.compile(r">=|<=|>|<|=")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
_ENVIRONMENTS, _KEYWORDS = {"live", "sandbox", "unknown"}, {"OR", "AND", "NOT"}


@dataclass(frozen=True, slots=True)
class Target:
    """What a comparison looks at: a profile field, or an attribute path (lowercase keys)."""

    name: str  # as typed
    field: ProfileField | None = None
    path: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """A term the search index answers: free text, ``Key:value``, audience, environment, CSV files; a flag."""

    term: Term


@dataclass(frozen=True, slots=True)
class Compare:
    """``target op operand``; ``op`` is ``>``, ``>=``, ``<``, ``<=``, ``=``, or ``:`` (text contains)."""

    target: Target
    op: str
    operand: Operand


@dataclass(frozen=True, slots=True)
class Range:
    """``low <= target <= high`` (dates: to the end of ``high``'s span); a None end is open."""

    target: Target
    low: Operand | None
    high: Operand | None


@dataclass(frozen=True, slots=True)
class Has:
    """The field or attribute is present and not null."""

    target: Target


@dataclass(frozen=True, slots=True)
class Not:
    """The profiles ``child`` does not match."""

    child: Node


@dataclass(frozen=True, slots=True)
class And:
    """The profiles every child matches."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """The profiles some child matches."""

    children: tuple[Node, ...]


Node = Match | Compare | Range | Has | Not | And | Or


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query; ``root`` None means no condition (blank text): every profile."""

    text: str
    root: Node | None


@dataclass(frozen=True, slots=True)
class ParseError:
    """Why ``text`` is no query, and where: ``position`` is the 0-based character index."""

    text: str
    message: str
    position: int

    def __str__(self) -> str:
        return f"{self.message} (at character {self.position + 1})"


def _unquote(text: str) -> str:
    return text.replace('"', "")


class _Invalid(Exception):
    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message, self.position = message, position


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(", ")", "-", "OR", "AND", "NOT", "word"
    text: str
    start: int


def tokenize(text: str) -> list[_Token]:
    """Split ``text`` into parentheses, negation marks, keywords and words (quotes keep spaces)."""
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char, char, i))
            i += 1
        elif char == "-":
            tokens.append(_Token("-", char, i))
            i += 1
        else:
            found = _WORD.match(text, i)
            word = found.group() if found is not None else char
            kind = word if word in _KEYWORDS else "word"
            tokens.append(_Token(kind, word, i))
            i += len(word)
    return tokens


def parse(text: str) -> Query | ParseError:
    """Read ``text`` as a query; never raises."""
    try:
        parser = _Parser(text)
        root = parser.parse()
    except _Invalid as invalid:
        return ParseError(text, invalid.message, max(0, min(invalid.position, len(text))))
    except RecursionError:
        return ParseError(text, "The query is nested too deeply", 0)
    return Query(text, root)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.at = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def parse(self) -> Node | None:
        root = self.either(0)
        token = self.peek()
        if token is not None:  # only a ")" stops "either" early
            raise _Invalid("This ) closes no (", token.start)
        return root

    def either(self, depth: int) -> Node | None:
        parts = [self.all_of(depth)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.at += 1
            following = self.peek()
            if following is None or following.kind in (")", "OR"):
                raise _Invalid("OR needs a term after it", token.start)
            parts.append(self.all_of(depth))
        kept = tuple(part for part in parts if part is not None)
        return None if not kept else kept[0] if len(kept) == 1 else Or(kept)

    def all_of(self, depth: int) -> Node | None:
        items: list[Node | None] = []
        first = self.peek()
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                self.at += 1
                following = self.peek()
                if not items or following is None or following.kind in (")", "OR", "AND"):
                    raise _Invalid("AND needs a term on each side", token.start)
                continue
            items.append(self.negated(depth))
        if first is not None and first.kind == "OR":
            raise _Invalid("OR needs a term before it", first.start)
        kept = tuple(item for item in items if item is not None)
        return None if not kept else kept[0] if len(kept) == 1 else And(kept)

    def negated(self, depth: int) -> Node | None:
        negations = 0
        while (token := self.peek()) is not None and token.kind in ("-", "NOT"):
            self.at += 1
            negations += 1
            following = self.peek()
            if following is None or following.kind in (")", "OR", "AND") or (
                token.kind == "-" and following.start != token.start + 1
            ):
                what = "-" if token.kind == "-" else "NOT"
                raise _Invalid(f"{what} needs a term right after it", token.start)
        node = self.primary(depth)
        if node is None or negations % 2 == 0:
            return node
        return Not(node)

    def primary(self, depth: int) -> Node | None:
        token = self.tokens[self.at]
        self.at += 1
        if token.kind == "(":
            if depth >= MAX_DEPTH:
                raise _Invalid(f"More than {MAX_DEPTH} nested parentheses", token.start)
            if (inner := self.peek()) is not None and inner.kind == ")":
                raise _Invalid("Empty parentheses", token.start)
            node = self.either(depth + 1)
            close = self.peek()
            if close is None or close.kind != ")":
                raise _Invalid("This ( is never closed", token.start)
            self.at += 1
            return node
        return term(token.text, token.start)


def term(raw: str, start: int = 0) -> Node | None:
    """One word of a query as a node (None: a term with nothing to look for yet, like ``tier:``)."""
    if raw.startswith('"'):
        close = raw.find('"', 1)
        if 0 < close < len(raw) - 1 and raw[close + 1] in ":<>=":
            named = profile_field(raw[1:close])  # "Total sales">500
            if named is not None:
                target = Target(raw[1:close], named)
                rest = raw[close + 1 :]
                if rest[0] == ":":
                    return _keyed_field(target, rest[1:], start + close + 2)
                found = _OPERATOR.match(rest)
                assert found is not None
                return _comparison(target, found.group(), rest[found.end() :], start + close + 1 + found.end())
        value = _unquote(raw).lower()
        return Match(Term("text", value)) if value else None
    colon = raw.find(":")
    found = _OPERATOR.search(raw)
    if found is not None and '"' in raw[: found.start()]:
        found = None
    if found is not None and (colon < 0 or found.start() < colon):
        if found.start() == 0:  # <b>bold: text, as always
            return Match(Term("text", _unquote(raw).lower()))
        name, op, rest = raw[: found.start()], found.group(), raw[found.end() :]
        lname = name.lower()
        if lname in ("sessions", "points"):
            if operand(_unquote(rest)).number is None:
                raise _Invalid(f"{name}{op} needs a number", start + found.end())
            return Match(Term(lname, _unquote(rest).strip(), op))
        return _comparison(_target(name), op, rest, start + found.end())
    if colon > 0:
        return _keyed(raw[:colon], raw[colon + 1 :], start + colon + 1)
    if raw.lower() in _ENVIRONMENTS:
        return Match(Term("environment", raw.lower()))
    value = _unquote(raw).lower()
    return Match(Term("text", value)) if value else None


def _target(name: str) -> Target:
    named = profile_field(name)
    return Target(name, named) if named is not None else Target(name, None, attribute_path(name))


def _comparison(target: Target, op: str, rest: str, at: int) -> Node:
    """``target op rest``: the operand must suit the field (numbers, dates; ``=`` also takes text)."""
    text = _unquote(rest).strip()
    if not text:
        raise _Invalid(f"A value is missing after {op}", at)
    value = operand(text)
    if ".." in text:
        raise _Invalid(f"A range goes after a colon: {target.name}:{text}", at)
    _check_kind(target, value, at, allow_text=op == "=")
    if target.field is not None and target.field.kind == "bool":  # sandbox=true: the environment
        if op != "=":
            raise _Invalid(f"{target.name} is true or false: use {target.name}=true", at)
        return Match(Term("environment", "sandbox" if value.text in _TRUE else "live"))
    return Compare(target, op, value)


def _check_kind(target: Target, value: Operand, at: int, *, allow_text: bool) -> None:
    kind = target.field.kind if target.field is not None else "any"
    if kind in ("number", "numbers") and value.number is None:
        raise _Invalid(f"{target.name} is a number: {value.text!r} is not one", at)
    if kind == "date" and not value.is_date:
        raise _Invalid(f"{target.name} is a date: write 2024, 2024-06, 2024-06-30 or 90d", at)
    if kind == "bool" and value.text not in _TRUE | _FALSE:
        raise _Invalid(f"{target.name} is true or false", at)
    if kind == "text" and not allow_text:
        raise _Invalid(f"{target.name} is text: use {target.name}:text or {target.name}=text", at)
    if kind == "any" and not allow_text and value.number is None and not value.is_date:
        raise _Invalid(f"{value.text!r} is neither a number nor a date: nothing to compare with", at)


def _keyed(key: str, rest: str, at: int) -> Node | None:
    """``key:rest``: the forms the search has always had, then fields, ranges and ``has:``."""
    lkey = key.lower()
    value = _unquote(rest).strip().lower()
    if lkey == "has":
        name = _unquote(rest).strip()
        return Has(_target(name)) if name else None
    if lkey == "is" and value in ("problem", "problems", "repeated", "repeat"):  # what the export's reading found
        return Match(Term("flag", "repeated" if value.startswith("repeat") else "problem"))
    if lkey in KEYED:  # the CSV files beside the profiles: tier:, in:, session:
        return Match(Term(KEYED[lkey], value)) if value else None
    if lkey == "audience" or (lkey == "audiences" and value and operand(value).number is None):
        return Match(Term("audience", value)) if value else None
    if lkey == "sandbox" and value in _TRUE | _FALSE:
        return Match(Term("environment", "sandbox" if value in _TRUE else "live"))
    if lkey in ("env", "environment") and value in _ENVIRONMENTS:
        return Match(Term("environment", value))
    named = profile_field(key) if lkey not in ("sandbox", "env", "environment") else None
    if named is not None:
        return _keyed_field(Target(key, named), rest, at)
    if ".." in value:
        low, _, high = value.partition("..")
        ends = [operand(end) if end else None for end in (low, high)]
        if any(ends) and all(end is None or end.number is not None or end.is_date for end in ends):
            return Range(_target(key), ends[0], ends[1])
    return Match(Term("attribute", value, lkey))


def _keyed_field(target: Target, rest: str, at: int) -> Node | None:
    """``totalSales:100..500``, ``id:1000042``, ``created:2024-06``, ``integrationId:urn00``."""
    assert target.field is not None
    text = _unquote(rest).strip()
    if not text:
        return None
    if ".." in text:
        low, _, high = text.partition("..")
        ends = [operand(end) if end.strip() else None for end in (low, high)]
        if not any(ends):
            raise _Invalid("A range needs at least one end: 100..500, 100.. or ..500", at)
        for end in ends:
            if end is not None:
                _check_kind(target, end, at, allow_text=False)
        return Range(target, ends[0], ends[1])
    if target.field.kind == "text":
        return Compare(target, ":", operand(text))
    return _comparison(target, "=", text, at)


def describe(node: Node | None) -> str:
    """A query tree written out unambiguously (for tests and for reading): ``AND(totalSales>500, NOT(...))``."""
    if node is None:
        return "ALL"
    if isinstance(node, Match):
        key = f"[{node.term.key}]" if node.term.key is not None else ""
        return f"{node.term.kind}{key}{node.term.value!r}"
    if isinstance(node, Compare):
        return f"{_name(node.target)}{node.op}{node.operand.text}"
    if isinstance(node, Range):
        low, high = (end.text if end is not None else "" for end in (node.low, node.high))
        return f"{_name(node.target)}:{low}..{high}"
    if isinstance(node, Has):
        return f"has:{_name(node.target)}"
    if isinstance(node, Not):
        return f"NOT({describe(node.child)})"
    kind = "AND" if isinstance(node, And) else "OR"
    return f"{kind}({', '.join(describe(child) for child in node.children)})"


def _name(target: Target) -> str:
    return target.field.name if target.field is not None else "attributes." + ".".join(target.path)
