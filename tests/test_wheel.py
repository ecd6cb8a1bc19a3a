"""The built wheel carries everything the app needs: install it into a fresh venv and run it."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _can_build_without_isolation() -> bool:
    """setuptools >= 68 and wheel here: no need to fetch the build backend."""
    if importlib.util.find_spec("wheel") is None:
        return False
    import setuptools

    return int(setuptools.__version__.split(".")[0]) >= 68


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with only the wheel installed in it; PySide6 and orjson are borrowed."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"  # build from a copy: no build/ or egg-info in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "viewer", source / "viewer", ignore=ignore)
    shutil.copytree(REPO / "resources", source / "resources", ignore=ignore)

    dist = root / "dist"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)]
    if _can_build_without_isolation():
        build.insert(4, "--no-build-isolation")
    done = subprocess.run(build, capture_output=True, text=True, timeout=300, cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    (wheel,) = dist.glob("audience_viewer-*.whl")

    env_dir = root / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        capture_output=True, text=True, timeout=300, cwd=root,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # Dependencies come from this interpreter's site-packages, appended after the venv's own
    # (a path in a .pth file is added as is: an editable install's finder there stays inactive).
    query = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(subprocess.check_output([str(python), "-c", query], text=True).strip())
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    for module in ("PySide6", "orjson"):
        spec = importlib.util.find_spec(module)
        borrowed.add(str(Path(spec.origin).parent.parent))
    (purelib / "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return env_dir


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(
        QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
        AUDIENCE_VIEWER_SETTINGS=str(tmp_path / "settings.ini"),
    )
    return env


def _bin(env_dir: Path, name: str) -> str:
    return str(env_dir / ("Scripts" if os.name == "nt" else "bin") / name)


def test_launcher_reports_the_version(installed: Path, tmp_path: Path) -> None:
    done = subprocess.run([_bin(installed, "audience-viewer"), "--version"], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "audience-viewer 0.1.0"


def test_installed_package_finds_its_resources(installed: Path, tmp_path: Path) -> None:
    code = textwrap.dedent("""
        import sys, viewer
        from pathlib import Path
        from viewer.desktop.resources import sample_export_path, icon_path, desktop_file_path
        inside = Path(sys.prefix).resolve()
        for path in (Path(viewer.__file__), sample_export_path(), icon_path(), icon_path(256), desktop_file_path()):
            assert inside in path.resolve().parents, (path, inside)
        export = viewer.load(sample_export_path())
        print(len(export.profiles), export.shape)
        from viewer.desktop.resources import sample_companion_paths
        companions = sample_companion_paths()
        assert len(companions) == 4 and all(inside in p.resolve().parents for p in companions), companions
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from viewer.ui.widgets.app_icon import application_icon
        from viewer.ui.window.welcome_page import WelcomePage
        page = WelcomePage()
        page.show()
        print("icon", not application_icon().isNull(), page.objectName())
    """)
    done = subprocess.run([_bin(installed, "python"), "-c", code], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    count, shape = done.stdout.splitlines()[0].split()
    assert int(count) >= 30 and shape == "page"
    assert "icon True welcomePage" in done.stdout


def test_installed_app_opens_the_sample_offscreen(installed: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    env["AUDIENCE_VIEWER_BENCH_EXIT_AFTER_PAINT"] = "1"  # quit after the sample is painted
    done = subprocess.run([_bin(installed, "audience-viewer"), "--sample"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "bench loaded-paint" in done.stdout
