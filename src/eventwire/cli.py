"""Command-line interface: thin wrappers over the Python API (eventwire.jobs, eventwire.store, ...).
Data goes to stdout, logs and errors to stderr; an error is one line with its code, never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from typing import TYPE_CHECKING, Any

import click

from .config import load_config
from .errors import ConfigError, Errors, EventwireError
from .output import FORMATS, write_records
from .time import parse_iso_date

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .jobs import JobReport

log = logging.getLogger("eventwire")

EXIT_PARTIAL = 1  # some documents could not be read or processed; the others were
EXIT_ERROR = 2  # nothing could be done (bad arguments, unreadable database, ...)


MIN_CONFIDENCE_HELP = "Only events with at least this confidence, 0-1 (default: the min_confidence setting, 0)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool) -> None:
    """eventwire: political and conflict events from raw news reports."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr, format="eventwire: %(message)s"
    )


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--date", "pub_date", help="Publication date YYYY-MM-DD (relative dates resolve against it).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), help=MIN_CONFIDENCE_HELP)
def extract(paths: tuple[str, ...], fmt: str, pub_date: str | None, min_confidence: float | None) -> None:
    """Print the events in PATHS (.txt, .html, .jsonl, directories, '-' for stdin); stores nothing."""
    from .jobs import JobReport, extract_files

    config = load_config()
    floor = config.min_confidence if min_confidence is None else min_confidence
    report = JobReport()
    results = extract_files(paths, parse_iso_date(pub_date), config, report)
    write_records((e.to_contract() for r in results for e in r.events if e.confidence >= floor), fmt)
    finish(report)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", help="DuckDB file (default: eventwire.duckdb or $EVENTWIRE_DB_PATH).")
@click.option("--date", "pub_date", help="Publication date YYYY-MM-DD for documents that give none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Processes coding documents in parallel (default: $EVENTWIRE_WORKERS, else one per CPU core).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: this machine; spark: a Spark cluster (needs eventwire[spark] and Java).",
)
@click.option(
    "--master",
    help="Spark master with --engine spark: local[2], spark://host:7077, yarn "
    "(default: local[*], or the one spark-submit gives).",
)
def ingest(
    paths: tuple[str, ...],
    db_path: str | None,
    pub_date: str | None,
    quiet: bool,
    workers: int | None,
    engine: str,
    master: str | None,
) -> None:
    """Extract events from PATHS and store documents, sentences and events in the database."""
    from .jobs import default_workers, ingest_files
    from .progress import progress_bar

    config = load_config()
    if engine == "spark" or master:
        if engine != "spark" or workers:
            raise ConfigError(
                Errors.E013.format(
                    name="--engine", reason="--master goes with --engine spark, --workers with --engine local"
                )
            )
        from .distributed import ingest_spark

        report = ingest_spark(paths, db_path or config.db_path, parse_iso_date(pub_date), config, master=master)
    else:
        with progress_bar(disable=quiet) as tick:
            report = ingest_files(
                paths,
                db_path or config.db_path,
                parse_iso_date(pub_date),
                config,
                progress=tick,
                workers=workers or default_workers(config),
            )
    click.echo(
        f"eventwire: {report.documents} documents read, {report.added} added, "
        f"{report.already_stored} already stored, {report.events} events, "
        f"{len(report.failures)} skipped",
        err=True,
    )
    if report.alerts_pending:
        click.echo(
            f"eventwire: {report.alerts_pending} watch alert deliveries still pending (a destination is slow or "
            "down); `eventwire watch deliver` or the next ingest sends them",
            err=True,
        )
    finish(report)


@cli.command()
@click.option("--db", "db_path", help="DuckDB file.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--since", help="Events on or after YYYY-MM-DD.")
@click.option("--until", help="Events on or before YYYY-MM-DD.")
@click.option("--country", help="ISO-3 country of the location or an actor, e.g. IRQ.")
@click.option("--modality", help="asserted, claimed, denied, threatened, hypothetical or reported.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), help=MIN_CONFIDENCE_HELP)
@click.option("--raw", is_flag=True, help="One row per report instead of one per merged event.")
def events(
    db_path: str | None,
    fmt: str,
    event_type: str | None,
    since: str | None,
    until: str | None,
    country: str | None,
    modality: str | None,
    limit: int | None,
    min_confidence: float | None,
    raw: bool,
) -> None:
    """Query the events stored in the database: one row per happening (reports of it merged, with their
    source count), or per report with --raw."""
    from .store import EventFilter, Store

    config = load_config()
    flt = EventFilter(
        event_type=event_type,
        since=parse_iso_date(since),
        until=parse_iso_date(until),
        country=country,
        modality=modality,
        limit=limit,
        min_confidence=config.min_confidence if min_confidence is None else min_confidence,
    )
    with Store(db_path or config.db_path, read_only=True) as store:
        write_records(store.events(flt) if raw else store.merged_events(flt), fmt)


@cli.command()
@click.option("--db", "db_path", help="DuckDB file.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("csv", "parquet", "geojson", "acled")),
    default="csv",
    show_default=True,
    help="acled: ACLED-like column names.",
)
@click.option("-o", "--output", "output", help="Output file (default: stdout; parquet needs a file).")
@click.option("--raw", is_flag=True, help="One row per report instead of one per merged event.")
def export(db_path: str | None, fmt: str, output: str | None, raw: bool) -> None:
    """Export all stored events as CSV, Parquet, GeoJSON or ACLED-like CSV."""
    from .store import Store
    from .store.export import export_events

    config = load_config()
    with Store(db_path or config.db_path, read_only=True) as store:
        n = export_events(store, fmt, output, sys.stdout, raw=raw)
    click.echo(f"eventwire: {n} events exported", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--adjectival",
    is_flag=True,
    help="Also report adjectival place names ('Ukrainian officials'), as GeoWebNews annotates them.",
)
def geoparse(paths: tuple[str, ...], fmt: str, adjectival: bool) -> None:
    """Print every toponym in PATHS with its resolved place (offsets into the text as given)."""
    from .jobs import JobReport, geoparse_files
    from .output import toponym_record

    report = JobReport()
    for document, toponyms in geoparse_files(paths, load_config(), report, adjectival=adjectival):
        for t in toponyms:
            sys.stdout.write(json.dumps(toponym_record(document, t), ensure_ascii=False) + "\n")
    finish(report)


@cli.command()
@click.option("--db", "db_path", help="DuckDB file (default: eventwire.duckdb or $EVENTWIRE_DB_PATH).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve(db_path: str | None, host: str, port: int) -> None:
    """Serve the REST API (OpenAPI at /docs) and the map page at /. Writes need EVENTWIRE_API_TOKEN."""
    import uvicorn

    from .api import create_app

    config = load_config()
    app = create_app(db_path or config.db_path, config)
    # proxy_headers off: the write rate limit keys on the real peer address, which a client cannot forge.
    uvicorn.run(app, host=host, port=port, proxy_headers=False, server_header=False, log_level="info")


# -- watch rules and alerts (eventwire.watch) ------------------------------------------------------------------
def _rules_path(rules: str | None, db_path: str | None) -> str | Path:
    from .watch import default_rules_path

    return rules or default_rules_path(db_path or load_config().db_path)


_rules_option = click.option(
    "--rules", "rules_file", help="Rule file (default: eventwire-watch.yaml next to the database)."
)
_db_option = click.option("--db", "db_path", help="DuckDB file (default: eventwire.duckdb or $EVENTWIRE_DB_PATH).")


@cli.group()
def watch() -> None:
    """Watch rules: alert when stored or newly ingested events match a geofence, types, actors, keywords..."""


@watch.command("add")
@_rules_option
@_db_option
@click.option("--id", "rule_id", help="Rule id (default: from --name).")
@click.option("--name", help="Human-readable name.")
@click.option("--lat", type=float, help="Circle centre latitude.")
@click.option("--lon", type=float, help="Circle centre longitude.")
@click.option("--radius", "radius_m", type=float, help="Circle radius in metres.")
@click.option(
    "--polygon",
    "polygon_file",
    type=click.Path(exists=True, dir_okay=False),
    help="GeoJSON file with a Polygon or MultiPolygon (instead of a circle).",
)
@click.option("--type", "event_types", multiple=True, help="PLOVER event type (repeatable).")
@click.option("--modality", "modalities", multiple=True, help="Modality (repeatable).")
@click.option("--actor", "actor_names", multiple=True, help="Source or target actor name (repeatable).")
@click.option("--actor-country", "actor_countries", multiple=True, help="Actor ISO-3 country (repeatable).")
@click.option("--actor-sector", "actor_sectors", multiple=True, help="Actor sector, e.g. military (repeatable).")
@click.option("--min-fatalities", type=int, help="At least this many killed.")
@click.option("--keyword", "keywords", multiple=True, help="Word in the evidence sentence (repeatable).")
@click.option(
    "--precision",
    "precisions",
    multiple=True,
    help="Accepted location precision (repeatable; default: by geofence size).",
)
def watch_add(
    rules_file: str | None,
    db_path: str | None,
    rule_id: str | None,
    name: str | None,
    lat: float | None,
    lon: float | None,
    radius_m: float | None,
    polygon_file: str | None,
    event_types: tuple[str, ...],
    modalities: tuple[str, ...],
    actor_names: tuple[str, ...],
    actor_countries: tuple[str, ...],
    actor_sectors: tuple[str, ...],
    min_fatalities: int | None,
    keywords: tuple[str, ...],
    precisions: tuple[str, ...],
) -> None:
    """Add a rule to the rule file (created if missing); the rule is validated first."""
    import os
    from pathlib import Path

    from .watch import add_rule, load_rules, next_rule_id, save_rules

    path = Path(_rules_path(rules_file, db_path))
    ruleset = load_rules(path, missing_ok=True)
    geofence: dict[str, Any] | None = None
    if polygon_file:
        file = Path(polygon_file).resolve()
        geofence = {"geojson_file": os.path.relpath(file, path.resolve().parent)}
    elif lat is not None or lon is not None or radius_m is not None:
        geofence = {"lat": lat, "lon": lon, "radius_m": radius_m}
    actors = {
        k: list(v) for k, v in (("names", actor_names), ("countries", actor_countries), ("sectors", actor_sectors)) if v
    }
    spec = {
        "id": rule_id or next_rule_id(ruleset, name),
        "name": name,
        "geofence": geofence,
        "event_types": list(event_types),
        "modalities": list(modalities),
        "actors": actors or None,
        "min_fatalities": min_fatalities,
        "keywords": list(keywords),
        "precisions": list(precisions),
    }
    ruleset, rule = add_rule(ruleset, {k: v for k, v in spec.items() if v not in (None, [])})
    save_rules(ruleset, path)
    click.echo(f"eventwire: added watch rule '{rule.id}' to {path}", err=True)


@watch.command("list")
@_rules_option
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def watch_list(rules_file: str | None, db_path: str | None, fmt: str) -> None:
    """List the rules of the rule file."""
    from .watch import load_rules
    from .watch.rules import describe_rule

    ruleset = load_rules(_rules_path(rules_file, db_path), missing_ok=True)
    for rule in ruleset.rules:
        if fmt == "jsonl":
            click.echo(json.dumps(rule.to_spec(), ensure_ascii=False))
        else:
            click.echo(f"{rule.id}\t{rule.name or ''}\t{describe_rule(rule)}")
    click.echo(f"eventwire: {len(ruleset.rules)} watch rule(s) in {ruleset.path}", err=True)


@watch.command("remove")
@click.argument("rule_id")
@_rules_option
@_db_option
def watch_remove(rule_id: str, rules_file: str | None, db_path: str | None) -> None:
    """Remove rule RULE_ID from the rule file (its past alerts stay in the database)."""
    from .watch import load_rules, remove_rule, save_rules

    ruleset = load_rules(_rules_path(rules_file, db_path))
    save_rules(remove_rule(ruleset, rule_id))
    click.echo(f"eventwire: removed watch rule '{rule_id}' from {ruleset.path}", err=True)


@watch.command("run")
@_rules_option
@_db_option
@click.option("--since", help="Events on or after YYYY-MM-DD (default: all).")
@click.option("--until", help="Events on or before YYYY-MM-DD.")
@click.option("--rule", "rule_ids", multiple=True, help="Only this rule (repeatable).")
@click.option("--dry-run", is_flag=True, help="Print what would alert on stdout; record and send nothing.")
def watch_run(
    rules_file: str | None,
    db_path: str | None,
    since: str | None,
    until: str | None,
    rule_ids: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Judge stored events against the rules and deliver alerts not raised before."""
    from pathlib import Path

    from .errors import StoreError
    from .store import Store
    from .watch import load_rules, run_history

    since_date, until_date = parse_iso_date(since), parse_iso_date(until)
    db_path = db_path or load_config().db_path
    ruleset = load_rules(_rules_path(rules_file, db_path))
    if db_path != ":memory:" and not Path(db_path).exists():
        raise StoreError(Errors.E010.format(path=db_path, reason="no such file"))
    with Store(db_path) as store:
        report = run_history(store, ruleset, since_date, until_date, rule_ids, dry_run=dry_run)
    click.echo(
        f"eventwire: {report.events} events examined, {report.alerts} alert(s) "
        f"({report.updates} update(s)){' would be raised' if dry_run else ''}, "
        f"{report.undelivered} undelivered",
        err=True,
    )


@watch.command("deliver")
@_rules_option
@_db_option
def watch_deliver(rules_file: str | None, db_path: str | None) -> None:
    """Deliver the alerts waiting in the outbox (left by a slow or dead destination, or a killed ingest)."""
    from pathlib import Path

    from .errors import StoreError
    from .store import Store
    from .watch import deliver_pending, load_rules

    db_path = db_path or load_config().db_path
    ruleset = load_rules(_rules_path(rules_file, db_path))
    if db_path != ":memory:" and not Path(db_path).exists():
        raise StoreError(Errors.E010.format(path=db_path, reason="no such file"))
    with Store(db_path) as store:
        report = deliver_pending(store.con, ruleset)
    click.echo(f"eventwire: {report.delivered} alert deliveries made, {report.left} left", err=True)
    if report.left:
        sys.exit(EXIT_PARTIAL)


def finish(report: JobReport, examples: int = 3) -> None:
    """End a command: if documents were skipped, print to stderr how many, grouped by error code with the
    first `examples` reasons of each, and exit with EXIT_PARTIAL."""
    if not report.failures:
        return
    groups: dict[str, list[str]] = {}
    for failure in report.failures:
        reason = (
            failure.reason
            if not failure.source or failure.source in failure.reason
            else f"{failure.source}: {failure.reason}"
        )
        code = failure.reason[1:5] if failure.reason[:2] == "[E" and failure.reason[5:6] == "]" else "internal"
        groups.setdefault(code, []).append(reason)
    lines = [f"eventwire: {len(report.failures)} document(s) skipped:"]
    for code, reasons in sorted(groups.items()):
        lines.append(f"  {code}: {len(reasons)}")
        lines += [f"    {reason}" for reason in reasons[:examples]]
        if len(reasons) > examples:
            lines.append(f"    ... and {len(reasons) - examples} more")
    click.echo("\n".join(lines), err=True)
    sys.exit(EXIT_PARTIAL)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("eventwire: aborted", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(EXIT_ERROR)
    except EventwireError as err:
        click.echo(f"eventwire: {err}", err=True)
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001  (last resort: one line, not a traceback)
        click.echo(f"eventwire: internal error: {type(err).__name__}: {err}", err=True)
        sys.exit(70)
    except SystemExit:
        raise


if __name__ == "__main__":
    main()
