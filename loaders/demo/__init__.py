"""A deterministic synthetic demo municipality: Ketendam (``GM9901``).

``generate_demo`` builds a complete, entirely invented partner ecosystem of the social
domain: areas, organisations, professionals, agreements and monthly referral flows.
Nothing in it describes a real organisation or person. The same ``DemoSpec`` always
gives the same ``Ecosystem``: every random choice comes from ``random.Random`` streams
seeded with ``spec.seed``.

At the default size the demo holds a set of *planted* structures that the analytics
must find (an overloaded broker, a bridge, missing links, ...); ``PLANTED`` names their
ids. ``docs/demo-data.md`` describes them.

The package's modules, in the order they build on each other: ``areas`` (the gemeente,
wijken and buurten), ``sectors`` (how the sectors behave), ``vocabulary`` (names, roles,
topics), ``core`` (the planted core records), ``figures`` (invented CBS kerncijfers per
area), ``boundaries`` (invented outlines), ``geography`` (the areas with both), ``spec``
(``DemoSpec``), ``ids``, ``world`` (the state of one run and the tie rules),
``organisations``, ``staff``, ``agreements``, ``flows``, ``generate`` (``generate_demo``)
and ``planted`` (``PLANTED``).

>>> PLANTED["wijk_lacking_sector"]
('WK990107', 'jeugd')
>>> PLANTED["wijk_high_need"]
'WK990107'
>>> DemoSpec(organisations=10)
Traceback (most recent call last):
...
ValueError: DemoSpec.organisations is 10; the demo needs at least 60
"""

from loaders.demo.generate import DemoSpec, generate_demo
from loaders.demo.planted import PLANTED

__all__ = ["PLANTED", "DemoSpec", "generate_demo"]
