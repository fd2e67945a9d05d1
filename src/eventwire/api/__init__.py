"""REST API face: `create_app(db_path, config)` returns the FastAPI app that `eventwire serve` runs.

Endpoints: GET /events, /events/{id}, /documents/{id}, /stats, /health; POST /documents (bearer token);
the web page at / and its assets under /static/. Other packages add routes through a router module
listed in `app.OPTIONAL_ROUTERS`, using the dependencies of `api.deps`."""

from .app import create_app

__all__ = ["create_app"]
