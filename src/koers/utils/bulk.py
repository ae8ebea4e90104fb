"""Fast bulk inserts for demo data and imports: PostgreSQL COPY with pre-allocated ids, bulk_create elsewhere.

Like ``bulk_create`` it skips ``save()`` and signals; unlike it, on PostgreSQL it streams rows with COPY, which loads
national-scale demo data (100,000+ dossiers) several times faster. Unlike ``bulk_create`` it also writes the first
history row ("+") of every record whose model keeps django-simple-history, so an edit later never loses the old value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connections, models, router
from django.db.models.fields.files import FieldFile

# Field types whose Python value psycopg adapts itself: no per-value Django conversion needed.
_RUW = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DateField,  # includes DateTimeField
    models.DecimalField,
    models.FloatField,
    models.ForeignKey,
)


def bulk_invoegen(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    batch_size: int = 2000,
    door=None,
    reden: str = "Aangemaakt bij bulkinvoer",
) -> list:
    """Insert ``objs`` (unsaved instances of ``model``), give each its primary key, and write its first history row."""
    objs = _invoegen(model, list(objs), batch_size=batch_size)
    historie = historie_model(model)
    if historie is not None and objs:
        _invoegen(historie, eerste_historie(historie, objs, door=door, reden=reden), batch_size=batch_size)
    return objs


def historie_model(model: type[models.Model]) -> type[models.Model] | None:
    """The django-simple-history model that records ``model``'s changes, or None when it keeps no history."""
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def eerste_historie(historie: type[models.Model], objs: Sequence[models.Model], *, door=None, reden: str) -> list:
    """Unsaved "+" history rows for freshly inserted ``objs`` (the same row ``save()`` would have written)."""
    from koers.utils.clock import nu

    moment = nu()
    velden = [veld.attname for veld in historie.tracked_fields]
    return [
        historie(
            history_date=moment,
            history_user=door,
            history_change_reason=reden,
            history_type="+",
            **{naam: _waarde(obj, naam) for naam in velden},
        )
        for obj in objs
    ]


def _waarde(obj: models.Model, naam: str):
    """A field's value as the history row stores it: a file by its name (history keeps files as text)."""
    waarde = getattr(obj, naam)
    return waarde.name if isinstance(waarde, FieldFile) else waarde


def _invoegen(model: type[models.Model], objs: list, *, batch_size: int) -> list:
    if not objs:
        return objs
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return model._default_manager.bulk_create(objs, batch_size=batch_size)
    opts = model._meta
    velden = list(opts.concrete_fields)
    zonder_pk = [obj for obj in objs if obj.pk is None]
    auto = [v for v in velden if getattr(v, "auto_now", False) or getattr(v, "auto_now_add", False)]
    omzetters = [_omzetter(veld, connection) for veld in velden]
    kolommen = ", ".join(connection.ops.quote_name(veld.column) for veld in velden)
    sql = f"COPY {connection.ops.quote_name(opts.db_table)} ({kolommen}) FROM STDIN"  # names from model meta
    with connection.cursor() as cursor:
        if zonder_pk:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [opts.db_table, opts.pk.column, len(zonder_pk)],
            )
            for obj, (nieuw_id,) in zip(zonder_pk, cursor.fetchall(), strict=True):
                obj.pk = nieuw_id
        with cursor.cursor.copy(sql) as copy:
            for obj in objs:
                for veld in auto:
                    veld.pre_save(obj, add=True)
                copy.write_row([omzet(obj) for omzet in omzetters])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
    return objs


def _omzetter(veld: models.Field, connection) -> Callable:
    attname = veld.attname
    if isinstance(veld, _RUW) and not isinstance(veld, models.FileField):
        return lambda obj: getattr(obj, attname)
    return lambda obj: veld.get_db_prep_save(getattr(obj, attname), connection)
