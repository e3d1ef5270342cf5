"""The book's own statements: sentences that compare, rank, state a trend, a peak or a before/after.

Each statement is computed from the data by a function of a chapter module here, which picks its
words from the relation it found, and carries its evidence (the numbers and dates, the sources) and
the relations the words assert. `Statement.check()` re-tests those relations against the evidence;
a statement that fails its check stops the build instead of being published.

    from tradefight.statements import tariffs as say
    said = say.chapter(book)          # {key: Statement}
    said["tariff-ladder-title"].text  # "US tariffs on China peaked at 145% ..."
"""
from .core import Statement, StatementError, Statements, glue_all

__all__ = ["Statement", "StatementError", "Statements", "glue_all"]
