"""Where each source was read: on a government's own site, or elsewhere (a reprint, a copy, a report)."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd

# Government domains: the US (.gov, .mil), China (.gov.cn), and others a source might come from.
GOVERNMENT = re.compile(r"(^|\.)(gov|mil|gov\.cn|gov\.uk|gov\.in|go\.jp|gov\.au|gov\.hk|gc\.ca|admin\.ch|"
                        r"europa\.eu)$")


def on_government_site(source: dict) -> bool:
    """True when the page read (`url`) is on a government domain; the host decides, not the path."""
    host = urlparse(str(source.get("url") or "")).hostname or ""
    return bool(GOVERNMENT.search(host))


def tally(source_ids, sources: pd.DataFrame) -> dict[str, int]:
    """Of the distinct sources named (and listed), how many were read on a government site and elsewhere."""
    rows = sources.set_index("source_id")
    found = [on_government_site(rows.loc[sid].to_dict()) for sid in dict.fromkeys(source_ids) if sid in rows.index]
    return {"government site": sum(found), "elsewhere": len(found) - sum(found)}
