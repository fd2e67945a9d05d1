"""Geofences at their edges, and the precision rule that keeps coarse locations out of small fences."""

from __future__ import annotations

import pytest

from eventwire.geodesy import destination, haversine_m
from eventwire.watch.geofence import (
    MIN_FENCE_RADIUS_M,
    Area,
    Circle,
    equivalent_radius_m,
    polygon_from_geojson,
    precise_enough,
)
from eventwire.watch.match import match_rule
from eventwire.watch.rules import Rule

BASE = (33.94, 44.36)
SQUARE = {"type": "Polygon", "coordinates": [[[44.0, 33.0], [45.0, 33.0], [45.0, 34.0], [44.0, 34.0], [44.0, 33.0]]]}


def record(lat, lon, precision="point", **extra):
    return {
        "event_id": "ev_1",
        "event_type": "ASSAULT",
        "modality": "asserted",
        "fatalities": 2,
        "location": {"name": "x", "lat": lat, "lon": lon, "precision": precision},
        "evidence": {"sentence": "Rockets hit the base.", "char_start": 0, "char_end": 21},
        **extra,
    }


def test_haversine_known_distance():
    # Baghdad to Basra is about 447 km along the great circle.
    assert haversine_m(33.3152, 44.3661, 30.5085, 47.7804) == pytest.approx(447_000, rel=0.01)
    assert haversine_m(*BASE, *BASE) == 0.0


@pytest.mark.parametrize("bearing", [0, 90, 137, 225, 359])
def test_radius_boundary_just_inside_and_just_outside(bearing):
    rule = Rule("base", geofence=Circle(*BASE, 5000))
    inside = destination(*BASE, bearing, 4999.5)
    outside = destination(*BASE, bearing, 5000.5)
    match = match_rule(rule, record(*inside))
    assert match is not None and match.distance_m == pytest.approx(4999.5, abs=0.01)
    assert match_rule(rule, record(*outside)) is None


def test_polygon_boundary_just_inside_on_and_just_outside():
    rule = Rule("square", geofence=Area(polygon_from_geojson(SQUARE), {"geojson": SQUARE}))
    eps = 1e-7
    assert match_rule(rule, record(33.5, 45.0 - eps)) is not None  # just inside the east edge
    assert match_rule(rule, record(33.5, 45.0)) is not None  # on the edge: inside
    assert match_rule(rule, record(33.5, 45.0 + eps)) is None  # just outside
    assert match_rule(rule, record(34.0 + eps, 44.5)) is None


def test_multipolygon_and_feature_collection():
    far = {"type": "Polygon", "coordinates": [[[10, 10], [11, 10], [11, 11], [10, 10]]]}
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {}, "geometry": SQUARE},
            {"type": "Feature", "properties": {}, "geometry": far},
        ],
    }
    rule = Rule("two", geofence=Area(polygon_from_geojson(fc), {"geojson": fc}))
    assert match_rule(rule, record(33.5, 44.5)) and match_rule(rule, record(10.2, 10.9))
    assert match_rule(rule, record(20, 20)) is None


@pytest.mark.parametrize(
    "bad, reason",
    [
        ({"type": "Point", "coordinates": [44, 33]}, "not a Polygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}, "Self-intersection"),
        ({"type": "Polygon", "coordinates": [[[33, 200], [34, 200], [34, 201], [33, 200]]]}, "out of range"),
        ({"coordinates": []}, "'type'"),
    ],
)
def test_bad_polygons_say_why(bad, reason):
    with pytest.raises(ValueError, match=reason):
        polygon_from_geojson(bad)


def test_equivalent_radius_of_a_one_degree_square():
    # 1 deg x 1 deg at 33.5 N is about 111.2 km x 92.7 km.
    assert equivalent_radius_m(polygon_from_geojson(SQUARE)) == pytest.approx(57_300, rel=0.02)


@pytest.mark.parametrize(
    "precision, radius_m, fires",
    [
        ("point", 1000, True),
        ("city", 1000, False),
        ("city", 5000, True),
        ("relative", 5000, False),
        ("relative", 25_000, True),
        ("admin1", 5000, False),
        ("admin1", 50_000, True),
        ("country", 50_000, False),
        ("country", 300_000, True),
        (None, 50_000, False),
    ],
)
def test_coarse_locations_do_not_fire_small_fences(precision, radius_m, fires):
    # The event's coordinates are the fence's own centre: only its precision decides.
    rule = Rule("base", geofence=Circle(*BASE, radius_m))
    assert (match_rule(rule, record(*BASE, precision=precision)) is not None) is fires
    assert precise_enough(precision, radius_m) is fires


def test_precision_table_is_ordered_from_fine_to_coarse():
    values = [MIN_FENCE_RADIUS_M[p] for p in ("point", "city", "relative", "admin1", "country")]
    assert values == sorted(values)


def test_explicit_precisions_override_the_size_rule():
    rule = Rule("base", geofence=Circle(*BASE, 1000), precisions=("city",))
    assert match_rule(rule, record(*BASE, precision="city")) is not None
    assert match_rule(rule, record(*BASE, precision="point")) is None


def test_events_without_coordinates_never_match_a_geofence():
    rule = Rule("base", geofence=Circle(*BASE, 5000))
    assert match_rule(rule, {**record(*BASE), "location": None}) is None
    assert match_rule(rule, record(None, None)) is None
