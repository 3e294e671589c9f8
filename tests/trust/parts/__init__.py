"""Per-capability parts of the authorization matrix and the world it runs in.

Each module here may define ``MATRIX`` (operation -> Expect, merged into the main matrix) and
``extend_world(api, cast, world, negotiation)`` (adds that capability's objects, ids and ETags to the
world; side-private objects carry UNION_SECRET / EMPLOYER_SECRET so the leak scan can see them).
One module per capability keeps parallel work out of each other's files.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    """Every part module, in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
