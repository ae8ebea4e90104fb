"""On PostgreSQL the database also refuses TRUNCATE of the access log (a row trigger does not fire on TRUNCATE).

Only a database superuser can still empty the table, deliberately, with ``SET session_replication_role = replica``
(triggers do not fire then); the application's own role cannot (see docs/operations.md).
"""

from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION koers_toegangslog_geen_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'toegangslog is alleen-toevoegen: % geweigerd', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER toegangslog_geen_truncate BEFORE TRUNCATE ON audit_toegangslog
  FOR EACH STATEMENT EXECUTE FUNCTION koers_toegangslog_geen_truncate();
"""
ZONDER = """
DROP TRIGGER IF EXISTS toegangslog_geen_truncate ON audit_toegangslog;
DROP FUNCTION IF EXISTS koers_toegangslog_geen_truncate();
"""


def maak(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ZONDER, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_toegangslog_alleen_toevoegen")]
    operations = [migrations.RunPython(maak, verwijder)]
