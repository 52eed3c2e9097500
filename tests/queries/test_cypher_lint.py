"""The Cypher files pass Neo4j's own linter (.ci/cypher-lint), and the linter does catch mistakes.

These run the real linter (Node.js). Without its install (`.ci/lint-cypher` makes it) they skip, unless
REQUIRE_CYPHER_LINT=1, as in CI, where a missing linter is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_DIR = ROOT / ".ci" / "cypher-lint"
LINT_SCRIPT = LINT_DIR / "lint.mjs"
CYPHER_DIR = ROOT / "queries" / "cypher"
SUMMARY = re.compile(r"^cypher-lint: (\d+) files, (\d+) problems$", re.MULTILINE)


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("REQUIRE_CYPHER_LINT") == "1":
        pytest.fail(f"REQUIRE_CYPHER_LINT=1, but {reason}")
    pytest.skip(f"Cypher linter not available: {reason}; run .ci/lint-cypher once to install it")


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _unavailable("node is not on PATH")
    if not (LINT_DIR / "node_modules").is_dir():
        _unavailable(f"{LINT_DIR / 'node_modules'} is missing")
    return node


def _lint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_node(), str(LINT_SCRIPT), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _problems(output: str, path: Path) -> list[tuple[int, int, str, str]]:
    """(line, column, severity, message) of each problem reported for `path`."""
    pattern = re.compile(rf"^{re.escape(str(path))}:(\d+):(\d+): (\w+): (.+)$", re.MULTILINE)
    return [(int(line), int(col), sev, msg) for line, col, sev, msg in pattern.findall(output)]


def test_every_project_cypher_file_lints_clean() -> None:
    files = sorted(CYPHER_DIR.glob("*.cypher"))
    assert files, f"no .cypher files in {CYPHER_DIR}"
    result = _lint(*files)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = SUMMARY.search(result.stdout)
    assert summary is not None, result.stdout
    assert summary.groups() == (str(len(files)), "0")


def test_clean_query_with_unknown_labels_and_parameters_passes(tmp_path: Path) -> None:
    query = tmp_path / "clean.cypher"
    query.write_text(
        "// clean: labels and parameters the linter cannot know are fine\n"
        "// Parameters: $rows\n"
        "UNWIND $rows AS row\n"
        "MERGE (o:Organisation {id: row.id})\n"
        "SET o.name = row.name\n"
        "RETURN count(o) AS written\n",
        encoding="utf-8",
    )
    result = _lint(query)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "cypher-lint: 1 files, 0 problems"


def test_syntax_error_fails_and_names_its_line(tmp_path: Path) -> None:
    query = tmp_path / "broken.cypher"
    query.write_text(
        "// broken: a misspelt keyword on line 4\n"
        "// Parameters: none\n"
        "MATCH (o:Organisation)\n"
        "RETRN o.id AS id\n",
        encoding="utf-8",
    )
    result = _lint(query)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = _problems(result.stdout, query)
    assert (4, 1, "error") in [(line, col, sev) for line, col, sev, _ in problems], result.stdout
    assert any("RETRN" in message for *_, message in problems)
    assert all(line == 4 for line, *_ in problems), result.stdout


def test_error_in_a_later_statement_is_reported_on_the_file_line(tmp_path: Path) -> None:
    schema = tmp_path / "schema.cypher"
    schema.write_text(
        "// schema: several statements separated by ;\n"
        "CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE;\n"
        "CREATE INDEX area_name IF NOT EXIST FOR (a:Area) ON (a.name);\n",
        encoding="utf-8",
    )
    result = _lint(schema)
    assert result.returncode == 1, result.stdout + result.stderr
    assert _problems(result.stdout, schema) == [
        (3, 31, "error", "Invalid input 'EXIST': expected 'EXISTS'")
    ], result.stdout


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        (
            "// deprecated: CALL subquery without a variable scope clause (Cypher 5 deprecation)\n"
            "MATCH (o:Organisation)\n"
            "CALL {\n"
            "  WITH o\n"
            "  MATCH (o)-[:SERVES]->(a:Area)\n"
            "  RETURN count(a) AS served\n"
            "}\n"
            "RETURN o.id AS id, served\n",
            (3, 1),
            "deprecated",
        ),
        ("MATCH (o:Organisation)\nRETURN id(o) AS internal\n", (2, 8), "deprecated function"),
    ],
    ids=["call-without-scope", "id-function"],
)
def test_deprecated_syntax_fails(tmp_path: Path, text: str, where: tuple[int, int], says: str) -> None:
    query = tmp_path / "deprecated.cypher"
    query.write_text(text, encoding="utf-8")
    result = _lint(query)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = _problems(result.stdout, query)
    assert [(line, col, sev) for line, col, sev, _ in problems] == [(*where, "warning")], result.stdout
    assert says in problems[0][3]


def test_version_prefix_and_empty_file_fail(tmp_path: Path) -> None:
    versioned = tmp_path / "versioned.cypher"
    versioned.write_text("// versioned\nCYPHER 25 MATCH (n) RETURN n\n", encoding="utf-8")
    empty = tmp_path / "empty.cypher"
    empty.write_text("// only a header, no statement\n", encoding="utf-8")
    result = _lint(versioned, empty)
    assert result.returncode == 1, result.stdout + result.stderr
    assert [p[:3] for p in _problems(result.stdout, versioned)] == [(2, 1, "error")], result.stdout
    assert [p[2] for p in _problems(result.stdout, empty)] == ["error"], result.stdout
    assert "cypher-lint: 2 files, 2 problems" in result.stdout


def test_no_files_fails() -> None:
    result = _lint()
    assert result.returncode == 1
    assert "no files" in result.stderr
