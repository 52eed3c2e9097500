"""What ``ketenkaart export`` writes, per format.

Tables (``csv``, ``xlsx``) and Open Referral (``hsds``) hold the whole store; the network
formats (``gexf``, ``graphml``, ``kumu``) hold the organisation graph of the chosen layers
and periods with its measures (``graph.annotate``). The command reads the snapshot and
prints; this module only picks the writer and the file names (and imports the writers
when one is needed, so that the command line starts fast).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from graph.layers import Layers
from graph.model import Ecosystem
from graph.periods import PeriodRange
from graph.taxonomy import Language

__all__ = [
    "FILE_NAMES",
    "FORMATS",
    "NETWORK_FORMATS",
    "TABLE_FORMATS",
    "NetworkChoice",
    "Written",
    "export_network",
    "export_tables",
]

TABLE_FORMATS: Final = ("csv", "xlsx", "hsds")
NETWORK_FORMATS: Final = ("gexf", "graphml", "kumu")
FORMATS: Final = TABLE_FORMATS + NETWORK_FORMATS
FILE_NAMES: Final = {
    "xlsx": "ketenkaart-export.xlsx",
    "gexf": "ketenkaart.gexf",
    "graphml": "ketenkaart.graphml",
    "kumu": "ketenkaart-kumu.xlsx",
}


@dataclass(frozen=True, slots=True)
class Written:
    """The files an export wrote and a one-line summary of what they hold."""

    paths: list[Path]
    summary: str


@dataclass(frozen=True, slots=True)
class NetworkChoice:
    """What a network export holds: layers, periods, betweenness seed, label language."""

    layers: Layers = field(default_factory=Layers)
    periods: PeriodRange = field(default_factory=PeriodRange)
    seed: int = 0
    language: Language = "nl"


def export_tables(eco: Ecosystem, fmt: str, folder: Path) -> Written:
    """Write every table of ``eco`` as CSV files, one workbook, or an HSDS data package."""
    from loaders.hsds import write_hsds  # noqa: PLC0415
    from loaders.writers import ecosystem_tables, write_csv_folder, write_workbook  # noqa: PLC0415

    if fmt == "hsds":
        paths = write_hsds(eco, folder)
        return Written(paths, f"Open Referral HSDS 3.0, {len(eco.organisations):,} organisations")
    tables = ecosystem_tables(eco)
    if fmt == "xlsx":
        paths = [write_workbook(tables, folder / FILE_NAMES["xlsx"])]
    else:
        paths = write_csv_folder(tables, folder)
    return Written(paths, ", ".join(f"{name} {len(rows):,}" for name, rows in tables.items()))


def export_network(
    eco: Ecosystem, fmt: str, folder: Path, choice: NetworkChoice = NetworkChoice()
) -> Written:
    """Write the organisation graph of ``eco`` as GEXF, GraphML or a Kumu workbook.

    ``eco`` should be read with ``Scope(periods=choice.periods)``, as ``analyse`` does.
    Kumu gets the referrals as directed connections too, when the referrals layer is on.
    """
    from app.present.common import SECTOR_COLOURS  # noqa: PLC0415
    from graph.annotate import annotated_graph  # noqa: PLC0415
    from graph.project import referral_graph  # noqa: PLC0415
    from loaders.kumu import write_kumu  # noqa: PLC0415
    from loaders.network_files import write_gexf, write_graphml  # noqa: PLC0415

    flows = referral_graph(eco, periods=choice.periods)
    graph = annotated_graph(
        eco,
        layers=choice.layers,
        periods=choice.periods,
        seed=choice.seed,
        language=choice.language,
        referrals=flows,
    )
    path = folder / FILE_NAMES[fmt]
    extra = ""
    if fmt == "gexf":
        write_gexf(graph, path, colours=SECTOR_COLOURS)
    elif fmt == "graphml":
        write_graphml(graph, path)
    else:
        pairs = (
            [(a, b, int(d["weight"])) for a, b, d in flows.edges(data=True)]
            if choice.layers.referrals
            else []
        )
        write_kumu(graph, path, referrals=pairs)
        extra = f", {len(pairs):,} referral connections"
    summary = (
        f"{graph.number_of_nodes():,} organisations, {graph.number_of_edges():,} ties{extra} "
        f"({graph.graph['layers'] or 'no layers'}; periods {graph.graph['periods']}; "
        f"betweenness {graph.graph['betweenness']})"
    )
    return Written([path], summary)
