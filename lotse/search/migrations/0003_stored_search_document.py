"""PostgreSQL: the German text vector of each entry stored in the row (a generated column,
`search_document`) with the GIN index on it, instead of an index on the expression.

With only the expression indexed, a word found in most entries made the planner scan the
table and compute `to_tsvector` for every row, twice with the ranking (over half a second at
15,000 entries); the stored vector is read, not computed. Nothing changes on SQLite (FTS5).
"""

from django.db import migrations

OLD_INDEX = "search_entry_fts_german"
EXPRESSION = (
    "to_tsvector('german'::regconfig, "
    "COALESCE(title, '') || ' ' || COALESCE(body, ''))"
)
FORWARD = [
    "ALTER TABLE search_searchentry ADD COLUMN search_document tsvector "
    f"GENERATED ALWAYS AS ({EXPRESSION}) STORED",
    "CREATE INDEX search_entry_document ON search_searchentry USING gin (search_document)",
    f"DROP INDEX IF EXISTS {OLD_INDEX}",
    "ANALYZE search_searchentry",
]
BACKWARD = [
    f"CREATE INDEX {OLD_INDEX} ON search_searchentry USING gin ({EXPRESSION})",
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_document",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [migrations.RunPython(forward, backward)]
