"""The one geodesy module: scalar and array forms agree, and the two units are the same sphere."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.geodesy import destination, haversine_km, haversine_km_array, haversine_m


def test_known_distance_in_both_units():
    # Baghdad to Basra is about 447 km along the great circle.
    km = haversine_km(33.3152, 44.3661, 30.5085, 47.7804)
    assert km == pytest.approx(447, rel=0.01)
    assert haversine_m(33.3152, 44.3661, 30.5085, 47.7804) == pytest.approx(km * 1000, rel=1e-12)
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0


def test_array_form_matches_scalar_form():
    lats, lons = np.array([0.0, 33.3, -45.0]), np.array([0.0, 44.4, 170.0])
    d = haversine_km_array(lats[:, None], lons[:, None], lats[None, :], lons[None, :])
    assert d.shape == (3, 3)
    for i in range(3):
        for j in range(3):
            assert d[i, j] == pytest.approx(haversine_km(lats[i], lons[i], lats[j], lons[j]), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("bearing", [0, 90, 137, 225, 359])
def test_destination_round_trip(bearing):
    lat, lon = destination(12.5, -3.25, bearing, 12_345.0)
    assert haversine_m(12.5, -3.25, lat, lon) == pytest.approx(12_345.0, abs=0.01)
