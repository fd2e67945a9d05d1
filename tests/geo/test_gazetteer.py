import time

from eventwire.geo import gazetteer as gz
from eventwire.geo.normalize import name_key


def _best(gaz, name, **want):
    ids = [i for i in gaz.lookup(name) if all(getattr_(gaz, k, i) == v for k, v in want.items())]
    assert ids, f"{name} {want} not in gazetteer"
    return max(ids, key=lambda i: gaz.population[i])


def getattr_(gaz, field, i):
    return getattr(gaz, field)[i]


def test_transliteration_variants_share_a_key():
    assert name_key("Al-Nasiriyah") == name_key("Nassiriya") == name_key("an-Nasiriya")
    assert name_key("St. Louis") == name_key("Saint Louis")
    assert name_key("São Paulo") == name_key("Sao Paulo")
    assert name_key("Ad-Dawr") == name_key("Dawr")


def test_countries_states_cities_and_facilities(gaz):
    iraq = _best(gaz, "Iraq", feature_code="PCLI")
    assert abs(gaz.lat[iraq] - 33) < 1 and abs(gaz.lon[iraq] - 44) < 1
    assert gaz.country[_best(gaz, "U.S.")] == "USA"
    texas = _best(gaz, "Texas", feature_code="ADM1")
    assert gaz.country[texas] == "USA" and 29 < gaz.lat[texas] < 33
    assert _best(gaz, "Kan.", feature_code="ADM1") == _best(gaz, "Kansas", feature_code="ADM1")
    balad = _best(gaz, "Balad", country="IRQ")
    assert 33.5 < gaz.lat[balad] < 34.5
    base = _best(gaz, "Al-Balad airbase")
    assert gaz.feature_code[base] == "AIRB"
    assert gaz.feature_code[_best(gaz, "Green Zone")] == "ZN"
    assert gaz.country[_best(gaz, "Nassiriya")] == "IRQ"
    assert "RGN" in {gaz.feature_code[i] for i in gaz.lookup("Middle East")}
    assert "AIRP" in {gaz.feature_code[i] for i in gaz.lookup("Heathrow")}


def test_countries_are_alpha3_and_admin1_readable(gaz):
    """The output contract speaks ISO 3166 alpha-3 and admin1 names, never alpha-2 or bare codes."""
    codes = {c for c in gaz.country if c}
    assert codes and all(len(c) == 3 and c.isupper() for c in codes)
    dublin_oh = gaz.place(_best(gaz, "Dublin", country="USA"))
    assert dublin_oh.country == "USA" and dublin_oh.admin1 == "California"
    assert gaz.place(_best(gaz, "Baghdad", feature_code="PPLC")).admin1 == "Mayorality of Baghdad"
    for i in gaz.lookup("Springfield")[:20]:
        a1 = gaz.place(i).admin1
        assert a1 is None or not a1.isdigit()


def test_adjectival_forms_name_their_place(gaz):
    assert gaz.name[gaz.adjectival_place("Ukrainian")] == "Ukraine"
    assert gaz.country[gaz.adjectival_place("French")] == "FRA"  # not Réunion or Mayotte
    assert gaz.feature_code[gaz.adjectival_place("European")] == "CONT"
    assert gaz.adjectival_place("Muslim") is None and gaz.adjectival_place("Kurdish") is None


def test_old_cache_key_changes_with_build_version(monkeypatch):
    key = gz.cache_key()
    monkeypatch.setattr(gz, "BUILD_VERSION", gz.BUILD_VERSION + "x")
    assert gz.cache_key() != key


def test_generic_words_are_not_names(gaz):
    assert gaz.lookup("West") == ()
    assert gaz.lookup("") == ()


def test_demonyms(gaz):
    assert gaz.is_demonym("Iraqi") and gaz.is_demonym("German")
    assert not gaz.is_demonym("Baghdad")


def test_warm_load_is_fast_and_cached(gaz, tmp_path):
    path = gz.cache_path()
    assert path.exists()
    t0 = time.perf_counter()
    loaded = gz.load_or_build(path)
    assert time.perf_counter() - t0 < 5.0
    assert len(loaded) == len(gaz)


def test_corrupt_cache_is_rebuilt(tmp_path, gaz, monkeypatch):
    bad = tmp_path / "g.pkl"
    bad.write_bytes(b"not a pickle")
    monkeypatch.setattr(gz.Gazetteer, "build", classmethod(lambda cls: gaz))
    assert gz.load_or_build(bad) is gaz
