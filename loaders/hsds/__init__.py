"""Open Referral HSDS 3.0 in and out: read a data package or JSON, write a data package."""

from loaders.hsds.check import check_hsds
from loaders.hsds.mapping import Options
from loaders.hsds.write import write_hsds

__all__ = ["Options", "check_hsds", "write_hsds"]
