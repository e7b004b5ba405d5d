from django.db import migrations

from ijmondwerkt.migration_helpers import grant

MUNICIPALITIES = [("0375", "Beverwijk"), ("0396", "Heemskerk"), ("0453", "Velsen")]

ROLES = [
    "klantmanager",
    "werkmakelaar",
    "manager",
    "functioneel beheerder",
    "privacy officer",
]

# (role, app_label, codename) granted here; later apps' migrations add their own.
PERMISSIONS = [
    ("functioneel beheerder", "accounts", "add_user"),
    ("functioneel beheerder", "accounts", "change_user"),
    ("functioneel beheerder", "accounts", "view_user"),
    ("functioneel beheerder", "accounts", "add_municipality"),
    ("functioneel beheerder", "accounts", "change_municipality"),
    ("functioneel beheerder", "accounts", "view_municipality"),
    ("functioneel beheerder", "auth", "view_group"),
    ("privacy officer", "accounts", "view_user"),
]


def forwards(apps, schema_editor):
    Municipality = apps.get_model("accounts", "Municipality")
    Group = apps.get_model("auth", "Group")
    for code, name in MUNICIPALITIES:
        Municipality.objects.update_or_create(cbs_code=code, defaults={"name": name})
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    grant(apps, PERMISSIONS)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()
    apps.get_model("accounts", "Municipality").objects.filter(
        cbs_code__in=[code for code, _ in MUNICIPALITIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
