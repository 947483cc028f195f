"""QR codes for printed documents, with ReportLab's encoder tables (block layout, function patterns, format
and version bits) and the slow parts done here.

For a certificate's signed text (version 11 to 15) ReportLab's `QRCode.make` takes about 25 ms: it builds
the data bit by bit, computes the error correction with polynomial objects and scores all eight masks. Here
the data is packed as one integer, the error correction uses multiplication tables, one fixed mask is used
(any of the eight is valid: the format bits name it) and the matrix of each version is laid out once with
all-zero data, so a code is that template XOR its data bits put in place by one precomputed
`itemgetter`: well under 1 ms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import zip_longest
from operator import itemgetter

from reportlab.graphics.barcode import qrencoder

LEVEL = qrencoder.QRErrorCorrectLevel.M
MASK = 2  # columns pattern
QUIET = 4  # modules of white around the code, as the standard asks
UTF8_ECI = 26  # tells the reader the bytes are UTF-8 (Chinese names); a reader takes 8-bit data without it
# as Shift-JIS or Latin-1
BYTE_MODE, ECI_MODE = 0x4, 0x7
PADS = (0xEC, 0x11)
DARK_RUNS = re.compile(b"\x01+")
BITS = bytes.maketrans(b"01", b"\0\1")


@dataclass(frozen=True)
class QrMatrix:
    version: int
    rows: tuple[bytes, ...]  # 1 = dark module, top row first, without the quiet zone

    @property
    def modules(self) -> list[list[bool]]:
        return [[bool(module) for module in row] for row in self.rows]


@cache
def _data_codewords(version: int) -> int:
    return sum(block.dataCount for block in qrencoder.QRRSBlock.getRSBlocks(version, LEVEL))


def _count_bits(version: int) -> int:
    """Bits of the byte count in 8-bit mode."""
    return 8 if version < 10 else 16


def _version(length: int, eci: bool) -> int:
    """The smallest version whose data capacity holds the header and `length` bytes."""
    for version in range(1, 41):
        bits = (12 if eci else 0) + 4 + _count_bits(version) + 8 * length
        if bits <= _data_codewords(version) * 8:
            return version
    raise ValueError(f"{length} bytes do not fit in a QR code")


def _data(payload: bytes, eci: bool, version: int) -> list[int]:
    """The data codewords: [ECI 26] byte mode, count, bytes, terminator, padding (as QRCode.createData)."""
    value, bits = 0, 0
    if eci:
        value, bits = (ECI_MODE << 8) | UTF8_ECI, 12
    count_bits = _count_bits(version)
    value = (((value << 4) | BYTE_MODE) << count_bits) | len(payload)
    bits += 4 + count_bits
    value = (value << 8 * len(payload)) | int.from_bytes(payload, "big")
    bits += 8 * len(payload)
    capacity = _data_codewords(version)
    if bits + 4 <= capacity * 8:
        value, bits = value << 4, bits + 4
    value, bits = value << (-bits % 8), bits + (-bits % 8)
    data = list(value.to_bytes(bits // 8, "big"))
    return data + [PADS[i % 2] for i in range(capacity - len(data))]


def _times(a: int, b: int) -> int:
    if not a or not b:
        return 0
    return int(qrencoder.EXP_TABLE[(qrencoder.LOG_TABLE[a] + qrencoder.LOG_TABLE[b]) % 255])


@cache
def _multiples(ec_count: int) -> tuple[int, ...]:
    """For each byte value f, f times the Reed-Solomon generator's coefficients after the leading 1, as one
    integer of `ec_count` bytes (the first coefficient in the highest byte)."""
    poly = [1]
    for i in range(ec_count):
        term = qrencoder.EXP_TABLE[i % 255]
        poly = [a ^ b for a, b in zip([*poly, 0], [0, *(_times(c, term) for c in poly)], strict=True)]
    return tuple(int.from_bytes(bytes(_times(factor, c) for c in poly[1:]), "big") for factor in range(256))


def _error_correction(data: list[int], ec_count: int) -> list[int]:
    """The remainder of data·x^n divided by the generator: long division with the remainder held as one
    integer, each data byte a shift and one XOR of a table row."""
    multiples = _multiples(ec_count)
    top = 8 * (ec_count - 1)
    keep = (1 << 8 * ec_count) - 1
    rest = 0
    for value in data:
        rest = ((rest << 8) & keep) ^ multiples[value ^ (rest >> top)]
    return list(rest.to_bytes(ec_count, "big"))


def codewords(version: int, data: list[int]) -> list[int]:
    """Data and error correction blocks interleaved, as QRCode.createBytes returns them."""
    data_blocks, ec_blocks, offset = [], [], 0
    for block in qrencoder.QRRSBlock.getRSBlocks(version, LEVEL):
        data_blocks.append(data[offset : offset + block.dataCount])
        offset += block.dataCount
        ec_blocks.append(_error_correction(data_blocks[-1], block.totalCount - block.dataCount))
    return [
        value
        for group in (zip_longest(*data_blocks), zip_longest(*ec_blocks))
        for column in group
        for value in column
        if value is not None
    ]


@dataclass(frozen=True)
class _Layout:
    """One version's matrix, row after row in one string of 0/1 bytes: `template` with all-zero data
    (function patterns, format and version bits, and the mask where the data goes), and `source`, which
    picks for each module its data bit (the bit's index) or a zero (the index past the last bit)."""

    size: int
    template: bytes
    source: Callable[[bytes], tuple[int, ...]]


@cache
def _layout(version: int) -> _Layout:
    code = qrencoder.QRCode(version, LEVEL)
    total = sum(block.totalCount for block in qrencoder.QRRSBlock.getRSBlocks(version, LEVEL))
    code.dataCache = [0] * total
    code.makeImpl(False, MASK)
    size = len(code.modules)
    bits = 8 * total
    source = [bits] * (size * size)
    for index, (col, row) in enumerate(code.dataPosIterator()):
        if index < bits:  # the remainder bits past the last codeword stay 0
            source[row * size + col] = index
    template = bytes(module for row in code.modules for module in row)
    return _Layout(size, template, itemgetter(*source))


def encode(payload: str) -> QrMatrix:
    """`payload` as a QR code, error correction M (15 %), mask 2; UTF-8 with an ECI header unless ASCII."""
    data = payload.encode("utf-8")
    eci = not payload.isascii()
    version = _version(len(data), eci)
    words = codewords(version, _data(data, eci, version))
    layout = _layout(version)
    bits = format(int.from_bytes(bytes(words), "big"), f"0{8 * len(words)}b").encode().translate(BITS) + b"\0"
    placed = bytes(layout.source(bits))  # each module's data bit, in the matrix's order
    cells = len(layout.template)
    flat = (int.from_bytes(layout.template, "big") ^ int.from_bytes(placed, "big")).to_bytes(cells, "big")
    return QrMatrix(
        version, tuple(flat[start : start + layout.size] for start in range(0, cells, layout.size))
    )


def pdf_operators(matrix: QrMatrix, x: float, y: float, size: float) -> str:
    """The code as PDF path operators for a `size` square (quiet zone included) at (x, y): the module grid
    set up once with `cm`, then one integer rectangle per run of dark modules, filled once.

    Written as text: ReportLab's path.rect formats each coordinate through its pure-Python fp_str, which
    took longer than everything else on a certificate page."""
    count = len(matrix.rows)
    cell = size / (count + 2 * QUIET)
    parts = [f"q {cell:.5f} 0 0 {cell:.5f} {x:.3f} {y:.3f} cm"]
    for index, row in enumerate(matrix.rows):
        bottom = count + QUIET - 1 - index
        parts.extend(
            f"{QUIET + run.start()} {bottom} {run.end() - run.start()} 1 re"
            for run in DARK_RUNS.finditer(row)
        )
    parts.append("f Q")
    return "\n".join(parts)
