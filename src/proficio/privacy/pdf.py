"""The student data export as a PDF: the same ``student_export()`` document as the JSON download, laid out
as one readable section per part (account, student record, enrolments, guardians, advisors, scores with
their corrections, outside evidence, "not assessed" marks, results, graduation, audit events).

Every row of the JSON is a row here. Codes become their labels ("Summative", "Score corrected"), moments
become local time to the minute, computed values are rounded to two decimals (the JSON keeps every digit),
and each score says which later score superseded it, or which one it corrects and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils import timezone

from proficio.audit.models import AuditEvent
from proficio.evidence.models import Assessment, OutsideEvidence
from proficio.printing.typeset import typeset
from proficio.roster.models import Enrollment, GuardianLink, Student, student_grade_name

NONE = "—"
Format = Callable[[Any], str]


def text(value: Any) -> str:
    return NONE if value is None or value == "" else str(value)


def yes_no(value: Any) -> str:
    return "not recorded" if value is None else "yes" if value else "no"


def when(value: Any) -> str:
    """An ISO moment from the export, in local time to the minute."""
    if not value:
        return NONE
    return timezone.localtime(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")


def day(value: Any) -> str:
    return date.fromisoformat(value).isoformat() if value else NONE


def rounded(value: Any) -> str:
    """A computed value to two decimals, without trailing zeros (``2.65000000000000004`` → ``2.65``)."""
    if value is None or value == "":
        return NONE
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return str(value)
    return f"{number.normalize():f}"


def labels(model: type[Model], name: str) -> Format:
    """A format that shows a choice field's label instead of its stored code."""
    names = {str(key): str(label) for key, label in model._meta.get_field(name).flatchoices}  # type: ignore[union-attr]
    return lambda value: NONE if value in (None, "") else names.get(str(value), str(value))


def person(first: Any, last: Any) -> str:
    return text(" ".join(part for part in (first, last) if part))


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    show: Format = text
    css: str = ""  # what the cells hold: num (set right-aligned), code, prose
    width: str = ""  # the column's share of the table, w5 … w50 (percent); columns without one share the rest
    listing: bool = False  # the value is a list of codes

    def cell(self, row: dict[str, Any]) -> Cell:
        value = row.get(self.key)
        if self.listing:
            return Cell("" if value else NONE, self.css, items=tuple(str(item) for item in value or ()))
        return Cell(self.show(value), self.css)

    @property
    def header_class(self) -> str:
        return " ".join(c for c in (self.width, "num" if self.css == "num" else "") if c)


@dataclass(frozen=True)
class Cell:
    text: str
    css: str = ""
    notes: tuple[tuple[str, str], ...] = ()  # further lines: (bold label or "", text)
    items: tuple[str, ...] = ()  # a list of codes, comma-separated, each kept on one line


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    css: str = ""


@dataclass
class Section:
    """One part of the export: a label/value table (``fields``) or a table of ``rows``."""

    slug: str
    title: str
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.rows) if self.columns else len(self.fields)


def table(slug: str, title: str, rows: Iterable[dict[str, Any]], columns: list[Column], note: str = "") -> Section:
    return Section(
        slug,
        title,
        columns=columns,
        rows=[Row([column.cell(row) for column in columns]) for row in rows],
        note=note,
    )


def _account(account: dict[str, Any]) -> Section:
    return Section(
        "account",
        "Account",
        fields=[
            ("User name", text(account["username"])),
            ("First name", text(account["first_name"])),
            ("Last name", text(account["last_name"])),
            ("Email", text(account["email"])),
            ("Preferred language", text(account["preferred_language"])),
            ("Account created", when(account["date_joined"])),
            ("Last log-in", when(account["last_login"])),
        ],
    )


def _student(record: dict[str, Any]) -> Section:
    return Section(
        "student",
        "Student record",
        fields=[
            ("Student number", text(record["student_number"])),
            ("School", text(record["school"])),
            ("District", text(record["district"])),
            ("Grade", text(student_grade_name(record["grade"]))),
            ("Date of birth", day(record["birth_date"])),
            ("Race / ethnicity", labels(Student, "race_ethnicity")(record["race_ethnicity"])),
            ("Gender", labels(Student, "gender")(record["gender"])),
            ("Economically disadvantaged", yes_no(record["economically_disadvantaged"])),
            ("English learner", yes_no(record["english_learner"])),
            ("IEP or 504 plan", yes_no(record["disability"])),
            ("Active", yes_no(record["is_active"])),
        ],
    )


SCORE_COLUMNS = [
    Column("", "No.", css="num", width="w7"),
    Column("", "Scored", width="w14"),
    Column("", "Indicator", css="code", width="w10"),
    Column("", "Evidence", width="w22"),
    Column("", "Level", css="num", width="w6"),
    Column("", "Scorer", width="w12"),
    Column("", "Feedback and corrections", css="prose"),
]


def _scores(scores: list[dict[str, Any]]) -> Section:
    superseded_by = {s["supersedes_id"]: s["id"] for s in scores if s["supersedes_id"] is not None}
    kind = labels(Assessment, "kind")
    rows = []
    for s in scores:
        if s["assessment__title"]:
            evidence = Cell(
                s["assessment__title"],
                notes=(("", f"{kind(s['assessment__kind'])}, {day(s['assessment__assessed_on'])}"),),
            )
        else:
            evidence = Cell(text(s["outside_evidence__title"]), notes=(("", "Outside-school evidence"),))
        notes = []
        if s["supersedes_id"] is not None:
            notes.append((f"Corrects no. {s['supersedes_id']}.", f"Reason: {text(s['reason'])}"))
        if s["id"] in superseded_by:
            notes.append((f"Superseded by no. {superseded_by[s['id']]}.", ""))
        cells = [
            Cell(str(s["id"]), "num"),
            Cell(when(s["scored_at"])),
            Cell(text(s["indicator__code"]), "code"),
            evidence,
            Cell(text(s["value"]), "num"),
            Cell(person(s["scorer__first_name"], s["scorer__last_name"])),
            Cell(s["feedback"] or ("" if notes else NONE), "prose", tuple(notes)),
        ]
        rows.append(Row(cells, "superseded" if s["id"] in superseded_by else ""))
    return Section(
        "scores",
        "Scores",
        columns=SCORE_COLUMNS,
        rows=rows,
        note="Every score ever recorded, oldest first. A correction is a new score that supersedes the old one "
        "and gives a reason; superseded scores are shown in grey.",
    )


def _learner_sections(document: dict[str, Any]) -> list[Section]:
    """The learner profile, advisor comments, goals and "show what I know" requests."""
    profile = (document["learner_profile"] or [{}])[0]
    goals = [
        goal
        | {
            "aligned": goal["indicator"] or goal["standard"] or "",
            "checkpoints_text": "; ".join(
                f"{c['description']} ({day(c['due_on'])}{', done' if c['done'] else ''})" for c in goal["checkpoints"]
            ),
            "reflections_text": " / ".join(r["body"] for r in goal["reflections"]),
        }
        for goal in document["goals"]
    ]
    return [
        Section(
            "learner-profile",
            "Learner profile",
            fields=[
                ("Interests", text(profile.get("interests"))),
                ("College plans", text(profile.get("college_aspirations"))),
                ("Career plans", text(profile.get("career_aspirations"))),
                ("How I like to learn", text(profile.get("learning_preferences"))),
                ("Accommodations", text(profile.get("accommodations"))),
            ],
        ),
        table(
            "profile-comments",
            "Advisor comments",
            [
                c | {"name": person(c["author__first_name"], c["author__last_name"])}
                for c in document["profile_comments"]
            ],
            [
                Column("created_at", "When", when, width="w16"),
                Column("name", "Advisor", width="w20"),
                Column("body", "Comment", css="prose"),
            ],
        ),
        table(
            "goals",
            "Goals",
            goals,
            [
                Column("statement", "Goal", css="prose", width="w25"),
                Column("aligned", "Aligned to", css="code", width="w10"),
                Column("target_date", "Target", day, width="w10"),
                Column("status", "Status", width="w10"),
                Column("checkpoints_text", "Checkpoints", css="prose"),
                Column("reflections_text", "Reflections", css="prose"),
            ],
        ),
        table(
            "requests",
            "“Show what I know” requests",
            document["assessment_requests"],
            [
                Column("indicator__code", "Indicator", css="code", width="w12"),
                Column("kind", "Kind", width="w10"),
                Column("note", "Note", css="prose"),
                Column("status", "Status", width="w10"),
                Column("created_at", "Asked", when, width="w16"),
                Column("reason", "Reason if declined", css="prose", width="w20"),
            ],
        ),
    ]


def sections(document: dict[str, Any]) -> list[Section]:
    return [
        _account(document["account"]),
        _student(document["student"]),
        table(
            "enrollments",
            "Enrolments",
            document["enrollments"],
            [
                Column("section__course__title", "Course", width="w25"),
                Column("section__name", "Section", width="w30"),
                Column("section__session__title", "Term"),
                Column("role", "Role", labels(Enrollment, "role"), width="w10"),
                Column("begin_date", "From", day, width="w12"),
                Column("end_date", "To", day, width="w12"),
            ],
        ),
        table(
            "guardians",
            "Guardians",
            [
                g | {"name": person(g["guardian__user__first_name"], g["guardian__user__last_name"])}
                for g in document["guardians"]
            ],
            [
                Column("name", "Name", width="w40"),
                Column("relationship", "Relationship", labels(GuardianLink, "relationship"), width="w20"),
                Column("is_active", "Linked now", yes_no, width="w20"),
                Column("receives_reports", "Receives reports", yes_no),
            ],
        ),
        table(
            "advisors",
            "Advisors",
            [a | {"name": person(a["advisor__first_name"], a["advisor__last_name"])} for a in document["advisors"]],
            [Column("name", "Name", width="w40"), Column("is_active", "Advising now", yes_no)],
        ),
        _scores(document["scores"]),
        table(
            "outside-evidence",
            "Outside-school evidence",
            document["outside_evidence"],
            [
                Column("title", "Title", width="w15"),
                Column("kind", "Kind", labels(OutsideEvidence, "kind"), width="w10"),
                Column("organization", "Organization", width="w12"),
                Column("description", "Description", css="prose"),
                Column("started_on", "Started", day, width="w12"),
                Column("completed_on", "Completed", day, width="w12"),
                Column("hours", "Hours", css="num", width="w7"),
                Column("status", "Status", labels(OutsideEvidence, "status"), width="w10"),
            ],
        ),
        table(
            "not-assessed",
            "Marked “not assessed”",
            document["not_assessed"],
            [Column("assessment__title", "Assessment"), Column("marked_at", "Marked", when, width="w16")],
        ),
        table(
            "indicator-results",
            "Results by performance indicator",
            document["indicator_results"],
            [
                Column("indicator__code", "Indicator", css="code", width="w15"),
                Column("value", "Value", rounded, "num", "w10"),
                Column("level__label", "Level"),
                Column("evidence_count", "Evidence", css="num", width="w12"),
                Column("computed_at", "Computed", when, width="w16"),
            ],
            note="Computed from the current scores by the framework's calculation method.",
        ),
        table(
            "standard-results",
            "Results by graduation standard",
            document["standard_results"],
            [
                Column("standard__code", "Standard", css="code", width="w15"),
                Column("value", "Value", rounded, "num", "w10"),
                Column("level__label", "Level"),
                Column("is_proficient", "Proficient", yes_no, width="w12"),
                Column("computed_at", "Computed", when, width="w16"),
            ],
        ),
        table(
            "graduation",
            "Graduation",
            document["graduation"],
            [
                Column("framework__title", "Framework"),
                Column("met", "Met", yes_no, width="w6"),
                Column("standards_required", "Standards required", css="num", width="w12"),
                Column("standards_met", "Standards met", css="num", width="w12"),
                Column("missing", "Not yet met", width="w35", listing=True),
                Column("computed_at", "Computed", when, width="w16"),
            ],
        ),
        *_learner_sections(document),
        table(
            "issued-reports",
            "Issued report cards and transcripts",
            document["issued_reports"],
            [
                Column("kind", "Document", width="w20"),
                Column("term__title", "Term", width="w20"),
                Column("version", "Version", css="num", width="w10"),
                Column("issued_at", "Issued", when, width="w16"),
                Column("sha256", "SHA-256", css="code"),
            ],
        ),
        table(
            "audit-events",
            "Audit trail",
            document["audit_events"],
            [
                Column("at", "When", when, width="w14"),
                Column("action", "What", labels(AuditEvent, "action"), width="w15"),
                Column("actor_label", "Who", width="w25"),
                Column("object_label", "About"),
                Column("ip_address", "From address", width="w15"),
            ],
            note="Events recorded about this student: scores given and corrected, staff who opened the record, "
            "and earlier exports of it (this one is recorded once the file has been made).",
        ),
    ]


def _width(column: Column) -> int | None:
    """A column's share of the table in percent (``w22`` → 22), or None to share what is left."""
    return int(column.width[1:]) if column.width.startswith("w") else None


def _cell(cell: Cell) -> dict[str, Any]:
    return {"text": cell.text, "items": list(cell.items), "notes": [list(note) for note in cell.notes]}


def _section(section: Section) -> dict[str, Any]:
    return {
        "slug": section.slug,
        "title": section.title,
        "note": section.note,
        "count": section.count,
        "fields": [list(pair) for pair in section.fields],
        "columns": [{"heading": c.heading, "width": _width(c), "numeric": c.css == "num"} for c in section.columns],
        "rows": [{"grey": row.css == "superseded", "cells": [_cell(c) for c in row.cells]} for row in section.rows],
    }


def printed_export(document: dict[str, Any]) -> dict[str, Any]:
    """The export as its printed pages show it: plain data for ``printing/typst/student_export.typ``."""
    name = person(document["account"]["first_name"], document["account"]["last_name"])
    student = document["student"]
    exported_at = when(document["exported_at"])
    return {
        "title": f"Student data export: {name}",
        "heading": "Student data export",
        # The headings are written in English; pass the reader's language once they are translated.
        "lang": settings.LANGUAGE_CODE,
        "school": student["school"],
        "running": f"{name} · {student['student_number']} · Student data export",
        "subtitle": f"{name} · Student number {student['student_number']} · {student['school']}, {student['district']}",
        "intro": f"Everything proficio holds about {name} on {exported_at}: the same data as the JSON download, "
        f"one section per part of the record. Times are local ({timezone.get_current_timezone_name()}).",
        "contents_heading": "Contents",
        "none_label": "None.",
        "sections": [_section(section) for section in sections(document)],
    }


def student_export_pdf(document: dict[str, Any]) -> bytes:
    """The export document (``student_export()``) as a PDF."""
    return typeset("student_export.typ", printed_export(document))
