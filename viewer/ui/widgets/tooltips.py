"""Tooltips that show file text literally, wrapped and cut to a readable size.

Qt renders a tooltip as rich text whenever ``Qt.mightBeRichText`` guesses so, so
text from a file (``<img src=x>``) could become markup. Escaping it inside
``<qt>`` makes Qt always treat it as rich text and show every character as typed.

Qt sizes a rich-text tooltip by guessing: a long line without breaks made a box
wider than the screen, a sentence of a few words a narrow column. So the lines
are broken here, at ``TOOLTIP_WIDTH`` characters (after a space when there is
one), and shown without any wrapping of Qt's (``white-space:pre``, which also
keeps runs of spaces); beyond ``TOOLTIP_LIMIT`` characters or ``TOOLTIP_LINES``
lines the tooltip stops, with a note saying where the whole text is.
"""

from __future__ import annotations

import html

TOOLTIP_WIDTH = 80  # characters per line
TOOLTIP_LIMIT = 1500  # characters in all
TOOLTIP_LINES = 24  # lines after wrapping
WHOLE_TEXT = "the detail area shows everything"


def wrap_line(line: str, width: int = TOOLTIP_WIDTH) -> list[str]:
    """``line`` in pieces of at most ``width`` characters, broken after a space where one is near.

    Joined again the pieces give ``line`` exactly: no character is dropped or added.
    """
    pieces = []
    while len(line) > width:
        space = line.rfind(" ", width // 2, width)
        cut = width if space < 0 else space + 1
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return pieces


def tooltip_lines(text: str, where: str = WHOLE_TEXT) -> list[str]:
    """The lines a tooltip shows for ``text``: wrapped, cut, and a last line saying what was left out."""
    start = text[:TOOLTIP_LIMIT]
    shown: list[str] = []
    used = 0  # characters of ``text`` the shown lines hold (line breaks included)
    for line in start.split("\n"):
        for piece in wrap_line(line):
            if len(shown) == TOOLTIP_LINES:
                break
            shown.append(piece)
            used += len(piece)
        else:
            used += 1  # the line break after the line
            continue
        break
    hidden = len(text) - min(used, len(start))  # (no line break follows the last line)
    if hidden:
        shown.append(f"… {hidden:,} more character{'' if hidden == 1 else 's'}: {where}")
    return shown


def tooltip_html(*lines: str, where: str = WHOLE_TEXT) -> str:
    """``lines`` (file text or not) as a tooltip Qt shows exactly as typed, one per line, readably sized.

    ``where`` says where the whole text can be read when the tooltip is cut short.
    """
    body = "<br>".join(html.escape(line) for line in tooltip_lines("\n".join(lines), where))
    return f"<qt><p style='white-space:pre'>{body}</p></qt>"
