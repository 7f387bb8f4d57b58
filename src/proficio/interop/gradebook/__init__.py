"""OneRoster 1.2 CSV gradebook export: proficio's summative evidence and current levels, for an SIS to take back.

What the SIS receives (bulk mode, one zip or folder):

- ``categories.csv`` — three categories: *Summative evidence*, *Standard levels (current)*, *Indicator levels
  (current)*, so a report card can pick the level columns and ignore the evidence, or the reverse.
- ``lineItems.csv`` — in *Summative evidence*, one lineItem per summative assessment × aligned indicator (a
  proficiency score is per indicator, and a lineItem holds one score per student); in the level categories,
  one "current level" lineItem per section × standard and per section × indicator the section assesses,
  spanning the section's session. ``resultValueMin``/``Max`` are the ends of the scale.
- ``results.csv`` — per current summative score (``fully graded``, level value as ``score``, level label as
  ``textScore``, feedback as ``comment``); ``exempt`` for students marked not assessed; the cached level of
  every enrolled student for each level lineItem. See ``results.py`` for why each status.
- ``scoreScales.csv`` — the framework's scale (and the work-habit scale where used) per section, its levels as
  ``{value:label}`` pairs; ``lineItemScoreScales.csv`` ties each lineItem to its section's scale.
- ``lineItemLearningObjectiveIds.csv`` / ``resultLearningObjectiveIds.csv`` — every lineItem and result aligned
  to its indicator or standard by the identifier proficio's CASE export publishes for it (``urn:uuid:…``;
  the imported CFItem identifier when the framework came from CASE), results with the level as mastery score,
  so the alignment survives even in an SIS that ignores titles.
- ``manifest.csv`` — manifest 1.0, OneRoster 1.2, ``bulk`` for the files written, ``absent`` for the rest.

Left out on purpose: formative assessments (they guide learning and are never grades); outside-school
evidence (it belongs to no class, and a lineItem must; it still shapes the levels, which are exported); the
rostering files (the SIS owns its roster, and a bulk ``users.csv`` holding only some users would tell it to
delete the others), so results refer to the SIS's own sourcedIds — see ``ids.py`` for records proficio
created itself; ``resultScoreScales.csv`` (every result uses its lineItem's scale, already stated once per
lineItem).

Only district administrators may export (``proficio.interop.permissions.can_exchange_rosters``); callers that
act for a user check it before calling. ``write_gradebook`` writes files; ``export_gradebook`` gives the rows.
"""

from proficio.interop.gradebook.writer import (
    ExportSummary,
    GradebookExportError,
    export_gradebook,
    write_gradebook,
)

__all__ = [
    "ExportSummary",
    "GradebookExportError",
    "export_gradebook",
    "write_gradebook",
]
