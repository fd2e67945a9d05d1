"""`eventwire serve` builds the app over --db and runs uvicorn on the given address."""

from __future__ import annotations

from click.testing import CliRunner

from eventwire.cli import cli


def test_serve_runs_uvicorn_with_the_app(monkeypatch, tmp_path):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.duckdb"), "--port", "8123"])
    assert result.exit_code == 0, result.output
    ((app, kw),) = calls
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8123 and kw["proxy_headers"] is False
    assert app.state.db.path == str(tmp_path / "x.duckdb")


def test_serve_rejects_bad_port():
    result = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert result.exit_code != 0 and "70000" in result.output
