"""The Windows build's inputs: one version for the wheel, the exe and the installer; an icon for every size
Windows shows. (The bundle itself is built and started by .ci/run: installers/smoke_test.py.)"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

from PIL import Image

import desktop_hr

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("installers_build", REPO / "installers" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_version_is_written_once_and_every_build_reads_it() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "desktop_hr/__init__.py"
    assert importlib.metadata.version("desktop_hr") == desktop_hr.__version__
    assert _build_script().package_version() == desktop_hr.__version__
    # The installer script takes the version from the build (/DAppVersion) and has none of its own.
    iss = (REPO / "installers" / "desktop_hr.iss").read_text("utf-8-sig")
    assert desktop_hr.__version__ not in iss
    assert "#ifndef AppVersion\n  #error" in iss


def test_the_build_pins_pyinstaller() -> None:
    build = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["optional-dependencies"][
        "build"
    ]
    assert any(requirement.startswith("pyinstaller==") for requirement in build)


def test_the_icon_has_every_size_windows_shows_and_a_transparent_outside() -> None:
    with Image.open(ICONS / "desktop_hr.ico") as ico:
        sizes = set(ico.info["sizes"])
    assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= sizes
    with Image.open(ICONS / "desktop_hr.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"
        assert png.getpixel((0, 0))[3] == 0  # rounded corners: the desktop shows through
        assert png.getpixel((128, 128))[3] == 255
