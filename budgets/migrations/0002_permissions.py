from django.db import migrations

from ijmondwerkt.migration_helpers import grant

# Managers and the functioneel beheerder of a municipality keep its budgets,
# realisations and benefit parameters; commitments are derived (read only).
EDITED = ["budget", "budgetline", "realisation", "benefitparameter"]
ROLES = ["manager", "functioneel beheerder"]

PERMISSIONS = (
    [
        (role, f"{action}_{model}")
        for role in ROLES
        for model in EDITED
        for action in ("add", "change", "view")
    ]
    + [(role, "view_commitment") for role in ROLES]
    + [(role, f"{action}_realisationimport") for role in ROLES for action in ("add", "view")]
)


def forwards(apps, schema_editor):
    grant(apps, [(role, "budgets", codename) for role, codename in PERMISSIONS])


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="budgets")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("budgets", "0001_initial"),
        ("accounts", "0002_municipalities_and_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
