"""Typed records that cross stage boundaries.

Every stage takes and returns these; `Event.to_contract()` is the one place that defines the public JSONL
output contract (README "Output contract"), so the CLI, the API and the exports cannot drift apart.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODALITIES = ("asserted", "claimed", "denied", "threatened", "hypothetical", "reported")
DATE_PRECISIONS = ("day", "week", "month", "year")
PLACE_PRECISIONS = ("point", "city", "admin1", "country", "relative")


def content_hash(text: str) -> str:
    """Stable key of a document's cleaned text (re-ingesting the same content adds nothing)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Document:
    """A news report after ingest: `text` is the cleaned text every offset in the system refers to.

    `segments` maps cleaned offsets back to the text as given: (clean_start, raw_start) pairs, one per kept
    stretch of text, so that offsets can be reported against the original (empty: the same text).
    """

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    publication_date: date | None = None
    source: str | None = None
    segments: list[tuple[int, int]] = field(default_factory=list)

    def raw_offset(self, clean_offset: int) -> int:
        """Offset in the text as given of a cleaned-text offset."""
        raw = clean_offset
        for clean_start, raw_start in self.segments:
            if clean_start > clean_offset:
                break
            raw = raw_start + (clean_offset - clean_start)
        return raw

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass
class Actor:
    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    start: int | None = None
    end: int | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass
class Place:
    """A resolved place. `precision` says how exact lat/lon are; `direction` is set for relative places
    ("north of Baghdad": Baghdad's coordinates, precision "relative", direction "north")."""

    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    precision: str = "city"
    feature_code: str | None = None
    direction: str | None = None
    population: int | None = None
    # how the event's place was found (not in the contract): "placed" (its own sentence, after a placing preposition
    # or as a relative place), "named" (its own sentence otherwise), "nearby" (the sentences before it), "document"
    # (the dateline's or the document's country); None for a place that is no event's
    basis: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "geonameid": self.geonameid,
            "precision": self.precision,
        }


@dataclass
class Toponym:
    """A place name found in a document, with offsets into the cleaned text, resolved to `place`
    (None when no gazetteer entry fits)."""

    text: str
    start: int
    end: int
    place: Place | None = None
    score: float = 0.0
    is_dateline: bool = False


@dataclass
class Evidence:
    sentence: str
    char_start: int
    char_end: int


@dataclass
class Event:
    doc_id: str
    event_type: str
    evidence: Evidence
    mode: str | None = None
    cameo_code: str | None = None
    modality: str = "asserted"
    source_actor: Actor | None = None
    target_actor: Actor | None = None
    location: Place | None = None
    date: date | None = None
    date_precision: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    weapons: list[str] = field(default_factory=list)
    confidence: float = 0.5
    trigger: str | None = None
    trigger_start: int | None = None
    notes: list[str] = field(default_factory=list)
    event_id: str = ""
    # ACLED event type / sub-event type for violent and protest events (not part of the output contract)
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    # every sentence that tells this happening, in text order (the evidence among them); empty = the evidence only
    mentions: list[Evidence] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.event_id:
            self.event_id = make_event_id(self)

    def to_contract(self) -> dict[str, Any]:
        """The public JSONL record: exactly the keys of the output contract, unknown = null."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision if self.date else None,
            "event_type": self.event_type,
            "mode": self.mode,
            "cameo_code": self.cameo_code,
            "modality": self.modality,
            "source_actor": self.source_actor.to_contract() if self.source_actor else None,
            "target_actor": self.target_actor.to_contract() if self.target_actor else None,
            "location": self.location.to_contract() if self.location else None,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "weapons": list(self.weapons),
            "confidence": round(float(self.confidence), 3),
            "evidence": asdict(self.evidence),
            "mentions": [asdict(m) for m in self.mentions] if self.mentions else [asdict(self.evidence)],
        }


def make_event_id(event: Event) -> str:
    """Deterministic id: same document, sentence, type and trigger give the same id on every run and engine."""
    key = f"{event.doc_id}|{event.evidence.char_start}|{event.event_type}|{event.trigger_start}|{event.trigger}"
    return "ev_" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


CONTRACT_KEYS = tuple(Event(doc_id="x", event_type="ASSAULT", evidence=Evidence("", 0, 0)).to_contract())


@dataclass
class Result:
    """Everything the pipeline learned about one document."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    toponyms: list[Toponym] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass
class Failure:
    """A document that could not be read or processed, and why (it is reported and skipped, never lost silently)."""

    source: str
    reason: str
