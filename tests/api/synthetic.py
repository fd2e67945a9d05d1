"""Synthetic documents and events built directly as model objects (the tests do not depend on the NLP)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from eventwire.model import PLOVER_TYPES, Actor, Document, Event, Evidence, Place, Result, Sentence

PLACES = [  # name, lat, lon, ISO-3
    ("Baghdad", 33.34, 44.40, "IRQ"),
    ("Mosul", 36.34, 43.13, "IRQ"),
    ("Kabul", 34.53, 69.17, "AFG"),
    ("Damascus", 33.51, 36.29, "SYR"),
    ("Aleppo", 36.20, 37.16, "SYR"),
    ("Sanaa", 15.35, 44.21, "YEM"),
    ("Kyiv", 50.45, 30.52, "UKR"),
    ("Bamako", 12.64, -8.00, "MLI"),
    ("Mogadishu", 2.05, 45.32, "SOM"),
    ("Caracas", 10.49, -66.88, "VEN"),
    ("Khartoum", 15.50, 32.56, "SDN"),
    ("Manila", 14.60, 120.98, "PHL"),
]
SECTORS = ["military", "government", "rebels", "police", "protesters", "civilians"]
MODALITY_CYCLE = ["asserted", "asserted", "claimed", "reported", "denied", "threatened"]


def make_result(i: int, rng: random.Random, start: date = date(2020, 1, 1)) -> Result:
    """Document `doc-<i>` with three sentences and one event on the second one."""
    name, lat, lon, iso = PLACES[i % len(PLACES)]
    event_type = PLOVER_TYPES[i % len(PLOVER_TYPES)]
    first = f"Report {i} from {name}."
    evidence = f"Forces of group {i % 7} clashed near {name} on day {i}, officials said."
    text = f"{first} {evidence} More details followed later."
    doc = Document(
        doc_id=f"doc-{i}",
        text=text,
        title=f"Report {i}",
        url=f"https://news.example/{i}",
        publication_date=start + timedelta(days=i % 365),
        source=f"synthetic:{i}",
    )
    s1 = len(first) + 1
    sentences = [
        Sentence(doc.doc_id, 0, 0, len(first), first),
        Sentence(doc.doc_id, 1, s1, s1 + len(evidence), evidence),
        Sentence(doc.doc_id, 2, s1 + len(evidence) + 1, len(text), "More details followed later."),
    ]
    event = Event(
        doc_id=doc.doc_id,
        event_type=event_type,
        evidence=Evidence(evidence, s1, s1 + len(evidence)),
        modality=MODALITY_CYCLE[i % len(MODALITY_CYCLE)],
        source_actor=Actor(f"group {i % 7}", name=f"Group {i % 7}", country=iso, sector=SECTORS[i % len(SECTORS)]),
        target_actor=Actor("civilians", name="Civilians", country=iso, sector="civilians"),
        location=Place(name, lat + rng.uniform(-0.3, 0.3), lon + rng.uniform(-0.3, 0.3), country=iso),
        date=doc.publication_date,
        date_precision="day",
        fatalities=(i * 7) % 50 if event_type == "ASSAULT" or i % 3 == 0 else None,
        trigger="clashed",
        trigger_start=s1 + evidence.index("clashed"),
        confidence=0.8,
    )
    return Result(doc, sentences, [], [event])


def synthetic_results(n: int, seed: int = 7) -> list[Result]:
    rng = random.Random(seed)
    return [make_result(i, rng) for i in range(n)]


def build_db(path: str, n: int) -> list[Result]:
    """A DuckDB file at `path` holding `n` synthetic documents and events; returns what was stored."""
    from eventwire.store import Store

    results = synthetic_results(n)
    with Store(path) as store:
        store.add_results(results)
    return results
