"""`python -m desktop_hr.cli`: the same as `desktop-hr`."""

import sys

from desktop_hr.cli import main

sys.exit(main())
