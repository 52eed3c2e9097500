"""The Dash explorer: the app factory, serving, login, the services object, the shell,
shared components and ``pages/`` (one module per page, thin callbacks).
"""

__all__: list[str] = []
