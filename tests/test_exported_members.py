"""Each package's public surface: what ``__all__`` names exists and is what we promise."""

from __future__ import annotations

import importlib

import pytest

EXPECTED = {
    "graph": {
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
        "EmptyGraph",
        "Employment",
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
    },
    "queries": {
        "ApplyResult",
        "KnownIds",
        "LoadRecord",
        "SearchHit",
        "SqliteStore",
        "Store",
        "open_store",
        "store_kind",
    },
    "loaders": {"TABLES", "Checked", "FileSummary", "LoadOutcome", "LoadReport", "RowError", "check", "load"},
}


@pytest.mark.parametrize("package", sorted(EXPECTED))
def test_exported_members(package: str) -> None:
    module = importlib.import_module(package)
    assert set(module.__all__) == EXPECTED[package]
    for name in module.__all__:
        assert hasattr(module, name), name
