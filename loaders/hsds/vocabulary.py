"""What Ketenkaart's own HSDS rows are called: generated ids, its taxonomies and link types.

Rows Ketenkaart generates on export (services from expertise, identifiers, taxonomy terms,
attributes) get a UUID 5 made from the organisation id and what the row is, so exporting
the same organisations twice gives the same files.

>>> hsds_id("O1", "kvk") == hsds_id("O1", "kvk")
True
>>> hsds_id("O1", "kvk") != hsds_id("O2", "kvk")
True
"""

from __future__ import annotations

import uuid

__all__ = [
    "AREA_TAXONOMY_ID",
    "KVK_SCHEME",
    "LINK_AREA",
    "LINK_MUNICIPALITY",
    "LINK_SECTOR",
    "SECTOR_TAXONOMY_ID",
    "area_term_id",
    "hsds_id",
    "sector_term_id",
]

_NAMESPACE = uuid.UUID("4f66e6ab-ed6e-48c7-8a49-9e4ca4fa10f0")  # Ketenkaart's HSDS rows; never change

KVK_SCHEME = "NL-KVK"
"""The org-id.guide scheme of the Dutch Chamber of Commerce (KvK) register."""

LINK_SECTOR, LINK_AREA, LINK_MUNICIPALITY = "sector", "area", "municipality"
"""``attribute.link_type`` of the attributes Ketenkaart writes for an organisation."""


def hsds_id(*parts: str) -> str:
    """A stable UUID for a generated row, from the parts that say what it is."""
    return str(uuid.uuid5(_NAMESPACE, "\n".join(parts)))


SECTOR_TAXONOMY_ID = hsds_id("taxonomy", "sector")
AREA_TAXONOMY_ID = hsds_id("taxonomy", "cbs")


def sector_term_id(code: str) -> str:
    """The taxonomy term id of a Ketenkaart sector code."""
    return hsds_id("term", "sector", code)


def area_term_id(code: str) -> str:
    """The taxonomy term id of a CBS area code."""
    return hsds_id("term", "cbs", code)
