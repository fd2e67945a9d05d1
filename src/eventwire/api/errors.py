"""The API's error replies: every 4xx/5xx is `{"error": {"code", "message"}}`, with codes listed in one place
(`ApiErrors`), and no stack trace ever reaches a client (they go to the server log)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, EventwireError, InputError, NotFoundError, StoreError

log = logging.getLogger("eventwire.api")


class ApiErrors:
    """(HTTP status, code, message template) of every error the API gives."""

    INVALID_PARAMETER = (422, "invalid_parameter", "{detail}")
    INVALID_CURSOR = (400, "invalid_cursor", "The cursor is malformed; use the next_cursor of a previous page")
    INVALID_BODY = (422, "invalid_body", "{detail}")
    BAD_CONTENT_LENGTH = (400, "bad_content_length", "Content-Length must be a non-negative integer")
    BODY_TOO_LARGE = (413, "body_too_large", "The request body is over the limit of {limit} bytes")
    UNSUPPORTED_MEDIA_TYPE = (
        415,
        "unsupported_media_type",
        "Send application/json, text/plain or text/html (got {content_type!r})",
    )
    MISSING_TOKEN = (401, "missing_token", "This endpoint needs an 'Authorization: Bearer <token>' header")
    INVALID_TOKEN = (401, "invalid_token", "The bearer token is not valid")
    WRITES_DISABLED = (
        403,
        "writes_disabled",
        "Writes are disabled: set EVENTWIRE_API_TOKEN on the server to enable them",
    )
    RATE_LIMITED = (429, "rate_limited", "Too many writes from this address; retry in {retry_after} s")
    NOT_FOUND = (404, "not_found", "No {what} with id {id!r}")
    NO_ROUTE = (404, "not_found", "No such endpoint or file")
    METHOD_NOT_ALLOWED = (405, "method_not_allowed", "Method not allowed on this endpoint")
    UNPROCESSABLE_DOCUMENT = (422, "unprocessable_document", "{reason}")
    EXTRACTION_UNAVAILABLE = (503, "extraction_unavailable", "Event extraction is not available on this server")
    STORE_UNAVAILABLE = (503, "store_unavailable", "{reason}")
    INTERNAL = (500, "internal", "Internal server error")


class ApiError(Exception):
    """An error reply: raise `ApiError(ApiErrors.NOT_FOUND, what="event", id=event_id)`."""

    def __init__(self, error: tuple[int, str, str], headers: dict[str, str] | None = None, **values: Any):
        self.status, self.code, template = error
        self.message = template.format(**values)
        self.headers = headers
        super().__init__(self.message)


def error_response(error: tuple[int, str, str], headers: dict[str, str] | None = None, **values: Any) -> JSONResponse:
    err = ApiError(error, headers, **values)
    return _reply(err.status, err.code, err.message, headers)


def _reply(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def validation_message(errors: list[dict[str, Any]]) -> str:
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
