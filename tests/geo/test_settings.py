"""`geoparse` takes the geo stage's settings (geo/settings.py): the resolver's weights and the scanners that run."""

from dataclasses import replace

from eventwire.geo import GEO_SETTINGS, GeoSettings, ResolveWeights, ScannerSettings, geoparse


def test_default_settings_are_the_measured_ones():
    assert GeoSettings() == GEO_SETTINGS
    assert ResolveWeights() == GEO_SETTINGS.weights and ScannerSettings() == GEO_SETTINGS.scanners


def test_weights_reach_the_resolver(nlp):
    doc = nlp("Officials in Georgia said the vote would be held in the spring.")
    prior = {**GEO_SETTINGS.weights.type_prior, "ADM1": 20.0}  # a first-order division above any country
    states = GeoSettings(weights=replace(GEO_SETTINGS.weights, type_prior=prior))
    default = [t.place.country for t in geoparse(doc) if t.place is not None]
    weighted = [t.place.country for t in geoparse(doc, settings=states) if t.place is not None]
    assert default == ["GEO"] and weighted == ["USA"]


def test_a_scanner_switched_off_finds_nothing(nlp):
    doc = nlp("Traffic on the southbound M4 was closed after a crash near Swindon.")
    assert "M4" in [t.text for t in geoparse(doc)]
    off = GeoSettings(scanners=ScannerSettings(disabled=frozenset({"roads"})))
    assert "M4" not in [t.text for t in geoparse(doc, settings=off)]
