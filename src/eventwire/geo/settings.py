"""The geo stage's settings in one typed object: the resolver's weights and which scanners run.

`geoparse(doc, settings=GeoSettings(...))` takes them; the defaults are what the geo dev set was measured with.
They are not fields of the project's `Config`: `Config` sits below the stages (import-linter layers) and holds
scalars read from TOML and the environment, so a stage's typed settings are passed to the stage itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .detect import DEFAULT_SCANNERS, ScannerSettings
from .resolve import WEIGHTS, ResolveWeights


@dataclass(frozen=True)
class GeoSettings:
    weights: ResolveWeights = field(default=WEIGHTS)  # see resolve/settings.py for how each was set
    scanners: ScannerSettings = field(default=DEFAULT_SCANNERS)  # all registered scanners run by default


GEO_SETTINGS = GeoSettings()
