"""Dutch RD New (EPSG:28992) metres to WGS84 longitude and latitude.

The polynomial approximation of Schreutelkamp and Strang van Hees ("Benaderingsformules
voor de transformatie tussen RD- en WGS84-kaartcoördinaten", 2001): within the
Netherlands it agrees with the exact transformation to well under a metre, which is
finer than a neighbourhood map needs, and it needs no projection library.

>>> lon, lat = rd_to_wgs84(120700.723, 487525.501)  # Westertoren, Amsterdam
>>> round(lon, 6), round(lat, 6)
(4.883526, 52.374533)
>>> looks_like_rd(136000, 456000), looks_like_rd(5.12, 52.09)
(True, False)
"""

from __future__ import annotations

__all__ = ["looks_like_rd", "rd_to_wgs84"]

_X0, _Y0 = 155_000.0, 463_000.0  # Amersfoort, the origin of RD
_PHI0, _LAM0 = 52.15517440, 5.38720621
_K = {
    (0, 1): 3235.65389,
    (2, 0): -32.58297,
    (0, 2): -0.24750,
    (2, 1): -0.84978,
    (0, 3): -0.06550,
    (2, 2): -0.01709,
    (1, 0): -0.00738,
    (4, 0): 0.00530,
    (2, 3): -0.00039,
    (4, 1): 0.00033,
    (1, 1): -0.00012,
}
_L = {
    (1, 0): 5260.52916,
    (1, 1): 105.94684,
    (1, 2): 2.45656,
    (3, 0): -0.81885,
    (1, 3): 0.05594,
    (3, 1): -0.05607,
    (0, 1): 0.01199,
    (3, 2): -0.00256,
    (1, 4): 0.00128,
    (0, 2): 0.00022,
    (2, 0): -0.00022,
    (5, 0): 0.00026,
}


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """Longitude and latitude (degrees) of the RD New point ``(x, y)`` (metres)."""
    dx, dy = (x - _X0) * 1e-5, (y - _Y0) * 1e-5
    lat = _PHI0 + sum(c * dx**p * dy**q for (p, q), c in _K.items()) / 3600
    lon = _LAM0 + sum(c * dx**p * dy**q for (p, q), c in _L.items()) / 3600
    return lon, lat


def looks_like_rd(x: float, y: float) -> bool:
    """Whether ``(x, y)`` lies in the range RD New uses for the Netherlands."""
    return -7_000 <= x <= 300_000 and 289_000 <= y <= 629_000
