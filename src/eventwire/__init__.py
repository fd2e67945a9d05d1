"""eventwire: political and conflict event data from raw news, every field traceable to its sentence."""

from __future__ import annotations

import inspect
import types
from typing import TYPE_CHECKING, Any

from . import extract as _extract_stage
from .model import Actor, Document, Event, Evidence, Place, Sentence, Toponym
from .pipeline import extract as _extract
from .pipeline import process, process_batch

__version__ = "0.1.0"
__all__ = [
    "extract",
    "process",
    "process_batch",
    "Event",
    "Actor",
    "Place",
    "Document",
    "Sentence",
    "Toponym",
    "Evidence",
    "__version__",
]


class _CallableStage(types.ModuleType):
    """The extraction subpackage, callable as the public `extract` function.

    `eventwire.extract` names both the Python API function (`pipeline.extract`) and the `eventwire.extract`
    stage package. A package attribute can hold only one object, and the import system binds a subpackage's
    submodules (`eventwire.extract.roles`) on the subpackage's module object, so that object is the one bound
    here, with calls forwarded to the function (the module-`__class__` hook Python documents for customising
    module behaviour). The package is imported by `eventwire` itself, before any of its submodules, so this holds
    whatever a caller imports first.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> list[Event]:
        return _extract(*args, **kwargs)

    @property
    def __signature__(self) -> inspect.Signature:
        """The function's signature, for `inspect.signature`, `help()` and editors."""
        return inspect.signature(_extract)


_extract_stage.__class__ = _CallableStage
if TYPE_CHECKING:
    from .pipeline import extract  # type checkers see the function's signature
else:
    extract = _extract_stage
