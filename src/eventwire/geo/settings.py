"""The geo stage's settings in one typed object: the resolver's weights and which scanners run.

`geoparse(doc, settings=GeoSettings(...))` takes them; the defaults are what the geo dev set was measured with.
The types are defined in `eventwire.config` (below the stages in the import-linter layers), so that the project's
`Config` holds them as `Config.geo`, read from the TOML file's [eventwire.geo] table; they are re-exported here.
"""

from __future__ import annotations

from ..config import DEFAULT_SCANNERS, GEO_SETTINGS, WEIGHTS, GeoSettings, ResolveWeights, ScannerSettings

__all__ = ["DEFAULT_SCANNERS", "GEO_SETTINGS", "WEIGHTS", "GeoSettings", "ResolveWeights", "ScannerSettings"]
