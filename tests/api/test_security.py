"""Refusals: tokens, bad parameters, SQL injection, path traversal, oversized bodies, rate limits, 500s
without stack traces, CORS off by default, security headers."""

from __future__ import annotations

import pytest

TOKEN = "s3cret-write-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = {"text": "Troops shelled the market in Mosul on Friday."}


def error_code(response) -> str:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    return body["error"]["code"]


# -- auth ------------------------------------------------------------------------------------------
def test_writes_disabled_without_configured_token(read_client):
    response = read_client.post("/documents", json=DOC, headers=AUTH)
    assert response.status_code == 403 and error_code(response) == "writes_disabled"
    assert "EVENTWIRE_API_TOKEN" in response.json()["error"]["message"]


def test_empty_configured_token_disables_writes(make_client):
    response = make_client(api_token="").post("/documents", json=DOC, headers={"Authorization": "Bearer "})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "headers, code",
    [
        ({}, "missing_token"),
        ({"Authorization": "Bearer"}, "missing_token"),
        ({"Authorization": f"Basic {TOKEN}"}, "missing_token"),
        ({"Authorization": "Bearer wrong-token"}, "invalid_token"),
        ({"Authorization": f"Bearer {TOKEN}x"}, "invalid_token"),
        ({"Authorization": "Bearer s3cret-write-tokeñ".encode("latin-1")}, "invalid_token"),
    ],
)
def test_write_needs_the_token(make_client, headers, code):
    client = make_client()
    response = client.post("/documents", json=DOC, headers=headers)
    assert response.status_code == 401 and error_code(response) == code
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/health").json()["documents"] == 10


def test_read_token_protects_reads(make_client):
    client = make_client(api_read_token="reader")
    assert client.get("/events").status_code == 401
    assert client.get("/events", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/stats", headers={"Authorization": "Bearer reader"}).status_code == 200
    assert client.get("/events", headers=AUTH).status_code == 200  # the write token reads too
    assert client.get("/documents/doc-1").status_code == 401
    assert client.get("/health").status_code == 200  # liveness stays open
    assert client.post("/documents", json=DOC, headers={"Authorization": "Bearer reader"}).status_code == 401


def test_reads_are_open_by_default(read_client):
    assert read_client.get("/events").status_code == 200


# -- parameters ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "params",
    [
        {"since": "2020-13-01"},
        {"until": "yesterday"},
        {"since": "2020-02-01", "until": "2020-01-01"},
        {"limit": 0},
        {"limit": 1001},
        {"limit": "ten"},
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"bbox": "10,0,0,10"},
        {"bbox": "0,0,200,10"},
        {"bbox": "0,-95,1,1"},
        {"type": "FOO"},
        {"type": "assault; DROP TABLE events"},
        {"modality": "maybe"},
        {"country": "IRAQ"},
        {"country": "1RQ"},
        {"sector": "x" * 50},
        {"min_fatalities": -1},
        {"q": "x" * 201},
        {"format": "xml"},
        {"merged": "perhaps"},
    ],
)
def test_bad_parameters_are_422_json(read_client, params):
    response = read_client.get("/events", params=params)
    assert response.status_code == 422, response.text
    assert error_code(response) == "invalid_parameter"
    assert next(iter(params)) in response.json()["error"]["message"]


@pytest.mark.parametrize("cursor", ["!!!", "bm90LWEtY3Vyc29y", "ZXYxOic7IERST1AgVEFCTEUgZXZlbnRzOy0t", "x" * 150])
def test_bad_cursor_is_400(read_client, cursor):
    response = read_client.get("/events", params={"cursor": cursor})
    assert response.status_code == 400 and error_code(response) == "invalid_cursor"


def test_bad_event_id_is_422(read_client):
    assert read_client.get("/events/" + "x" * 200).status_code == 422
    assert read_client.get("/events/ev_1%27%20OR%20%271%27=%271").status_code == 422


INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    "%' OR 1=1 --",
    "\\' UNION SELECT record FROM events --",
    "ASSAULT' --",
    "1) OR (1=1",
]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize(
    "name", ["q", "country", "sector", "type", "modality", "bbox", "since", "min_fatalities", "cursor"]
)
def test_sql_injection_in_every_filter_is_inert(read_client, results, name, payload):
    response = read_client.get("/events", params={name: payload})
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code == 200:  # taken as a literal value: it matches nothing
        assert response.json()["count"] == 0
    assert read_client.get("/health").json()["events"] == len(results)


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_ids_is_inert(read_client, results, payload):
    assert read_client.get("/documents/" + payload).status_code == 404
    assert read_client.get("/stats", params={"since": payload}).status_code == 422
    assert read_client.get("/health").json()["documents"] == len(results)


def test_like_wildcards_are_literal(read_client):
    assert read_client.get("/events", params={"q": "%"}).json()["count"] == 0
    assert read_client.get("/events", params={"q": "_"}).json()["count"] == 0


# -- static files ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fetc%2fpasswd",
        "/static/%252e%252e%252fetc%252fpasswd",
        "/static/..%5c..%5cetc%5cpasswd",
        "/static//etc/passwd",
        "/static/vendor/../../__init__.py",
        "/static/%2e%2e/__init__.py",
        "/static/....//....//etc/passwd",
        "/static/%c0%ae%c0%ae/etc/passwd",
        "/static/vendor%2f..%2f..%2f__init__.py",
        "/static/",
    ],
)
def test_path_traversal_is_refused(read_client, path):
    response = read_client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "import" not in response.text


def test_static_assets_are_served(read_client):
    page = read_client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for src in (
        "/static/app.js",
        "/static/map.js",
        "/static/vendor/d3-geo.min.js",
        "/static/vendor/countries-110m.json",
    ):
        assert read_client.get(src).status_code == 200, src


def test_page_references_only_local_assets(read_client):
    html = read_client.get("/").text
    assert "http://" not in html and "https://" not in html and "<script>" not in html and "style=" not in html


# -- body size, rate limit ---------------------------------------------------------------------------
def test_oversized_body_is_413_from_content_length(make_client):
    client = make_client(max_body_bytes=1000)
    response = client.post("/documents", headers=AUTH, json={"text": "x" * 2000})
    assert response.status_code == 413 and error_code(response) == "body_too_large"
    assert client.get("/health").json()["documents"] == 10


def test_oversized_streamed_body_is_413(make_client):
    client = make_client(max_body_bytes=1000)

    def chunks():
        for _ in range(50):
            yield b"y" * 100

    response = client.post("/documents", headers={**AUTH, "Content-Type": "text/plain"}, content=chunks())
    assert response.status_code == 413


def test_bad_content_length_is_400(make_client):
    import asyncio

    from eventwire.api.middleware import BodyLimitMiddleware

    sent = []

    async def app(scope, receive, send):  # never reached
        raise AssertionError

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/documents", "headers": [(b"content-length", b"-5")]}
    asyncio.run(BodyLimitMiddleware(app, 100)(scope, None, send))
    assert sent[0]["status"] == 400


def test_write_rate_limit_is_429(make_client):
    client = make_client(api_write_rate=0.001, api_write_burst=3)
    statuses = [
        client.post("/documents", headers=AUTH, json={"text": f"Report {i} on troops."}).status_code for i in range(5)
    ]
    assert statuses[:3] == [201, 201, 201] and statuses[3:] == [429, 429]
    response = client.post("/documents", headers=AUTH, json=DOC)
    assert error_code(response) == "rate_limited" and int(response.headers["retry-after"]) >= 1
    assert client.get("/events").status_code == 200  # reads are not limited


def test_failed_auth_also_counts_against_the_limit(make_client):
    client = make_client(api_write_rate=0.001, api_write_burst=2)
    statuses = [
        client.post("/documents", json=DOC, headers={"Authorization": "Bearer guess"}).status_code for _ in range(4)
    ]
    assert statuses == [401, 401, 429, 429]


# -- errors, CORS, headers ---------------------------------------------------------------------------
def test_internal_errors_leak_nothing(make_client):
    def broken(documents):
        raise RuntimeError("secret detail /srv/db password=hunter2")

    client = make_client(processor=broken)
    response = client.post("/documents", headers=AUTH, json=DOC)
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal", "message": "Internal server error"}}
    assert "hunter2" not in response.text and "Traceback" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


def test_unknown_route_and_method(read_client):
    assert error_code(read_client.get("/nope")) == "not_found"
    response = read_client.delete("/events")
    assert response.status_code == 405 and error_code(response) == "method_not_allowed"


def test_cors_is_off_by_default(read_client):
    response = read_client.get("/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = read_client.options(
        "/documents", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(make_client):
    client = make_client(cors_origins="https://ok.example, https://also.example")
    ok = client.get("/events", headers={"Origin": "https://ok.example"})
    assert ok.headers["access-control-allow-origin"] == "https://ok.example"
    other = client.get("/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/events", "/nope"])
def test_security_headers(read_client, path):
    headers = read_client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
