"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _setup_commands()
    assert len(commands) == 2
    assert text.index("```sh") < text.index("\n## ")  # before any other section
    assert commands[0].endswith("audience-viewer --sample")
    assert "[test]" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _setup_commands()[1] in ci


def test_development_section_lists_the_packages_that_exist() -> None:
    """The layout in README's Development section is the tree that is really there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Development", 1)[1].split("```\n", 1)[1].split("```", 1)[0]
    listed: set[str] = set()
    parents: list[tuple[int, str]] = []
    for line in block.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        name = line.split()[0]
        if not (name.endswith("/") or name.endswith(".py")):
            continue  # a continuation line of a description
        parents = [(i, p) for i, p in parents if i < indent]
        path = "".join(p for _, p in parents) + name
        listed.add(path.rstrip("/"))
        if name.endswith("/"):
            parents.append((indent, name))
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "viewer").rglob("__init__.py")}
    top_modules = {f"viewer/{p.name}" for p in (ROOT / "viewer").glob("*.py") if p.name != "__main__.py"}
    ui_modules = {f"viewer/ui/{p.name}" for p in (ROOT / "viewer" / "ui").glob("*.py") if p.name != "__init__.py"}
    assert packages <= listed, f"not in README: {sorted(packages - listed)}"
    assert top_modules | ui_modules <= listed, f"not in README: {sorted((top_modules | ui_modules) - listed)}"
    assert {p for p in listed if not (ROOT / p).exists()} == set(), "README lists what is not there"
