"""The user-facing layer: the ``ketenkaart`` command line (and, later, the Dash explorer)."""

__all__: list[str] = []
