"""Toponym resolution: candidates from the gazetteer, ranked by a hand-weighted score.

Evidence, in order of strength: an explicit container ("Balad, Salahuddin", "Springfield, Ill."), the kind of
place (countries, first-order divisions, capitals and curated facilities get priors; "the city of X" wants a town,
"X Health Minister" a division or country), population, the document's wording (local-news cues of the US,
Canada and the UK: dollar sums and North American phone numbers count for both the US and Canada), the
document's dominant countries and admin1 divisions (from the other toponyms), geographic proximity to the
other toponyms, and the dateline. Every mention of the same name in a document gets the same reading; a bare
name beside "<name> County" is that county unless it reads as a town inside it (`_own_county`).
No weight is learned; they were set by hand to be easy to reason about.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from ..geodesy import haversine_km, haversine_km_array
from . import sources
from .detect import Acceptor, Mention
from .gazetteer import Gazetteer
from .normalize import name_key, plain_key

MAX_CANDIDATES = 40
TYPE_PRIOR = {
    sources.COUNTRY: 5.0,
    sources.CONTINENT: 5.0,
    sources.ADM1: 3.0,
    sources.CAPITAL: 1.5,
    sources.ADM2: 0.5,
    sources.AIRBASE: 3.0,
    sources.AIRPORT: 0.5,
    "RGN": 4.0,
    "MILB": 4.0,
    "ZN": 4.0,
    "BDG": 3.0,
    "SQR": 3.0,
    "PSTB": 3.0,
    "SEA": 4.0,
    "OCN": 4.0,
    "GULF": 4.0,
    "STRT": 4.0,
    "LK": 3.0,
    "STM": 3.0,
    "CNL": 3.0,
    "ST": 2.0,
}
DIVISION_BONUS = 5.0
CONTEXT_PASSES = 2  # more passes changed no reading on the dev set; a stable pick stops early
NOT_SETTLEMENT = frozenset({sources.COUNTRY, sources.CONTINENT, sources.ADM1})
GOVERNED_CODES = frozenset({sources.COUNTRY, sources.ADM1})
ADMIN1_WEIGHT = 3.0  # same first-order division as the rest of the document ("Dublin" among Ohio towns)
BROAD_CODES = frozenset({sources.COUNTRY, sources.CONTINENT, "RGN", "SEA", "OCN", "GULF", "STM"})
_DIRECTION_PREFIX = re.compile(
    r"^(?:(?:far|upper|lower|central|greater|north|south|east|west|northern|southern|eastern|western|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)\s+)+",
    re.IGNORECASE,
)
# GeoNames alternate names of towns are noisy (old names, misspellings, neighbouring villages: "Maryville" is an
# alternate name of Beeville, Texas): a town matched only through one ranks below towns of that very name.
ALT_NAME_CODES = frozenset({sources.CITY, sources.CAPITAL})
ALT_ONLY_PENALTY = 2.0
NAMESAKE_POPULATION, NAMESAKE_PENALTY = 100_000, 3.0
# A national capital's small namesakes rank lower too ("Lima" in a story full of U.S. places is still Lima, Peru),
# except in a country whose local-news wording the document uses (`locale_bonus`): there "Dublin" is Dublin, Ohio.
CAPITAL_NAMESAKE_PENALTY = 1.5
# A name spelled exactly like a well-known place ("Samarra") means that place, not one that matches only once the
# spelling is folded ("Samara": doubled letters, final -h); a well-known place is this big or a division/country.
SPELLING_PENALTY = 1.0
SPELLING_CODES = frozenset({sources.COUNTRY, sources.ADM1, sources.CAPITAL})
SETTLEMENT_SUFFIXES = (" city", " town", " village")
_SUFFIXES = (" province", " governorate", " city", " region", " district", " state", " town", " village")


@dataclass
class Resolution:
    place_id: int | None
    score: float


def base_name(gaz: Gazetteer, text: str) -> str:
    """`text` without a place-kind suffix the gazetteer does not know it with ("Dublin Village" -> "Dublin")."""
    low = text.lower()
    ids = gaz.lookup(text)
    if ids:
        # "Dublin City" is only an alternate name of Dublin, Ireland: read it as "Dublin", a city, so that the
        # document decides between the Dublins (a place whose own name it is, "Kansas City", stays whole).
        suf = next((s for s in SETTLEMENT_SUFFIXES if low.endswith(s) and len(text) > len(s)), None)
        key = name_key(text)
        if suf is None or any(name_key(gaz.name[i]) == key for i in ids) or not gaz.lookup(text[: -len(suf)]):
            return text
        return text[: -len(suf)]
    for suf in _SUFFIXES:
        if low.endswith(suf) and len(text) > len(suf):
            return text[: -len(suf)]
    m = _DIRECTION_PREFIX.match(text)  # "Far North Queensland", "Eastern Illinois": the part of the place
    if m and gaz.lookup(text[m.end() :]):
        return text[m.end() :]
    return text


def _settlement_suffix(gaz: Gazetteer, text: str) -> bool:
    """True when `text` is a name plus a town suffix the gazetteer does not know it with ("Quebec City")."""
    return text.lower().endswith(SETTLEMENT_SUFFIXES) and base_name(gaz, text) != text


def candidates(gaz: Gazetteer, text: str) -> tuple[int, ...]:
    ids = gaz.lookup(base_name(gaz, text))
    if len(ids) > MAX_CANDIDATES:
        ids = tuple(sorted(ids, key=lambda i: -int(gaz.population[i]))[:MAX_CANDIDATES])
    return ids


def _mention_candidates(gaz: Gazetteer, group: list[Mention]) -> tuple[int, ...]:
    """Candidates of a group of same-name mentions; an adjectival form ("Ukrainian") has exactly one."""
    if all(m.label == "ADJ" for m in group):
        row = gaz.adjectival_place(group[0].text)
        return (row,) if row is not None else ()
    if all(m.is_qualifier for m in group):
        # A container after a comma may be a code valid only there ("Greenville, SC").
        ids = tuple(
            i
            for i in gaz.lookup_qualifier(group[0].text)
            if gaz.feature_code[i] in (sources.ADM1, sources.COUNTRY, sources.ADM2)
        )
        if ids:
            return ids
    if any(m.article for m in group):
        # A name the gazetteer knows with its article ("the Gulf" is the Persian Gulf) means that place.
        ids = gaz.lookup("the " + group[0].text)
        if ids:
            return ids
    return candidates(gaz, group[0].text)


def alternate_only(gaz: Gazetteer, i: int, key: str) -> bool:
    """True when town `i` matches the folded name `key` only through one of its GeoNames alternate names."""
    if gaz.feature_code[i] not in ALT_NAME_CODES:
        return False
    own = name_key(gaz.name[i])
    # "New York" names New York City, "Enfield" Enfield Town
    return own != key and own != key + " city" and own != key + " town" and own != "city of " + key


def _priors(gaz: Gazetteer, ids: tuple[int, ...], plain: str, local: frozenset[str] = frozenset()) -> np.ndarray:
    """Context-free score of each candidate: population, kind of place, exact spelling, primary-name match.
    `local`: countries whose local-news wording the document uses (their capitals' namesakes are not penalised)."""
    out = np.zeros(len(ids))
    key = name_key(plain)
    # Penalise alternate-name matches only where some candidate bears the name as its own: a name known only as
    # an alternate ("Nassiriya", "Bombay") keeps its ranking by population.
    alt = [alternate_only(gaz, i, key) for i in ids]
    penalise = not all(alt)
    # Divisions named after their big city ("Baghdad", "New York"): the bare name means the city.
    big_cities = {
        gaz.country[i]
        for i in ids
        if gaz.feature_code[i] in (sources.CITY, sources.CAPITAL)
        and (int(gaz.population[i]) >= 300_000 or gaz.feature_code[i] == sources.CAPITAL)
    }
    # A region or sea of exactly this name ("Middle East", "Pacific") outranks the small towns named after it: the
    # towns would otherwise win on the country context the region, having no country, never gets.
    broad = any(gaz.feature_code[i] in BROAD_CODES and gaz.plain[i] == plain for i in ids)
    capital = any(gaz.feature_code[i] == sources.CAPITAL and gaz.plain[i] == plain for i in ids)
    respelled = _respelled(gaz, ids, plain, key)
    for n, i in enumerate(ids):
        fcode = gaz.feature_code[i]
        pop = int(gaz.population[i])
        prior = TYPE_PRIOR.get(fcode, 0.0)
        if fcode == sources.ADM1:
            if pop < 1_000_000:
                prior = 1.5
            if gaz.country[i] in big_cities:
                prior -= 2.5
        score = 0.55 * math.log10(pop + 10) + prior
        named_after_city = fcode == sources.ADM1 and gaz.country[i] in big_cities
        if gaz.plain[i] == plain and not named_after_city or gaz.plain[i] in (plain + " city", plain + " town"):
            score += 1.0  # exact spelling; "New York" is spelled like the city ("New York City") it means
        if penalise and alt[n]:
            score -= ALT_ONLY_PENALTY
        if fcode in ALT_NAME_CODES and pop < NAMESAKE_POPULATION:
            score -= (
                NAMESAKE_PENALTY
                if broad
                else CAPITAL_NAMESAKE_PENALTY
                if capital and (gaz.country[i] not in local)
                else 0.0
            )
        if respelled[n]:
            score -= SPELLING_PENALTY
        out[n] = score
    return out


def _respelled(gaz: Gazetteer, ids: tuple[int, ...], plain: str, key: str) -> list[bool]:
    """Per candidate: True when its own name matches `plain` only after folding while a well-known candidate is
    spelled exactly `plain` (`SPELLING_CODES`, or at least `NAMESAKE_POPULATION` people)."""
    exact = any(
        gaz.plain[i] == plain
        and (int(gaz.population[i]) >= NAMESAKE_POPULATION or gaz.feature_code[i] in SPELLING_CODES)
        for i in ids
    )
    if not exact:
        return [False] * len(ids)
    return [gaz.plain[i] != plain and name_key(gaz.name[i]) == key for i in ids]


# Wording only one country's local news uses: each kind found tips ambiguous names towards that country's readings
# ("Dublin" in a story about a township board and dollar grants is Dublin, Ohio; "London" in a story quoting
# "Const." officers and "the province" is London, Ontario). Capped so a named container still wins.
_LOCALE_CUES = {
    "USA": (
        re.compile(
            r"\b(?:Township|township|[Cc]ounty (?:[Cc]ommission|[Ss]heriff|[Bb]oard|[Cc]ourthouse)|Sheriff's)\b"
        ),
        re.compile(r"\b(?:Rep|Sen|Gov|Del)\. [A-Z][a-z]+"),
        re.compile(r"\b(?:City Council|[Bb]oard of [Ee]ducation|[Ss]chool [Bb]oard|Board of Supervisors|Elks|PTA)\b"),
    ),
    "CAN": (
        re.compile(r"\bConst\. [A-Z]"),
        re.compile(r"\b(?:RCMP|OPP|MPP|MNA|Crown attorney)\b"),
        re.compile(r"\b(?:[Tt]he province|provincial government|[Pp]remier [A-Z][a-z]+)\b"),
    ),
    "GBR": (
        re.compile(r"£\s?\d"),
        re.compile(r"\b(?:NHS|[Cc]ouncil tax|Borough Council|GCSEs?|A-levels?)\b"),
    ),
}
# North American phone numbers ("call 519-661-5670", "(806) 423-1253"): local news of the US or Canada, both.
_NANP_PHONE = re.compile(r"(?:\(\d{3}\)\s?|\b\d{3}[-.])\d{3}-\d{4}\b")
_DOLLARS = re.compile(r"\$\s?\d")
NANP_COUNTRIES = ("USA", "CAN")
LOCALE_CUE_BONUS, LOCALE_CUE_CAP = 1.5, 3.0
US = "USA"
DEMONYM_WEIGHT = 1.0  # a country adjective ("a French woman") weighs like one mention of that country


def locale_bonus(text: str) -> dict[str, float]:
    """Country -> bonus from the document's wording (local-news wording of the US, Canada and the UK)."""
    out = {}
    # Dollar sums and phone numbers are North American (US and Canadian) wording alike.
    shared = (_NANP_PHONE.search(text) is not None) + (_DOLLARS.search(text) is not None)
    for country, cues in _LOCALE_CUES.items():
        hits = sum(1 for rx in cues if rx.search(text)) + (shared if country in NANP_COUNTRIES else 0)
        if hits:
            out[country] = min(LOCALE_CUE_CAP, LOCALE_CUE_BONUS * hits)
    return out


def demonym_countries(gaz: Gazetteer, doc: Doc) -> dict[str, float]:
    """Country -> context weight from the country adjectives of a parsed document ("French", "Canadian"): they
    are not toponyms by default, but they say which countries the story is about."""
    forms: dict[int, int] = defaultdict(int)
    for tok in doc:
        if tok.text[:1].isupper() and tok.is_alpha:
            row = gaz.adjectival_place(tok.text)
            if row is not None and gaz.feature_code[row] == sources.COUNTRY:
                forms[row] += 1
    out: dict[str, float] = defaultdict(float)
    for row, n in forms.items():
        out[gaz.country[row]] += DEMONYM_WEIGHT + 0.25 * (n - 1)
    return dict(out)


def resolve(
    gaz: Gazetteer,
    mentions: list[Mention],
    dateline: int | None = None,
    locale: dict[str, float] | None = None,
    countries: dict[str, float] | None = None,
) -> list[Resolution]:
    """One `Resolution` per mention (same order). `dateline` is the index of the dateline mention, if any;
    `locale` a country -> bonus map from the document's wording (`locale_bonus`); `countries` extra country
    weights for the document context (`demonym_countries`)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for k, m in enumerate(mentions):
        # "Dublin Village" and "Dublin" in one story are one place: one group, one reading, no self-support.
        groups[name_key(base_name(gaz, m.text)) + ("#adj" if m.label == "ADJ" else "")].append(k)
    keys = list(groups)
    cands = {key: _mention_candidates(gaz, [mentions[k] for k in groups[key]]) for key in keys}
    local = frozenset(locale or ())
    priors = {
        key: _priors(gaz, cands[key], plain_key(base_name(gaz, mentions[groups[key][0]].text)), local) for key in keys
    }
    # Container evidence: "X, Y" -> candidates of X inside one of Y's readings.
    contain = {key: np.zeros(len(cands[key])) for key in keys}
    for key in keys:
        quals = [q for k in groups[key] if (q := mentions[k].qualifier) is not None]
        if not quals or not cands[key]:
            continue
        qids = [
            q
            for qk in quals
            for q in gaz.lookup_qualifier(mentions[qk].text)
            if gaz.feature_code[q] in (sources.ADM1, sources.COUNTRY, sources.ADM2)
        ]
        inside = {(gaz.country[q], gaz.admin1[q] if gaz.feature_code[q] != sources.COUNTRY else "") for q in qids}
        for n, i in enumerate(cands[key]):
            cc, a1 = gaz.country[i], gaz.admin1[i]
            if (cc, a1) in inside and a1:
                contain[key][n] = 7.0
            elif (cc, "") in inside:
                contain[key][n] = 4.0
            elif any(c == cc for c, _ in inside):
                contain[key][n] = 2.0
            else:
                contain[key][n] = -2.0
    date_key = next((key for key in keys if dateline in groups[key]), None) if dateline is not None else None
    for key in keys:
        if any(mentions[k].governed for k in groups[key]) and not any(mentions[k].settlement for k in groups[key]):
            # "Quebec Health Minister": the province (or a country), whose government it is, not the city
            priors[key] = priors[key] + np.array(
                [DIVISION_BONUS * (gaz.feature_code[i] in GOVERNED_CODES) for i in cands[key]]
            )
        if any(mentions[k].division for k in groups[key]):  # "Washington state": the division, not the city
            priors[key] = priors[key] + np.array(
                [DIVISION_BONUS * (gaz.feature_code[i] == sources.ADM1) for i in cands[key]]
            )
        elif any(mentions[k].settlement or _settlement_suffix(gaz, mentions[k].text) for k in groups[key]):
            # "the town of Jinja", "Quebec City": a town, not a district
            # nor a country or a division ("the city of Turkey" is Turkey, Texas)
            priors[key] = priors[key] + np.array(
                [
                    DIVISION_BONUS * gaz.feature_code[i].startswith("PPL")
                    - DIVISION_BONUS * (gaz.feature_code[i] in NOT_SETTLEMENT)
                    for i in cands[key]
                ]
            )
    if locale:
        for key in keys:
            priors[key] = priors[key] + np.array([locale.get(gaz.country[i], 0.0) for i in cands[key]])
    coloc = _colocation(gaz, keys, cands, priors)
    pick = {key: (int(np.argmax(priors[key] + contain[key] + coloc[key])) if cands[key] else None) for key in keys}
    scores: dict[str, float] = {}
    for _ in range(CONTEXT_PASSES):
        new_pick, scores = _context_pass(gaz, keys, groups, cands, priors, contain, pick, date_key, countries or {})
        if new_pick == pick:
            break
        pick = new_pick
    out = [Resolution(None, 0.0)] * len(mentions)
    chosen = {key: (cands[key][picked] if (picked := pick[key]) is not None else None) for key in keys}
    for key in keys:
        pid = _own_county(gaz, key, chosen)
        for k in groups[key]:
            out[k] = Resolution(pid, scores.get(key, 0.0))
    return out


COUNTY_WORDS = ("county", "parish")
COUNTY_RADIUS_KM = 60.0


def _own_county(gaz: Gazetteer, key: str, chosen: dict[str, int | None]) -> int | None:
    """The reading of name `key`; where the document also names "<key> County" ("unincorporated DeKalb" beside "the
    DeKalb County Commission"), the bare name is that county when its own reading lies far from it."""
    pid = chosen[key]
    for word in COUNTY_WORDS:
        county = chosen.get(f"{key} {word}")
        if county is None or gaz.feature_code[county] != sources.ADM2:
            continue
        if pid is None or gaz.feature_code[pid] in BROAD_CODES or gaz.feature_code[pid] == sources.ADM1:
            return pid if pid is not None else county
        d = haversine_km(gaz.lat[pid], gaz.lon[pid], gaz.lat[county], gaz.lon[county])
        return county if d > COUNTY_RADIUS_KM else pid
    return pid


# Readings of a name whose prior is this close to its best one are plausible enough to lend support to others.
PLAUSIBLE_GAP = 1.0
COLOC_KM, COLOC_BONUS = 100.0, 1.0
COLOC_NEAR_KM, COLOC_NEAR_BONUS = 40.0, 1.5  # a town and its county, two neighbouring villages


def plausible(gaz: Gazetteer, ids: tuple[int, ...], prior: np.ndarray) -> list[int]:
    """The point-like readings of a name (towns, not countries or seas) within `PLAUSIBLE_GAP` of its best prior."""
    if not ids:
        return []
    best = float(prior.max())
    return [
        i
        for n, i in enumerate(ids)
        if prior[n] >= best - PLAUSIBLE_GAP
        and gaz.feature_code[i] not in BROAD_CODES
        and gaz.feature_code[i] != sources.ADM1
    ]


def _colocation(
    gaz: Gazetteer, keys: list[str], cands: dict[str, tuple[int, ...]], priors: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Bonus for readings near a plausible reading of another name, before any pick is made: "Springfield" next
    to "Chicopee" starts as Springfield, Massachusetts, though alone it leans to the bigger Springfields. Readings
    within `COLOC_NEAR_KM` of each other get more: "Richmond" beside "Madison County" is the Richmond inside that
    county (Kentucky), not the one 80 km from another Madison County (Indiana). The first pick then starts from
    readings that agree with each other; the context passes decide from there."""
    pts = {key: plausible(gaz, cands[key], priors[key]) for key in keys}
    out = {}
    for key in keys:
        others = [i for k2 in keys if k2 != key for i in pts[k2]]
        bonus = np.zeros(len(cands[key]))
        if others and cands[key]:
            idx = np.fromiter(cands[key], dtype=np.int64)
            oth = np.fromiter(others, dtype=np.int64)
            d = haversine_km_array(
                gaz.lat[idx][:, None], gaz.lon[idx][:, None], gaz.lat[oth][None, :], gaz.lon[oth][None, :]
            )
            dmin = d.min(axis=1)
            bonus = np.where(dmin < COLOC_NEAR_KM, COLOC_NEAR_BONUS, COLOC_BONUS * (dmin < COLOC_KM))
        out[key] = bonus
    return out


def _context_pass(
    gaz: Gazetteer,
    keys: list[str],
    groups: dict[str, list[int]],
    cands: dict[str, tuple[int, ...]],
    priors: dict[str, np.ndarray],
    contain: dict[str, np.ndarray],
    pick: dict[str, int | None],
    date_key: str | None,
    countries: dict[str, float],
) -> tuple[dict[str, int | None], dict[str, float]]:
    # Document distribution of countries and admin1 divisions from the current readings.
    cc_w: dict[str, float] = defaultdict(float, countries)
    a1_w: dict[tuple[str, str], float] = defaultdict(float)
    points = []
    for key in keys:
        n = pick[key]
        if n is None:
            continue
        i = cands[key][n]
        w = 1.0 + (1.5 if key == date_key else 0.0) + 0.25 * (len(groups[key]) - 1)
        cc = gaz.country[i]
        if cc:
            cc_w[cc] += w
        if gaz.admin1[i]:
            a1_w[(cc, gaz.admin1[i])] += w
        if gaz.feature_code[i] not in BROAD_CODES and gaz.feature_code[i] != sources.ADM1:
            points.append((key, float(gaz.lat[i]), float(gaz.lon[i])))
    new_pick: dict[str, int | None] = {}
    scores: dict[str, float] = {}
    for key in keys:
        ids = cands[key]
        if not ids:
            new_pick[key] = None
            continue
        own = pick[key]
        own_id = ids[own] if own is not None else None
        own_w = 1.0 + (1.5 if key == date_key else 0.0) + 0.25 * (len(groups[key]) - 1)
        total = sum(cc_w.values()) - own_w
        ctx = np.zeros(len(ids))
        idx = np.fromiter(ids, dtype=np.int64)
        if total > 0:
            for n, i in enumerate(ids):
                cc = gaz.country[i]
                w = cc_w.get(cc, 0.0) - (own_w if own_id is not None and gaz.country[own_id] == cc else 0.0)
                ctx[n] += 3.0 * w / total
                a1 = gaz.admin1[i]
                if a1:
                    wa = a1_w.get((cc, a1), 0.0) - (
                        own_w if own_id is not None and gaz.country[own_id] == cc and gaz.admin1[own_id] == a1 else 0.0
                    )
                    ctx[n] += ADMIN1_WEIGHT * wa / total
        others = [(la, lo) for k2, la, lo in points if k2 != key]
        if others:
            olat = np.array([p[0] for p in others])
            olon = np.array([p[1] for p in others])
            d = haversine_km_array(gaz.lat[idx][:, None], gaz.lon[idx][:, None], olat[None, :], olon[None, :])
            d = d.min(axis=1)
            ctx += np.where(d < 50, 1.5, np.where(d < 200, 1.0, np.where(d < 600, 0.4, 0.0)))
        total_score = priors[key] + contain[key] + ctx
        best = int(np.argmax(total_score))
        new_pick[key] = best
        srt = np.sort(total_score)
        margin = float(srt[-1] - srt[-2]) if len(srt) > 1 else 5.0
        scores[key] = round(1.0 / (1.0 + math.exp(-margin)), 3)
    return new_pick, scores


WEAK_RADIUS_KM = 150.0
RELAXED_POPULATION = 20_000  # a town this size is named in an organisation's name without other support


def make_acceptor(gaz: Gazetteer, mentions: list[Mention], resolutions: list[Resolution]) -> Acceptor:
    """A test for weak mentions: accept a name already read as a place in this document, a prominent name, or
    one with a reading in an admin1 division or within `WEAK_RADIUS_KM` of a place the document mentions."""
    known = {name_key(m.text) for m in mentions}
    regions, pts = set(), []
    for r in resolutions:
        if r.place_id is None:
            continue
        i = r.place_id
        if gaz.admin1[i]:
            regions.add((gaz.country[i], gaz.admin1[i]))
        if gaz.feature_code[i] not in BROAD_CODES and gaz.feature_code[i] != sources.ADM1:
            pts.append((float(gaz.lat[i]), float(gaz.lon[i])))
    alt = _alternative_points(gaz, mentions)
    plat = np.array([p[0] for p in pts])
    plon = np.array([p[1] for p in pts])

    def accept(text: str, strict: bool = False, relaxed: bool = False) -> bool:
        key = name_key(text)
        if key in known or key in gaz.prominent or _country_acronym(gaz, text):
            return True
        if strict:
            return False
        # A weak mention needs a town of that very name: alternate names alone ("Bellah", "Nassar") are too often
        # people or words.
        base = name_key(base_name(gaz, text))
        ids = tuple(i for i in candidates(gaz, text) if not alternate_only(gaz, i, base))
        if not ids:
            return False
        if relaxed and any(
            int(gaz.population[i]) >= RELAXED_POPULATION
            or gaz.feature_code[i] in BROAD_CODES
            or gaz.feature_code[i] in (sources.ADM1, sources.ADM2)
            for i in ids
        ):
            return True
        if any((gaz.country[i], gaz.admin1[i]) in regions for i in ids):
            return True
        if pts:
            idx = np.fromiter(ids, dtype=np.int64)
            d = haversine_km_array(gaz.lat[idx][:, None], gaz.lon[idx][:, None], plat[None, :], plon[None, :])
            if (d < WEAK_RADIUS_KM).any():
                return True
        if alt.size:
            idx = np.fromiter(ids, dtype=np.int64)
            d = haversine_km_array(gaz.lat[idx][:, None], gaz.lon[idx][:, None], alt[None, :, 0], alt[None, :, 1])
            return bool((d < ALT_RADIUS_KM).any())
        return False

    return accept


ALT_RADIUS_KM, ALT_POPULATION = 50.0, 10_000


def _country_acronym(gaz: Gazetteer, text: str) -> bool:
    """True for a country's initials ("U.S.", "UK", "USA"), too short to be prominent but never a person."""
    letters = text.replace(".", "")
    return (
        letters.isupper()
        and 2 <= len(letters) <= 4
        and any(gaz.feature_code[i] == sources.COUNTRY for i in gaz.lookup(text))
    )


def _alternative_points(gaz: Gazetteer, mentions: list[Mention]) -> np.ndarray:
    """(lat, lon) rows of the close alternative readings of the place entities: "Cheltenham" supports reading
    "Gloucester" as the English city even where the Canadian one was picked before Cheltenham was found. Only
    towns of some size and a tight radius: every name has some village namesake near something."""
    rows = []
    for m in mentions:
        if m.label not in ("GPE", "LOC"):
            continue
        ids = candidates(gaz, m.text)
        if len(ids) > 1:
            rows += [
                (float(gaz.lat[i]), float(gaz.lon[i]))
                for i in plausible(gaz, ids, _priors(gaz, ids, plain_key(base_name(gaz, m.text))))
                if int(gaz.population[i]) >= ALT_POPULATION
            ]
    return np.array(rows).reshape(-1, 2)
