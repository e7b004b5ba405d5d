from django.db import migrations

from ijmondwerkt.migration_helpers import grant

GRANTS = [
    ("functioneel beheerder", "partners", "add_partnersystem"),
    ("functioneel beheerder", "partners", "change_partnersystem"),
    ("functioneel beheerder", "partners", "view_partnersystem"),
]


def forwards(apps, schema_editor):
    grant(apps, GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("accounts", "0002_municipalities_and_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
