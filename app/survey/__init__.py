"""Survey rounds as the command line and the web app share them.

``rounds`` (open, close, status, who is invited), ``links`` (the signed personal links),
``answers`` (a form's answers checked and saved), ``questionnaire`` (what one organisation
is asked). Below the rooms of ``app/``: never imports Dash, Flask, :mod:`app.web` or
:mod:`app.cli`.
"""

__all__: list[str] = []
