"""Read and check an HSDS source into a batch that ``loaders.load.write_checked`` writes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from graph.model import Area, Ecosystem
from loaders.hsds.mapping import Options, map_package
from loaders.hsds.read import read_hsds
from loaders.load import Checked
from loaders.report import LoadReport
from queries.base import KnownIds

__all__ = ["check_hsds"]


def check_hsds(
    path: Path, *, known: KnownIds = KnownIds(), areas: Iterable[Area] = (), options: Options | None = None
) -> Checked:
    """Read and check an HSDS folder, ``datapackage.json`` or JSON file without writing anything.

    ``known`` are the ids the store holds (parents may point at them), ``areas`` the
    areas it holds (area names are matched against them); ``options`` default to sector
    ``overig`` and no fixed gemeente. When a file cannot be read, its rows are not checked
    further. The fingerprint covers the bytes of the files read and the options, so
    importing the same files the same way again adds no entry to the load log.
    """
    options = options or Options()
    report = LoadReport(str(path))
    package = read_hsds(path, report)
    # a file that cannot be read would make every row that points into it look wrong too
    batch = (
        map_package(package, report, known=known, areas=areas, options=options) if report.ok else Ecosystem()
    )
    tag = f"{package.fingerprint}:hsds:{options.sector.value}:{options.municipality or ''}"
    fingerprint = hashlib.sha256(tag.encode()).hexdigest()
    return Checked(report, batch, fingerprint, tuple(package.files))
