"""HTML → main text with trafilatura (boilerplate, navigation and comments removed)."""

from __future__ import annotations

import trafilatura

from ..errors import Errors, InputError


def html_to_text(html: str, source: str = "<html>") -> tuple[str, str | None, str | None]:
    """(main text, title, date YYYY-MM-DD or None). Raises InputError when no text can be extracted."""
    if not html.strip():
        raise InputError(Errors.E004.format(path=source))
    try:
        doc = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True
        )
    except Exception as err:  # noqa: BLE001  (trafilatura raises many kinds of parser errors on broken markup)
        raise InputError(Errors.E012.format(path=source, kind="HTML", reason=type(err).__name__)) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(Errors.E012.format(path=source, kind="HTML", reason="no main text found"))
    return text, getattr(doc, "title", None), getattr(doc, "date", None)
