"""Coded, searchable user-facing errors (spaCy style). Call sites raise `EventwireError` subclasses with
`Errors.Exxx.format(...)`; the CLI turns them into one line and a non-zero exit code."""

from __future__ import annotations


class Errors:
    E001 = "[E001] File not found: {path}"
    E002 = (
        "[E002] Unsupported input type '{ext}' for {path} (expected .txt, .html, .htm, .jsonl, .jsonl.gz, .rss, "
        ".atom, .xml, .warc, .warc.gz or a directory)"
    )
    E003 = "[E003] {path} looks binary, not text"
    E004 = "[E004] {path} is empty"
    E005 = "[E005] {path}:{line}: malformed JSON ({reason})"
    E006 = "[E006] {path}:{line}: JSONL record needs a non-empty 'text' or 'html' field"
    E007 = "[E007] {path}: cannot decode text ({reason})"
    E008 = "[E008] Invalid date '{value}': expected YYYY-MM-DD"
    E009 = "[E009] Data file {path}{where}: {reason}"
    E010 = "[E010] Cannot open database {path}: {reason}"
    E011 = "[E011] {path}: document is {size} bytes, over the limit of {limit} bytes"
    E012 = "[E012] {path}: malformed {kind} ({reason})"
    E013 = "[E013] Invalid value for {name}: {reason}"
    E014 = "[E014] Not found: {what}"
    E015 = "[E015] {path}: analysis took {seconds} s, over the per-document budget of {budget} s (stopped at {stage})"
    E016 = "[E016] {path}: document has {count} {what}, over the limit of {limit}"
    # E070-E079: the Spark engine (eventwire.distributed)
    E070 = "[E070] The Spark engine needs {missing}: pip install 'eventwire[spark]'"
    E071 = "[E071] The Spark engine needs Java 17 or 21 (java on PATH or JAVA_HOME)"
    E072 = "[E072] The Spark engine cannot read stdin ('-'): give files, directories or URIs"


class EventwireError(Exception):
    """Base class: every error a user may see. `str(err)` is a one-line message with its code."""


class InputError(EventwireError):
    """A document or input file could not be read; the rest of the batch goes on."""


class DataFileError(EventwireError):
    """A lexicon, ontology or gazetteer data file is malformed."""


class StoreError(EventwireError):
    """The database could not be opened or written."""


class ConfigError(EventwireError):
    """A setting or parameter is invalid."""


class NotFoundError(EventwireError):
    """A requested record does not exist."""
