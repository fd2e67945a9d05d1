"""Great-circle geometry on a sphere of the Earth's mean radius, the one place eventwire measures distance.

The haversine on a sphere errs by under 0.5 % against the ellipsoid, far below the precision of any place a
news report names. `haversine_km` / `haversine_m` take scalars (dedup, watch); `haversine_km_array` takes
numpy arrays that broadcast against each other (the gazetteer's candidate matrices in geo).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius R1
EARTH_RADIUS_KM = EARTH_RADIUS_M / 1000


def central_angle(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Angle in radians subtended at the Earth's centre by two (lat, lon) points in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * math.asin(min(1.0, math.sqrt(h)))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points in degrees."""
    return EARTH_RADIUS_KM * central_angle(lat1, lon1, lat2, lon2)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two (lat, lon) points in degrees."""
    return EARTH_RADIUS_M * central_angle(lat1, lon1, lat2, lon2)


def haversine_km_array(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> np.ndarray:
    """`haversine_km` element-wise over numpy arrays (broadcast as numpy does), in kilometres."""
    p1, l1, p2, l2 = (np.radians(v) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    return EARTH_RADIUS_KM * 2 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def destination(lat: float, lon: float, bearing_deg: float, distance_m: float) -> tuple[float, float]:
    """The (lat, lon) reached from (lat, lon) after `distance_m` on the initial bearing (same sphere as
    `haversine_m`, so `haversine_m(lat, lon, *destination(lat, lon, b, d)) == d` up to rounding)."""
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    d = distance_m / EARTH_RADIUS_M
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0
