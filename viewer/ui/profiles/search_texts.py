"""What the profile search says about itself: its tooltip, and the count line of an invalid query."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.model.companions import KIND_LABELS, CompanionKind
from viewer.model.profile import Profile
from viewer.model.values import plural
from viewer.query.fields import profile_field
from viewer.query.language import ParseError, tokenize

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


# The companion terms and the file each needs (``sessions>3`` without a sessions CSV matched nothing, silently).
_NEEDS: dict[str, tuple[CompanionKind, ...]] = {
    "sessions": ("sessions",), "session": ("sessions",), "points": ("balances",), "tier": ("balances", "tiers"),
    "in": ("members",),
}
_OPERATOR_CHARS = ":<>="
_EXAMPLES = {"number": "{}>100", "numbers": "{}:2", "date": "{}>=2024-01-01", "bool": "{}:true"}


def count_text(shown: int, total: int, query: str, profiles: Sequence[Profile]) -> str:
    """``0 of 100,000 profiles`` and, when nothing matched, why that may be: a term that needs a CSV file
    that is not open, or a bare word that names a profile field (searched as text, as ``totalSales`` is on
    the way to ``totalSales>100``)."""
    count = f"{shown:,} of {plural(total, 'profile')}"
    if shown or not query.strip():
        return count
    open_kinds = {file.kind for file in profiles[0].companions.files} if profiles else set()
    words = [token.text for token in tokenize(query) if token.kind == "word"]
    for word in words:
        key = word.lstrip("-")
        cut = min((key.find(c) for c in _OPERATOR_CHARS if c in key), default=-1)
        name = key[:cut].lower() if cut > 0 else ""
        needed = _NEEDS.get(name)
        if needed is not None and not any(kind in open_kinds for kind in needed):
            return f"{count} · {name} needs a {KIND_LABELS[needed[0]]} CSV: File > Add to this export…"
    for word in words:
        known = None if any(c in word for c in _OPERATOR_CHARS) else profile_field(word)
        if known is not None:
            example = _EXAMPLES.get(known.kind, f"{word}:…")
            return f"{count} · “{word}” is a field, searched as text: try {example.format(word)} or has:{word}"
    return count
