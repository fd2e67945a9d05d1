"""Settings in one object: defaults here, overridable by a TOML file and EVENTWIRE_* environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError, Errors


@dataclass(frozen=True)
class Config:
    db_path: str = "eventwire.duckdb"
    max_document_bytes: int = 20_000_000  # larger documents are skipped with a reason
    batch_size: int = 32  # documents per nlp.pipe batch and per store transaction
    workers: int = 1  # processes for parsing
    ingest_db_memory_mb: int = 64  # DuckDB memory limit of the ingest writer (its block cache grew
    # with the database: +66 MB over 5,600 documents without a limit,
    # +55 MB over 9,000 with 256); raised when a write needs more
    doc_time_budget_s: float = 60.0  # per-document budget for the post-parse stages
    api_token: str | None = None  # bearer token for API writes; None = writes disabled
    api_read_token: str | None = None  # if set, reads need this token too
    max_body_bytes: int = 5_000_000
    cors_origins: str = ""  # comma-separated; empty = CORS off
    api_write_rate: float = 1.0  # API writes per second per client IP (token bucket refill)
    api_write_burst: int = 20  # API writes a client IP may make at once (bucket size)
    api_workers: int = 1  # processes coding posted documents (each holds the model, about 360 MB); on a
    # 2-core machine one leaves the other core to the reads
    api_queue: int = 8  # posted documents that may wait for a worker; one more is refused with 503 + Retry-After
    # events below this confidence are left out of `eventwire extract` and `eventwire events` unless
    # --min-confidence says otherwise. 0.0: on the event dev set (half A) every cut from 0.4 to 0.6 lost more
    # matched events than copies, so by default nothing is cut; raise it for a high-precision feed.
    min_confidence: float = 0.0


def _coerce(name: str, value: str, kind: type) -> object:
    try:
        return kind(value) if kind is not bool else value.lower() in ("1", "true", "yes")
    except ValueError:
        raise ConfigError(Errors.E013.format(name=name, reason=f"{value!r} is not a {kind.__name__}")) from None


def load_config(path: str | os.PathLike | None = None, env: dict[str, str] | None = None) -> Config:
    """Defaults, then the TOML file (`path` or $EVENTWIRE_CONFIG), then EVENTWIRE_<FIELD> variables."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}  # as the TOML file and the environment give them
    path = path or env.get("EVENTWIRE_CONFIG")
    if path:
        try:
            values.update(tomllib.loads(Path(path).read_text(encoding="utf-8")).get("eventwire", {}))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(Errors.E013.format(name=f"config file {path}", reason=err)) from None
    types = {f.name: (int if f.type == "int" else float if f.type == "float" else str) for f in fields(Config)}
    for name, kind in types.items():
        if f"EVENTWIRE_{name.upper()}" in env:
            values[name] = _coerce(name, env[f"EVENTWIRE_{name.upper()}"], kind)
    unknown = set(values) - set(types)
    if unknown:
        raise ConfigError(Errors.E013.format(name="config", reason=f"unknown settings {sorted(unknown)}"))
    return replace(Config(), **values)
