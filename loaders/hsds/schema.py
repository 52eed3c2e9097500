"""The HSDS 3.0.0 tables Ketenkaart writes: names, files and fields in the standard's order.

Copied from the Open Referral ``datapackage.json`` (HSDS 3.0.0, CC BY-SA 4.0, "Human
Services Data Specification: an Open Referral resource", https://openreferral.org/),
keeping per field its name, type, format and constraints; titles and descriptions of the
fields are left out. Only the seven tables of an export are here.

>>> [f.name for f in resource("organization_identifier").fields]
['id', 'organization_id', 'identifier_scheme', 'identifier_type', 'identifier']
>>> resource("service").path
'services.csv'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["HSDS_VERSION", "RESOURCES", "Field", "Resource", "resource"]

HSDS_VERSION = "3.0.0"


@dataclass(frozen=True, slots=True)
class Field:
    """One column of an HSDS table."""

    name: str
    type: str
    required: bool = False
    unique: bool = False
    fmt: str = ""

    def descriptor(self, *, keep_format: bool = True) -> dict[str, Any]:
        """The field as a Frictionless table-schema field."""
        found: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.fmt and keep_format:
            found["format"] = self.fmt
        found["constraints"] = {"required": self.required, "unique": self.unique}
        return found


@dataclass(frozen=True, slots=True)
class Resource:
    """One HSDS table: its resource name, file, description, fields and foreign keys.

    ``foreign_keys`` are ``(field, resource, field)`` triples.
    """

    name: str
    path: str
    description: str
    fields: tuple[Field, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    @property
    def field_names(self) -> list[str]:
        """The column names in the standard's order."""
        return [f.name for f in self.fields]


RESOURCES: tuple[Resource, ...] = (
    Resource(
        "organization",
        "organizations.csv",
        "The details about each organization delivering services. Each service should be linked to "
        "the organization responsible for its delivery. One organization may deliver many services.",
        (
            Field("id", "string", required=True, unique=True, fmt="uuid"),
            Field("name", "string", required=True),
            Field("alternate_name", "string"),
            Field("description", "string", required=True),
            Field("email", "string", fmt="email"),
            Field("website", "string", fmt="uri"),
            Field("tax_status", "string"),
            Field("tax_id", "string"),
            Field("year_incorporated", "number"),
            Field("legal_status", "string"),
            Field("logo", "string"),
            Field("uri", "string", fmt="uri"),
            Field("parent_organization_id", "string", fmt="uuid"),
        ),
    ),
    Resource(
        "service",
        "services.csv",
        "The details of the services provided by organizations to a range of different groups.",
        (
            Field("id", "string", required=True, unique=True, fmt="uuid"),
            Field("organization_id", "string", required=True, fmt="uuid"),
            Field("program_id", "string", fmt="uuid"),
            Field("name", "string", required=True),
            Field("alternate_name", "string"),
            Field("description", "string"),
            Field("url", "string", fmt="uri"),
            Field("email", "string", fmt="email"),
            Field("status", "string", required=True),
            Field("interpretation_services", "string"),
            Field("application_process", "string"),
            Field("fees_description", "string"),
            Field("wait_time", "string"),
            Field("fees", "string"),
            Field("accreditations", "string"),
            Field("eligibility_description", "string"),
            Field("minimum_age", "number"),
            Field("maximum_age", "number"),
            Field("assured_date", "date"),
            Field("assurer_email", "string", fmt="email"),
            Field("licenses", "string"),
            Field("alert", "string"),
            Field("last_modified", "datetime"),
        ),
        (("organization_id", "organization", "id"), ("program_id", "program", "id")),
    ),
    Resource(
        "service_area",
        "service_areas.csv",
        "The details of the geographic area for which a service is available.",
        (
            Field("id", "string", required=True, unique=True, fmt="uuid"),
            Field("service_id", "string", fmt="uuid"),
            Field("name", "string"),
            Field("description", "string"),
            Field("extent", "string"),
            Field("extent_type", "string"),
            Field("uri", "string"),
        ),
        (("service_id", "service", "id"),),
    ),
    Resource(
        "organization_identifier",
        "organization_identifiers.csv",
        "The details of the third party identifiers for organizations, such as: company registration "
        "number, charity number, tax registration number.",
        (
            Field("id", "string", required=True, unique=True, fmt="uuid"),
            Field("organization_id", "string", required=True, fmt="uuid"),
            Field("identifier_scheme", "string"),
            Field("identifier_type", "string", required=True),
            Field("identifier", "string", required=True),
        ),
        (("organization_id", "organization", "id"),),
    ),
    Resource(
        "taxonomy",
        "taxonomies.csv",
        "The taxonomies from which taxonomy terms are taken.",
        (
            Field("id", "string", required=True, unique=True, fmt="uuid"),
            Field("name", "string", required=True),
            Field("description", "string", required=True),
            Field("uri", "string", fmt="uri"),
            Field("version", "string"),
        ),
    ),
    Resource(
        "taxonomy_term",
        "taxonomy_terms.csv",
        "Each service can be categorized according to one or more taxonomy terms. The taxonomy_term "
        "object contains a list of taxonomy terms, their names, and, for hierarchical taxonomies, "
        "their structure.",
        (
            Field("id", "string", required=True, unique=True, fmt="uuid"),
            Field("code", "string", unique=True),
            Field("name", "string", required=True),
            Field("description", "string", required=True),
            Field("parent_id", "string", fmt="uuid"),
            Field("taxonomy", "string"),
            Field("language", "string"),
            Field("taxonomy_id", "string", fmt="uuid"),
            Field("term_uri", "string", fmt="uri"),
        ),
        (("taxonomy_id", "taxonomy", "id"),),
    ),
    Resource(
        "attribute",
        "attributes.csv",
        "A link between a service and one or more classifications that describe the nature of the "
        "service provided.",
        (
            Field("id", "string", required=True, unique=True, fmt="uuid"),
            Field("link_id", "string", required=True, fmt="uuid"),
            Field("taxonomy_term_id", "string", required=True, fmt="uuid"),
            Field("link_type", "string"),
            Field("link_entity", "string", required=True),
            Field("value", "string"),
        ),
        (("taxonomy_term_id", "taxonomy_term", "id"),),
    ),
)


def resource(name: str) -> Resource:
    """The HSDS resource called ``name`` (``organization``, ``service``, ...)."""
    return next(r for r in RESOURCES if r.name == name)
