"""The Statement type, its check, and the relations words may assert."""
from __future__ import annotations

import operator
from dataclasses import dataclass, field

import pandas as pd

from ..measures import peak_and_latest

# Relations a statement's words may assert, over evidence names or literal values.
RELATIONS = {
    "gt": operator.gt, "lt": operator.lt, "ge": operator.ge, "le": operator.le, "eq": operator.eq,
    "ne": operator.ne,
}


class StatementError(Exception):
    """A statement that cannot be made, or whose words the evidence does not bear out."""


@dataclass(frozen=True)
class Statement:
    """Words computed from the data, with the evidence they rest on.

    key:       a slug, also the glue key the page uses
    text:      the words
    evidence:  name -> value (numbers, dates, labels) the words rest on
    asserts:   relations the words claim, as (relation, left, right); left and right name evidence
               entries (or are literal numbers); checked by `check()`
    sources:   source_ids of the rows behind the evidence
    """

    key: str
    text: str
    evidence: dict = field(default_factory=dict)
    asserts: tuple = ()
    sources: tuple = ()

    def _value(self, ref):
        if isinstance(ref, str):
            if ref not in self.evidence:
                raise StatementError(f"statement {self.key!r}: no evidence named {ref!r}")
            return self.evidence[ref]
        return ref

    def check(self) -> "Statement":
        """Raise StatementError unless every asserted relation holds on the evidence."""
        if not self.text.strip() and self.asserts:
            raise StatementError(f"statement {self.key!r}: no words")
        for relation, left, right in self.asserts:
            a, b = self._value(left), self._value(right)
            if a is None or b is None or (not isinstance(a, str) and pd.isna(a)) or \
                    (not isinstance(b, str) and pd.isna(b)):
                raise StatementError(f"statement {self.key!r}: {left} or {right} is missing in the data")
            if not RELATIONS[relation](a, b):
                raise StatementError(f"statement {self.key!r} says {self.text!r}, but {left}={a!r} "
                                     f"{relation} {right}={b!r} does not hold")
        return self

    def evidence_text(self) -> str:
        """The evidence as one line: name = value; ..."""
        parts = []
        for name, value in self.evidence.items():
            if isinstance(value, pd.Timestamp):
                value = f"{value:%Y-%m-%d}"
            elif isinstance(value, float):
                value = f"{value:g}"
            parts.append(f"{name} = {value}")
        return "; ".join(parts)


class Statements(dict):
    """The statements of one chapter, in page order, keyed by statement key."""

    def add(self, st: Statement) -> Statement:
        """Check a statement and keep it; a key may be used once."""
        if st.key in self:
            raise StatementError(f"statement {st.key!r} is made twice")
        self[st.key] = st.check()
        return st

    def frame(self, page: str = "") -> pd.DataFrame:
        """One row per statement: page, key, text, evidence, relations, sources."""
        return pd.DataFrame([{"page": page, "key": s.key, "text": s.text, "evidence": s.evidence_text(),
                              "asserts": "; ".join(f"{a} {r} {b}" for r, a, b in s.asserts),
                              "sources": ", ".join(dict.fromkeys(s.sources))} for s in self.values()],
                            columns=["page", "key", "text", "evidence", "asserts", "sources"])


def glue_all(said: Statements) -> Statements:
    """Glue every statement's words under its key, and the list of keys (for the checks)."""
    from myst_nb import glue

    for st in said.values():
        glue(st.key, st.text, display=False)
    glue("statements-on-this-page", sorted(said), display=False)
    return said


def compare(a: float, b: float, more: str, less: str, same: str) -> tuple[str, str]:
    """The word for a against b, and the relation it asserts ("gt", "lt" or "eq")."""
    if a > b:
        return more, "gt"
    if a < b:
        return less, "lt"
    return same, "eq"


def against_peak(rows: pd.DataFrame, value: str, when: str) -> tuple[pd.Series, pd.Series, str, str]:
    """measures.peak_and_latest, with the relation latest-to-peak its words assert ("eq" or "lt")."""
    top, last, stands = peak_and_latest(rows, value, when)
    return top, last, stands, "lt" if stands == "below" else "eq"


@dataclass
class Chapter:
    """What a chapter shows: its statements (in page order) and the tables its figures draw."""

    said: Statements
    tables: dict = field(default_factory=dict)

    def __getitem__(self, key: str) -> Statement:
        return self.said[key]
