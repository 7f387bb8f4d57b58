"""Events and score histories in words, for the pages; kept out of templates, which only display."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from proficio.audit.models import Action, AuditEvent
from proficio.evidence.models import Score


def level(value: Any) -> str:
    """A score value as people write it: 3, not 3.00."""
    try:
        return f"{Decimal(str(value)).normalize():f}"
    except (InvalidOperation, ValueError):
        return str(value)


def _changes(changes: dict[str, Any]) -> str:
    parts = []
    for field, pair in changes.items():
        old, new = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        name = field.replace("_", " ")
        parts.append(f"{name}: {old} → {new}" if old is not None else f"{name}: {new}")
    return "; ".join(parts)


def summary(event: AuditEvent) -> str:
    """One line saying what happened beyond the action's name."""
    d: dict[str, Any] = event.details or {}
    if event.action == Action.SCORE_CREATED:
        return f"{d.get('indicator', '')} = {level(d.get('value'))}"
    if event.action == Action.SCORE_CORRECTED:
        return (
            f"{d.get('indicator', '')}: {level(d.get('old_value'))} → {level(d.get('value'))} — {d.get('reason', '')}"
        )
    if event.action == Action.POLICY_CHANGED:
        return f"{d.get('change', '')}, version {d.get('version', '')}: {_changes(d.get('changes') or {})}".strip(", :")
    if event.action == Action.FRAMEWORK_CHANGED:
        return f"{d.get('what', '')} {d.get('change', '')}".strip()
    if event.action == Action.IMPORT_RUN:
        problems = d.get("problems") or 0
        return f"{d.get('status', '')}" + (f", {problems} problem(s)" if problems else "")
    if event.action == Action.EXPORT_RUN:
        return str(d.get("what", ""))
    if event.action == Action.LOGIN_FAILED:
        return f"username tried: {d.get('username', '')}"
    if event.action == Action.STUDENT_VIEWED:
        return str(d.get("what", ""))
    if event.action == Action.STUDENT_ANONYMIZED:
        return f"now {d.get('pseudonym', '')} — {d.get('reason', '')}"
    return ""


@dataclass(frozen=True)
class ScoreChange:
    """One line of a student's score history: a first score, or a correction of an earlier one."""

    when: datetime
    student: str
    scorer: str
    indicator: str
    evidence: str
    old: str
    new: str
    reason: str

    @property
    def is_correction(self) -> bool:
        return bool(self.old)


def score_change(score: Score) -> ScoreChange:
    """Expects ``student__user``, ``scorer``, ``indicator``, ``supersedes``, the evidence, selected."""
    evidence = score.assessment or score.outside_evidence
    return ScoreChange(
        when=score.scored_at,
        student=str(score.student),
        scorer=str(score.scorer),
        indicator=f"{score.indicator.code} {score.indicator.statement}",
        evidence=getattr(evidence, "title", ""),
        old=level(score.supersedes.value) if score.supersedes is not None else "",
        new=level(score.value),
        reason=score.reason,
    )
