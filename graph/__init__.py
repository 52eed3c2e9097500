"""Ketenkaart's lowest layer: the domain model, vocabularies, periods, the one exception
tree, and the analytics as pure functions of NetworkX graphs (one module each:
``project``, ``density``, ``mixing``, ``bottlenecks``, ``chances``, ``coffee``, ``needs``, ...).

This package re-exports the model and the errors only, so importing it stays cheap; import
an analysis from its module. Nothing here imports a database driver, sqlite or Dash.
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
