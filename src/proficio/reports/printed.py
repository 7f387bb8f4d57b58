"""A report (``documents.ReportData``) as the printed page says it: every line formatted and translated.

The web page (``reports/body.html``) and the printed PDF (``printing/typst/report.typ``) show the same data;
the printed form is built here, in the document's language, with the same wording (and so the same
translations) as the web page. The result is plain JSON data — texts and lists of texts — which the Typst
template sets as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import dateformat
from django.utils.translation import gettext, ngettext, pgettext

from proficio.progress.templatetags.progress import level_label
from proficio.reports.documents import CourseBlock, ReportData, ScaleLine, StandardLine

Block = dict[str, Any]


def _day(value: date) -> str:
    return dateformat.format(value, "M j, Y")


def _level(line: StandardLine) -> str:
    if not line.number:
        return gettext("No level yet")
    return f"{line.number} {level_label(line.level)}{' ✓' if line.proficient else ''}"


def _evidence(count: int) -> str:
    return ngettext("%(count)s piece of evidence", "%(count)s pieces of evidence", count) % {"count": count}


def _heading(report: ReportData) -> dict[str, str]:
    term = ""
    if report.term is not None:
        term = f"{_day(report.term.start_date)} – {_day(report.term.end_date)} · "
    since = gettext("Evidence to") if report.kind == "progress_report" else gettext("As of")
    id_line = (
        f"{report.name} · {gettext('Student no.')} {report.student.student_number} · {gettext('Grade')} {report.grade}"
    )
    return {
        "school_line": f"{report.school} · {report.district}",
        "id_line": id_line,
        "term_line": f"{term}{since} {_day(report.as_of)}",
    }


def _summary(report: ReportData) -> str:
    if report.graduation_met is None:
        return ""
    if report.graduation_met:
        text = gettext("All %(required)s graduation standards met.") % {"required": report.standards_required}
    else:
        text = gettext("Graduation standards met: %(met)s of %(required)s.") % {
            "met": report.standards_met,
            "required": report.standards_required,
        }
    if not report.is_transcript:
        text += " " + gettext(
            "Levels below come from this term's courses; graduation counts evidence from every course."
        )
    return text


def _course(report: ReportData, course: CourseBlock) -> list[Block]:
    parts = [course.title, course.code, level_label(course.content_area)]
    if course.teachers:
        parts.append(course.teachers)
    blocks: list[Block] = [{"kind": "heading", "text": " · ".join(parts)}]
    if course.standards:
        rows = [[_level(line), f"{line.code} {line.title} ({_evidence(line.evidence)})"] for line in course.standards]
        blocks.append({"kind": "lines", "rows": rows})
    else:
        blocks.append({"kind": "empty", "text": gettext("No summative evidence in this course yet.")})
    if report.is_report_card and course.comment:
        by = f" ({course.comment_by})" if course.comment_by else ""
        label = gettext("Teacher's comment")
        blocks.append({"kind": "text", "text": f"{label}{by}: {course.comment}"})
    return blocks


def _habits(report: ReportData) -> list[Block]:
    _names, grid = report.habit_grid
    rows = []
    for title, lines in grid:
        cells = [
            f"{line.title} {line.number or '—'}{' ✓' if line.proficient else ''}" if line else "—" for line in lines
        ]
        rows.append([title, " · ".join(cells)])
    note = gettext("Reported apart from academic proficiency: habits never raise or lower a level above.")
    note += " " + gettext("Each number is a level of the habits scale under “How to read”.")
    return [{"kind": "note", "text": note}, {"kind": "lines", "rows": rows, "wide": True}]


def _transcript(report: ReportData) -> list[dict[str, Any]]:
    standards: list[Block]
    if report.graduation_standards:
        rows = []
        for line in report.graduation_standards:
            met = gettext("met on %(on)s") % {"on": _day(line.met_on)} if line.met_on else gettext("Not yet met")
            rows.append([_level(line), f"{line.code} {line.title} — {met}"])
        standards = [{"kind": "lines", "rows": rows}]
    else:
        standards = [{"kind": "empty", "text": gettext("No graduation standards apply.")}]
    courses: list[Block] = [{"kind": "empty", "text": gettext("No courses on record.")}]
    if report.courses_taken:
        rows = [
            [f"{c.school_year - 1}–{c.school_year} · {c.session}", f"{c.code} {c.title} · {c.content_area}"]
            for c in report.courses_taken
        ]
        courses = [{"kind": "lines", "rows": rows, "wide": True}]
    sections = [
        {"heading": gettext("Graduation standards"), "blocks": standards},
        {"heading": gettext("Courses taken"), "blocks": courses},
        {"heading": gettext("Verified learning outside school"), "blocks": _outside(report)},
    ]
    if report.gpa is not None:
        gpa = [{"kind": "text", "text": f"GPA {report.gpa}"}, {"kind": "note", "text": report.gpa_note}]
        sections.append({"heading": gettext("Grade point average"), "blocks": gpa})
    return sections


def _outside(report: ReportData) -> list[Block]:
    if not report.outside:
        return [{"kind": "empty", "text": gettext("None on record.")}]
    blocks: list[Block] = []
    for item in report.outside:
        parts = [item.title + (f" ({item.organization})" if item.organization else ""), item.kind]
        parts.append(f"{_day(item.started_on)} – {_day(item.completed_on)}")
        if item.hours:
            parts.append(ngettext("%(hours)s hour", "%(hours)s hours", item.hours) % {"hours": item.hours})
        if item.verified_on:
            parts.append(gettext("Verified %(on)s") % {"on": _day(item.verified_on)})
        if item.standards:
            parts.append(item.standards)
        blocks.append({"kind": "text", "text": " · ".join(parts)})
    return blocks


def _scale_rows(scale: list[ScaleLine], describe: Callable[[ScaleLine], str]) -> list[list[str]]:
    return [[f"{lvl.number} {level_label(lvl.label)}{' ✓' if lvl.threshold else ''}", describe(lvl)] for lvl in scale]


def _how_to_read(report: ReportData) -> dict[str, Any]:
    blocks: list[Block] = []
    if report.scale:
        blocks.append({"kind": "lines", "rows": _scale_rows(report.scale, lambda lvl: lvl.description)})
    if report.has_habits and report.habit_scale:
        habits = gettext("Habits of work")
        rows = _scale_rows(report.habit_scale, lambda lvl: f"{habits}: {lvl.description or lvl.label}")
        blocks.append({"kind": "lines", "rows": rows})
    note = gettext(
        "✓ marks a level that is proficient (for habits of work: that meets the expectation); “no level yet” means "
        "there is not enough evidence yet."
    )
    if report.is_transcript:
        note += " " + gettext(
            "Each standard's level is calculated from all summative evidence by the district's calculation method; "
            "“met on” is the date of the evidence from which the standard has been proficient ever since. Credit is "
            "given for verified learning wherever it happened."
        )
    else:
        note += " " + gettext(
            "Each level is calculated by the district's calculation method from the summative evidence in that "
            "course up to %(as_of)s; proficiency is cumulative, so earlier evidence in the course counts. Formative "
            "work guides learning and is not counted."
        ) % {"as_of": _day(report.as_of)}
    blocks.append({"kind": "note", "text": note})
    heading = gettext("How to read this %(kind)s") % {"kind": report.kind_label.lower()}
    return {"heading": heading, "blocks": blocks}


def printed_report(report: ReportData, *, issued: date, lang: str) -> dict[str, Any]:
    """The report as its printed page shows it, in the active language (``lang`` names it for the PDF)."""
    if report.is_transcript:
        sections = _transcript(report)
    else:
        courses: list[Block] = []
        for course in report.courses:
            courses.extend(_course(report, course))
        if not report.courses:
            courses.append({"kind": "empty", "text": gettext("No courses this term.")})
        sections = [{"heading": gettext("Proficiency by course"), "blocks": courses}]
        if report.has_habits:
            sections.append({"heading": gettext("Habits of work"), "blocks": _habits(report)})
    sections.append(_how_to_read(report))
    kind = report.kind_label.lower()
    end = gettext("End of %(kind)s for %(name)s") % {"kind": kind, "name": report.name}
    issued_by = gettext("Issued %(on)s by %(school)s through proficio")
    end += " · " + issued_by % {"on": _day(issued), "school": report.school}
    return {
        "title": f"{report.title}: {report.name}",
        "heading": report.title,
        "lang": lang,
        "school": report.school,
        "running": f"{report.name} · {report.student.student_number} · {report.title}",
        "page_label": pgettext("printed page footer: Page 2 of 5", "Page"),
        "of_label": pgettext("printed page footer: Page 2 of 5", "of"),
        **_heading(report),
        "summary": _summary(report),
        "sections": sections,
        "end": end,
    }
