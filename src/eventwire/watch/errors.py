"""Coded messages of the watch feature (E100-E119), in the style of `eventwire.errors.Errors`.

They live here, beside the feature, so that watch rules can grow without touching the shared list; the
exception classes are the shared ones, so the CLI turns them into one line and exit code 2 like any other."""

from __future__ import annotations

from ..errors import ConfigError, EventwireError, NotFoundError


class WatchErrors:
    E100 = "[E100] Watch rule file {path}: {reason}"
    E101 = "[E101] Watch rule file {path}, rule '{rule}', field '{field}': {reason}"
    E102 = "[E102] Watch rule file {path}, deliver[{index}], field '{field}': {reason}"
    E103 = "[E103] No watch rule '{rule}' in {path}"
    E104 = "[E104] Watch rule '{rule}' already exists in {path}"
    E105 = "[E105] Webhook {url}: gave up after {attempts} attempt(s): {reason}"


class RuleError(ConfigError):
    """A watch rule file, or a rule given on the command line or to the API, is invalid."""


class RuleNotFoundError(NotFoundError):
    """No watch rule has the requested id."""


class DeliveryError(EventwireError):
    """An alert could not be delivered (raised only where the caller asks for it; ingest logs and goes on)."""


class RefusedDeliveryError(DeliveryError):
    """The destination refused the alert for good (e.g. HTTP 400): sending it again will not help."""
