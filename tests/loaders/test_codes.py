"""Every problem code is declared once (``loaders.codes``) and documented in ``docs/``."""

from __future__ import annotations

import re
from pathlib import Path

from loaders.codes import ProblemCode

DOCS = Path(__file__).parents[2] / "docs"
CODE = re.compile(r"[a-z]+(?:-[a-z]+)+")


def _documented() -> set[str]:
    """The codes named in the first cell of a table row of the two pages that explain them."""
    found: set[str] = set()
    for page in ("input-files.md", "open-data.md"):
        for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
            if line.startswith("| `"):
                first_cell = line.split("|")[1]
                found |= {name for name in re.findall(r"`([^`]+)`", first_cell) if CODE.fullmatch(name)}
    return found


def test_every_code_is_documented() -> None:
    assert {code.value for code in ProblemCode} - _documented() == set()


def test_every_documented_code_exists() -> None:
    assert _documented() - {code.value for code in ProblemCode} == set()


def test_codes_are_their_text() -> None:
    assert str(ProblemCode.BAD_AREA_CODE) == f"{ProblemCode.BAD_AREA_CODE}" == "bad-area-code"
    assert isinstance(ProblemCode.BAD_AREA_CODE, str)
    assert all(code.value == code.name.lower().replace("_", "-") for code in ProblemCode)


def test_no_code_is_written_as_a_literal_in_loaders() -> None:
    root = Path(__file__).parents[2] / "loaders"
    literal = re.compile("[\"'](" + "|".join(map(re.escape, ProblemCode)) + ")[\"']")
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "codes.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert found == []
