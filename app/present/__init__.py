"""What each page shows, as plain data: rows, sections, figures and map elements.

One module per page, named like the page (``kaart``, ``overzicht``, ``knelpunten``,
``kansen``, ``koffie``, ``gids``, ``gegevens``, ``wijken``), plus what several share
(``common``, ``charts``). Used by the web pages, the HTML report and the command line;
never imports Dash, Flask or :mod:`app.web`.
"""

__all__: list[str] = []
