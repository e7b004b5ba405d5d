"""The file's history lives in the audit trail; the access log protects its files.

``ClientChange`` rows were copied into ``AuditEvent`` by the audit app's data
migration, which runs first; the table then goes.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0004_client_ladder_step"),
        ("audit", "0002_copy_client_changes"),
        ("inbox", "0002_task_client"),
    ]

    operations = [
        migrations.AlterField(
            model_name="clientaccess",
            name="client",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="accesses",
                to="clients.client",
            ),
        ),
        migrations.DeleteModel(
            name="ClientChange",
        ),
    ]
