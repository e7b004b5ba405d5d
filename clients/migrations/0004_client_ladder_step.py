"""The current participation-ladder step stored on the file, backfilled from its history."""

import django.core.validators
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    Client = apps.get_model("clients", "Client")
    LadderMeasurement = apps.get_model("clients", "LadderMeasurement")
    latest = LadderMeasurement.objects.filter(client=OuterRef("pk")).order_by(
        "-measured_on", "-pk"
    )
    Client.objects.update(ladder_step=Subquery(latest.values("step")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0003_text_limits_and_plausible_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="ladder_step",
            field=models.PositiveSmallIntegerField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="De trede van de laatste meting; bijgehouden bij elke meting.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(
                        1, "De trede op de participatieladder is 1 tot en met 6."
                    ),
                    django.core.validators.MaxValueValidator(
                        6, "De trede op de participatieladder is 1 tot en met 6."
                    ),
                ],
                verbose_name="trede participatieladder",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
