"""Error replies shared by the HTTP faces (`eventwire.api` and `eventwire.web`): every code, status and message
template in one place (`ApiErrors`), and the exception that carries one (`ApiError`). `api.errors` turns them into
`{"error": {"code", "message"}}` replies; this module depends on nothing, so either face may import it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


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
    BUSY = (503, "busy", "The server is coding {queued} reports already; retry in {retry_after} s")
    STORE_UNAVAILABLE = (503, "store_unavailable", "{reason}")
    INTERNAL = (500, "internal", "Internal server error")


class ApiError(Exception):
    """An error reply: raise `ApiError(ApiErrors.NOT_FOUND, what="event", id=event_id)`."""

    def __init__(self, error: tuple[int, str, str], headers: Mapping[str, str] | None = None, **values: Any):
        self.status, self.code, template = error
        self.message = template.format(**values)
        self.headers = headers
        super().__init__(self.message)
