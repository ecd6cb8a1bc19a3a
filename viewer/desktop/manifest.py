"""The record of what a desktop-entry install created, so that uninstall removes exactly that. Qt-free.

The record is a small JSON file, ``Places.manifest`` (``$XDG_DATA_HOME/one.talon.AudienceViewer/desktop-install.json``)::

    {"format": 1,
     "files": [...],            # files the install wrote
     "directories": [...],      # directories it created, parents before children
     "generated": [...],        # files the cache tools (update-mime-database, ...) created for it
     "mimeapps": {"path": "...", "created": false, "groups": ["Added Associations"]}}

``groups`` are the mimeapps.list groups the install added; ``created`` says
the install created the mimeapps.list file itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 1


class ManifestError(ValueError):
    """An install record that cannot be read back; the message says what is wrong."""


def _union(*lists: Iterable[Path]) -> list[Path]:
    return list(dict.fromkeys(item for items in lists for item in items))


@dataclass(frozen=True)
class Manifest:
    """What one install (or several installs into the same place, merged) created."""

    files: list[Path] = field(default_factory=list)
    directories: list[Path] = field(default_factory=list)
    generated: list[Path] = field(default_factory=list)
    mimeapps: Path | None = None
    mimeapps_created: bool = False
    groups: list[str] = field(default_factory=list)

    def merged_into(self, older: Manifest | None) -> Manifest:
        """This record plus what an ``older`` install into the same place created."""
        if older is None:
            return self
        same_list = older.mimeapps == self.mimeapps
        return Manifest(
            files=_union(older.files, self.files),
            directories=_union(older.directories, self.directories),
            generated=_union(older.generated, self.generated),
            mimeapps=self.mimeapps,
            mimeapps_created=self.mimeapps_created or (same_list and older.mimeapps_created),
            groups=list(dict.fromkeys([*older.groups, *self.groups] if same_list else self.groups)),
        )

    def dumps(self) -> str:
        """The JSON text of the record."""
        data = {
            "format": FORMAT,
            "files": [str(path) for path in self.files],
            "directories": [str(path) for path in self.directories],
            "generated": [str(path) for path in self.generated],
            "mimeapps": {
                "path": None if self.mimeapps is None else str(self.mimeapps),
                "created": self.mimeapps_created,
                "groups": self.groups,
            },
        }
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def loads(cls, text: str) -> Manifest:
        """Read a record written by ``dumps``; raise ``ManifestError`` saying what is wrong."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ManifestError(f"not JSON ({error})") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ManifestError(f"not a format {FORMAT} install record")

        def paths(key: str) -> list[Path]:
            items = data.get(key, [])
            if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
                raise ManifestError(f"{key!r} is not a list of paths")
            return [Path(item) for item in items]

        mimeapps = data.get("mimeapps", {})
        if not isinstance(mimeapps, dict):
            raise ManifestError("'mimeapps' is not an object")
        path, created, groups = mimeapps.get("path"), mimeapps.get("created", False), mimeapps.get("groups", [])
        if not (path is None or isinstance(path, str)) or not isinstance(created, bool):
            raise ManifestError("'mimeapps' has a bad 'path' or 'created'")
        if not isinstance(groups, list) or not all(isinstance(group, str) for group in groups):
            raise ManifestError("'mimeapps.groups' is not a list of group names")
        return cls(
            files=paths("files"),
            directories=paths("directories"),
            generated=paths("generated"),
            mimeapps=None if path is None else Path(path),
            mimeapps_created=created,
            groups=list(groups),
        )
