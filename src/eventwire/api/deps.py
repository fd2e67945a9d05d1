"""Dependencies shared by every router (the built-in ones and optional ones such as `watch_routes`):
the database, read and write authorisation, and the write rate limit.

An optional router declares e.g. `@router.get("/alerts", dependencies=[Depends(require_read)])` and gets the
database with `db: Database = Depends(get_db)`."""

from __future__ import annotations

import hmac

from fastapi import Request

from ..config import Config
from .db import Database
from .errors import ApiError, ApiErrors
from .ratelimit import TokenBucket

CHALLENGE = {"WWW-Authenticate": "Bearer"}


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_config(request: Request) -> Config:
    return request.app.state.config


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return (token.strip() or None) if scheme.lower() == "bearer" else None


def token_matches(given: str, expected: str | None) -> bool:
    """Constant-time comparison; an unset or empty expected token matches nothing."""
    if not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def require_read(request: Request) -> None:
    """Reads are open unless `api_read_token` is set; then the read or the write token is needed."""
    config = get_config(request)
    if not config.api_read_token:
        return
    token = bearer_token(request)
    if token is None:
        raise ApiError(ApiErrors.MISSING_TOKEN, headers=CHALLENGE)
    if not (token_matches(token, config.api_read_token) | token_matches(token, config.api_token)):
        raise ApiError(ApiErrors.INVALID_TOKEN, headers=CHALLENGE)


def require_write(request: Request) -> None:
    """Writes are rate-limited per client address, then need the `api_token` bearer token (no token
    configured: writes are disabled)."""
    limiter: TokenBucket = request.app.state.write_limiter
    wait = limiter.take(request.client.host if request.client else "unknown")
    if wait:
        raise ApiError(ApiErrors.RATE_LIMITED, headers={"Retry-After": str(wait)}, retry_after=wait)
    config = get_config(request)
    if not config.api_token:
        raise ApiError(ApiErrors.WRITES_DISABLED)
    token = bearer_token(request)
    if token is None:
        raise ApiError(ApiErrors.MISSING_TOKEN, headers=CHALLENGE)
    if not token_matches(token, config.api_token):
        raise ApiError(ApiErrors.INVALID_TOKEN, headers=CHALLENGE)
