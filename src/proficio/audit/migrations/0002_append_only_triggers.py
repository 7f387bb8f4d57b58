"""The audit trail is append-only in the database too, on SQLite and PostgreSQL alike.

``AuditEvent.save``/``delete`` refuse in Python; these triggers refuse ``UPDATE`` and ``DELETE`` for code that
goes round the model (queryset bulk methods on another manager, raw SQL, a database shell). ``TRUNCATE`` is
not refused, as for scores: PostgreSQL's flush between transactional tests uses it, and whoever can truncate
can also drop a trigger. SQLite's flush deletes row by row instead, so transactional tests lift the no-delete
trigger for their flush (``flushable_scores`` in tests/conftest.py).
"""

from django.db import migrations

APPEND_MSG = "audit events are append-only: they are never changed or deleted"
NO_UPDATE = "audit_auditevent_no_update"
NO_DELETE = "audit_auditevent_no_delete"

SQLITE_NO_UPDATE = f"""CREATE TRIGGER {NO_UPDATE} BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{APPEND_MSG}'); END;"""
SQLITE_NO_DELETE = f"""CREATE TRIGGER {NO_DELETE} BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, '{APPEND_MSG}'); END;"""

SQLITE_FORWARD = [SQLITE_NO_UPDATE, SQLITE_NO_DELETE]
SQLITE_REVERSE = [f"DROP TRIGGER IF EXISTS {NO_UPDATE};", f"DROP TRIGGER IF EXISTS {NO_DELETE};"]

POSTGRES_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{APPEND_MSG}' USING ERRCODE = 'integrity_constraint_violation';
    END $$;""",
    """CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
        FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;",
    "DROP FUNCTION IF EXISTS audit_auditevent_append_only();",
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
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
