"""Web face: the single-page map, timeline, table and evidence viewer, served at `/` by the API process.

Files are served only from an index of `static/` built at start-up, so a request path is a key to look up,
never a path to open: `..`, encoded slashes or absolute paths cannot reach anything outside it."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from ..http_errors import ApiError, ApiErrors

STATIC = Path(__file__).resolve().parent / "static"
TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".html": "text/html",
    ".txt": "text/plain",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
router = APIRouter(include_in_schema=False)


def static_index(root: Path = STATIC) -> dict[str, Path]:
    """Relative POSIX path -> file, for every regular file under `root` (links are not followed)."""
    return {
        p.relative_to(root).as_posix(): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and not p.name.startswith(".")
    }


FILES = static_index()


def _file(name: str) -> FileResponse:
    path = FILES.get(name)
    if path is None:
        raise ApiError(ApiErrors.NO_ROUTE)
    media_type = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "no-cache"})


@router.get("/")
def page() -> FileResponse:
    return _file("index.html")


@router.get("/static/{name:path}")
def static(name: str) -> FileResponse:
    return _file(name)
