"""Who is looking, and what they may see.

Two roles. ``analist`` sees everything. ``partner`` sees its own organisation, the
directory and coffee suggestions, but no other organisation's referral counts; its own
counts below the small-count threshold show as ``"<5"``. The rules are applied on the
server, before anything is sent to the browser.

>>> partner = Viewer("piet", Role.PARTNER, "ORG0043")
>>> partner.sees_referrals_of("ORG0043"), partner.sees_referrals_of("ORG0007")
(True, False)
>>> partner.count(3, small=5), partner.count(12, small=5)
('<5', 12)
>>> ANALYST.count(3, small=5)
3
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["ANALYST", "Role", "Viewer"]


class Role(StrEnum):
    """A user's role in the app."""

    ANALIST = "analist"
    PARTNER = "partner"


@dataclass(frozen=True, slots=True)
class Viewer:
    """The person behind a request: a user name, a role and (for partners) their organisation."""

    name: str
    role: Role
    organisation: str | None = None

    @property
    def is_analyst(self) -> bool:
        """Whether this viewer sees everything."""
        return self.role is Role.ANALIST

    def sees_referrals_of(self, organisation: str) -> bool:
        """Whether this viewer may see the referral counts of ``organisation``."""
        return self.is_analyst or organisation == self.organisation

    def sees_flow(self, source: str, target: str) -> bool:
        """Whether this viewer may see a flow from ``source`` to ``target``."""
        return self.is_analyst or self.organisation in (source, target)

    def count(self, value: int, *, small: int) -> int | str:
        """A referral count as this viewer may see it: ``"<small"`` for partners below it."""
        if self.is_analyst or value >= small or value == 0:
            return value
        return f"<{small}"


ANALYST = Viewer("analist", Role.ANALIST)
"""The viewer when the app runs without login: one local user who sees everything."""
