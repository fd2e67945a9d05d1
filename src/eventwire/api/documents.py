"""`GET /documents/{id}` (the cleaned text every offset refers to) and `POST /documents` (extract + store)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import InputError
from ..ingest.decode import decode_bytes
from ..ingest.readers import make_document
from ..model import Document, Failure, Result
from ..store import EventFilter
from .coding import Coder
from .db import Database
from .deps import get_db, require_read, require_write
from .errors import ApiError, ApiErrors, validation_message

router = APIRouter(tags=["documents"])
DOC_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$"


class DocumentIn(BaseModel):
    """A report to code: plain `text` or `html` (exactly one)."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, pattern=DOC_ID, description="Document id (default: derived from the content).")
    text: str | None = Field(None, min_length=1)
    html: str | None = Field(None, min_length=1)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://\S+$")
    publication_date: date | None = None

    @model_validator(mode="after")
    def one_body(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


@router.get(
    "/documents/{doc_id:path}",
    dependencies=[Depends(require_read)],
    summary="A document's cleaned text (evidence offsets refer to it)",
)
def get_document(doc_id: str = Path(max_length=400), db: Database = Depends(get_db)) -> dict[str, Any]:
    with db.reader() as store:
        document = store.document(doc_id)
    if document is None:
        raise ApiError(ApiErrors.NOT_FOUND, what="document", id=doc_id)
    return document


_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": DocumentIn.model_json_schema()},
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    }
}


@router.post(
    "/documents",
    dependencies=[Depends(require_write)],
    openapi_extra=_BODY_DOC,
    status_code=201,
    summary="Extract the events of a report and store them (bearer token)",
)
async def post_document(
    request: Request,
    id: str | None = Query(None, pattern=DOC_ID, description="For text/plain or text/html bodies."),
    title: str | None = Query(None, max_length=1000),
    url: str | None = Query(None, max_length=2000, pattern=r"^https?://\S+$"),
    publication_date: date | None = Query(None),
    db: Database = Depends(get_db),
) -> JSONResponse:
    """Send JSON `{id?, text|html, title?, url?, publication_date?}`, or the raw report as text/plain or
    text/html (metadata in the query). 201 with the events when stored; 200 when the same content was
    already stored (its events are returned, nothing is added)."""
    body = await request.body()
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json":
        try:
            doc_in = DocumentIn.model_validate_json(body)
        except ValidationError as err:
            raise ApiError(ApiErrors.INVALID_BODY, detail=validation_message(err.errors())) from None
    elif media_type in ("text/plain", "text/html"):
        raw = decode_bytes(body, "request body") if body else ""
        content: dict[str, Any] = {"html" if media_type == "text/html" else "text": raw}
        doc_in = DocumentIn.model_construct(
            id=id,
            title=title,
            url=url,
            publication_date=publication_date,
            **content,
        )
        if not raw.strip():
            raise ApiError(ApiErrors.INVALID_BODY, detail="body: the report is empty")
    else:
        raise ApiError(ApiErrors.UNSUPPORTED_MEDIA_TYPE, content_type=media_type)
    coder: Coder = request.app.state.coder
    document, known = await run_in_threadpool(prepare_document, db, doc_in)
    if known is not None:
        return JSONResponse({"doc_id": known[0], "stored": False, "events": known[1]}, status_code=200)
    result = (await coder.code([document]))[0]
    if isinstance(result, Failure):
        raise ApiError(ApiErrors.UNPROCESSABLE_DOCUMENT, reason=result.reason)
    stored = await run_in_threadpool(store_result, db, result)
    events = [e.to_contract() for e in result.events]
    return JSONResponse(
        {"doc_id": document.doc_id, "stored": stored, "events": events}, status_code=201 if stored else 200
    )


def prepare_document(db: Database, doc_in: DocumentIn) -> tuple[Document, tuple[str, list[dict]] | None]:
    """The cleaned document, and (doc_id, event records) when the same content is stored already."""
    raw = doc_in.html if doc_in.html is not None else doc_in.text or ""
    doc_id = doc_in.id or "api-" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    try:
        document = make_document(
            doc_id,
            raw,
            title=doc_in.title,
            url=doc_in.url,
            source=f"api:{doc_id}",
            publication_date=doc_in.publication_date,
            is_html=doc_in.html is not None,
        )
    except InputError as err:
        raise ApiError(ApiErrors.UNPROCESSABLE_DOCUMENT, reason=str(err)) from None
    with db.reader() as store:
        known = list(store.iter_query("SELECT doc_id FROM documents WHERE content_hash = ?", [document.content_hash]))
        if known:
            return document, (known[0][0], store.events(EventFilter(doc_id=known[0][0])))
    return document, None


def store_result(db: Database, result: Result) -> bool:
    """Store a coded document with its events (and the watch alerts they raise); False when a concurrent
    write stored the same content first."""
    with db.writer() as store:
        added = store.add_results([result])
        if added:
            from ..watch import evaluate_new_events

            evaluate_new_events(store, result.events)  # watch rules fire on API writes as on ingest
    return added == 1
