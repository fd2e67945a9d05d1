"""Lossless row form of pipeline results, shared by the Spark side (writing Parquet) and the loading side
(rebuilding `Result`s for `Store.add_results`). Pure Python: no pyspark needed to import it.

Flat columns are there for querying Parquet in place; the `payload` column of events and toponyms is the full
record (every dataclass field), so that what is loaded into DuckDB is exactly what the pipeline produced.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from ..model import Actor, Document, Event, Evidence, Place, Result, Sentence, Toponym

UNKNOWN_DATE = "unknown"  # partition value of records without a date

# Spark DDL of what the coding stage returns per input document (one row each); nested lists travel as JSON
# text and are exploded on the Spark side with `EVENT_DDL` etc., which keeps the Arrow transfer flat.
CODED_DDL = (
    "path_rank long, seq_in long, seq_item long, status string, failure_source string, reason string, "
    "doc_id string, content_hash string, title string, url string, source string, publication_date string, "
    "text string, segments string, sentences string, toponyms string, events string"
)
SENTENCE_DDL = "array<struct<idx:int, char_start:int, char_end:int>>"
TOPONYM_DDL = (
    "array<struct<char_start:int, char_end:int, text:string, name:string, lat:double, lon:double, "
    "country:string, admin1:string, geonameid:bigint, feature_code:string, payload:string>>"
)
EVENT_DDL = (
    "array<struct<event_id:string, date:string, date_precision:string, event_type:string, mode:string, "
    "cameo_code:string, modality:string, source_text:string, source_name:string, source_country:string, "
    "source_sector:string, target_text:string, target_name:string, target_country:string, target_sector:string, "
    "location_name:string, lat:double, lon:double, location_country:string, admin1:string, geonameid:bigint, "
    "location_precision:string, fatalities:int, injuries:int, weapons:array<string>, confidence:double, "
    "evidence_sentence:string, evidence_start:int, evidence_end:int, record:string, payload:string>>"
)

STATUS_OK = "ok"
STATUS_FAILED = "failed"
STATUS_STORED = "already_stored"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# -- to rows ---------------------------------------------------------------------------------------------
def document_columns(doc: Document) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "publication_date": _iso(doc.publication_date),
        "text": doc.text,
        "segments": _json(doc.segments),
    }


def result_columns(result: Result) -> dict[str, Any]:
    """The coded columns of one document (see `CODED_DDL`)."""
    return {
        **document_columns(result.document),
        "sentences": _json([{"idx": s.index, "char_start": s.start, "char_end": s.end} for s in result.sentences]),
        "toponyms": _json([toponym_row(t) for t in result.toponyms]),
        "events": _json([event_row(e) for e in result.events]),
    }


def toponym_row(t: Toponym) -> dict[str, Any]:
    p = t.place
    return {
        "char_start": t.start,
        "char_end": t.end,
        "text": t.text,
        "name": p.name if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country": p.country if p else None,
        "admin1": p.admin1 if p else None,
        "geonameid": p.geonameid if p else None,
        "feature_code": p.feature_code if p else None,
        "payload": _json(asdict(t)),
    }


def _actor(prefix: str, a: Actor | None) -> dict[str, Any]:
    return {
        f"{prefix}_text": a.text if a else None,
        f"{prefix}_name": a.name if a else None,
        f"{prefix}_country": a.country if a else None,
        f"{prefix}_sector": a.sector if a else None,
    }


def event_row(e: Event) -> dict[str, Any]:
    """Flat columns named as in the DuckDB `events` table, plus the contract `record` and the full `payload`."""
    loc = e.location
    return {
        "event_id": e.event_id,
        "date": _iso(e.date),
        "date_precision": e.date_precision if e.date else None,
        "event_type": e.event_type,
        "mode": e.mode,
        "cameo_code": e.cameo_code,
        "modality": e.modality,
        **_actor("source", e.source_actor),
        **_actor("target", e.target_actor),
        "location_name": loc.name if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "location_country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "location_precision": loc.precision if loc else None,
        "fatalities": e.fatalities,
        "injuries": e.injuries,
        "weapons": list(e.weapons),
        "confidence": e.confidence,
        "evidence_sentence": e.evidence.sentence,
        "evidence_start": e.evidence.char_start,
        "evidence_end": e.evidence.char_end,
        "record": _json(e.to_contract()),
        "payload": _json(asdict(e)),
    }


# -- from rows -------------------------------------------------------------------------------------------
def document_from_row(row: dict[str, Any]) -> Document:
    pub = row.get("publication_date")
    return Document(
        doc_id=row["doc_id"],
        text=row["text"],
        title=row.get("title"),
        url=row.get("url"),
        publication_date=pub if isinstance(pub, date) or pub is None else _date(pub),
        source=row.get("source"),
        segments=[tuple(s) for s in json.loads(row.get("segments") or "[]")],
    )


def sentence_from_row(document: Document, row: dict[str, Any]) -> Sentence:
    start, end = row["char_start"], row["char_end"]
    return Sentence(document.doc_id, row["idx"], start, end, document.text[start:end])


def _place(d: dict[str, Any] | None) -> Place | None:
    return Place(**d) if d else None


def _actor_from(d: dict[str, Any] | None) -> Actor | None:
    return Actor(**d) if d else None


def toponym_from_payload(payload: str) -> Toponym:
    d = json.loads(payload)
    d["place"] = _place(d.get("place"))
    return Toponym(**d)


def event_from_payload(payload: str) -> Event:
    d = json.loads(payload)
    d["evidence"] = Evidence(**d["evidence"])
    d["mentions"] = [Evidence(**m) for m in d.get("mentions") or []]
    d["source_actor"] = _actor_from(d.get("source_actor"))
    d["target_actor"] = _actor_from(d.get("target_actor"))
    d["location"] = _place(d.get("location"))
    d["date"] = _date(d.get("date"))
    return Event(**d)


def result_from_rows(
    document: dict[str, Any],
    sentences: list[dict[str, Any]],
    toponyms: list[dict[str, Any]],
    events: list[dict[str, Any]],
) -> Result:
    """Rebuild a pipeline `Result` from its Parquet rows (events keep their ids: they are not recomputed)."""
    doc = document_from_row(document)
    return Result(
        doc,
        [sentence_from_row(doc, s) for s in sorted(sentences, key=lambda s: s["idx"])],
        [toponym_from_payload(t["payload"]) for t in toponyms],
        [event_from_payload(e["payload"]) for e in events],
    )
