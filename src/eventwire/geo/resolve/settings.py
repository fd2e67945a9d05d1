"""Every weight and penalty of toponym resolution, in one typed object: `ResolveWeights`, with what each encodes
and how it was set.

It is defined in `eventwire.config` (below the stages, so that `Config.geo` can hold it and a TOML file can set
it: the [eventwire.geo.resolve] table) and re-exported here, where the resolver's modules import it.
"""

from __future__ import annotations

from ...config import WEIGHTS, ResolveWeights

__all__ = ["WEIGHTS", "ResolveWeights"]
