"""What users meet, in four rooms by how it is delivered.

- :mod:`app.cli`: the ``ketenkaart`` command line;
- :mod:`app.report`: the HTML report;
- :mod:`app.present`: what each page shows, as plain data (used by all three deliveries);
- :mod:`app.web`: the Dash explorer.

Beside them, what every room shares: :mod:`app.settings`, :mod:`app.access` (roles),
:mod:`app.users` (the users file) and :mod:`app.i18n` (texts in Dutch and English).
"""

__all__: list[str] = []
