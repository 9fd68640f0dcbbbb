"""Shared building blocks of the session schema (format 1, see SESSION-FORMAT.md)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

Percent = Annotated[int, msgspec.Meta(ge=0, le=100)]
"""A whole percentage, 0..100."""

Score = Annotated[int, msgspec.Meta(ge=1, le=5)]
"""A 1–5 score (1 = poor fit, 5 = good fit)."""

AwareDatetime = Annotated[dt.datetime, msgspec.Meta(tz=True)]
"""A TOML offset date-time; naive date-times are refused."""

Category = Literal["streamline", "modernise", "rethink_services", "rethink_business"]
"""The portfolio model's four kinds of innovation effort (advice 3), lowest degree first."""

CATEGORIES: tuple[Category, ...] = (
    "streamline",
    "modernise",
    "rethink_services",
    "rethink_business",
)


class Table(msgspec.Struct, kw_only=True, omit_defaults=True, dict=True):
    """Base of every TOML table in a session file.

    Fields left at their default are not written, so a file holds only what the team
    recorded. `dict=True` lets storage attach the keys a newer dtworkshop wrote (see
    `dtworkshop.storage`), so they survive a load and save unchanged.
    """


DAY_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y")
"""How a day may be typed: 2026-12-07, or as Danes write it, 7.12.2026 or 07-12-2026."""


def typed_day(text: str) -> dt.date | None:
    """The day `text` names in one of DAY_FORMATS (spaces around ignored), or None when it
    names none (a month alone, 31.02.2026, words). Never raises."""
    text = text.strip()
    for fmt in DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def now() -> dt.datetime:
    """The current local time as an offset date-time, to the second (no noise in files)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)
