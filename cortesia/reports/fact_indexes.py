"""The fact tables' secondary indexes during a full rebuild on PostgreSQL.

A full rebuild writes every row again into emptied tables. Keeping about fifteen indexes
current through millions of inserts costs more than building each once from the loaded
rows, so the rebuild drops them after emptying the tables and builds them when the rows
are in. The definitions are the models' own (the SQL a migration runs), not a copy read
from the database before dropping: a rebuild that was interrupted in between leaves
indexes missing, and the next rebuild (or ``fact_indexes_restore``) creates them.
Constraints (primary keys, the unique tag row) stay throughout.
"""

from __future__ import annotations

from django.db import connection

from cortesia.reports.models import TicketFact, TicketMoment, TicketTagFact

MODELS = (TicketFact, TicketMoment, TicketTagFact)


def _definitions() -> dict[str, str]:
    """Every secondary index of the fact tables: name → CREATE INDEX statement."""
    editor = connection.schema_editor(collect_sql=True)
    found: dict[str, str] = {}
    for model in MODELS:
        # The same statements the schema editor runs when it creates the table.
        for statement in editor._model_indexes_sql(model):  # type: ignore[attr-defined]
            found[str(statement.parts["name"]).strip('"')] = str(statement)
    return found


def _present() -> set[str]:
    tables = [model._meta.db_table for model in MODELS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)", [tables])
        return {row[0] for row in cursor.fetchall()}


def fact_indexes_drop() -> list[str]:
    """Drop the secondary indexes (PostgreSQL only); return their names."""
    if connection.vendor != "postgresql":
        return []
    names = sorted(set(_definitions()) & _present())
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
    return names


def fact_indexes_restore() -> list[str]:
    """Create every secondary index that is missing (PostgreSQL only); return their
    names. Each index is built from the table's rows in one sorted pass."""
    if connection.vendor != "postgresql":
        return []
    present = _present()
    missing = {name: sql for name, sql in _definitions().items() if name not in present}
    with connection.cursor() as cursor:
        if missing:
            # The sorts of a build stay in memory (the default is 64 MB).
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for sql in missing.values():
            cursor.execute(sql)
    return sorted(missing)
