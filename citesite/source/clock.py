"""Today's date for review checks: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""

from __future__ import annotations

import datetime as dt
import os


def review_today() -> dt.date:
    """The date review intervals are measured to: SOURCE_DATE_EPOCH when set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
