"""Builds the program folder with PyInstaller and, on Windows with Inno Setup, the installer: one command.

    python installers/build.py                  # dist/desktop_hr/ (+ dist/installer/desktop_hr-<version>-setup.exe)
    python installers/build.py --no-installer   # the folder only (what CI builds on Linux)
    python installers/build.py --iscc "D:\\Tools\\Inno Setup 6\\ISCC.exe"

Run it with the Python of a venv holding the program and its build tools (`pip install ".[build]"`).
The version is desktop_hr.__version__ (desktop_hr/__init__.py; pyproject.toml reads it from there too):
this script passes it to the spec (`-- --app-version`) and to Inno Setup (`/DAppVersion=`). It prints
the folder's size at the end. Exit status 0 when everything asked for was built.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installers" / "desktop_hr.spec"
ISS = ROOT / "installers" / "desktop_hr.iss"
APP_NAME = "desktop_hr"


def package_version() -> str:
    """desktop_hr.__version__, read from the file without importing the package (or Qt)."""
    text = (ROOT / "desktop_hr" / "__init__.py").read_text("utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise SystemExit("no __version__ in desktop_hr/__init__.py")
    return found.group(1)


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under `folder`."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def find_iscc(given: str | None) -> Path | None:
    """Inno Setup's compiler: --iscc, else on PATH, else where its installer (or winget) puts it."""
    if given:
        return Path(given)
    on_path = shutil.which("ISCC") or shutil.which("iscc")
    if on_path:
        return Path(on_path)
    places = [
        os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"),
        os.environ.get("PROGRAMFILES", r"C:\Program Files"),
        str(Path(os.environ.get("LOCALAPPDATA", "")) / "Programs"),
    ]
    for place in places:
        candidate = Path(place) / "Inno Setup 6" / "ISCC.exe"
        if candidate.is_file():
            return candidate
    return None


def run(command: list[str]) -> None:
    print("+", " ".join(f'"{part}"' if " " in part else part for part in command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def build_bundle(version: str, dist: Path, work: Path) -> Path:
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
            "--",
            "--app-version",
            version,
        ]
    )
    bundle = dist / APP_NAME
    exe = bundle / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)
    if not exe.is_file():
        raise SystemExit(f"PyInstaller finished but {exe} is missing")
    return bundle


def build_installer(iscc: Path, version: str, bundle: Path, out: Path) -> Path:
    chinese = iscc.parent / "Languages" / "ChineseSimplified.isl"
    if not chinese.is_file():
        print(
            f"NOTE: {chinese} is missing: the setup will be in English only. "
            "To have it in Chinese too, see installers/README.md (Inno Setup's Chinese messages).",
            flush=True,
        )
    run([str(iscc), f"/DAppVersion={version}", f"/DBundleDir={bundle}", f"/O{out}", str(ISS)])
    setup = out / f"{APP_NAME}-{version}-setup.exe"
    if not setup.is_file():
        raise SystemExit(f"Inno Setup finished but {setup} is missing")
    return setup


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist)")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's scratch folder"
    )
    parser.add_argument("--no-installer", action="store_true", help="build the program folder only")
    parser.add_argument("--iscc", help="path of Inno Setup's ISCC.exe when it is not found by itself")
    args = parser.parse_args(argv)

    version = package_version()
    print(f"desktop_hr {version}, Python {sys.version.split()[0]} ({sys.executable})", flush=True)
    started = time.monotonic()
    bundle = build_bundle(version, args.dist.resolve(), args.work.resolve())
    size, files = folder_size(bundle)
    print(
        f"bundle: {bundle} — {size / 2**20:.1f} MiB in {files} files, built in {time.monotonic() - started:.0f} s"
    )

    if args.no_installer:
        return 0
    if sys.platform != "win32" and not args.iscc:
        print("no installer: Inno Setup runs on Windows (use --no-installer to say you want the folder only)")
        return 0
    iscc = find_iscc(args.iscc)
    if iscc is None:
        print(
            "Inno Setup 6 not found (ISCC.exe): install it (installers/README.md, step 5) or pass --iscc PATH",
            file=sys.stderr,
        )
        return 1
    setup = build_installer(iscc, version, bundle, args.dist.resolve() / "installer")
    print(f"installer: {setup} — {setup.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
