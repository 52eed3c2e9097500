"""Callbacks declared beside their page, attached to each app that ``create_app`` builds.

Dash's global ``@dash.callback`` hands its callbacks to the *first* app only, so a
second app in the same process (the tests build several: with and without login)
would have none. ``callback`` here records the declaration instead; ``attach`` adds
every recorded callback to one app. The function itself stays a plain function that
tests call directly.

The record is filled while the page modules are imported and only read afterwards.
Callbacks belong to one app *kind*: ``"explorer"`` (the default) or ``"enquete"``, the
partner's questionnaire, which is its own small Dash app on the same server
(:mod:`app.web.enquete_app`) so that none of the explorer's callbacks answer there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from dash import Dash

__all__ = ["attach", "callback", "clientside"]

F = TypeVar("F", bound=Callable[..., Any])


EXPLORER = "explorer"


@dataclass(frozen=True, slots=True)
class _Declared:
    func: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    to: str = EXPLORER


@dataclass(frozen=True, slots=True)
class _Clientside:
    code: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    to: str = EXPLORER


_DECLARED: list[_Declared] = []
_CLIENTSIDE: list[_Clientside] = []


def callback(*args: Any, to: str = EXPLORER, **kwargs: Any) -> Callable[[F], F]:
    """Declare a server callback of the app kind ``to``: the arguments of ``Dash.callback``;
    returns the function unchanged."""

    def declare(func: F) -> F:
        _DECLARED.append(_Declared(func, args, kwargs, to))
        return func

    return declare


def clientside(code: str, *args: Any, to: str = EXPLORER, **kwargs: Any) -> None:
    """Declare a clientside callback: JavaScript ``code``, then ``Dash.clientside_callback``'s arguments."""
    _CLIENTSIDE.append(_Clientside(code, args, kwargs, to))


def attach(app: Dash, to: str = EXPLORER) -> None:
    """Add every callback declared for the app kind ``to`` to ``app``."""
    for declared in _DECLARED:
        if declared.to == to:
            app.callback(*declared.args, **declared.kwargs)(declared.func)
    for client in _CLIENTSIDE:
        if client.to == to:
            app.clientside_callback(client.code, *client.args, **client.kwargs)  # type: ignore[no-untyped-call]
