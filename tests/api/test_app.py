"""The app factory: optional routers, the rate limiter, concurrent reads and writes on one database."""

from __future__ import annotations

import sys
import threading
import types

from fastapi import APIRouter, Depends

from eventwire.api import app as app_module
from eventwire.api.deps import get_db, require_read
from eventwire.api.ratelimit import TokenBucket

AUTH = {"Authorization": "Bearer s3cret-write-token"}


def test_optional_router_is_included_when_present(make_client, monkeypatch):
    router = APIRouter()

    @router.get("/alerts", dependencies=[Depends(require_read)])
    def alerts(db=Depends(get_db)):
        with db.reader() as store:
            return {"events": store.counts()["events"]}

    module = types.ModuleType("eventwire.api.watch_routes")
    module.router = router
    monkeypatch.setitem(sys.modules, "eventwire.api.watch_routes", module)
    assert make_client().get("/alerts").json() == {"events": 10}


def test_missing_optional_router_is_skipped(monkeypatch):
    monkeypatch.setattr(app_module, "OPTIONAL_ROUTERS", ("eventwire.api.no_such_routes",))
    assert app_module.optional_routers() == []


def test_token_bucket_refills():
    now = [0.0]
    bucket = TokenBucket(rate=2, burst=2, clock=lambda: now[0])
    assert [bucket.take("a"), bucket.take("a"), bucket.take("a")] == [0, 0, 1]
    assert bucket.take("b") == 0  # buckets are per client
    now[0] += 0.5
    assert bucket.take("a") == 0
    assert TokenBucket(rate=0, burst=0).take("a") == 0  # 0 turns limiting off


def test_token_bucket_memory_is_bounded():
    bucket = TokenBucket(rate=1, burst=1, max_keys=100)
    for i in range(1000):
        bucket.take(f"10.0.{i // 256}.{i % 256}")
    assert len(bucket._buckets) == 100


def test_concurrent_writes_and_reads_stay_consistent(make_client):
    # every one of the 20 posts is admitted (admission control, 503 when busy, has its own tests): this test is
    # about what concurrent writes and reads see, and with a small queue it failed whenever the posts overlapped
    client = make_client(api_write_rate=0, api_write_burst=0, api_queue=32)
    errors: list[str] = []

    def write(i: int) -> None:
        r = client.post("/documents", headers=AUTH, json={"id": f"c-{i}", "text": f"Raid number {i} in Mosul."})
        if r.status_code != 201:
            errors.append(r.text)

    def read() -> None:
        for _ in range(10):
            r = client.get("/events", params={"limit": 1000})
            body = r.json()
            if r.status_code != 200 or body["count"] != len({e["event_id"] for e in body["events"]}):
                errors.append(r.text)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(20)] + [
        threading.Thread(target=read) for _ in range(5)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    health = client.get("/health").json()
    assert health["documents"] == 30 and health["events"] == 30
