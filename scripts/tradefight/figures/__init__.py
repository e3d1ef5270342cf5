"""Chart encoders, one module per chapter. They only encode: every number, title and description
they show is computed elsewhere (domain modules and statements) and passed in.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..markup import SOURCE_FIELDS, source_fields

PCT = alt.Axis(format=".0f", title="Percent")
DATE = alt.Axis(format="%b %Y", title=None, labelAngle=0)


def sources_for(frame: pd.DataFrame, sources: pd.DataFrame) -> list[dict]:
    """The sources behind the rows shown, as the source line lists them (primary address first)."""
    used = sources[sources["source_id"].isin(frame["source_id"].dropna())] if "source_id" in frame else sources[:0]
    used = used.sort_values(["publisher", "source_id"]).reindex(columns=SOURCE_FIELDS)
    return [source_fields(row) for row in used.to_dict("records")]


def computed_from(*files: str) -> list[dict]:
    """A source line for a figure computed here from the book's own data files."""
    return [{"source_id": "", "publisher": f"Computed from {', '.join(files)}", "title": "", "url": "",
             "primary_url": ""}]


from . import claims, methods, rare_earths, students, tariffs, timeline  # noqa: E402  (encoders use the helpers above)

__all__ = ["claims", "methods", "rare_earths", "students", "tariffs", "timeline", "sources_for", "computed_from"]
