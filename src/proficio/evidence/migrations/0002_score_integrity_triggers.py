"""Database-level guarantees for scores, on SQLite and PostgreSQL alike.

- a score's value must be a level on its indicator's scale (the work-habit scale for work habits);
- the indicator must be aligned to the assessment or outside evidence the score is for;
- a correction must supersede a score for the same student, evidence and indicator;
- scores are append-only: UPDATE and DELETE are refused.

Django's model validation says the same in words; these triggers make the rules hold even for code
that bypasses it (bulk inserts, raw SQL, queryset.update/delete).
"""

from django.db import migrations

SCALE_OF_INDICATOR = """
    SELECT 1 FROM standards_performanceindicator pi
    JOIN standards_standard st ON st.id = pi.standard_id
    JOIN standards_framework fw ON fw.id = st.framework_id
    JOIN standards_scalelevel lv ON lv.scale_id =
        CASE WHEN st.kind = 'work_habit' THEN fw.work_habit_scale_id ELSE fw.scale_id END
    WHERE pi.id = NEW.indicator_id AND lv.value = NEW.value
"""
ALIGNED = """
    (NEW.assessment_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM evidence_assessment_indicators ai
        WHERE ai.assessment_id = NEW.assessment_id AND ai.performanceindicator_id = NEW.indicator_id))
    OR (NEW.outside_evidence_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM evidence_outsideevidence_indicators oi
        WHERE oi.outsideevidence_id = NEW.outside_evidence_id AND oi.performanceindicator_id = NEW.indicator_id))
"""
SAME_SLOT = """
    SELECT 1 FROM evidence_score o
    WHERE o.id = NEW.supersedes_id AND o.student_id = NEW.student_id AND o.indicator_id = NEW.indicator_id
      AND o.assessment_id {is_} NEW.assessment_id AND o.outside_evidence_id {is_} NEW.outside_evidence_id
"""
VALUE_MSG = "score value is not a level on the indicator's scale"
ALIGN_MSG = "score indicator is not aligned to its assessment or outside evidence"
SLOT_MSG = "a correction must supersede a score for the same student, evidence and indicator"
APPEND_MSG = "scores are append-only: record a correction that supersedes the score instead"


def _sql(text: str) -> str:
    return text.replace("'", "''")


SQLITE_FORWARD = [
    f"""CREATE TRIGGER evidence_score_value_on_scale BEFORE INSERT ON evidence_score
        FOR EACH ROW WHEN NOT EXISTS ({SCALE_OF_INDICATOR})
        BEGIN SELECT RAISE(ABORT, '{_sql(VALUE_MSG)}'); END;""",
    f"""CREATE TRIGGER evidence_score_aligned BEFORE INSERT ON evidence_score
        FOR EACH ROW WHEN NOT ({ALIGNED})
        BEGIN SELECT RAISE(ABORT, '{ALIGN_MSG}'); END;""",
    f"""CREATE TRIGGER evidence_score_same_slot BEFORE INSERT ON evidence_score
        FOR EACH ROW WHEN NEW.supersedes_id IS NOT NULL AND NOT EXISTS ({SAME_SLOT.format(is_="IS")})
        BEGIN SELECT RAISE(ABORT, '{SLOT_MSG}'); END;""",
    f"""CREATE TRIGGER evidence_score_no_update BEFORE UPDATE ON evidence_score
        BEGIN SELECT RAISE(ABORT, '{APPEND_MSG}'); END;""",
    f"""CREATE TRIGGER evidence_score_no_delete BEFORE DELETE ON evidence_score
        BEGIN SELECT RAISE(ABORT, '{APPEND_MSG}'); END;""",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {name};"
    for name in [
        "evidence_score_value_on_scale",
        "evidence_score_aligned",
        "evidence_score_same_slot",
        "evidence_score_no_update",
        "evidence_score_no_delete",
    ]
]

POSTGRES_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION evidence_score_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NOT EXISTS ({SCALE_OF_INDICATOR}) THEN
            RAISE EXCEPTION '{_sql(VALUE_MSG)} (value %, indicator %)', NEW.value, NEW.indicator_id
                USING ERRCODE = 'check_violation';
        END IF;
        IF NOT ({ALIGNED}) THEN
            RAISE EXCEPTION '{ALIGN_MSG}' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.supersedes_id IS NOT NULL AND NOT EXISTS ({SAME_SLOT.format(is_="IS NOT DISTINCT FROM")}) THEN
            RAISE EXCEPTION '{SLOT_MSG}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$;""",
    """CREATE TRIGGER evidence_score_check BEFORE INSERT ON evidence_score
        FOR EACH ROW EXECUTE FUNCTION evidence_score_check();""",
    f"""CREATE OR REPLACE FUNCTION evidence_score_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{APPEND_MSG}' USING ERRCODE = 'integrity_constraint_violation';
    END $$;""",
    """CREATE TRIGGER evidence_score_append_only BEFORE UPDATE OR DELETE ON evidence_score
        FOR EACH ROW EXECUTE FUNCTION evidence_score_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS evidence_score_append_only ON evidence_score;",
    "DROP FUNCTION IF EXISTS evidence_score_append_only();",
    "DROP TRIGGER IF EXISTS evidence_score_check ON evidence_score;",
    "DROP FUNCTION IF EXISTS evidence_score_check();",
]


def _run(statements_by_vendor: dict[str, list[str]]):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"proficio supports SQLite and PostgreSQL, not {schema_editor.connection.vendor}")
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_initial"),
        ("standards", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
