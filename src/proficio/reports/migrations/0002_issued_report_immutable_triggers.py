"""Issued reports are immutable in the database too, on SQLite and PostgreSQL alike.

``IssuedReport.save``/``delete`` and its queryset's ``update``/``delete`` refuse in Python; these triggers refuse
``UPDATE`` and ``DELETE`` of ``reports_issuedreport`` rows for code that goes round the model (another manager,
raw SQL, a database shell), as for scores and the audit trail. Re-issuing inserts version n + 1, which stays
allowed. ``TRUNCATE`` is not refused, as for scores: PostgreSQL's flush between transactional tests uses it, and
whoever can truncate can also drop a trigger. SQLite's flush deletes row by row instead, so transactional tests
lift the no-delete trigger for their flush (``flushable_scores`` in tests/conftest.py).

No cascade reaches an issued report: its student, term and issuer are ``on_delete=PROTECT`` (0001), so deleting
a student, an academic session or a user that has one raises ``ProtectedError`` before anything is deleted, and
anonymisation (privacy/anonymize.py) keeps issued reports untouched. ``on_delete`` is therefore not changed
here. Should a cascade ever be introduced, the no-delete trigger makes it fail loudly instead of silently
removing official records.

The trigger bodies name no other table, so SQLite rebuilds of other tables leave them alone; but a later
migration that makes SQLite rebuild ``reports_issuedreport`` itself (most ``AlterField``s) drops them with the
old table and must run ``SQLITE_FORWARD`` again afterwards.
"""

from django.db import migrations

IMMUTABLE_MSG = "issued reports are immutable: issue a new version instead"
NO_UPDATE = "reports_issuedreport_no_update"
NO_DELETE = "reports_issuedreport_no_delete"

SQLITE_NO_UPDATE = f"""CREATE TRIGGER {NO_UPDATE} BEFORE UPDATE ON reports_issuedreport
    BEGIN SELECT RAISE(ABORT, '{IMMUTABLE_MSG}'); END;"""
SQLITE_NO_DELETE = f"""CREATE TRIGGER {NO_DELETE} BEFORE DELETE ON reports_issuedreport
    BEGIN SELECT RAISE(ABORT, '{IMMUTABLE_MSG}'); END;"""

SQLITE_FORWARD = [SQLITE_NO_UPDATE, SQLITE_NO_DELETE]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NO_UPDATE};", f"DROP TRIGGER IF EXISTS {NO_DELETE};"]

POSTGRES_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION reports_issuedreport_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{IMMUTABLE_MSG}' USING ERRCODE = 'integrity_constraint_violation';
    END $$;""",
    """CREATE TRIGGER reports_issuedreport_immutable BEFORE UPDATE OR DELETE ON reports_issuedreport
        FOR EACH ROW EXECUTE FUNCTION reports_issuedreport_immutable();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS reports_issuedreport_immutable ON reports_issuedreport;",
    "DROP FUNCTION IF EXISTS reports_issuedreport_immutable();",
]


def _run(statements_by_vendor: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"proficio supports SQLite and PostgreSQL, not {schema_editor.connection.vendor}")
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
