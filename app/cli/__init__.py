"""The ``ketenkaart`` command line: the group and one module per family of commands.

Every module here keeps its imports light at the top and imports the analysis, the loaders
and the stores inside the command that uses them, so ``ketenkaart --help`` and
``--version`` answer without loading NetworkX, pandas or Dash.
"""

__all__: list[str] = []
