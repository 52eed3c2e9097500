"""One pydantic model per input table: a row of text cells in, a domain record out.

Field names are the canonical column names of ``loaders.tables``. Cell parsing lives in
``loaders.cells``; checks that involve two cells of one row are model validators that
name the column to blame through the error's ``column`` context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Final

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from graph.areacodes import area_parent, level_of
from graph.model import Agreement, Area, Employment, Organisation, Professional, ReferralFlow
from graph.periods import Period
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector, normalise_label
from loaders import cells
from loaders.codes import ProblemCode
from loaders.identity import client_identity

__all__ = [
    "AgreementRow",
    "AreaRow",
    "Indicator",
    "IndicatorRow",
    "OrganisationRow",
    "ProfessionalRow",
    "ReferralRow",
    "RowModel",
]

Id = Annotated[str, BeforeValidator(cells.parse_id)]
OptionalId = Annotated[str | None, BeforeValidator(cells.optional(cells.parse_id))]
IdList = Annotated[tuple[str, ...], BeforeValidator(cells.parse_list(cells.parse_id))]
Name = Annotated[str, BeforeValidator(cells.required_text)]
Text = Annotated[str, BeforeValidator(cells.text)]
LongText = Annotated[str, BeforeValidator(cells.long_text)]
AreaCode = Annotated[str, BeforeValidator(cells.parse_area_code)]
OptionalAreaCode = Annotated[str | None, BeforeValidator(cells.optional(cells.parse_area_code))]
AreaList = Annotated[tuple[str, ...], BeforeValidator(cells.parse_list(cells.parse_area_code))]
Municipality = Annotated[str | None, BeforeValidator(cells.optional(cells.parse_municipality))]
SectorCell = Annotated[Sector, BeforeValidator(cells.parse_sector)]
KindCell = Annotated[AgreementKind, BeforeValidator(cells.parse_kind)]
Count = Annotated[int, BeforeValidator(cells.parse_count)]
OptionalCount = Annotated[int | None, BeforeValidator(cells.optional(cells.parse_count))]
Kvk = Annotated[str | None, BeforeValidator(cells.optional(cells.parse_kvk))]
FteList = Annotated[tuple[float, ...], BeforeValidator(cells.parse_list(cells.parse_fte))]
OptionalDate = Annotated[date | None, BeforeValidator(cells.optional(cells.parse_date))]
PeriodCell = Annotated[Period, BeforeValidator(cells.parse_period)]
Words = Annotated[tuple[str, ...], BeforeValidator(cells.parse_list(cells.required_text))]
Boundary = Annotated[str | None, BeforeValidator(cells.optional_boundary)]
IndicatorName = Annotated[str, BeforeValidator(cells.parse_indicator_name)]
Number = Annotated[float, BeforeValidator(cells.parse_number)]


def _row_error(
    code: ProblemCode, column: str, message: str, /, **params: str | int | float
) -> PydanticCustomError:
    """A row's error; ``params`` are the parts of ``message`` (see :class:`loaders.report.RowError`)."""
    return PydanticCustomError(code, "{message}", {"column": column, "message": message, "params": params})


class RowModel(BaseModel):
    """Base of the row models: text in, unknown keys ignored, immutable."""

    model_config = ConfigDict(frozen=True, extra="ignore", arbitrary_types_allowed=True)


_RANK: Final = {AreaLevel.GEMEENTE: 0, AreaLevel.WIJK: 1, AreaLevel.BUURT: 2}


class AreaRow(RowModel):
    """A row of the ``areas`` table."""

    code: AreaCode
    name: Name
    level: Text = ""
    parent: OptionalAreaCode = None
    boundary: Boundary = None

    @model_validator(mode="after")
    def _level_matches_code(self) -> AreaRow:
        expected = level_of(self.code)
        if self.level and normalise_label(self.level) != expected.value:
            raise _row_error(
                ProblemCode.BAD_VALUE,
                "level",
                f"level {self.level!r} does not match code {self.code} ({expected.value})",
                level=self.level,
                area=self.code,
            )
        if self.parent and _RANK[level_of(self.parent)] >= _RANK[expected]:
            raise _row_error(
                ProblemCode.PARENT_CYCLE,
                "parent",
                f"{self.parent} cannot hold {self.code}: a parent is a larger area (gemeente, wijk, buurt), "
                "so parents can never go round in a circle",
                parent=self.parent,
                area=self.code,
            )
        return self

    def record(self) -> Area:
        """The domain record."""
        level = level_of(self.code)
        parent = self.parent or area_parent(self.code)
        return Area(
            code=self.code, name=self.name, level=AreaLevel(level), parent=parent, boundary=self.boundary
        )


@dataclass(frozen=True, slots=True)
class Indicator:
    """One figure of one area: a row of the ``indicators`` table, keyed by (area, name)."""

    area: str
    name: str
    value: float

    @property
    def key(self) -> tuple[str, str]:
        """The natural key: area code and indicator name."""
        return (self.area, self.name)


class IndicatorRow(RowModel):
    """A row of the ``indicators`` table: one figure of one area."""

    area: AreaCode
    indicator: IndicatorName
    value: Number

    def record(self) -> Indicator:
        """The figure, to be attached to its area once every table is read."""
        return Indicator(self.area, self.indicator, self.value)


class OrganisationRow(RowModel):
    """A row of the ``organisations`` table."""

    id: Id
    name: Name
    sector: SectorCell
    municipality: Municipality = None
    areas: AreaList = ()
    kvk: Kvk = None
    capacity: OptionalCount = None
    parent_id: OptionalId = None
    description: LongText = ""
    expertise: Words = ()

    def record(self) -> Organisation:
        """The domain record."""
        return Organisation(
            id=self.id,
            name=self.name,
            sector=self.sector,
            municipality=self.municipality,
            areas=self.areas,
            kvk=self.kvk,
            capacity=self.capacity,
            parent_id=self.parent_id,
            description=self.description,
            expertise=self.expertise,
        )


class ProfessionalRow(RowModel):
    """A row of the ``professionals`` table: employers and fte are parallel lists."""

    id: Id
    name: Name
    role: Text = ""
    expertise: Words = ()
    organisations: IdList
    fte: FteList = ()

    @model_validator(mode="after")
    def _employments_complete(self) -> ProfessionalRow:
        if not self.organisations:
            raise _row_error(
                ProblemCode.MISSING_VALUE, "organisations", "a professional needs at least one employer"
            )
        if len(set(self.organisations)) != len(self.organisations):
            twice = next(o for i, o in enumerate(self.organisations) if o in self.organisations[:i])
            raise _row_error(
                ProblemCode.BAD_VALUE, "organisations", "an employer is listed twice", twice=twice
            )
        if not self.fte and len(self.organisations) > 1:
            raise _row_error(
                ProblemCode.MISSING_VALUE,
                "fte",
                "with more than one employer, give the fte for each",
                employers=len(self.organisations),
            )
        if self.fte and len(self.fte) != len(self.organisations):
            raise _row_error(
                ProblemCode.LIST_LENGTH_MISMATCH,
                "fte",
                f"{len(self.fte)} fte values for {len(self.organisations)} employers",
                fte=len(self.fte),
                employers=len(self.organisations),
            )
        return self

    def record(self) -> Professional:
        """The domain record."""
        ftes = self.fte or (1.0,)
        jobs = tuple(Employment(org, fte) for org, fte in zip(self.organisations, ftes, strict=True))
        return Professional(
            id=self.id, name=self.name, role=self.role, expertise=self.expertise, employments=jobs
        )


class AgreementRow(RowModel):
    """A row of the ``agreements`` table."""

    id: Id
    name: Name
    kind: KindCell
    start: OptionalDate = None
    end: OptionalDate = None
    parties: IdList
    members: IdList = ()
    areas: AreaList = ()

    @model_validator(mode="after")
    def _consistent(self) -> AgreementRow:
        if not self.parties:
            raise _row_error(ProblemCode.MISSING_VALUE, "parties", "an agreement needs at least one party")
        if self.start and self.end and self.end < self.start:
            raise _row_error(
                ProblemCode.BAD_DATE_RANGE,
                "end",
                f"end {self.end} is before start {self.start}",
                end=self.end.isoformat(),
                start=self.start.isoformat(),
            )
        return self

    def record(self) -> Agreement:
        """The domain record."""
        return Agreement(
            id=self.id,
            name=self.name,
            kind=self.kind,
            start=self.start,
            end=self.end,
            parties=self.parties,
            members=self.members,
            areas=self.areas,
        )


class ReferralRow(RowModel):
    """A row of the ``referrals`` table: a count between two actors in one period."""

    from_organisation: OptionalId = None
    from_professional: OptionalId = None
    to_organisation: Id
    period: PeriodCell
    domain: Text = ""
    count: Count

    @model_validator(mode="after")
    def _one_source(self) -> ReferralRow:
        if bool(self.from_organisation) == bool(self.from_professional):
            raise _row_error(
                ProblemCode.AMBIGUOUS_SOURCE,
                "from_organisation",
                "fill exactly one of from_organisation and from_professional",
            )
        if self.from_organisation == self.to_organisation:
            raise _row_error(
                ProblemCode.SELF_REFERRAL, "to_organisation", "an organisation cannot refer to itself"
            )
        if (found := client_identity(self.domain)) is not None:
            raise _row_error(
                ProblemCode.POSSIBLE_CLIENT_IDENTITY,
                "domain",
                f"this value holds what looks like {found}; never load client data",
            )
        return self

    @property
    def source_kind(self) -> ActorKind:
        """Whether the referrals came from an organisation or a professional."""
        return ActorKind.ORGANISATION if self.from_organisation else ActorKind.PROFESSIONAL

    @property
    def source_id(self) -> str:
        """The id of the referring organisation or professional."""
        return self.from_organisation or self.from_professional or ""

    def record(self) -> ReferralFlow:
        """The domain record."""
        return ReferralFlow(
            self.source_kind,
            self.source_id,
            self.to_organisation,
            self.period,
            self.domain.lower(),
            self.count,
        )
