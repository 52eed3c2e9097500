"""Ketenkaart's lowest layer: the domain model, vocabularies and (later) the analytics.

Nothing here imports a database driver, sqlite or Dash.
"""

from graph.errors import (
    AnalysisError,
    ConfigError,
    DuplicateKey,
    EmptyGraph,
    ExplorerError,
    LoadError,
    QueryFailed,
    StoreError,
    StoreUnavailable,
)
from graph.model import (
    Agreement,
    Area,
    Counts,
    Ecosystem,
    Employment,
    Organisation,
    Professional,
    ReferralFlow,
    Scope,
)
from graph.periods import Period, PeriodRange
from graph.taxonomy import ActorKind, AgreementKind, AreaLevel, Sector

__all__ = [
    "ActorKind",
    "Agreement",
    "AgreementKind",
    "AnalysisError",
    "Area",
    "AreaLevel",
    "ConfigError",
    "Counts",
    "DuplicateKey",
    "Ecosystem",
    "Employment",
    "EmptyGraph",
    "ExplorerError",
    "LoadError",
    "Organisation",
    "Period",
    "PeriodRange",
    "Professional",
    "QueryFailed",
    "ReferralFlow",
    "Scope",
    "Sector",
    "StoreError",
    "StoreUnavailable",
]
