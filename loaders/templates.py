"""Templates for users' own data: each table with a small, valid example.

The example rows form one tiny ecosystem that ``ketenkaart load`` accepts as it is, so
a user can start from a template that works and replace the rows.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from graph.model import Agreement, Area, Ecosystem, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector
from loaders.writers import ecosystem_tables, explanation_rows, write_csv_folder, write_workbook

__all__ = ["CENTRUM_OUTLINE", "TEMPLATE_WORKBOOK", "template_ecosystem", "write_templates"]

TEMPLATE_WORKBOOK = "ketenkaart-template.xlsx"


CENTRUM_OUTLINE = (
    '{"type":"Polygon","coordinates":[[[5.1,52.08],[5.13,52.08],[5.13,52.1],[5.1,52.1],[5.1,52.08]]]}'
)
"""The example wijk's boundary: a GeoJSON Polygon in WGS 84 longitude, latitude."""


def template_ecosystem() -> Ecosystem:
    """The example rows of the templates: two organisations that work together."""
    return Ecosystem(
        areas=(
            Area("GM9901", "Ketendam", AreaLevel.GEMEENTE),
            Area(
                "WK990101",
                "Centrum",
                AreaLevel.WIJK,
                "GM9901",
                indicators=(("a_inw", 5200.0), ("p_hh_li", 12.5)),
                boundary=CENTRUM_OUTLINE,
            ),
        ),
        organisations=(
            Organisation(
                "ORG0001",
                "Stichting Welzijn Ketendam",
                Sector.WELZIJN,
                "GM9901",
                ("WK990101",),
                "12345678",
                40,
                None,
                "Welzijnswerk voor alle wijken",
                ("buurtwerk", "vroegsignalering"),
            ),
            Organisation(
                "ORG0002",
                "Schuldhulp Ketendam",
                Sector.WERK_INKOMEN,
                "GM9901",
                ("WK990101",),
                None,
                25,
                None,
                "Schuldhulpverlening",
                ("schuldhulp",),
            ),
        ),
        professionals=(
            Professional(
                "PRO00001",
                "Medewerker 1",
                "schuldhulpverlener",
                ("schulden",),
                (Employment("ORG0001", 0.4), Employment("ORG0002", 0.6)),
            ),
        ),
        agreements=(
            Agreement(
                "AGR001",
                "Convenant Vroegsignalering Schulden",
                AgreementKind.COVENANT,
                date(2025, 1, 1),
                None,
                ("ORG0001", "ORG0002"),
                ("PRO00001",),
                ("WK990101",),
            ),
        ),
        flows=(
            ReferralFlow(
                ActorKind.ORGANISATION, "ORG0001", "ORG0002", Period.parse("2025-01"), "schulden", 12
            ),
        ),
    )


def write_templates(folder: Path) -> list[Path]:
    """Write the CSV templates, ``_columns.csv`` (the explanation) and the Excel template."""
    tables = ecosystem_tables(template_ecosystem())
    written = write_csv_folder(tables, folder)
    written += write_csv_folder({"_columns": explanation_rows()}, folder)
    written.append(write_workbook(tables, folder / TEMPLATE_WORKBOOK))
    return written
