"""A small synthetic Dutch HSDS 3.0 data package, and the shared Open Referral examples.

Everything here is made up: the gemeente Ketendam (GM9901, a code CBS does not use), its
wijken, organisations and KvK numbers. No real person or organisation is described.
"""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

__all__ = ["AREAS_CSV", "ORG", "SHARED", "SHARED_CSV", "synthetic_id", "write_areas", "write_ketendam"]

SHARED = Path("/work/shared/data/openreferral_hsds3_examples")
SHARED_CSV = SHARED / "csv"
EXAMPLE_ORG = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


def synthetic_id(name: str) -> str:
    """The UUID of a row of the synthetic package, e.g. ``synthetic_id("term/jeugd")``."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"test:ketendam/{name}"))


ORG = {
    "welzijn": synthetic_id("org/welzijn"),
    "buurtteam": synthetic_id("org/buurtteam"),
    "jeugdhuis": synthetic_id("org/jeugdhuis"),
    "voedselbank": synthetic_id("org/voedselbank"),
}

AREAS_CSV: list[tuple[str, ...]] = [
    ("code", "name", "level", "parent"),
    ("GM9901", "Ketendam", "gemeente", ""),
    ("WK990101", "Centrum", "wijk", "GM9901"),
    ("WK990102", "Noord", "wijk", "GM9901"),
    ("WK990103", "Coëhoorn", "wijk", "GM9901"),
    ("BU99010101", "Centrum", "buurt", "WK990101"),
]

_TABLES: dict[str, list[tuple[str, ...]]] = {
    "organizations.csv": [
        ("id", "name", "alternate_name", "description", "email", "website", "parent_organization_id"),
        (ORG["welzijn"], "Stichting Welzijn Ketendam", "SWK", "Welzijnswerk in heel Ketendam.", "", "", ""),
        (
            ORG["buurtteam"],
            "Buurtteam Centrum",
            "",
            "Hulp bij vragen over geld en zorg.",
            "",
            "",
            ORG["welzijn"],
        ),
        (ORG["jeugdhuis"], "Jeugdhuis De Schuur", "", "", "", "", ""),
        (ORG["voedselbank"], "Voedselbank Ketendam", "", "Voedselpakketten.", "", "", ""),
    ],
    "services.csv": [
        ("id", "organization_id", "name", "description", "status"),
        (synthetic_id("svc/bemiddeling"), ORG["welzijn"], "Buurtbemiddeling", "", "active"),
        (synthetic_id("svc/mantelzorg"), ORG["welzijn"], " Mantelzorgondersteuning ", "", "active"),
        (synthetic_id("svc/schuldhulp"), ORG["buurtteam"], "Schuldhulp", "", "active"),
        (synthetic_id("svc/jongerenwerk"), ORG["jeugdhuis"], "Jongerenwerk", "", "active"),
    ],
    "service_areas.csv": [
        ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
        (synthetic_id("area/1"), synthetic_id("svc/bemiddeling"), "noord", "", "", "", ""),
        (synthetic_id("area/2"), synthetic_id("svc/schuldhulp"), "Centrum", "", "", "", "WK990101"),
        (synthetic_id("area/3"), synthetic_id("svc/jongerenwerk"), "Centrum", "", "", "", ""),
        (synthetic_id("area/4"), synthetic_id("svc/jongerenwerk"), "coehoorn", "", "", "", ""),
    ],
    "locations.csv": [
        ("id", "location_type", "organization_id", "name"),
        (synthetic_id("loc/kern"), "physical", ORG["buurtteam"], "Wijkcentrum De Kern"),
        (synthetic_id("loc/loods"), "physical", ORG["voedselbank"], "Uitgiftepunt"),
    ],
    "addresses.csv": [
        (
            "id",
            "location_id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ),
        (
            synthetic_id("adr/kern"),
            synthetic_id("loc/kern"),
            "Kerkplein 1",
            "Ketendam",
            "",
            "9999 AA",
            "NL",
            "physical",
        ),
        (
            synthetic_id("adr/loods"),
            synthetic_id("loc/loods"),
            "Havenweg 2",
            "Elders",
            "",
            "9999 AB",
            "NL",
            "physical",
        ),
    ],
    "organization_identifiers.csv": [
        ("id", "organization_id", "identifier_scheme", "identifier_type", "identifier"),
        (synthetic_id("kvk/welzijn"), ORG["welzijn"], "NL-KVK", "KvK-nummer", "90000001"),
        (synthetic_id("kvk/buurtteam"), ORG["buurtteam"], "NL-KVK", "KvK-nummer", "90000002"),
        (synthetic_id("anbi/welzijn"), ORG["welzijn"], "NL-RSIN", "RSIN", "123456789"),
    ],
    "taxonomies.csv": [
        ("id", "name", "description"),
        (synthetic_id("tax/sd"), "Sociaal domein", "Proeftaxonomie"),
    ],
    "taxonomy_terms.csv": [
        ("id", "code", "name", "description", "taxonomy_id"),
        (synthetic_id("term/welzijn"), "SD-1", "Welzijn", "", synthetic_id("tax/sd")),
        (synthetic_id("term/schuld"), "SD-2", "Schuldhulp", "", synthetic_id("tax/sd")),
        (synthetic_id("term/jeugd"), "SD-3", "Jeugd", "", synthetic_id("tax/sd")),
    ],
    "attributes.csv": [
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
        (synthetic_id("attr/1"), ORG["welzijn"], synthetic_id("term/welzijn"), "", "organization", ""),
        (
            synthetic_id("attr/2"),
            synthetic_id("svc/schuldhulp"),
            synthetic_id("term/schuld"),
            "",
            "service",
            "",
        ),
        (
            synthetic_id("attr/3"),
            synthetic_id("svc/jongerenwerk"),
            synthetic_id("term/jeugd"),
            "",
            "service",
            "",
        ),
    ],
}


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def write_ketendam(folder: Path) -> Path:
    """Write the synthetic HSDS package into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in _TABLES.items():
        _write(folder / name, rows)
    return folder


def write_areas(folder: Path) -> Path:
    """Write Ketendam's areas as a Ketenkaart ``areas.csv`` input folder for ``ketenkaart load``."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "areas.csv", AREAS_CSV)
    return folder
