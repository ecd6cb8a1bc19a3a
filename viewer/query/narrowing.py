"""Answering a query from earlier answers: typed back to one seen before, or typed one character further.

While a person types ``berlin`` the list searches for ``b``, ``be``, ``ber``…:
each query selects a subset of the one before, so it need only test the
profiles the previous answer let through (for 100,000 profiles: 40-90 ms for a
whole scan, a millisecond or two over the 2,000 profiles ``ber`` left). A
backspace goes back to a query answered a moment ago. ``RecentAnswers``
keeps the last few answers of one export, within a bounded number of indices.

Whether one query narrows another is decided by their form alone: every
condition of the old query must be implied by a condition of the new one.
Free text and ``Key:value`` terms match by "contains", so a term whose text
holds the old term's text (same kind, same key) implies it; any other
condition implies only itself. Answers that depend on the moment (``30d``
ago) or on checks still running (``is:problem``) are never kept.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterator, Sequence

from viewer.query.language import And, Compare, Match, Node, Not, Or, Query, Range

CONTAINS_KINDS = frozenset({"text", "attribute"})
_STRUCTURE = frozenset('"\\:,{}[]')  # a needle holding JSON's punctuation may meet the text's structure
MAX_ANSWERS = 24
MAX_INDICES = 1_000_000  # indices kept over all answers: 4 MB as 32-bit integers (8 MB beyond 2**31 profiles)


def conditions(node: Node) -> Iterator[Node]:
    """The AND-ed conditions of ``node`` (nested ANDs flattened; anything else is one condition)."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, And):
            pending.extend(current.children)
        else:
            yield current


def implies(new: Node, old: Node) -> bool:
    """Whether every profile matching condition ``new`` matches condition ``old`` (by form: False when unsure)."""
    if new == old:
        return True
    if not (isinstance(new, Match) and isinstance(old, Match)):
        return False
    a, b = new.term, old.term
    return (a.kind == b.kind and a.kind in CONTAINS_KINDS and a.key == b.key and b.value in a.value
            and _STRUCTURE.isdisjoint(a.value))


def narrows(old: Query, new: Query) -> bool:
    """Whether ``new`` selects only profiles ``old`` selects (``old`` without a condition: all)."""
    if old.root is None:
        return True
    if new.root is None:
        return False
    present = list(conditions(new.root))
    return all(any(implies(n, o) for n in present) for o in conditions(old.root))


def leaf_conditions(node: Node) -> Iterator[Node]:
    """The conditions of ``node`` that hold no others (through AND, OR and NOT)."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, (And, Or)):
            pending.extend(current.children)
        elif isinstance(current, Not):
            pending.append(current.child)
        else:
            yield current


def keepable(query: Query) -> bool:
    """Whether the answer to ``query`` stays true while the export is shown (no clock, no pending checks)."""
    if query.root is None:
        return False
    for node in leaf_conditions(query.root):
        if isinstance(node, Match) and node.term.kind == "flag":
            return False
        if isinstance(node, Compare) and node.operand.relative is not None:
            return False
        if isinstance(node, Range) and any(end is not None and end.relative is not None for end in (node.low, node.high)):
            return False
    return True


class RecentAnswers:
    """The last answers (ascending profile indices) to queries over one export, the newest last."""

    def __init__(self, max_answers: int = MAX_ANSWERS, max_indices: int = MAX_INDICES) -> None:
        self._answers: OrderedDict[Node, tuple[Query, array[int]]] = OrderedDict()
        self._max_answers, self._max_indices = max_answers, max_indices
        self._held = 0

    def clear(self) -> None:
        """Forget every answer (a new export, or a new search index)."""
        self._answers.clear()
        self._held = 0

    def seen(self, query: Query) -> list[int] | None:
        """The answer kept for a query of the same conditions (``ada`` and ``ada `` alike), or None."""
        if query.root is None or (kept := self._answers.get(query.root)) is None:
            return None
        self._answers.move_to_end(query.root)
        return kept[1].tolist()

    def candidates(self, query: Query) -> Sequence[int] | None:
        """The smallest kept answer among whose profiles all of ``query``'s matches are; None: search them all."""
        if not keepable(query):
            return None
        best: array[int] | None = None
        for old, answer in self._answers.values():
            if (best is None or len(answer) < len(best)) and narrows(old, query):
                best = answer
        return best

    def remember(self, query: Query, answer: Sequence[int]) -> None:
        """Keep ``answer`` to ``query`` (if it stays true and fits), forgetting the oldest beyond the bounds."""
        if not keepable(query) or len(answer) > self._max_indices or query.root is None:
            return
        previous = self._answers.pop(query.root, None)
        if previous is not None:
            self._held -= len(previous[1])
        self._answers[query.root] = (query, _compact(answer))
        self._held += len(answer)
        while self._answers and (len(self._answers) > self._max_answers or self._held > self._max_indices):
            _, (_, dropped) = self._answers.popitem(last=False)
            self._held -= len(dropped)


def _compact(answer: Sequence[int]) -> array[int]:
    """``answer`` as 32-bit integers (as 64-bit ones when an index needs them): for 100,000 profiles the answers
    kept while typing four queries held 4 MB, half what 64-bit integers held."""
    try:
        return array("i", answer)
    except OverflowError:
        return array("q", answer)
