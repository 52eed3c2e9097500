"""Open Referral HSDS 3.0 in and out, on the shared Open Referral examples and a synthetic package."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from graph.model import Area, Ecosystem, Organisation
from graph.taxonomy import AreaLevel, Sector
from loaders.hsds import Options, check_hsds, write_hsds
from loaders.hsds.json_rows import read_json_rows
from loaders.hsds.tables import Package
from loaders.load import Checked
from loaders.report import LoadReport
from queries.base import KnownIds
from tests.loaders.hsds_package import AREAS_CSV, ORG, SHARED, SHARED_CSV, synthetic_id, write_ketendam

EXAMPLE = Organisation(
    id="d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
    name="Example Organization Inc.",
    sector=Sector.OVERIG,
    description="Example Org is a non-profit organization dedicated to providing services to qualified "
    "beneficiaries",
    expertise=("Community Counselling",),
)
KETENDAM_AREAS = [
    Area(code, name, AreaLevel(level), parent or None) for code, name, level, parent in AREAS_CSV[1:]
]


def _where(checked: Checked, code: str) -> set[tuple[str, int | None, str | None]]:
    problems = checked.report.errors + checked.report.warnings
    return {(p.file, p.row, p.column) for p in problems if p.code == code}


def test_the_shared_csv_package_gives_its_one_organisation() -> None:
    checked = check_hsds(SHARED_CSV)
    assert checked.report.errors == []
    assert checked.batch == Ecosystem(organisations=(EXAMPLE,))
    assert {"organizations.csv", "services.csv", "service_areas.csv", "datapackage.json"} <= set(
        checked.files
    )


def test_the_shared_packages_dangling_references_are_warnings_at_their_cells() -> None:
    checked = check_hsds(SHARED_CSV)
    assert _where(checked, "unknown-organisation") == {
        ("organizations.csv", 2, "parent_organization_id"),  # cd09a387-...: no such organisation
        ("locations.csv", 2, "organization_id"),  # 985e4a42-...: no such organisation
    }
    assert _where(checked, "default-sector") == {("organizations.csv", 2, None)}
    unmatched = [w.message for w in checked.report.warnings if w.code == "unmatched-area"]
    assert len(unmatched) == 1  # one warning per organisation, naming every text
    assert all(text in unmatched[0] for text in ("'MyCity'", "'MyCity Civic Center'"))


def test_a_path_to_datapackage_json_reads_the_same_as_its_folder() -> None:
    by_file = check_hsds(SHARED_CSV / "datapackage.json")
    by_folder = check_hsds(SHARED_CSV)
    assert by_file.batch == by_folder.batch
    assert by_file.fingerprint == by_folder.fingerprint


@pytest.mark.parametrize(
    ("name", "expertise"),
    [
        ("organization_full.json", ("Community Counselling",)),
        ("organization_list.json", ()),  # a page of organisations without their services
        ("service_full.json", ("Community Counselling",)),
        ("service_list.json", ("Community Counselling",)),
        ("service_at_location_full.json", ("Community Counselling",)),
        ("service_at_location_list.json", ("Community Counselling",)),
        ("tabular.json", ("Community Counselling",)),
    ],
)
def test_every_shared_json_example_with_an_organisation_gives_it(
    name: str, expertise: tuple[str, ...]
) -> None:
    checked = check_hsds(SHARED / name)
    assert checked.report.errors == []
    assert checked.batch.organisations == (dataclasses.replace(EXAMPLE, expertise=expertise),)


@pytest.mark.parametrize(
    ("name", "code", "column"),
    [
        ("location.json", "no-organisations", None),
        ("taxonomy.json", "no-organisations", None),
        ("taxonomy_term_list.json", "no-organisations", None),
        ("base.json", "bad-json", "$"),
    ],
)
def test_shared_json_without_organisations_is_refused(name: str, code: str, column: str | None) -> None:
    checked = check_hsds(SHARED / name)
    assert [(e.file, e.row, e.column, e.code) for e in checked.report.errors] == [(name, None, column, code)]
    assert checked.batch.is_empty()


def test_nested_copies_of_one_object_become_one_row() -> None:
    package = Package("organization_full.json")
    document = json.loads((SHARED / "organization_full.json").read_text(encoding="utf-8"))
    read_json_rows("organization_full.json", document, package, LoadReport("x"))
    locations = package.rows("location")
    assert len(locations) == 1  # under "locations" and again under the service's service_at_locations
    assert locations[0].get("organization_id") == EXAMPLE.id  # filled in from the organisation it sits in
    assert len(package.rows("address")) == 1


def test_conflicting_copies_of_one_object_are_a_duplicate_key(tmp_path: Path) -> None:
    document = json.loads((SHARED / "organization_full.json").read_text(encoding="utf-8"))
    document["services"][0]["service_at_locations"][0]["location"]["name"] = "Another Name"
    path = tmp_path / "org.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    checked = check_hsds(path)
    # services are read before locations, so the copy under "locations" is the second one
    assert [(e.column, e.code) for e in checked.report.errors] == [("$.locations[0].name", "duplicate-key")]
    assert "$.services[0].service_at_locations[0].location" in checked.report.errors[0].message


def test_the_synthetic_package_maps_every_field(tmp_path: Path) -> None:
    checked = check_hsds(
        write_ketendam(tmp_path), areas=KETENDAM_AREAS, options=Options(sector=Sector.INFORMEEL)
    )
    assert checked.report.errors == []
    orgs = {o.id: o for o in checked.batch.organisations}
    assert orgs[ORG["welzijn"]] == Organisation(
        id=ORG["welzijn"],
        name="Stichting Welzijn Ketendam",
        sector=Sector.WELZIJN,  # a term linked to the organisation itself
        municipality="GM9901",  # the one gemeente of its areas
        areas=("WK990102",),  # "noord": an area name, case ignored
        kvk="90000001",  # NL-KVK; the NL-RSIN identifier is not a KvK number
        description="Welzijnswerk in heel Ketendam.",
        expertise=("Buurtbemiddeling", "Mantelzorgondersteuning"),  # service names, trimmed
    )
    buurtteam = orgs[ORG["buurtteam"]]
    assert buurtteam.parent_id == ORG["welzijn"]
    assert buurtteam.sector is Sector.WERK_INKOMEN  # "Schuldhulp" on its service
    assert buurtteam.areas == ("GM9901", "WK990101")  # the CBS code in uri; address city "Ketendam"
    jeugdhuis = orgs[ORG["jeugdhuis"]]
    assert jeugdhuis.areas == ("WK990103",)  # "coehoorn" is Coëhoorn; "Centrum" names two areas
    assert (jeugdhuis.sector, jeugdhuis.description) == (Sector.JEUGD, "")
    voedselbank = orgs[ORG["voedselbank"]]
    assert (voedselbank.sector, voedselbank.areas, voedselbank.municipality) == (Sector.INFORMEEL, (), None)
    assert checked.batch.areas == ()  # every code it uses is in the store already


def test_the_synthetic_package_warns_once_per_organisation_about_areas(tmp_path: Path) -> None:
    checked = check_hsds(write_ketendam(tmp_path), areas=KETENDAM_AREAS)
    warnings = {(w.row, w.code) for w in checked.report.warnings}
    assert warnings == {
        (3, "unmatched-area"),  # Buurtteam: location "Wijkcentrum De Kern"
        (4, "ambiguous-area"),  # Jeugdhuis: "Centrum" is a wijk and a buurt
        (5, "unmatched-area"),  # Voedselbank: "Uitgiftepunt" in "Elders"
        (5, "default-sector"),
    }
    ambiguous = next(w.message for w in checked.report.warnings if w.code == "ambiguous-area")
    assert "BU99010101" in ambiguous
    assert "WK990101" in ambiguous


def test_the_municipality_option_wins_and_unknown_codes_become_areas(tmp_path: Path) -> None:
    checked = check_hsds(write_ketendam(tmp_path), options=Options(municipality="GM9902"))
    assert checked.report.errors == []
    assert {o.municipality for o in checked.batch.organisations} == {"GM9902"}
    # without stored areas only the CBS code in a uri is recognised; it is added with its name
    added = {a.code: (a.name, a.parent) for a in checked.batch.areas}
    assert added == {
        "GM9902": ("GM9902", None),
        "WK990101": ("Centrum", "GM9901"),
        "GM9901": ("GM9901", None),
    }
    assert _where(checked, "area-not-described") == {("areas", None, None)}


def test_terms_naming_different_sectors_pick_one_and_warn(tmp_path: Path) -> None:
    folder = write_ketendam(tmp_path / "k")
    with (folder / "attributes.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(
            ["a9", ORG["welzijn"], synthetic_id("term/jeugd"), "", "organization", ""]
        )
    checked = check_hsds(folder, areas=KETENDAM_AREAS)
    welzijn = next(o for o in checked.batch.organisations if o.id == ORG["welzijn"])
    assert welzijn.sector is Sector.WELZIJN  # tie: the first sector in the taxonomy's order
    assert _where(checked, "ambiguous-sector") == {("organizations.csv", 2, None)}


def test_a_parent_in_the_store_is_kept_and_one_that_is_nowhere_is_dropped() -> None:
    stored = KnownIds(organisations=frozenset({"cd09a387-91f4-4555-94ec-e799c35344cd"}))
    assert check_hsds(SHARED_CSV, known=stored).batch.organisations[0].parent_id == (
        "cd09a387-91f4-4555-94ec-e799c35344cd"
    )
    assert check_hsds(SHARED_CSV).batch.organisations[0].parent_id is None


# -- export ------------------------------------------------------------------------------


def _ketendam_batch(tmp_path: Path) -> Ecosystem:
    checked = check_hsds(write_ketendam(tmp_path / "in"), areas=KETENDAM_AREAS)
    assert checked.report.errors == []
    return Ecosystem(areas=tuple(KETENDAM_AREAS), organisations=checked.batch.organisations)


def test_export_then_import_gives_the_same_organisations(tmp_path: Path) -> None:
    eco = _ketendam_batch(tmp_path)
    write_hsds(eco, tmp_path / "out")
    again = check_hsds(tmp_path / "out")  # no stored areas: the export names its areas itself
    assert again.report.errors == []
    assert {w.code for w in again.report.warnings} == {"area-not-described"}
    assert again.batch.organisations == eco.organisations
    assert {a.code: (a.name, a.parent) for a in again.batch.areas} == {
        "GM9901": ("Ketendam", None),
        "WK990101": ("Centrum", "GM9901"),
        "WK990102": ("Noord", "GM9901"),
        "WK990103": ("Coëhoorn", "GM9901"),
    }
    stored = check_hsds(tmp_path / "out", areas=KETENDAM_AREAS)  # into the store it came from
    assert (stored.batch.organisations, stored.batch.areas, stored.report.warnings) == (
        eco.organisations,
        (),
        [],
    )


def test_export_keeps_kvk_parent_municipality_and_their_absence(tmp_path: Path) -> None:
    orgs = (
        Organisation("org-1", "Wijkteam Noord", Sector.ZORG, "GM9901", ("WK990102",), kvk="90000003"),
        Organisation("org-2", "Huiskamer Noord", Sector.INFORMEEL, None, ("WK990102",), parent_id="org-1"),
        Organisation("org-3", "Gemeente Ketendam", Sector.GEMEENTE, "GM9901", description="Alles."),
    )
    eco = Ecosystem(areas=tuple(KETENDAM_AREAS), organisations=orgs)
    write_hsds(eco, tmp_path / "out")
    assert check_hsds(tmp_path / "out").batch.organisations == eco.organisations


def test_export_writes_the_hsds_fields_in_order_and_a_matching_datapackage(tmp_path: Path) -> None:
    written = write_hsds(_ketendam_batch(tmp_path), tmp_path / "out")
    names = [p.name for p in written]
    assert names[-1] == "datapackage.json"
    package = json.loads(written[-1].read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in package["resources"]) == sorted(names[:-1])
    standard = json.loads((SHARED_CSV / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in standard["resources"]}
    for resource in package["resources"]:
        text = (tmp_path / "out" / resource["path"]).read_text(encoding="utf-8")
        header = next(csv.reader(text.splitlines()))
        assert header == fields[resource["path"]] == [f["name"] for f in resource["schema"]["fields"]]
    assert package["version"] == standard["version"] == "3.0.0"


def test_export_is_deterministic_and_ids_that_are_no_uuid_lose_the_uuid_format(tmp_path: Path) -> None:
    eco = Ecosystem(
        organisations=(Organisation("ORG0001", "Buurtzorg", Sector.ZORG, expertise=("Wijkverpleging",)),)
    )
    first = [p.read_bytes() for p in write_hsds(eco, tmp_path / "a")]
    second = [p.read_bytes() for p in write_hsds(eco, tmp_path / "b")]
    assert first == second
    package = json.loads((tmp_path / "a" / "datapackage.json").read_text(encoding="utf-8"))
    organization = next(r for r in package["resources"] if r["name"] == "organization")
    service = next(r for r in package["resources"] if r["name"] == "service")
    assert "format" not in organization["schema"]["fields"][0]  # id "ORG0001"
    assert service["schema"]["fields"][0]["format"] == "uuid"  # generated service ids are UUIDs
