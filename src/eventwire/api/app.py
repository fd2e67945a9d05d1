"""The app factory: `create_app(db_path, config)` wires the routers, the middleware and the error replies."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from ..config import Config, load_config
from ..web import router as web_router
from . import documents, events, stats
from .coding import Coder, Processor
from .db import Database
from .docs import install_docs
from .errors import install_error_handlers
from .middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from .ratelimit import TokenBucket

# Routers other packages may add; each module exposes `router`. A module that does not exist is skipped.
OPTIONAL_ROUTERS = ("eventwire.api.watch_routes",)


def create_app(db_path: str | None = None, config: Config | None = None, processor: Processor | None = None) -> FastAPI:
    """A FastAPI app serving the database at `db_path` (default: config.db_path). `processor` codes posted
    documents in a bounded thread pool (tests pass a stub); by default the real pipeline codes them in
    `config.api_workers` worker processes, started with the app when writes are enabled (`api.coding`)."""
    config = config or load_config()
    db = Database(db_path or config.db_path)
    coder = Coder(processor, config.api_workers, config.api_queue)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if config.api_token:
            coder.start()
        try:
            yield
        finally:
            coder.close()
            db.close()

    app = FastAPI(
        title="eventwire",
        summary="PLOVER-coded political and conflict events, traceable to the sentence.",
        version=stats._version(),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    install_docs(app)
    app.state.config = config
    app.state.db = db
    app.state.coder = coder
    app.state.write_limiter = TokenBucket(config.api_write_rate, config.api_write_burst)
    install_error_handlers(app)
    for router in (events.router, documents.router, stats.router, *optional_routers(), web_router):
        app.include_router(router)
    # Added innermost first: security headers wrap everything, so even 413s and 500s carry them.
    app.add_middleware(BodyLimitMiddleware, max_bytes=config.max_body_bytes)
    origins = [o.strip() for o in config.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["X-Next-Cursor"],
        )
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def optional_routers() -> list:
    found = []
    for name in OPTIONAL_ROUTERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:
                continue
            raise
        found.append(module.router)
    return found
