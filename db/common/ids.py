"""Record identities: time-ordered UUIDs (version 7), unique across databases so groups can be merged."""

from __future__ import annotations

import uuid


def new_id() -> uuid.UUID:
    # uuid6 is imported on the first new record, not at start-up: it reads its own package
    # metadata when imported (importlib.metadata and the email package, ~20 ms of the window's start).
    from uuid6 import uuid7

    return uuid7()
