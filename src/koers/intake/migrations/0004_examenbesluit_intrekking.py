"""A vrijstelling or ontheffing can be withdrawn (DUO's correction signal): who, when and why, kept with its history.
Only new nullable/blank fields and a check that holds for every existing row: reversible, no data changed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_tijdlijn_advies_neutraal"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalontheffing",
            name="ingetrokken_door",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ingetrokken door",
            ),
        ),
        migrations.AddField(
            model_name="historicalontheffing",
            name="ingetrokken_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op"),
        ),
        migrations.AddField(
            model_name="historicalontheffing",
            name="intrekkingsreden",
            field=models.CharField(blank=True, max_length=300, verbose_name="reden van intrekking"),
        ),
        migrations.AddField(
            model_name="historicalvrijstelling",
            name="ingetrokken_door",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ingetrokken door",
            ),
        ),
        migrations.AddField(
            model_name="historicalvrijstelling",
            name="ingetrokken_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op"),
        ),
        migrations.AddField(
            model_name="historicalvrijstelling",
            name="intrekkingsreden",
            field=models.CharField(blank=True, max_length=300, verbose_name="reden van intrekking"),
        ),
        migrations.AddField(
            model_name="ontheffing",
            name="ingetrokken_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ingetrokken door",
            ),
        ),
        migrations.AddField(
            model_name="ontheffing",
            name="ingetrokken_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op"),
        ),
        migrations.AddField(
            model_name="ontheffing",
            name="intrekkingsreden",
            field=models.CharField(blank=True, max_length=300, verbose_name="reden van intrekking"),
        ),
        migrations.AddField(
            model_name="vrijstelling",
            name="ingetrokken_door",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ingetrokken door",
            ),
        ),
        migrations.AddField(
            model_name="vrijstelling",
            name="ingetrokken_op",
            field=models.DateTimeField(blank=True, null=True, verbose_name="ingetrokken op"),
        ),
        migrations.AddField(
            model_name="vrijstelling",
            name="intrekkingsreden",
            field=models.CharField(blank=True, max_length=300, verbose_name="reden van intrekking"),
        ),
        migrations.AddConstraint(
            model_name="ontheffing",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ingetrokken_op__isnull", True), ("intrekkingsreden", "")),
                    models.Q(("ingetrokken_op__isnull", False), models.Q(("intrekkingsreden", ""), _negated=True)),
                    _connector="OR",
                ),
                name="ontheffing_intrekking_met_reden",
            ),
        ),
        migrations.AddConstraint(
            model_name="vrijstelling",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ingetrokken_op__isnull", True), ("intrekkingsreden", "")),
                    models.Q(("ingetrokken_op__isnull", False), models.Q(("intrekkingsreden", ""), _negated=True)),
                    _connector="OR",
                ),
                name="vrijstelling_intrekking_met_reden",
            ),
        ),
    ]
