"""Watch rules and alerts over HTTP: `GET /alerts`, `GET /watch/rules` (the rules as GeoJSON, for the map),
`POST /watch/rules` and `DELETE /watch/rules/{id}` (writes need the API token). Thin wrappers over
`eventwire.watch`; the rule file is the one next to the database unless `app.state.watch_rules` names another."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path as FilePath
from typing import Any, Literal

import duckdb
from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from ..watch import add_rule, default_rules_path, load_rules, remove_rule, save_rules
from ..watch.alerts import AlertTable
from ..watch.errors import RuleError, WatchErrors
from ..watch.geofence import Circle
from ..watch.rules import RULE_ID, Rule, describe_rule
from .db import Database
from .deps import get_db, require_read, require_write

router = APIRouter(tags=["watch"])
_file_lock = threading.Lock()  # one rule-file edit at a time (read, change, write)


def rules_path(request: Request, db: Database) -> FilePath:
    return FilePath(getattr(request.app.state, "watch_rules", None) or default_rules_path(db.path))


@router.get("/alerts", dependencies=[Depends(require_read)], summary="Alerts raised by the watch rules, newest first")
def list_alerts(
    rule_id: str | None = Query(None, max_length=64, description="Only this rule's alerts."),
    since: date | None = Query(None, description="Raised on or after this day (UTC)."),
    kind: Literal["new", "update"] | None = Query(None, description="new or update."),
    limit: int = Query(100, ge=1, le=1000, description="At most this many alerts."),
    db: Database = Depends(get_db),
) -> dict[str, Any]:
    """Each alert: `alert_id`, `kind` (new, or update when a later source changed the fatalities),
    `rule_id`, `rule_name`, `event_id` (the merged event), `fatalities`, `previous_fatalities`,
    `distance_m` (from a circle's centre), `created_at`, `delivered`, and `event` (the event record)."""
    with db.reader() as store:
        alerts = AlertTable(store.con).list(rule_id=rule_id, since=since, kind=kind, limit=limit)
    return {"alerts": alerts, "count": len(alerts)}


@router.get(
    "/watch/rules",
    dependencies=[Depends(require_read)],
    summary="The watch rules as a GeoJSON FeatureCollection (one feature per rule)",
)
def list_rules(request: Request, db: Database = Depends(get_db)) -> Response:
    """A circle is a Point with `radius_m` in its properties (draw it with that radius); a polygon is itself;
    a rule without a geofence has a null geometry. Properties: `id`, `name`, `shape` (circle, polygon or
    null), `radius_m`, `description`, `rule` (the rule as written in the rule file) and `n_alerts`."""
    ruleset = load_rules(rules_path(request, db), missing_ok=True)
    with db.reader() as store:
        counts = _alert_counts(store.con) if AlertTable(store.con).exists() else {}
    features = [_feature(rule, counts.get(rule.id, 0)) for rule in ruleset.rules]
    return JSONResponse({"type": "FeatureCollection", "features": features}, media_type="application/geo+json")


@router.post(
    "/watch/rules",
    dependencies=[Depends(require_write)],
    status_code=201,
    summary="Add a watch rule (validated like a rule in the rule file)",
)
def create_rule(
    request: Request,
    spec: dict[str, Any] = Body(
        ...,
        examples=[
            {
                "id": "al-balad",
                "name": "Al-Balad Air Base",
                "event_types": ["ASSAULT"],
                "geofence": {"lat": 33.94, "lon": 44.36, "radius_m": 5000},
            }
        ],
    ),
    db: Database = Depends(get_db),
) -> dict[str, Any]:
    """The body is one rule as in the rule file; polygons must be inline (`geofence: {geojson: ...}`): the API
    reads no files on the server. Returns the rule as a GeoJSON feature (as in `GET /watch/rules`)."""
    path = rules_path(request, db)
    geofence = spec.get("geofence")
    if isinstance(geofence, dict) and "geojson_file" in geofence:
        raise RuleError(
            WatchErrors.E101.format(
                path=path,
                rule=spec.get("id", "<new>"),
                field="geofence",
                reason="the API takes inline GeoJSON only ({geojson: ...})",
            )
        )
    with _file_lock:
        ruleset, rule = add_rule(load_rules(path, missing_ok=True), spec)
        save_rules(ruleset, path)
    return _feature(rule, 0)


@router.delete(
    "/watch/rules/{rule_id}",
    dependencies=[Depends(require_write)],
    status_code=204,
    summary="Remove a watch rule (its past alerts stay)",
)
def delete_rule(
    request: Request, rule_id: str = Path(pattern=RULE_ID.pattern), db: Database = Depends(get_db)
) -> Response:
    path = rules_path(request, db)
    with _file_lock:
        save_rules(remove_rule(load_rules(path), rule_id), path)
    return Response(status_code=204)


def _feature(rule: Rule, n_alerts: int) -> dict[str, Any]:
    fence = rule.geofence
    shape = None if fence is None else "circle" if isinstance(fence, Circle) else "polygon"
    return {
        "type": "Feature",
        "id": rule.id,
        "geometry": fence.to_geojson() if fence is not None else None,
        "properties": {
            "id": rule.id,
            "name": rule.name,
            "shape": shape,
            "radius_m": fence.radius_m if isinstance(fence, Circle) else None,
            "description": describe_rule(rule),
            "rule": rule.to_spec(),
            "n_alerts": n_alerts,
        },
    }


def _alert_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(con.execute("SELECT rule_id, count(*) FROM watch_alerts GROUP BY rule_id").fetchall())
