"""Peer scripts for ``benchmarks/bench_analytics.py``: the same analysis without Ketenkaart.

Each peer is a stand-alone script a data analyst could write: it reads a Ketenkaart SQLite
store with ``sqlite3`` (``store_tables.py``), builds the organisation graph itself and prints
one JSON object with what ``ketenkaart analyse --json`` computes. ``networkx_analyse.py``
uses plain NetworkX, ``igraph_analyse.py`` igraph (GPL-2.0-or-later; a benchmark peer only,
never imported by Ketenkaart) with NumPy/SciPy for the matrix parts; both take the practice
gaps, which are table work, from ``practice_tables.py``. What each computes is listed in its
docstring; ``--check`` sets a few of its figures beside Ketenkaart's (``check.py``).
"""
