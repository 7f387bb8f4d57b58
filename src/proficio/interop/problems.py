"""Problems found in imported data, each with the place it was found, and the all-or-nothing contract.

Every importer collects problems instead of stopping at the first one (up to ``MAX_PROBLEMS``), then either
commits everything or raises ``ImportRefused`` inside its transaction so nothing is written.

Readers are tolerant: what they can read without guessing (a CASE 1.0 link written as a plain URL, an
enumeration value in another case, a OneRoster 1.1 header) is normalised and reported as a *warning* — the
same located ``Problem``, kept in a ``WarningList`` that never refuses the import. A normalisation repeated on
many rows is reported once, with the number of further lines it applied to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the format allows.

    ``line`` is the 1-based physical line in a CSV file (the header is line 1); for JSON, ``where`` names the
    path inside the document (``CFItems[12].fullStatement``) and ``line`` is 0 when unknown.
    """

    file: str
    message: str
    line: int = 0
    column: str = ""
    value: str = ""
    where: str = ""

    def __str__(self) -> str:
        place = self.file
        if self.line:
            place += f" line {self.line}"
        if self.where:
            place += f" at {self.where}"
        if self.column:
            place += f", column {self.column}"
        shown = f": {self.value!r}" if self.value else ""
        return f"{place}{shown} — {self.message}" if shown else f"{place}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"text": str(self)}


@dataclass
class ProblemList:
    """Collects problems up to a cap; ``truncated`` says that more were found than kept."""

    cap: int = MAX_PROBLEMS
    items: list[Problem] = field(default_factory=list)
    truncated: bool = False

    def add(self, problem: Problem) -> None:
        if len(self.items) < self.cap:
            self.items.append(problem)
        else:
            self.truncated = True

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def full(self) -> bool:
        return self.truncated or len(self.items) >= self.cap


@dataclass
class WarningList(ProblemList):
    """What a reader normalised or chose instead of refusing; shown in the dry run and kept on the record.

    ``add_repeated`` folds warnings sharing a key (the same normalisation of the same column) into the first,
    which then says on how many more lines it happened."""

    repeats: dict[object, list[int]] = field(default_factory=dict)  # key → [index in items, further lines]

    def add_repeated(self, key: object, problem: Problem) -> None:
        """Add ``problem``, folded into an earlier one with the same ``key`` (``None``: never folded)."""
        if key is None:
            self.add(problem)
            return
        seen = self.repeats.get(key)
        if seen is not None:
            seen[1] += 1
            return
        if len(self.items) < self.cap:
            self.repeats[key] = [len(self.items), 0]
        self.add(problem)

    def finished(self) -> list[Problem]:
        """The warnings, each folded one saying how many more lines it covers."""
        items = list(self.items)
        for index, further in self.repeats.values():
            if further:
                first = items[index]
                lines = "line" if further == 1 else "lines"
                items[index] = replace(first, message=f"{first.message} (and {further:,} more {lines} like it)")
        return items


class ImportRefused(Exception):
    """The input has problems, so nothing was imported. Carries every problem found (up to the cap)."""

    def __init__(self, problems: list[Problem], truncated: bool = False, warnings: list[Problem] | None = None) -> None:
        self.problems = problems
        self.truncated = truncated
        self.warnings = warnings or []  # what was read leniently before the refusal, for the record
        more = " (and more, not listed)" if truncated else ""
        head = "; ".join(str(p) for p in problems[:3])
        super().__init__(f"{len(problems)} problem(s){more}, nothing imported: {head}")
