"""Command-line interface: thin wrappers over the Python API (eventwire.jobs, eventwire.store, ...).
Data goes to stdout, logs and errors to stderr; an error is one line with its code, never a traceback."""
from __future__ import annotations

import json
import logging
import sys
from datetime import date

import click

from .config import load_config
from .errors import ConfigError, Errors, EventwireError
from .output import FORMATS, write_records

log = logging.getLogger("eventwire")

EXIT_PARTIAL = 1   # some documents could not be read or processed; the others were
EXIT_ERROR = 2     # nothing could be done (bad arguments, unreadable database, ...)


def parse_iso_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(Errors.E008.format(value=value)) from None




@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
def cli(verbose: bool) -> None:
    """eventwire: political and conflict events from raw news reports."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="eventwire: %(message)s")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--date", "pub_date", help="Publication date YYYY-MM-DD (relative dates resolve against it).")
def extract(paths: tuple[str, ...], fmt: str, pub_date: str | None) -> None:
    """Print the events in PATHS (.txt, .html, .jsonl, directories, '-' for stdin); stores nothing."""
    from .jobs import JobReport, extract_files

    report = JobReport()
    results = extract_files(paths, parse_iso_date(pub_date), load_config(), report)
    write_records((e.to_contract() for r in results for e in r.events), fmt)
    finish(report)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", help="DuckDB file (default: eventwire.duckdb or $EVENTWIRE_DB_PATH).")
@click.option("--date", "pub_date", help="Publication date YYYY-MM-DD for documents that give none.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[str, ...], db_path: str | None, pub_date: str | None, quiet: bool) -> None:
    """Extract events from PATHS and store documents, sentences and events in the database."""
    from .jobs import ingest_files
    from .progress import progress_bar

    config = load_config()
    with progress_bar(disable=quiet) as tick:
        report = ingest_files(paths, db_path or config.db_path, parse_iso_date(pub_date), config, progress=tick)
    click.echo(f"eventwire: {report.documents} documents read, {report.added} added, "
               f"{report.already_stored} already stored, {report.events} events, "
               f"{len(report.failures)} skipped", err=True)
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
def events(db_path, fmt, event_type, since, until, country, modality, limit) -> None:
    """Query the events stored in the database."""
    from .store import EventFilter, Store

    config = load_config()
    flt = EventFilter(event_type=event_type, since=parse_iso_date(since), until=parse_iso_date(until),
                      country=country, modality=modality, limit=limit)
    with Store(db_path or config.db_path, read_only=True) as store:
        write_records(store.events(flt), fmt)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def geoparse(paths: tuple[str, ...], fmt: str) -> None:
    """Print every toponym in PATHS with its resolved place (offsets into the text as given)."""
    from .jobs import JobReport, extract_files

    report = JobReport()
    for result in extract_files(paths, None, load_config(), report):
        doc = result.document
        for t in result.toponyms:
            p = t.place
            start, end = doc.raw_offset(t.start), doc.raw_offset(t.end)
            record = {"doc_id": doc.doc_id, "text": t.text, "start": start, "end": end,
                      "name": p.name if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
                      "geonameid": p.geonameid if p else None, "country": p.country if p else None,
                      "feature_code": p.feature_code if p else None}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    finish(report)


def finish(report) -> None:
    if report.failures:
        click.echo(f"eventwire: {len(report.failures)} document(s) skipped (see messages above)", err=True)
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
    except Exception as err:  # last resort: one line, not a traceback
        click.echo(f"eventwire: internal error: {type(err).__name__}: {err}", err=True)
        sys.exit(70)
    except SystemExit:
        raise


if __name__ == "__main__":
    main()
