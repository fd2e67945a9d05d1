"""The API's error replies: every 4xx/5xx is `{"error": {"code", "message"}}`, with codes listed in one place
(`ApiErrors`, in `eventwire.http_errors`, shared with the web pages), and no stack trace ever reaches a client
(they go to the server log)."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, EventwireError, InputError, NotFoundError, StoreError
from ..http_errors import ApiError, ApiErrors

log = logging.getLogger("eventwire.api")


def error_response(
    error: tuple[int, str, str], headers: Mapping[str, str] | None = None, **values: Any
) -> JSONResponse:
    err = ApiError(error, headers, **values)
    return _reply(err.status, err.code, err.message, headers)


def _reply(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """One line per problem: 'query.limit: Input should be less than or equal to 1000'."""
    parts = []
    for e in errors[:10]:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body" or len(e.get("loc", ())) == 1)
        parts.append(f"{where}: {e.get('msg', 'invalid value')}" if where else str(e.get("msg", "invalid value")))
    return "; ".join(parts) or "Invalid request"


_EVENTWIRE_STATUS = {InputError: 400, ConfigError: 400, NotFoundError: 404, StoreError: 503}


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception the app can raise to a JSON error reply."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, err: ApiError) -> JSONResponse:
        return _reply(err.status, err.code, err.message, err.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, err: RequestValidationError) -> JSONResponse:
        return error_response(ApiErrors.INVALID_PARAMETER, detail=validation_message(list(err.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, err: StarletteHTTPException) -> JSONResponse:
        if err.status_code == 404:
            return error_response(ApiErrors.NO_ROUTE)
        if err.status_code == 405:
            return error_response(ApiErrors.METHOD_NOT_ALLOWED, headers=err.headers)
        return _reply(err.status_code, "http_error", str(err.detail), err.headers)

    @app.exception_handler(EventwireError)
    async def eventwire_error(_: Request, err: EventwireError) -> JSONResponse:
        status = next((s for kind, s in _EVENTWIRE_STATUS.items() if isinstance(err, kind)), 400)
        return _reply(status, type(err).__name__.removesuffix("Error").lower() + "_error", str(err))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, err: Exception) -> JSONResponse:
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=err)
        return error_response(ApiErrors.INTERNAL)
