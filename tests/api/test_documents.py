"""POST /documents: JSON and raw bodies, the token, validation, repeated content; one real pipeline run."""

from __future__ import annotations

import pytest

TOKEN = "s3cret-write-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = "Troops shelled the market in Mosul on Friday. Officials said five people died."


def test_post_json_stores_and_returns_events(make_client):
    client = make_client()
    response = client.post(
        "/documents",
        headers=AUTH,
        json={
            "id": "new-1",
            "text": REPORT,
            "title": "Shelling",
            "url": "https://x.example/1",
            "publication_date": "2021-03-05",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["doc_id"] == "new-1" and body["stored"] is True
    (event,) = body["events"]
    assert event["date"] == "2021-03-05" and event["evidence"]["sentence"].startswith("Troops shelled")
    assert client.get("/documents/new-1").json()["title"] == "Shelling"
    assert client.get("/events", params={"since": "2021-01-01"}).json()["count"] == 1


def test_post_same_content_again_adds_nothing(make_client):
    client = make_client()
    first = client.post("/documents", headers=AUTH, json={"text": REPORT})
    again = client.post("/documents", headers=AUTH, json={"text": REPORT})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["stored"] is False and again.json()["doc_id"] == first.json()["doc_id"]
    assert len(again.json()["events"]) == 1
    assert client.get("/health").json()["documents"] == 11


@pytest.mark.parametrize(
    "media_type, body, kind",
    [
        ("text/plain; charset=utf-8", REPORT, "text"),
        (
            "text/html",
            f"<html><head><title>T</title></head><body><article><p>{REPORT}</p></article></body></html>",
            "html",
        ),
    ],
)
def test_post_raw_body(make_client, media_type, body, kind):
    client = make_client()
    response = client.post(
        "/documents",
        params={"id": f"raw-{kind}", "publication_date": "2021-01-02"},
        content=body.encode(),
        headers={**AUTH, "Content-Type": media_type},
    )
    assert response.status_code == 201, response.text
    assert "Troops shelled" in client.get(f"/documents/raw-{kind}").json()["text"]


@pytest.mark.parametrize(
    "payload",
    [
        {"title": "no text"},
        {"text": REPORT, "html": "<p>both</p>"},
        {"text": ""},
        {"text": REPORT, "publication_date": "2021-02-30"},
        {"text": REPORT, "id": "../../etc/passwd"},
        {"text": REPORT, "url": "javascript:alert(1)"},
        {"text": REPORT, "unknown": 1},
        {"text": 42},
    ],
)
def test_invalid_json_bodies_are_422(make_client, payload):
    response = make_client().post("/documents", headers=AUTH, json=payload)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_body"


def test_malformed_json_is_422(make_client):
    response = make_client().post(
        "/documents", headers={**AUTH, "Content-Type": "application/json"}, content=b"{not json"
    )
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_body"


def test_unsupported_media_type_is_415(make_client):
    response = make_client().post("/documents", headers={**AUTH, "Content-Type": "application/xml"}, content=b"<a/>")
    assert response.status_code == 415 and response.json()["error"]["code"] == "unsupported_media_type"


def test_whitespace_only_document_is_rejected(make_client):
    response = make_client().post("/documents", headers={**AUTH, "Content-Type": "text/plain"}, content=b"   \n ")
    assert response.status_code == 422


def test_pipeline_failure_is_422_and_stores_nothing(make_client):
    from eventwire.model import Failure

    client = make_client(processor=lambda docs: [Failure(d.doc_id, "[E999] could not code") for d in docs])
    response = client.post("/documents", headers=AUTH, json={"text": REPORT})
    assert response.status_code == 422 and "E999" in response.json()["error"]["message"]
    assert client.get("/health").json()["documents"] == 10


def test_real_pipeline_codes_a_posted_report(make_client, sample_text):
    pytest.importorskip("eventwire.pipeline", reason="the extraction pipeline is not importable")
    client = make_client(processor=None)  # the real pipeline, in the server's worker process
    response = client.post(
        "/documents", headers=AUTH, json={"id": "afp", "text": sample_text, "publication_date": "2020-01-04"}
    )
    assert response.status_code == 201, response.text
    events = response.json()["events"]
    assert events, "the sample report describes several events"
    text = client.get("/documents/afp").json()["text"]
    for event in events:
        ev = event["evidence"]
        assert text[ev["char_start"] : ev["char_end"]] == ev["sentence"]
