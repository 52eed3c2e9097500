"""The HTML report (``ketenkaart report``): one self-contained page plus CSV tables.

It words the analysis through :mod:`app.present`, the same texts as the explorer's pages,
and never imports :mod:`app.web`.
"""

__all__: list[str] = []
