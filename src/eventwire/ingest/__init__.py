"""Ingest stage: files, directories, stdin → cleaned `Document`s (chrome removed, offsets mapped back)."""

from . import feeds, jsonl, warc  # noqa: F401,E402  (register the .jsonl, .rss/.atom/.xml and .warc[.gz] readers)
from .clean import clean_text
from .html import html_to_text
from .readers import SUPPORTED_SUFFIXES, iter_documents, read_document_text

__all__ = ["clean_text", "iter_documents", "read_document_text", "html_to_text", "SUPPORTED_SUFFIXES"]
