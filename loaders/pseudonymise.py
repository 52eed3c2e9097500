"""Replace professionals' names and ids by a keyed hash before anything is stored.

The same key gives the same pseudonym in every load, so referrals and agreements
loaded later still point at the right professional; without the key nobody can go
back from a pseudonym to the person. Keep the key out of the repository (it comes from
the ``KETENKAART_PSEUDONYM_KEY`` setting).

>>> p = Pseudonymiser("a-secret-key-of-enough-length")
>>> p.id("PRO00001") == p.id("PRO00001"), p.id("PRO00001").startswith("PSN-")
(True, True)
>>> p.id("PRO00001") == Pseudonymiser("another-secret-key-entirely").id("PRO00001")
False
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import replace

from graph.errors import ConfigError
from graph.model import Agreement, Ecosystem, Professional, ReferralFlow
from graph.taxonomy import ActorKind

__all__ = ["MIN_KEY_LENGTH", "Pseudonymiser", "is_pseudonym"]

MIN_KEY_LENGTH = 16
_PSEUDONYM = re.compile(r"PSN-[0-9A-F]{16}")


def is_pseudonym(professional_id: str) -> bool:
    """Whether an id has the form :class:`Pseudonymiser` gives (``PSN-`` and 16 hex digits).

    >>> is_pseudonym("PSN-0123456789ABCDEF"), is_pseudonym("PRO00001")
    (True, False)
    """
    return _PSEUDONYM.fullmatch(professional_id) is not None


class Pseudonymiser:
    """Keyed-hash (HMAC-SHA256) pseudonyms for professionals."""

    def __init__(self, key: str) -> None:
        if len(key) < MIN_KEY_LENGTH:
            raise ConfigError(f"the pseudonym key must be at least {MIN_KEY_LENGTH} characters long")
        self._key = key.encode("utf-8")

    def id(self, raw: str) -> str:
        """The pseudonymous id for a professional id as written in the input."""
        digest = hmac.new(self._key, raw.encode("utf-8"), hashlib.sha256).hexdigest()
        return f"PSN-{digest[:16].upper()}"

    def name(self, raw: str) -> str:
        """A display name that shows no personal data."""
        return f"Medewerker {self.id(raw)[4:10]}"

    def apply(self, batch: Ecosystem) -> Ecosystem:
        """The batch with every professional id and name replaced."""
        return replace(
            batch,
            professionals=tuple(self._professional(p) for p in batch.professionals),
            agreements=tuple(self._agreement(a) for a in batch.agreements),
            flows=tuple(self._flow(f) for f in batch.flows),
        )

    def _professional(self, p: Professional) -> Professional:
        return replace(p, id=self.id(p.id), name=self.name(p.id))

    def _agreement(self, a: Agreement) -> Agreement:
        return replace(a, members=tuple(self.id(m) for m in a.members))

    def _flow(self, f: ReferralFlow) -> ReferralFlow:
        if f.source_kind is ActorKind.PROFESSIONAL:
            return replace(f, source_id=self.id(f.source_id))
        return f
