"""File associations: edit ``mimeapps.list`` in memory and find the other handlers of a MIME type. Qt-free.

``mimeapps.list`` (freedesktop "Association between MIME types and
applications") has a ``[Default Applications]`` group (the app that opens a
type) and an ``[Added Associations]`` group (apps offered under "Open with",
in order of preference; a desktop falls back to its first entry when no
default is set). Edits keep every line they do not need to change, in place.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT = "Default Applications"
ADDED = "Added Associations"
REMOVED = "Removed Associations"
SECTIONS = (ADDED, DEFAULT)


class MimeappsSyntaxError(ValueError):
    """A line of a mimeapps.list that is neither blank, a comment, a [group] nor key=value."""


@dataclass
class _Section:
    name: str | None  # None: the lines before the first group header
    header: str | None
    lines: list[str] = field(default_factory=list)

    def is_blank(self) -> bool:
        return not any(line.strip() for line in self.lines)


def _is_header(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("[") and stripped.endswith("]")


def _ids(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def check_syntax(lines: Sequence[str]) -> None:
    """Raise ``MimeappsSyntaxError`` (with the line number) for what a desktop cannot parse."""
    in_group = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _is_header(line):
            in_group = True
        elif "=" not in stripped:
            raise MimeappsSyntaxError(f"line {number} is not a [group], key=value or # comment: {stripped[:60]!r}")
        elif not in_group:
            raise MimeappsSyntaxError(f"line {number} comes before the first [group]: {stripped[:60]!r}")


def _parse(lines: Sequence[str]) -> list[_Section]:
    sections = [_Section(None, None)]
    for line in lines:
        if _is_header(line):
            sections.append(_Section(line.strip()[1:-1], line))
        else:
            sections[-1].lines.append(line)
    return sections


def _unparse(sections: Iterable[_Section]) -> list[str]:
    result: list[str] = []
    for section in sections:
        if section.header is not None:
            result.append(section.header)
        result.extend(section.lines)
    return result


def _entries(sections: Iterable[_Section], name: str) -> Iterator[tuple[str, list[str]]]:
    """(MIME type, desktop ids) of every entry of the groups called ``name``."""
    for section in sections:
        if section.name == name:
            for line in section.lines:
                key, sep, value = line.partition("=")
                if sep and not line.lstrip().startswith("#"):
                    yield key.strip(), _ids(value)


def listed_handlers(lines: Sequence[str], mime: str, *, section: str) -> list[str]:
    """The desktop ids the ``section`` groups of ``lines`` give for ``mime``, in order."""
    return [app for key, ids in _entries(_parse(lines), section) if key == mime for app in ids]


def add_handler(
    lines: Sequence[str], app: str, placements: Mapping[str, Mapping[str, bool]]
) -> tuple[list[str], list[str]]:
    """Add ``app`` for MIME types; return the new lines and the names of the groups created.

    ``placements`` maps a group name to {MIME type: first}; ``first`` puts
    ``app`` before the other apps of that type (moving it there if it is
    listed already), otherwise ``app`` goes last and an existing place stays.
    """
    sections = _parse(lines)
    created: list[str] = []
    for name, wanted in placements.items():
        section = next((s for s in sections if s.name == name), None)
        if section is None:
            section = _Section(name, f"[{name}]")
            previous = sections[-1]
            if (previous.lines and previous.lines[-1].strip()) or (previous.header is not None and not previous.lines):
                previous.lines.append("")
            sections.append(section)
            created.append(name)
        pending = dict(wanted)
        for index, line in enumerate(section.lines):
            key, sep, value = line.partition("=")
            mime = key.strip()
            if not sep or mime not in pending or line.lstrip().startswith("#"):
                continue
            first = pending.pop(mime)
            ids = _ids(value)
            if app in ids and not (first and ids[0] != app):
                continue  # already where it should be: leave the line as the user wrote it
            ids = [item for item in ids if item != app]
            ids = [app, *ids] if first else [*ids, app]
            section.lines[index] = f"{mime}={';'.join(ids)};"
        at = len(section.lines)
        while at > 0 and not section.lines[at - 1].strip():  # before the blank lines ending the group
            at -= 1
        section.lines[at:at] = [f"{mime}={app};" for mime in pending]
    return _unparse(sections), created


def remove_handler(
    lines: Sequence[str], app: str, mime_types: Collection[str], *, drop_if_empty: Collection[str] | None = None
) -> list[str]:
    """Remove ``app`` from the entries of ``mime_types`` in the default and added groups.

    Entries left without an app go. Groups left blank go too when named in
    ``drop_if_empty``; with ``None``, any group that this removal left blank.
    """
    sections = _parse(lines)
    emptied: set[int] = set()
    for position, section in enumerate(sections):
        if section.name not in SECTIONS:
            continue
        kept: list[str] = []
        for line in section.lines:
            key, sep, value = line.partition("=")
            ids = _ids(value)
            if sep and key.strip() in mime_types and app in ids and not line.lstrip().startswith("#"):
                ids = [item for item in ids if item != app]
                if not ids:
                    emptied.add(position)
                    continue
                line = f"{key.strip()}={';'.join(ids)};"
            kept.append(line)
        section.lines = kept
    dropped = False
    for position in reversed(range(len(sections))):
        section = sections[position]
        droppable = position in emptied if drop_if_empty is None else section.name in drop_if_empty
        if section.name is not None and droppable and section.is_blank():
            del sections[position]
            dropped = True
    result = _unparse(sections)
    while dropped and result and not result[-1].strip():
        result.pop()
    return result


def desktop_id(applications: Path, path: Path) -> str:
    """The desktop file id of ``path`` below an ``applications`` folder (``kde4/a.desktop`` -> ``kde4-a.desktop``)."""
    return "-".join(path.relative_to(applications).parts)


def _declared_types(path: Path) -> tuple[set[str], bool]:
    """The MimeType list of a .desktop file and whether it is Hidden (deleted)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set(), False
    group = None
    types: set[str] = set()
    hidden = False
    for line in text.splitlines():
        if _is_header(line):
            group = line.strip()[1:-1]
            continue
        key, sep, value = line.partition("=")
        if group == "Desktop Entry" and sep:
            if key.strip() == "MimeType":
                types = set(_ids(value))
            elif key.strip() == "Hidden":
                hidden = value.strip() == "true"
    return types, hidden


def declaring_apps(applications_dirs: Sequence[Path], mime: str, *, skip: str) -> list[str]:
    """Desktop ids (other than ``skip``) whose .desktop file declares ``mime``, first folder winning per id."""
    seen: set[str] = set()
    found: list[str] = []
    for folder in applications_dirs:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.desktop")):
            app = desktop_id(folder, path)
            if app in seen:
                continue  # an earlier folder's file of that id shadows this one
            seen.add(app)
            types, hidden = _declared_types(path)
            if app != skip and not hidden and mime in types:
                found.append(app)
    return found


def other_handlers(
    mime: str, *, app: str, lists: Sequence[Sequence[str]], applications_dirs: Sequence[Path]
) -> list[str]:
    """Apps other than ``app`` that handle ``mime``: listed for it in any of ``lists``, or declaring it.

    ``lists`` are the lines of the mimeapps.list files, most important first;
    apps its ``[Removed Associations]`` take away from ``mime`` do not count as declaring it.
    """
    listed: list[str] = []
    removed: set[str] = set()
    for lines in lists:
        for section in (DEFAULT, ADDED):
            listed.extend(listed_handlers(lines, mime, section=section))
        removed.update(listed_handlers(lines, mime, section=REMOVED))
    declared = [item for item in declaring_apps(applications_dirs, mime, skip=app) if item not in removed]
    return [item for item in dict.fromkeys(listed + declared) if item != app]
