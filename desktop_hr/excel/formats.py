"""What kind of table a file really is, from its content rather than its name: an Excel 2007+ package, an old
Excel (BIFF, .xls: what WPS saves by default too), an OpenDocument spreadsheet (.ods), or text with separated
values (.csv / .txt, from other systems) in UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK.

Everything that is none of these is refused by name before a parser sees it: an ".xls" that is really a web
page or an Excel 2003 XML file says so, a WPS .et that cannot be read asks for "另存为", an encrypted workbook
asks for the password to be removed, an empty file says it is empty.
"""

from __future__ import annotations

import codecs
import csv
import enum
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop_hr import messages
from desktop_hr.errors import DomainError

messages.define(
    {
        "excel.not_spreadsheet": (
            "“{name}” 不是表格文件。可导入 Excel（.xlsx、.xls）、WPS 表格、OpenDocument（.ods）或 CSV 文件。",
            '"{name}" is not a spreadsheet. Excel (.xlsx, .xls), WPS, OpenDocument (.ods) and CSV files can be imported.',
        ),
        "excel.legacy_xls": (
            "“{name}” 设置了打开密码，无法读取。请在 Excel 或 WPS 中取消密码（或另存为不设密码的 .xlsx）后再导入。",
            '"{name}" is protected by a password and cannot be read. Remove the password in Excel or WPS '
            "(or save it as .xlsx without one), then import it.",
        ),
        "excel.wps_et": (
            "“{name}” 是 WPS 表格专用格式（.et），无法直接读取。请在 WPS 中另存为 .xlsx 或 .xls 后再导入。",
            '"{name}" is in WPS\'s own format (.et) and cannot be read. In WPS, save it as .xlsx or .xls, then import it.',
        ),
        "excel.html_table": (
            "“{name}” 实际上是网页（HTML）格式，只是扩展名为 {suffix}。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
            '"{name}" is really a web page (HTML) named {suffix}. Open it in Excel or WPS, save it as .xlsx, then import it.',
        ),
        "excel.spreadsheet_ml": (
            "“{name}” 是 Excel 2003 XML 表格格式，无法直接读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。",
            '"{name}" is an Excel 2003 XML spreadsheet, which cannot be read directly. Open it in Excel or WPS, '
            "save it as .xlsx, then import it.",
        ),
        "excel.empty_file": ("“{name}” 是空文件，没有任何内容。", '"{name}" is empty: it holds nothing.'),
        "excel.unknown_encoding": (
            "无法识别 “{name}” 的文字编码（第 {line} 行附近既不是 UTF-8 也不是 GBK/GB18030）。"
            "请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后再导入。",
            'Cannot tell the text encoding of "{name}" (near line {line} it is neither UTF-8 nor GBK/GB18030). '
            'Save it as .xlsx or "CSV UTF-8" in Excel or WPS, then import it.',
        ),
        "excel.too_large": (
            "“{name}” 解压后超过 {limit} MB，不像普通的表格，已拒绝读取。",
            '"{name}" unpacks to more than {limit} MB; that is not an ordinary table, so it was not read.',
        ),
        "excel.unreadable": (
            "无法打开 “{name}”：{detail}。如果它正在 Excel 中打开，请先关闭。",
            'Cannot open "{name}": {detail}. If it is open in Excel, close it first.',
        ),
    }
)


class SpreadsheetRejected(DomainError):
    """The file cannot be read as a table at all: wrong kind of file, damaged, too big, no header."""


class NotASpreadsheet(SpreadsheetRejected):
    code = "excel.not_spreadsheet"


class LegacyWorkbook(SpreadsheetRejected):
    """An encrypted (password-protected) workbook: no reader here can open it."""

    code = "excel.legacy_xls"


class WpsWorkbook(SpreadsheetRejected):
    code = "excel.wps_et"


class HtmlTable(SpreadsheetRejected):
    code = "excel.html_table"


class SpreadsheetXml(SpreadsheetRejected):
    code = "excel.spreadsheet_ml"


class EmptyTableFile(SpreadsheetRejected):
    code = "excel.empty_file"


class UnknownEncoding(SpreadsheetRejected):
    code = "excel.unknown_encoding"


class WorkbookTooLarge(SpreadsheetRejected):
    code = "excel.too_large"


class FileUnreadable(SpreadsheetRejected):
    code = "excel.unreadable"


class SheetFormat(enum.StrEnum):
    XLSX = "xlsx"  # also .xlsm: the Office Open XML package
    XLS = "xls"  # BIFF in an OLE compound file (Excel 97-2003, WPS's default)
    ODS = "ods"
    CSV = "csv"  # any delimited text


@dataclass(frozen=True)
class Detected:
    format: SheetFormat
    encoding: str = ""  # text only
    delimiter: str = ","  # text only


# What the window's file dialogs offer (the content decides, but people look for these names).
EXTENSIONS = ("*.xlsx", "*.xlsm", "*.xls", "*.et", "*.ods", "*.csv", "*.txt")

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# The stream an encrypted Office Open XML file keeps its package in, as named in the OLE directory (UTF-16).
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = ",\t;"


def detect(path: Path, max_bytes: int) -> Detected:
    """The file's real kind, or the refusal that names it (never a parser's traceback)."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise FileUnreadable(name=name, detail=exc.strerror or str(exc)) from exc
    if size == 0:
        raise EmptyTableFile(name=name)
    if head.startswith(_ZIP_SIGNATURE):
        return Detected(_package_format(path, max_bytes))
    if size > max_bytes:
        raise WorkbookTooLarge(name=name, limit=max_bytes // (1024 * 1024))
    if head.startswith(_OLE_SIGNATURE):
        if _ENCRYPTED_PACKAGE in path.read_bytes():
            raise LegacyWorkbook(name=name)  # an .xlsx with an opening password is an encrypted OLE file
        return Detected(SheetFormat.XLS)
    return _text_format(path, head)


def _package_format(path: Path, max_bytes: int) -> SheetFormat:
    name = path.name
    try:
        with zipfile.ZipFile(path) as package:
            entries = package.infolist()
            names = {e.filename for e in entries}
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise NotASpreadsheet(name=name) from exc
    if "xl/workbook.xml" in names:
        found = SheetFormat.XLSX
    elif "content.xml" in names and mimetype.startswith(_ODS_MIMETYPE):
        found = SheetFormat.ODS
    else:
        raise NotASpreadsheet(name=name)  # a .docx, .pptx, .odt or any other zip
    # The directory states each member's unpacked size; checking it costs nothing and stops a bomb early.
    if sum(e.file_size for e in entries) > max_bytes:
        raise WorkbookTooLarge(name=name, limit=max_bytes // (1024 * 1024))
    return found


def _text_format(path: Path, head: bytes) -> Detected:
    name = path.name
    encoding = _encoding_of(path, head)
    sample = head.decode(encoding, errors="ignore")
    start = sample.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html", "<table", "<meta")) or (
        start.startswith("<") and "<html" in start[:2000]
    ):
        raise HtmlTable(name=name, suffix=path.suffix or "（无）")
    if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in start:
        raise SpreadsheetXml(name=name)
    if not start.strip():
        raise EmptyTableFile(name=name)
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if controls > len(sample) // 100:
        raise NotASpreadsheet(name=name)  # binary: not text whatever the decoder said
    return Detected(SheetFormat.CSV, encoding, _delimiter_of(sample))


def _encoding_of(path: Path, head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode text" (tab-separated)
    if b"\x00" in head:
        raise NotASpreadsheet(name=path.name)
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as utf8:
        try:
            data.decode("gb18030")
            return "gb18030"  # a superset of GBK and GB2312: what Chinese Windows writes
        except UnicodeDecodeError:
            line = data[: utf8.start].count(b"\n") + 1
            raise UnknownEncoding(name=path.name, line=line) from utf8


def _delimiter_of(sample: str) -> str:
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=_DELIMITERS).delimiter
    except csv.Error:
        # The separator that splits the most lines into the same number of cells.
        counts = {d: sum(line.count(d) for line in lines) for d in _DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def text_rows(path: Path, detected: Detected) -> list[list[str | None]]:
    """Every row of a delimited text file, blank cells as None (as the workbook readers give them)."""
    text = path.read_bytes().decode(detected.encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detected.delimiter)
    return [[cell if cell.strip() else None for cell in row] for row in reader]
