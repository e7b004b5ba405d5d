# The user manager gains the project's staff queries (no database change).

from django.db import migrations

import ijmondwerkt.accounts.models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_access_change"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", ijmondwerkt.accounts.models.UserManager()),
            ],
        ),
    ]
