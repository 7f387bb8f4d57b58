"""Problems found in imported data, each with the place it was found, and the all-or-nothing contract.

Every importer collects problems instead of stopping at the first one (up to ``MAX_PROBLEMS``), then either
commits everything or raises ``ImportRefused`` inside its transaction so nothing is written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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


class ImportRefused(Exception):
    """The input has problems, so nothing was imported. Carries every problem found (up to the cap)."""

    def __init__(self, problems: list[Problem], truncated: bool = False) -> None:
        self.problems = problems
        self.truncated = truncated
        more = " (and more, not listed)" if truncated else ""
        head = "; ".join(str(p) for p in problems[:3])
        super().__init__(f"{len(problems)} problem(s){more}, nothing imported: {head}")
