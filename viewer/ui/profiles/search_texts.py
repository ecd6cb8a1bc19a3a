"""What the profile search says about itself: its tooltip, and the count line of an invalid query."""

from __future__ import annotations

from viewer.model.values import plural
from viewer.query.language import ParseError

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
