"""HSDS rows to Ketenkaart organisations: what becomes of each organization.

=====================  =====================================================================
Organisation field     HSDS source
=====================  =====================================================================
``id``                 ``organization.id``
``name``               ``organization.name``
``description``        ``organization.description``
``parent_id``          ``organization.parent_organization_id`` when that organisation is in
                       the files or in the store (else dropped, with a warning)
``kvk``                ``organization_identifier.identifier`` with scheme ``NL-KVK``
``expertise``          the names of the organisation's services
``sector``             a taxonomy term linked (``attribute``) to the organisation, else to its
                       services, whose code or name is a sector; else ``--sector``
``areas``              CBS codes, or names of areas in the store, in its services' service
                       areas (``uri``, ``extent``, ``name``), its locations' names and address
                       cities, and linked taxonomy terms whose code is a CBS code
``municipality``       ``--municipality``; else a linked term with link type
                       ``municipality``; else the one gemeente all its areas lie in
=====================  =====================================================================

Locations do not become organisations. CBS codes the store does not hold yet are added
as areas (with the service area's name when there is one), as ``ketenkaart load`` does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from pydantic_core import PydanticCustomError

from graph.areacodes import areas_for_codes, gemeente_of
from graph.model import Area, Ecosystem, Organisation
from graph.taxonomy import Sector
from loaders import cells
from loaders.codes import ProblemCode
from loaders.hsds.areas import AreaIndex, cbs_code
from loaders.hsds.links import Links, check_rows, index_links
from loaders.hsds.tables import Package, Record
from loaders.hsds.vocabulary import KVK_SCHEME, LINK_MUNICIPALITY
from loaders.report import LoadReport
from loaders.tables import LIST_SEPARATOR
from queries.base import KnownIds

__all__ = ["Options", "map_package"]

T = TypeVar("T")
_SECTOR_ORDER = {sector: index for index, sector in enumerate(Sector)}
_MAX_EXTENT_CODE = 200  # a longer extent is a geometry, not a code


@dataclass(frozen=True, slots=True)
class Options:
    """Choices of the person importing: the fallback sector and a gemeente for everyone."""

    sector: Sector = Sector.OVERIG
    municipality: str | None = None


@dataclass(frozen=True, slots=True)
class _Term:
    """A taxonomy term linked to an organisation (``on_organisation``) or one of its services."""

    on_organisation: bool
    link_type: str
    term: Record


def map_package(
    package: Package,
    report: LoadReport,
    *,
    known: KnownIds = KnownIds(),
    areas: Iterable[Area] = (),
    options: Options = Options(),
) -> Ecosystem:
    """Check the rows of ``package`` and turn its organizations into organisations (and new areas)."""
    check_rows(package, report)
    links = index_links(package, report)
    if not links.organisations and report.ok:
        found = ", ".join(sorted(package.tables)) or "nothing"
        file = package.files[0] if package.files else package.source
        report.error(
            file, None, None, ProblemCode.NO_ORGANISATIONS, f"no HSDS organization found (found: {found})"
        )
    mapper = _Mapper(links, report, known, AreaIndex(areas), options)
    organisations = [o for record in links.organisations.values() if (o := mapper.organisation(record))]
    return Ecosystem(organisations=tuple(organisations), areas=tuple(mapper.new_areas()))


def _parsed(record: Record, column: str, parse: Callable[[object], T], report: LoadReport) -> T | None:
    """A cell parsed by a ``loaders.cells`` parser, or ``None`` after reporting why not."""
    try:
        return parse(record.values.get(column, ""))
    except PydanticCustomError as exc:
        report.error(record.file, record.row, record.column(column), exc.type, exc.message())
        return None


def _long_text(value: object) -> str:
    return cells.text(value, cells.MAX_TEXT)


def _sector_of(term: Record) -> Sector | None:
    if cbs_code(term.get("code")):
        return None
    for text in (term.get("code"), term.get("name")):
        try:
            return Sector.parse(text)
        except ValueError:
            continue
    return None


class _Mapper:
    """Builds organisations one by one, collecting the areas they add."""

    def __init__(
        self, links: Links, report: LoadReport, known: KnownIds, index: AreaIndex, options: Options
    ) -> None:
        self.links, self.report, self.known, self.index, self.options = links, report, known, index, options
        self.added: dict[str, str] = {}  # new area code -> name (may be empty)

    def organisation(self, record: Record) -> Organisation | None:
        if not (record.get("id") and record.get("name")):
            return None  # reported as missing-value already
        key = _parsed(record, "id", cells.parse_id, self.report)
        name = _parsed(record, "name", cells.text, self.report)
        description = _parsed(record, "description", _long_text, self.report)
        if key is None or name is None or description is None:
            return None
        services = self.links.services_of.get(key, [])
        terms = list(self._terms(key, services))
        areas = self._areas(record, key, services, terms)
        return Organisation(
            id=key,
            name=name,
            sector=self._sector(record, terms),
            municipality=self._municipality(record, terms, areas),
            areas=tuple(areas),
            kvk=self._kvk(key),
            parent_id=self._parent(record, key),
            description=description,
            expertise=tuple(self._expertise(services)),
        )

    def _expertise(self, services: list[Record]) -> Iterator[str]:
        for service in services:
            name = _parsed(service, "name", cells.text, self.report)
            for part in (name or "").split(LIST_SEPARATOR):
                if part.strip():
                    yield part.strip()

    def _kvk(self, key: str) -> str | None:
        numbers: dict[str, Record] = {}
        for identifier in self.links.identifiers_of.get(key, []):
            if identifier.get("identifier_scheme").upper() != KVK_SCHEME:
                continue
            number = _parsed(identifier, "identifier", lambda v: cells.parse_kvk(cells.text(v)), self.report)
            if number is not None:
                numbers.setdefault(number, identifier)
        if len(numbers) > 1:
            second = list(numbers.values())[1]
            message = f"organization {key!r} has more than one KvK number ({', '.join(numbers)})"
            self.report.error(
                second.file, second.row, second.column("identifier"), ProblemCode.BAD_VALUE, message
            )
        return next(iter(numbers), None)

    def _parent(self, record: Record, key: str) -> str | None:
        parent = record.get("parent_organization_id")
        if not parent:
            return None
        if parent != key and (parent in self.links.organisations or parent in self.known.organisations):
            return parent
        reason = "is the organization itself" if parent == key else "is not in these files nor in the store"
        message = f"parent organization {parent!r} {reason}; imported without a parent"
        self.report.warn(
            record.file,
            record.row,
            record.column("parent_organization_id"),
            ProblemCode.UNKNOWN_ORGANISATION,
            message,
        )
        return None

    def _terms(self, key: str, services: list[Record]) -> Iterator[_Term]:
        owners = [(key, True)] + [(s.get("id"), False) for s in services]
        for owner, on_organisation in owners:
            for attribute in self.links.attributes_of.get(owner, []):
                term = self.links.terms.get(attribute.get("taxonomy_term_id"))
                if term is not None:
                    yield _Term(on_organisation, attribute.get("link_type"), term)
                    continue
                missing = attribute.get("taxonomy_term_id")
                message = f"no taxonomy_term with id {missing!r}; the attribute is left out"
                self.report.warn(
                    attribute.file,
                    attribute.row,
                    attribute.column("taxonomy_term_id"),
                    ProblemCode.DANGLING_REFERENCE,
                    message,
                )

    def _sector(self, record: Record, terms: list[_Term]) -> Sector:
        on_organisation = [s for t in terms if t.on_organisation and (s := _sector_of(t.term))]
        candidates = on_organisation or [
            s for t in terms if not t.on_organisation and (s := _sector_of(t.term))
        ]
        if not candidates:
            message = (
                f"no linked taxonomy term names a sector; sector {self.options.sector.value} (--sector) used"
            )
            self.report.warn(
                record.file, record.row, record.column(None), ProblemCode.DEFAULT_SECTOR, message
            )
            return self.options.sector
        counts = Counter(candidates)
        chosen = max(sorted(counts, key=_SECTOR_ORDER.__getitem__), key=counts.__getitem__)
        if len(counts) > 1:
            named = ", ".join(s.value for s in sorted(counts, key=_SECTOR_ORDER.__getitem__))
            message = f"linked taxonomy terms name several sectors ({named}); {chosen.value} used"
            self.report.warn(
                record.file, record.row, record.column(None), ProblemCode.AMBIGUOUS_SECTOR, message
            )
        return chosen

    def _municipality(self, record: Record, terms: list[_Term], areas: set[str]) -> str | None:
        if self.options.municipality:
            return self._use(self.options.municipality, "")
        linked = sorted(
            {
                (code, t.term.get("name"))
                for t in terms
                if t.on_organisation and t.link_type == LINK_MUNICIPALITY
                if (code := cbs_code(t.term.get("code"))) and code.startswith("GM")
            }
        )
        if linked:
            return self._use(*linked[0])
        if self.links.from_ketenkaart:
            return None
        gemeenten = {gemeente_of(code) for code in areas}
        return self._use(gemeenten.pop(), "") if len(gemeenten) == 1 else None

    def _use(self, code: str, name: str) -> str:
        """Note a CBS code an organisation uses; codes the store lacks become new areas."""
        if code not in self.index and (name or code not in self.added):
            self.added[code] = self.added.get(code) or name
        return code

    def _areas(self, record: Record, key: str, services: list[Record], terms: list[_Term]) -> set[str]:
        found: set[str] = set()
        unmatched: list[str] = []
        ambiguous: list[str] = []
        for codes, name in self._area_texts(key, services, terms):
            code = next((c for text in codes if (c := cbs_code(text))), None)
            if code is not None:
                found.add(self._use(code, name if cbs_code(name) is None else ""))
                continue
            match = self.index.resolve(name)
            if match.code:
                found.add(match.code)
            elif match.candidates:
                ambiguous.append(f"{name!r} ({', '.join(match.candidates)})")
            elif name:
                unmatched.append(repr(name[:60]))
        self._warn_areas(record, sorted(set(unmatched)), sorted(set(ambiguous)))
        return found

    def _area_texts(
        self, key: str, services: list[Record], terms: list[_Term]
    ) -> Iterator[tuple[list[str], str]]:
        """Each place an area may be named: texts that may hold a CBS code, and a name."""
        for service in services:
            for area in self.links.service_areas_of.get(service.get("id"), []):
                extent = area.get("extent") if len(area.get("extent")) <= _MAX_EXTENT_CODE else ""
                yield [area.get("uri"), extent, area.get("name")], area.get("name")
        for location_id in sorted(set(self.links.locations_of.get(key, []))):
            location = self.links.locations[location_id]
            yield [location.get("name")], location.get("name")
            for address in self.links.addresses_of.get(location_id, []):
                yield [address.get("city")], address.get("city")
        for term in terms:
            if term.link_type != LINK_MUNICIPALITY and cbs_code(term.term.get("code")):
                yield [term.term.get("code")], term.term.get("name")

    def _warn_areas(self, record: Record, unmatched: list[str], ambiguous: list[str]) -> None:
        where = (record.file, record.row, record.column(None))
        if unmatched:
            message = (
                f"no CBS code and no name of an area in the store: {', '.join(unmatched[:5])}"
                f"{' ...' if len(unmatched) > 5 else ''}; left out (load CBS areas first with "
                "ketenkaart import-cbs, or use CBS codes)"
            )
            self.report.warn(*where, ProblemCode.UNMATCHED_AREA, message)
        if ambiguous:
            message = f"names of more than one area, left out (use CBS codes): {', '.join(ambiguous[:5])}"
            self.report.warn(*where, ProblemCode.AMBIGUOUS_AREA, message)

    def new_areas(self) -> list[Area]:
        """Areas for CBS codes the store does not hold, with the areas above them."""
        names = {code: self._area_name(name, code) for code, name in self.added.items()}
        areas = areas_for_codes(self.added, held=lambda code: code in self.index, names=names)
        if areas:
            shown = ", ".join(sorted(areas)[:8]) + (" ..." if len(areas) > 8 else "")
            message = f"{len(areas)} CBS codes are not in the store ({shown}); added with the names found"
            self.report.warn("areas", None, None, ProblemCode.AREA_NOT_DESCRIBED, message)
        return list(areas.values())

    @staticmethod
    def _area_name(name: str, code: str) -> str:
        try:
            return cells.text(name) or code
        except PydanticCustomError:
            return code
