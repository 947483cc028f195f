"""Reading a 10,000-row roster in every format an office has, against the floor of each format.

    python -m benchmarks.bench_formats [--rows 10000] [--repeat 5]

The same roster (benchmarks.generate.write_roster) as .xlsx, as CSV in UTF-8 with BOM and in GB18030, and,
when LibreOffice is installed, as .xls and .ods converted by it. Each is read by the program
(`parse_employees`: detection of the real format and encoding, header search, cleaning, validation) and by
the floor: python-calamine reading the workbook into Python values, or the csv module reading the text,
interleaved call by call; medians and the ratio are printed.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import write_roster
from desktop_hr.excel.employees import parse_employees


def calamine_floor(path: Path) -> Callable[[], int]:
    def read() -> int:
        from python_calamine import CalamineWorkbook

        with path.open("rb") as handle:
            workbook = CalamineWorkbook.from_filelike(handle)
        return len(workbook.get_sheet_by_index(0).to_python())

    return read


def csv_floor(path: Path, encoding: str) -> Callable[[], int]:
    def read() -> int:
        return sum(1 for _ in csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))

    return read


def program(path: Path) -> Callable[[], int]:
    def read() -> int:
        parsed = parse_employees(path)
        if parsed.errors:
            raise SystemExit(f"{path.name}: {len(parsed.errors)} errors, e.g. {parsed.errors[0].describe()}")
        return len(parsed.records)

    return read


def median_pair(first: Callable[[], int], second: Callable[[], int], repeat: int) -> tuple[float, float]:
    first(), second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeat):
        for action, samples in ((first, a), (second, b)):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
    return statistics.median(a), statistics.median(b)


def _text(value: object) -> object:
    """As Excel writes a cell to CSV: whole numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def write_csv(source: Path, target: Path, encoding: str) -> Path:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(source)).get_sheet_by_index(0).to_python()
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([_text(v) for v in row])
    data = out.getvalue().encode(encoding)
    target.write_bytes((codecs.BOM_UTF8 if encoding == "utf-8" else b"") + data)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_formats", description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="desktop_hr-formats-") as tmp:
        folder = Path(tmp)
        xlsx = write_roster(folder / "roster.xlsx", args.rows)
        cases: list[tuple[str, Path, Callable[[], int]]] = [
            ("xlsx", xlsx, calamine_floor(xlsx)),
        ]
        bom = write_csv(xlsx, folder / "roster-utf8.csv", "utf-8")
        cases.append(("csv utf-8 bom", bom, csv_floor(bom, "utf-8-sig")))
        gbk = write_csv(xlsx, folder / "roster-gbk.csv", "gb18030")
        cases.append(("csv gb18030", gbk, csv_floor(gbk, "gb18030")))
        office = shutil.which("soffice")
        if office:
            for suffix in ("xls", "ods"):
                subprocess.run(
                    [
                        office,
                        "--headless",
                        f"-env:UserInstallation=file://{folder}/profile",
                        "--convert-to",
                        suffix,
                        "--outdir",
                        str(folder),
                        str(xlsx),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=600,
                )
                converted = folder / f"roster.{suffix}"
                cases.append((suffix, converted, calamine_floor(converted)))
        else:
            print("LibreOffice not installed: .xls and .ods left out")
        print(f"{args.rows} rows; median of {args.repeat}, interleaved with the floor")
        for name, path, floor in cases:
            records = program(path)()
            mine, base = median_pair(program(path), floor, args.repeat)
            print(
                f"{name:14} {records} records: program {mine * 1000:6.0f} ms, floor {base * 1000:6.0f} ms, "
                f"ratio {mine / base:4.1f}x"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
