"""Tooltips that show file text literally.

Qt renders a tooltip as rich text whenever ``Qt.mightBeRichText`` guesses so, so
text from a file (``<img src=x>``) could become markup. Escaping it inside
``<qt>`` makes Qt always treat it as rich text and show every character as typed;
the pre-wrap paragraph keeps runs of spaces and line breaks as the file has them.
"""

from __future__ import annotations

import html


def tooltip_html(*lines: str) -> str:
    """``lines`` (file text or not) as a tooltip Qt shows exactly as typed, one per line."""
    body = html.escape("\n".join(lines)).replace("\n", "<br>")
    return f"<qt><p style='white-space:pre-wrap'>{body}</p></qt>"


def shortened(text: str, limit: int, where: str) -> str:
    """``text`` cut at ``limit`` characters, saying how many more are shown ``where``."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"… ({len(text) - limit:,} more characters {where})"
