"""The demo municipality as the analyst presenters get it: analysis, graph and names (test helper)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx

from app.present.common import Section
from graph.analysis import analyse
from graph.model import Ecosystem
from graph.project import organisation_graph

__all__ = ["Analysed", "agreement_islands", "by_name", "cells"]


@dataclass(frozen=True, slots=True)
class Analysed:
    """One analysis of an ecosystem with the graph it was made on, and who is called what."""

    analysis: dict[str, Any]
    graph: nx.Graph[str]
    names: dict[str, str]
    person_names: set[str]

    @classmethod
    def of(cls, eco: Ecosystem) -> Analysed:
        """The whole ``eco``, every layer and period."""
        return cls(
            analyse(eco),
            organisation_graph(eco),
            {o.id: o.name for o in eco.organisations},
            {p.name for p in eco.professionals},
        )


def by_name(sections: list[Section]) -> dict[str, Section]:
    """Sections by their unique name."""
    return {s.name: s for s in sections}


def cells(section: Section) -> str:
    """Every cell of a section as one text, to look for what must not be there."""
    return " | ".join(str(v) for row in section.rows for v in row.values())


def agreement_islands(eco: Ecosystem) -> set[str]:
    """Organisations in no agreement with another organisation, straight from the agreements."""
    ties: nx.Graph[str] = nx.Graph()
    ties.add_nodes_from(o.id for o in eco.organisations)
    for agreement in eco.agreements:
        ties.add_edges_from(combinations(agreement.parties, 2))
    return set(nx.isolates(ties))
