"""Geofences: a circle (centre + radius in metres) or a GeoJSON polygon/multipolygon, and the rule that
decides whether an event's location is precise enough to count as inside one.

Distances are great-circle (`eventwire.geodesy`: haversine on a sphere of the Earth's mean radius);
point-in-polygon is shapely's `covers` (a point on the boundary is inside). Polygons are read in GeoJSON
order (lon, lat) and must not cross the antimeridian.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import shapely
from shapely.errors import GEOSException
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from ..geodesy import EARTH_RADIUS_M, haversine_m

# An event's coordinates are only as good as its location precision: the centroid of a province that falls
# inside a 1 km fence says nothing about what happened inside the fence. So an event counts for a geofence
# only if the fence is at least this large (radius in metres; a polygon's size is the radius of a circle of
# the same area). Events of unknown precision are treated as "country".
MIN_FENCE_RADIUS_M: dict[str, float] = {
    "point": 0.0,  # a named site (base, airport, checkpoint) or exact coordinates
    "city": 5_000.0,  # a town's centroid: a few km from anywhere inside it
    "relative": 25_000.0,  # "north of Baghdad": the anchor's coordinates, the event somewhere off it
    "admin1": 50_000.0,  # a province or governorate centroid
    "country": 250_000.0,  # a country centroid: only country-sized fences
}


def precise_enough(precision: str | None, fence_radius_m: float) -> bool:
    """Whether an event located with `precision` may match a fence of this size (see MIN_FENCE_RADIUS_M)."""
    needed = MIN_FENCE_RADIUS_M.get(precision or "", MIN_FENCE_RADIUS_M["country"])
    return fence_radius_m >= needed


@dataclass(frozen=True)
class Circle:
    """Everything within `radius_m` metres of (lat, lon)."""

    lat: float
    lon: float
    radius_m: float

    @property
    def size_m(self) -> float:
        return self.radius_m

    def locate(self, lat: float, lon: float) -> tuple[bool, float | None]:
        """(inside, distance from the centre in metres); the circle's edge counts as inside."""
        distance = haversine_m(self.lat, self.lon, lat, lon)
        return distance <= self.radius_m, distance

    def to_geojson(self) -> dict[str, Any]:
        return {"type": "Point", "coordinates": [self.lon, self.lat]}

    def to_spec(self) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "radius_m": self.radius_m}


@dataclass(frozen=True)
class Area:
    """A polygon or multipolygon in GeoJSON coordinates (lon, lat). `spec` is what the rule file said (an
    inline geometry or a file name), kept so that saving a rule file writes back what the user wrote."""

    geometry: BaseGeometry
    spec: dict[str, Any] = field(compare=False)

    def __post_init__(self) -> None:
        shapely.prepare(self.geometry)

    @property
    def size_m(self) -> float:
        return equivalent_radius_m(self.geometry)

    def locate(self, lat: float, lon: float) -> tuple[bool, float | None]:
        """(inside, None); the boundary counts as inside."""
        return bool(self.geometry.covers(shapely.Point(lon, lat))), None

    def to_geojson(self) -> dict[str, Any]:
        return mapping(self.geometry)

    def to_spec(self) -> dict[str, Any]:
        return dict(self.spec)


Geofence = Circle | Area


def polygon_from_geojson(obj: Any) -> BaseGeometry:
    """A (multi)polygon from a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of those.
    Raises ValueError with a short reason when it is anything else or is not a valid polygon."""
    if not isinstance(obj, dict) or "type" not in obj:
        raise ValueError("expected a GeoJSON object with a 'type'")
    kind = obj["type"]
    if kind == "Feature":
        return polygon_from_geojson(obj.get("geometry"))
    if kind == "FeatureCollection":
        parts = [polygon_from_geojson(f) for f in obj.get("features") or []]
        if not parts:
            raise ValueError("FeatureCollection has no features")
        return shapely.union_all(parts)
    if kind not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"geometry type {kind!r} is not a Polygon or MultiPolygon")
    try:
        geom = shape(obj)
    except (ValueError, TypeError, IndexError, AttributeError, GEOSException) as err:
        raise ValueError(f"malformed {kind} coordinates ({err})") from None
    if geom.is_empty:
        raise ValueError(f"{kind} is empty")
    min_lon, min_lat, max_lon, max_lat = geom.bounds
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ValueError("coordinates out of range (GeoJSON order is [lon, lat])")
    if not geom.is_valid:
        raise ValueError(f"invalid {kind}: {explain_validity(geom)}")
    return geom


def equivalent_radius_m(geom: BaseGeometry) -> float:
    """Radius of the circle with the polygon's area (area on a local equirectangular projection, good to a
    few per cent for fences up to a few hundred km across, which is all the precision rule needs)."""
    lat0 = math.radians(geom.centroid.y)
    metres_per_degree = math.pi * EARTH_RADIUS_M / 180.0
    projected = shapely.transform(geom, lambda xy: xy * [metres_per_degree * math.cos(lat0), metres_per_degree])
    return math.sqrt(projected.area / math.pi)
