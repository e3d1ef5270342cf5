"""How each source was read: on a government's own site, as a copy of an official text, or as a report."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd

GOVERNMENT = re.compile(r"(^|\.)(gov|gov\.cn|mil|europa\.eu|gc\.ca)$")
COPY = re.compile(r"reproduc|translation of|as archived|repost|\btext\b.*\bcopy\b", re.IGNORECASE)
KINDS = ("government site", "copy of an official text", "report")


def kind(source: dict) -> str:
    """"government site" when the page read is on a government domain; "copy of an official text" when a
    primary address is recorded or the publisher says it reproduces one; otherwise "report"."""
    host = urlparse(str(source.get("url") or "")).hostname or ""
    if GOVERNMENT.search(host):
        return "government site"
    primary = source.get("primary_url")
    if (isinstance(primary, str) and primary.strip()) or COPY.search(str(source.get("publisher") or "")):
        return "copy of an official text"
    return "report"


def tally(source_ids, sources: pd.DataFrame) -> dict[str, int]:
    """How many of the distinct sources named fall into each kind (every kind present, zero if none)."""
    rows = sources.set_index("source_id")
    kinds = [kind(rows.loc[sid].to_dict()) for sid in dict.fromkeys(source_ids) if sid in rows.index]
    return {k: kinds.count(k) for k in KINDS}
