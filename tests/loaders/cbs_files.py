"""Files for the CBS import tests: the shared Utrecht files, variants of them, outlines.

The outlines are synthetic: a 2 x 5 grid of 2 km squares near Utrecht, one per wijk
code, nothing like the real wijk boundaries.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "KWB",
    "NABIJHEID",
    "UTRECHT_WIJKEN",
    "kwb_rows",
    "shared",
    "wijk_outlines",
    "with_decimal_commas",
    "write_csv",
    "write_json",
]

_SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cbs_utrecht_buurten"
KWB = "kwb_2024_utrecht.csv"
NABIJHEID = "nabijheid_voorzieningen_buurt_2023_utrecht.csv"
UTRECHT_WIJKEN = tuple(f"WK0344{n:02d}" for n in range(1, 11))
_DECIMAL = re.compile(r"^\d+\.\d+$")


def shared(name: str) -> Path:
    """A file of the shared CBS data; skips the test when the shared folder is not there."""
    path = _SHARED / name
    if not path.exists():
        pytest.skip(f"shared CBS data not found at {path} (expected beside the checkout)")
    return path


def kwb_rows() -> list[list[str]]:
    """The shared kwb file as rows of cells, header first."""
    text = shared(KWB).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def with_decimal_commas(rows: list[list[str]]) -> list[list[str]]:
    """The same rows with every decimal point written as a decimal comma (Dutch Excel)."""
    return [[cell.replace(".", ",") if _DECIMAL.match(cell) else cell for cell in row] for row in rows]


def write_csv(path: Path, rows: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8") -> Path:
    """Write rows as CSV, quoting only where needed."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def wijk_outlines(codes: tuple[str, ...] = UTRECHT_WIJKEN, *, degrees: bool = False) -> dict[str, Any]:
    """A FeatureCollection with one square per code, in RD New metres or in WGS84 degrees."""
    features = []
    for index, code in enumerate(codes):
        column, row = index % 5, index // 5
        if degrees:
            x, y, size = 5.0 + column * 0.03, 52.0 + row * 0.02, 0.02
        else:
            x, y, size = 128_000.0 + column * 2_000, 452_000.0 + row * 2_000, 2_000.0
        ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
        properties = {"statcode": code, "statnaam": f"Synthetic {code}"}
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def write_json(path: Path, document: dict[str, Any]) -> Path:
    """Write a JSON document (UTF-8)."""
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
