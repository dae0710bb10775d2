"""The names of the documents Backplan writes for other programs, each written here once.

A decision (``backplan.decision/1``), an error record in its place (``backplan.error/1``) and
a report (``backplan.report/1``) each carry their format's name in ``format``; a program reading
``backplan eval``'s output tells the two kinds of line apart by it. The code that writes each
document, the models its published schema is generated from and the code that reads it back
(``backplan report``) all take the name from here, so a new version cannot be named in one
place and missed in another. The names are ``Literal`` types, for the models and the typed
views, with their one value beside each.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

DecisionFormat = Literal["backplan.decision/1"]
"""A decision's format; its version is bumped only on incompatible change."""
ErrorFormat = Literal["backplan.error/1"]
"""The format of the error record ``backplan eval`` writes for an event it cannot decide."""
ReportFormat = Literal["backplan.report/1"]
"""The format of ``backplan report --format json``."""
CompareFormat = Literal["backplan.compare/1"]
"""The format of ``backplan compare --format json``."""

DECISION_FORMAT: Final[DecisionFormat] = get_args(DecisionFormat)[0]
ERROR_FORMAT: Final[ErrorFormat] = get_args(ErrorFormat)[0]
REPORT_FORMAT: Final[ReportFormat] = get_args(ReportFormat)[0]
COMPARE_FORMAT: Final[CompareFormat] = get_args(CompareFormat)[0]
