"""On PostgreSQL the database itself refuses UPDATE and DELETE on the access log, whatever the application does."""

from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION koers_toegangslog_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'toegangslog is alleen-toevoegen: % geweigerd', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER toegangslog_alleen_toevoegen BEFORE UPDATE OR DELETE ON audit_toegangslog
  FOR EACH ROW EXECUTE FUNCTION koers_toegangslog_alleen_toevoegen();
"""
ZONDER = """
DROP TRIGGER IF EXISTS toegangslog_alleen_toevoegen ON audit_toegangslog;
DROP FUNCTION IF EXISTS koers_toegangslog_alleen_toevoegen();
"""


def maak(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ZONDER, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(maak, verwijder)]
