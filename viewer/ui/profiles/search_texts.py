"""What the profile search says about itself: its tooltip, and the count line of an invalid query."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from viewer.model.companions import KIND_LABELS, CompanionKind
from viewer.model.profile import Profile
from viewer.model.values import plural
from viewer.query.fields import profile_field
from viewer.query.language import And, Match, Node, Not, Or, ParseError, Query, parse
from viewer.query.search_terms import Term

INVALID_STYLE = "QLineEdit { border: 2px solid #d0312d; border-radius: 3px; padding: 1px; }"
INVALID_COUNT_STYLE = "QLabel { color: #b3261e; }"  # the error's red, dark enough to read on white
SHOWN_QUERY_CHARS = 40  # a longer last valid query is cut in its middle in "showing … matching “query”"
SEARCH_TIP = (
    "Free text matches ID, integration ID, audience names and attribute values.\n"
    "Key:value matches one attribute (Address.City:berlin, Tags:vip); audience:Name; live, sandbox, unknown.\n"
    "Compare: totalSales>500  ChurnRisk>=0.5  totalSales:100..500  LoyaltyTier=gold\n"
    "Dates: created>=2024-01-01  created:2023-06  lastActivity<90d (inactive for 90 days; 12w 6m 1y)\n"
    "has:Email  -audience:VIP  NOT x  a OR b  (a OR b) c. Several terms must all match.\n"
    "Return goes to the list (Esc there comes back), Esc clears, Ctrl+L comes back here."
)


def invalid_text(error: ParseError, rows: int, query: str) -> str:
    """``Invalid query: … (at character 16) · showing the 24 profiles matching “totalSales>500”``.

    ``rows`` profiles are shown, the answer to ``query`` (the last valid one).
    The list keeps the last valid query's result rather than going blank: a query
    is invalid at many keystrokes of typing ``(a OR b)`` or ``totalSales>500`` (``(a``,
    ``(a OR``, ``totalSales>``), and a list (and profile) that vanished and came back at
    each of them would flicker and lose the person's place. So the label names what the list does show.
    """
    if not query:
        shown = f"showing all {plural(rows, 'profile')}"
    else:
        if len(query) > SHOWN_QUERY_CHARS:
            half = SHOWN_QUERY_CHARS // 2
            query = f"{query[:half]}…{query[-half:]}"
        shown = f"showing the {plural(rows, 'profile')} matching “{query}”" if rows \
            else f"“{query}” matched no profile"
    return f"Invalid query: {error} · {shown}"


# The CSV files each companion term of the query language reads (``sessions>3`` without a sessions CSV matched
# nothing, and said nothing).
_NEEDS: dict[str, tuple[CompanionKind, ...]] = {
    "sessions": ("sessions",), "session": ("sessions",), "points": ("balances",), "tier": ("balances", "tiers"),
    "member": ("members",),
}
_WRITTEN = {"member": "in:"}  # a term's kind as the query writes it, where the two differ
_EXAMPLES = {"number": "{}>100", "numbers": "{}:2", "date": "{}>=2024-01-01", "bool": "{}:true"}


def _matches(node: Node | None) -> Iterator[Term]:
    """The index terms of a parsed query, in the order written."""
    if isinstance(node, Match):
        yield node.term
    elif isinstance(node, Not):
        yield from _matches(node.child)
    elif isinstance(node, And | Or):
        for child in node.children:
            yield from _matches(child)


def count_text(shown: int, total: int, query: str, profiles: Sequence[Profile]) -> str:
    """``0 of 100,000 profiles`` and, when nothing matched, why that may be: a term that needs a CSV file
    that is not open, or a free-text word that names a profile field (``totalSales`` on the way to
    ``totalSales>100``)."""
    count = f"{shown:,} of {plural(total, 'profile')}"
    parsed = parse(query) if not shown else None
    if not isinstance(parsed, Query):
        return count
    terms = list(_matches(parsed.root))
    open_kinds = {file.kind for file in profiles[0].companions.files} if profiles else set()
    for term in terms:
        needed = _NEEDS.get(term.kind)
        if needed is not None and not open_kinds.intersection(needed):
            label, word = KIND_LABELS[needed[0]], _WRITTEN.get(term.kind, term.kind)
            article = "an" if label[0] in "aeiou" else "a"
            return f"{count} · {word} needs {article} {label} CSV: File > Add to this export…"
    for term in terms:
        field = profile_field(term.value) if term.kind == "text" else None
        if field is not None:
            name = field.name
            example = _EXAMPLES.get(field.kind, "{}:…").format(name)
            return f"{count} · “{name}” is a field, searched as text: try {example} or has:{name}"
    return count
