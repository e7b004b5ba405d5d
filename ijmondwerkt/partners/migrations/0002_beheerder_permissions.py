from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [
    ("functioneel beheerder", "partners", "add_partnersystem"),
    ("functioneel beheerder", "partners", "change_partnersystem"),
    ("functioneel beheerder", "partners", "view_partnersystem"),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, app_label, codename in GRANTS:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("accounts", "0002_municipalities_and_roles"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
