"""Record identities: time-ordered UUIDs (version 7), unique across databases so groups can be merged."""

from __future__ import annotations

import uuid

from uuid6 import uuid7


def new_id() -> uuid.UUID:
    return uuid7()
