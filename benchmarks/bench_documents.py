"""A department's training archive cards as one PDF: about 500 pages from the demo data's training year.

    python -m benchmarks.bench_documents [--employees 200] [--runs 3]
Target: >= 100 pages per second for the rendering (the cards' data gathered once, timed apart).
The demo's people each have a year of sessions (about 25), so a card runs to two or three pages.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from benchmarks.generate import open_database
from desktop_hr.models import Department
from desktop_hr.printing.archive_card import render_archive_cards
from desktop_hr.services.demo.fill import fill_demo
from desktop_hr.services.records import report_data

TARGET_PAGES_PER_SECOND = 100.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_documents", description=__doc__)
    parser.add_argument("--employees", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        started = time.perf_counter()
        fill_demo(db.uow(), employees=args.employees, seed=2026)
        print(f"demo data, {args.employees} employees: {time.perf_counter() - started:.1f} s")
        with db.read_session() as s:
            root = s.scalars(select(Department.id).where(Department.parent_id.is_(None))).one()
            settings = report_data.page_settings(s, datetime(2026, 11, 22, 10))
            gathered: list[float] = []
            for _run in range(args.runs):
                started = time.perf_counter()
                cards = report_data.department_archive_data(s, root)
                gathered.append(time.perf_counter() - started)
        rendered: list[float] = []
        pages = 0
        out = Path(folder) / "archive.pdf"
        for _run in range(args.runs):
            started = time.perf_counter()
            pages = render_archive_cards(out, cards, settings)
            rendered.append(time.perf_counter() - started)
        assert len(PdfReader(out).pages) == pages
        data_s, render_s = statistics.median(gathered), statistics.median(rendered)
        rate = pages / render_s
        print(f"archive cards: {len(cards)} people, {pages} pages, {out.stat().st_size / 1e6:.1f} MB")
        print(f"data (department_archive_data): median {data_s:.2f} s over {args.runs} runs")
        print(f"render (render_archive_cards): median {render_s:.2f} s -> {rate:.0f} pages/s")
        print(f"end to end: {pages / (data_s + render_s):.0f} pages/s")
        verdict = "meets" if rate >= TARGET_PAGES_PER_SECOND else "misses"
        print(f"{verdict} the target of {TARGET_PAGES_PER_SECOND:.0f} pages/s")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
