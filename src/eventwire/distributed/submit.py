"""spark-submit entry point of the Spark engine.

    spark-submit --master yarn --archives eventwire-venv.tar.gz#venv ... \\
        "$(python -c 'import eventwire.distributed.submit as m; print(m.__file__)')" \\
        hdfs:///news/2026-11/*.jsonl.gz --out hdfs:///eventwire/runs/2026-11

writes the Parquet tables under --out (to query in place, or load later with --load-only); with --db (and an
--out DuckDB can read: a local or mounted folder) it also loads them into that DuckDB file. Outside
spark-submit, `python -m eventwire.distributed.submit ... --master local[4]` does the same.
"""

from __future__ import annotations

import sys

import click

from eventwire.config import load_config
from eventwire.errors import ConfigError, Errors, EventwireError


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1)
@click.option("--out", "out_dir", required=True, help="Folder (or hdfs://, s3a:// URI) for the Parquet tables.")
@click.option("--db", "db_path", help="Also load the tables into this DuckDB file (--out must be readable here).")
@click.option("--date", "pub_date", help="Publication date YYYY-MM-DD for documents that give none.")
@click.option("--master", help="Spark master when not given by spark-submit (default: local[*]).")
@click.option("--partitions", type=click.IntRange(min=1), help="Partitions of the coding stage (default: 4 x cores).")
@click.option("--load-only", is_flag=True, help="Do not run Spark: load the tables already under --out into --db.")
def main(
    paths: tuple[str, ...],
    out_dir: str,
    db_path: str | None,
    pub_date: str | None,
    master: str | None,
    partitions: int | None,
    load_only: bool,
) -> None:
    """Code PATHS on Spark into Parquet tables under --out, and optionally load them into DuckDB."""
    from eventwire.distributed import code_to_parquet
    from eventwire.distributed.load import load_into_store
    from eventwire.store import Store
    from eventwire.time import parse_iso_date

    config = load_config()
    if load_only and not db_path:
        raise ConfigError(Errors.E013.format(name="--load-only", reason="needs --db"))
    if not load_only:
        if not paths:
            raise ConfigError(Errors.E013.format(name="PATHS", reason="give at least one input"))
        run, failures = code_to_parquet(paths, out_dir, parse_iso_date(pub_date), config, master, partitions=partitions)
        for failure in failures:
            click.echo(f"eventwire: {failure.reason}", err=True)
        if run:
            click.echo(
                f"eventwire: {run.documents} documents read, {run.coded} coded, {run.already_stored} "
                f"repeated, {run.failed} failed, {run.events} events -> {out_dir}",
                err=True,
            )
    if db_path:
        with Store(db_path) as store:
            loaded = load_into_store(out_dir, store, config.batch_size)
        click.echo(
            f"eventwire: {loaded.added} documents added to {db_path}, {loaded.already_stored} already "
            f"stored, {loaded.skipped} failures recorded",
            err=True,
        )


def run() -> None:
    """Console entry: errors as one coded line, like the eventwire CLI."""
    try:
        main(standalone_mode=False)
    except click.ClickException as err:
        err.show()
        sys.exit(2)
    except EventwireError as err:
        click.echo(f"eventwire: {err}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
