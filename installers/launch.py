"""PyInstaller entry point: the window with no arguments, the `desktop-hr` subcommands with them."""

from __future__ import annotations

import sys

from desktop_hr.cli import main

if __name__ == "__main__":
    sys.exit(main())
