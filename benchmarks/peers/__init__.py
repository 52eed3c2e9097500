"""Peer scripts for ``benchmarks/bench_analytics.py``: the same analysis without Ketenkaart.

Each peer is a stand-alone script a data analyst could write: it reads a Ketenkaart SQLite
store with ``sqlite3`` (``store_tables.py``), builds the organisation graph itself and prints
one JSON object. ``networkx_analyse.py`` uses plain NetworkX, ``igraph_analyse.py`` igraph
(GPL-2.0-or-later; a benchmark peer only, never imported by Ketenkaart) with NumPy/SciPy for
the matrix parts. What each computes is listed in its docstring.
"""
